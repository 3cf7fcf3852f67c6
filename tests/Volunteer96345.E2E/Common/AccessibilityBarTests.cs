using Microsoft.Playwright;

namespace Volunteer96345.E2E.Common;

/// <summary>
/// Issue 15's accessibility bar: axe-core in Chromium finds no serious or critical violation on the pages each user
/// lives on — the login page, each staff role's home, the console, the board, the counter, and the resident's and the
/// volunteer's phone pages (in 长辈模式 too). The order page and the feedback page are checked in the journeys that reach
/// them (EverydayUseJourneyTests, LoopJourneyTests).
/// </summary>
public sealed class AccessibilityBarTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string?, string, bool, bool> Pages => new()
    {
        { null, "/account/login", false, false },
        { "admin", "/", false, false },
        { "dispatcher", "/", false, false },
        { "inspector", "/", false, false },
        { "manager.chengjiao", "/", false, false },
        { "dispatcher", "/work-orders/console", false, false },
        { "dispatcher", "/work-orders/board?wall=1", false, false },
        { "manager.chengjiao", "/points/counter", false, false },
        { "admin", "/points/privileges", false, false },
        { "admin", "/audit", false, false },
        { null, "/m", true, false },
        { null, "/m/help", true, false },
        { null, "/m/help", true, true },
        { null, "/m/help?category=LifeAssistance", true, false },
        { null, "/m/help?category=LifeAssistance&item=LA-001", true, true },
        { "volunteer", "/m/orders", true, false },
        { "volunteer", "/m/points", true, false },
        { "volunteer", "/m/mall", true, true },
        { "volunteer", "/m/me", true, false },
        { "volunteer", "/m/pioneer", true, false },
        { "secretary", "/m/pioneer/branch", true, false },
        { "admin", "/evaluation/pioneer", false, false },
        { "admin", "/evaluation/pioneer/scheme", false, false },
        { "admin", "/evaluation/suggestions", false, false },
        { null, "/m/suggest", true, true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violation(string? user, string path, bool phone, bool largeText)
    {
        var page = user is null ? await app.NewPage(phone: phone) : await app.NewPageAs(user, phone: phone);
        if (largeText)
        {
            await page.GotoAsync($"{app.BaseUrl}/text-size/set?large=true&redirectUri={Uri.EscapeDataString(path)}");
        }
        else
        {
            await page.GotoAsync(app.BaseUrl + path);
        }

        if (!phone && user is not null)
        {
            await page.WaitInteractive();
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.AssertAccessible();
    }
}
