using Microsoft.Playwright;
using Volunteer96345.Accounts.TwoFactor;

namespace Volunteer96345.E2E.Accounts;

/// <summary>The sign-in and account pages, which render statically: both languages, no missing text, no serious accessibility finding.</summary>
public sealed class AccountPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string?, string, string, string> StaticPages => new()
    {
        { "/account/login", null, "盐官镇96345党员志愿服务平台", "Yanguan 96345 Party-Member Volunteer Service", "login" },
        { "/account/security", "admin", "账号安全", "Account security", "security" },
        { "/account/two-factor", "admin", "两步验证", "Two-step sign-in", "two-factor" },
        { "/m/activate", null, "激活账号 / 重设密码", "Activate account / reset password", "m-activate" },
    };

    [Theory]
    [MemberData(nameof(StaticPages))]
    public async Task An_account_page_renders_in_both_languages_with_no_serious_accessibility_finding(string path, string? user, string zh, string en, string name)
    {
        var page = await app.NewPage(phone: path.StartsWith("/m", StringComparison.Ordinal));
        if (user is not null)
        {
            await page.SignIn(app, user);
        }

        foreach (var (culture, heading) in new[] { ("zh-CN", zh), ("en", en) })
        {
            await page.GotoAsync($"{app.BaseUrl}/culture/set?culture={culture}&redirectUri={Uri.EscapeDataString(path)}");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            global::Volunteer96345.E2E.Pages.AssertNoResourceKeys(await page.Locator("body").InnerTextAsync());
            await page.Shot($"acc-page-{name}-{culture}");
            await page.AssertAccessible();
        }
    }

    [Fact]
    public async Task A_staff_member_turns_on_two_step_sign_in_from_the_page_and_then_signs_in_with_a_code()
    {
        var page = await app.NewPage();
        await page.SignIn(app, "inspector");
        await page.GotoAsync(app.BaseUrl + "/account/security");
        await page.ClickAsync("[data-testid=enrol-link]");
        await page.ClickAsync("[data-testid=begin]");
        await Assertions.Expect(page.Locator("[data-testid=totp-qr]")).ToBeVisibleAsync();
        await page.Shot("acc-20-enrol-qr");
        var secret = await page.Locator("[data-testid=totp-secret]").InnerTextAsync();
        var enrolStep = Totp.StepAt(TimeProvider.System.GetUtcNow());
        await page.FillAsync("#code", Code(secret, enrolStep));
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Shot("acc-20b-after-confirm");
        await Assertions.Expect(page.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);
        await page.Shot("acc-21-recovery-codes");

        var next = await app.NewPage();
        await next.GotoAsync(app.BaseUrl + "/account/login");
        await next.FillAsync("#userName", "inspector");
        await next.FillAsync("#password", "Yanguan96345");
        await next.ClickAsync("button[type=submit]");
        await Assertions.Expect(next.Locator("#code")).ToBeVisibleAsync();
        await next.Shot("acc-22-second-step");
        // The code of the step after the enrolment's (the one used to enrol may not be used twice), typed at once: the app
        // accepts a code one step early or late (Totp.Tolerance), as a phone whose clock runs ahead would show it.
        await next.FillAsync("#code", Code(secret, enrolStep + 1));
        await next.ClickAsync("button[type=submit]");
        await next.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await Assertions.Expect(next.Locator("[data-testid=current-user]")).ToContainTextAsync("陈志强");
    }

    private static string Code(string base32, long step) => Totp.Code(FromBase32(base32), step);

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Trim())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
