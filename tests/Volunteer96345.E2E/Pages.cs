using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Volunteer96345.E2E;

/// <summary>Steps a person takes, shared by the journeys.</summary>
internal static class Pages
{
    public static async Task SignIn(this IPage page, BrowserFixture app, string userName, string password = "Yanguan96345")
    {
        await page.GotoAsync(app.BaseUrl + "/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        // Signing in hashes the password and loads the first page; on a loaded two-core CI machine that once took over 20 s.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 60_000 });
    }

    /// <summary>axe-core in this page finds no serious or critical violation (the message lists the first nodes of each).</summary>
    public static async Task AssertAccessible(this IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(blocking.Count == 0, page.Url + Environment.NewLine + string.Join(Environment.NewLine, blocking));
    }

    /// <summary>Blazor renders a marker only once the circuit is live; clicks before that would be lost.</summary>
    public static Task WaitInteractive(this IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static Task Shot(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });

    /// <summary>Picks an option of the AntDesign select inside the form field named <paramref name="field"/>.</summary>
    public static async Task Choose(this IPage page, string field, string option)
    {
        if (await page.HoldsSearchSelect(field))
        {
            await page.Pick(field, option);
            return;
        }

        // A select may be disabled until the choice before it has re-rendered the form.
        var select = page.Locator($"[data-field='{field}'] .ant-select");
        await Assertions.Expect(select).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-select-disabled"));
        await page.OpenOptions(field);
        await page.Locator(".ant-select-dropdown:visible .ant-select-item-option").Filter(new LocatorFilterOptions { HasText = option }).First.ClickAsync();
    }

    /// <summary>
    /// Opens the list of the AntDesign select in the form field named <paramref name="field"/> and answers its options. A
    /// click that lands while the dialog around it is still opening is lost on a loaded machine: then it is tried again,
    /// up to three times.
    /// </summary>
    public static async Task<ILocator> OpenOptions(this IPage page, string field)
    {
        var selector = page.Locator($"[data-field='{field}'] .ant-select .ant-select-selector");
        var options = page.Locator(".ant-select-dropdown:visible .ant-select-item-option");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await selector.ClickAsync();
                await options.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 7_000 });
                return options;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    /// <summary>Whether the form field holds the app's own searchable list, once the field is there (a dialog may still be opening).</summary>
    private static async Task<bool> HoldsSearchSelect(this IPage page, string field)
    {
        await page.Locator($"[data-field='{field}'] input, [data-field='{field}'] .ant-select").First.WaitForAsync();
        return await page.Locator($"[data-field='{field}'] .search-select").CountAsync() > 0;
    }

    /// <summary>
    /// Types <paramref name="text"/> into the app's own searchable list (<c>SearchSelect</c>) in the form field named
    /// <paramref name="field"/> and picks the first option that contains it.
    /// </summary>
    public static async Task Pick(this IPage page, string field, string text)
    {
        var input = page.Locator($"[data-field='{field}'] .search-select input");
        await input.ClickAsync();
        await input.FillAsync(text);
        var option = page.Locator($"[data-field='{field}'] .search-select li").Filter(new LocatorFilterOptions { HasText = text }).First;
        await option.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await option.DispatchEventAsync("mousedown");
        await Assertions.Expect(page.Locator($"[data-field='{field}'] .search-select li")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Types <paramref name="text"/> into the search box of the select in the form field named <paramref name="field"/>
    /// and picks the first option that contains it. The select opens and filters through the circuit; on a loaded
    /// machine the text can land before the search box has focus, so the whole step is tried again, up to three times.
    /// </summary>
    public static async Task Search(this IPage page, string field, string text)
    {
        if (await page.HoldsSearchSelect(field))
        {
            await page.Pick(field, text);
            return;
        }

        var select = page.Locator($"[data-field='{field}'] .ant-select");
        var option = page.Locator(".ant-select-dropdown:visible .ant-select-item-option").Filter(new LocatorFilterOptions { HasText = text }).First;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await select.Locator(".ant-select-selector").ClickAsync();
                // The search box is read-only until the list is open.
                await page.Locator(".ant-select-dropdown:visible").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
                await page.Keyboard.InsertTextAsync(text); // one input event: letters typed one by one can be lost to a re-render
                await option.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
                await option.ClickAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    /// <summary>
    /// Chooses <paramref name="file"/> in a file field and waits until the page names it in <paramref name="picked"/>. The
    /// field listens only once the circuit has rendered it; a file chosen a moment before is lost on a loaded machine, so
    /// it is chosen again, up to three times.
    /// </summary>
    public static async Task PickFile(this ILocator input, FilePayload file, ILocator picked)
    {
        for (var attempt = 1; ; attempt++)
        {
            await input.SetInputFilesAsync(file);
            try
            {
                await Assertions.Expect(picked).ToContainTextAsync(file.Name, new() { Timeout = 7_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    private static readonly Lazy<string[]> ResourceKeys = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Volunteer96345.slnx")))
        {
            dir = dir.Parent;
        }

        var resx = System.Xml.Linq.XDocument.Load(Path.Combine(dir!.FullName, "src/Volunteer96345/Common/Localization/SharedResource.resx"));
        return [.. resx.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).Where(k => k.Contains('.', StringComparison.Ordinal))];
    });

    /// <summary>A resource missing in the page's language shows its key, such as "Nav.Board": none may show.</summary>
    public static void AssertNoResourceKeys(string text)
    {
        var shown = ResourceKeys.Value.Where(k => text.Contains(k, StringComparison.Ordinal)).ToList();
        Assert.True(shown.Count == 0, "resource keys shown as text: " + string.Join(", ", shown));
    }
}
