using Microsoft.Playwright;

namespace Volunteer96345.E2E.Common;

/// <summary>The key pages under the app's Content-Security-Policy, and the error pages a person meets.</summary>
public sealed class SecurityJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static async Task<List<string>> Watch(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        return errors;
    }

    [Fact]
    public async Task The_back_office_works_under_the_content_security_policy_with_no_console_errors()
    {
        var page = await app.NewPage();
        var errors = await Watch(page);
        await page.SignIn(app, "dispatcher");
        foreach (var path in new[] { "/", "/work-orders/console", "/work-orders", "/work-orders/board" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await page.WaitInteractive();
        }

        // An interactive step through the circuit: the order list's search answers.
        await page.GotoAsync(app.BaseUrl + "/work-orders");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("table").First).ToBeVisibleAsync();
        await page.Shot("sec-back-office-under-csp");

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task The_phone_pages_work_under_the_content_security_policy_with_no_console_errors()
    {
        var page = await app.NewPage(phone: true);
        var errors = await Watch(page);
        foreach (var path in new[] { "/m", "/m/help", "/m/track", "/activities/notices" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }

        await page.SignIn(app, "volunteer");
        foreach (var path in new[] { "/m/me", "/m/orders" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }

        await page.Shot("sec-phone-under-csp");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task A_resident_on_a_wrong_address_gets_a_page_in_their_language_with_the_hotline()
    {
        var page = await app.NewPage(phone: true);
        var response = await page.GotoAsync(app.BaseUrl + "/m/no-such-page");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("没有找到这个页面");
        await Assertions.Expect(page.Locator("a[href='tel:96345']")).ToBeVisibleAsync();
        await page.Shot("sec-404-phone-zh");

        // 长辈模式: the large-text switch of the phone pages applies to the error page too.
        await page.GotoAsync(app.BaseUrl + "/text-size/set?large=true&redirectUri=" + Uri.EscapeDataString("/m/no-such-page"));
        await Assertions.Expect(page.Locator("body.m-large")).ToBeVisibleAsync();
        await page.Shot("sec-404-phone-large");

        await page.GotoAsync(app.BaseUrl + "/culture/set?culture=en&redirectUri=" + Uri.EscapeDataString("/m/no-such-page"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This page was not found");
        await page.Shot("sec-404-phone-en");

        var desk = await app.NewPage();
        await desk.GotoAsync(app.BaseUrl + "/no-such-page");
        await Assertions.Expect(desk.Locator("h1")).ToHaveTextAsync("没有找到这个页面");
        await desk.Shot("sec-404-back-office");
    }
}
