using Microsoft.Playwright;

namespace Volunteer96345.E2E.Network;

/// <summary>Every page a person can reach, in both languages, with a screenshot of each to look at.</summary>
public sealed class PagesTourTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string, string, string> Pages => new()
    {
        { "/", "工作台", "Dashboard", "dashboard" },
        { "/network/stations", "服务站点", "Stations", "stations" },
        { "/network/compliance", "五有达标", "Five-has compliance", "compliance" },
        { "/network/funding", "专项经费", "Earmarked funding", "funding" },
        { "/audit", "操作审计", "Audit log", "audit" },
        { "/people/volunteers", "志愿者信息库", "Volunteer registry", "volunteers" },
        { "/people/party", "党组织", "Party organisations", "party" },
        { "/people/care-recipients", "弱势群体信息库", "Care recipients", "care-recipients" },
        { "/people/pairings", "结对帮扶", "Pairings", "pairings" },
        { "/people/teams", "专业队伍", "Teams", "teams" },
        { "/people/rosters", "值班表", "Duty rosters", "rosters" },
        { "/people/training", "培训", "Training", "training" },
        { "/people/alliance", "加盟商家", "Alliance merchants", "alliance" },
        { "/work-orders", "工单列表", "Orders", "orders" },
        { "/work-orders/console", "热线受理", "Hotline console", "console" },
        { "/work-orders/walk-in", "来访登记", "Walk-in registration", "walk-in" },
        { "/work-orders/board", "调度大屏", "Live board", "board" },
        { "/work-orders/catalogue", "服务目录", "Service catalogue", "catalogue" },
        { "/work-orders/callbacks", "电话回访", "Call-backs", "callbacks" },
        { "/work-orders/reports", "时效报表", "SLA reports", "reports" },
        { "/inbox", "站内消息", "Inbox", "inbox" },
        { "/admin/outbox", "消息投递", "Message delivery", "outbox" },
        { "/admin/accounts", "账号管理", "Accounts", "accounts" },
        { "/points/privileges", "志愿者礼遇", "Volunteer privileges", "privileges" },
        { "/evaluation", "综合评价", "Composite evaluation", "standings" },
        { "/evaluation/spot-checks", "定期抽查", "Spot checks", "spot-checks" },
        { "/evaluation/rectifications", "整改督办", "Rectifications", "rectifications" },
        { "/evaluation/settings", "考评设置", "Evaluation settings", "evaluation-settings" },
        { "/evaluation/pioneer", "党员先锋指数", "Pioneer Index", "pioneer" },
        { "/evaluation/pioneer/scheme", "先锋指数方案", "Pioneer Index scheme", "pioneer-scheme" },
        { "/evaluation/suggestions", "意见建议", "Suggestions", "suggestions" },
    };

    /// <summary>The phone pages, static and small: who may open them, and their heading in each language.</summary>
    public static TheoryData<string, string?, string, string, string> PhonePages => new()
    {
        { "/m", null, "服务站点查询", "Find a service station", "m-directory" },
        { "/m/help", null, "我要求助", "Ask for help", "m-help" },
        { "/m/track", null, "查询进度", "Track my request", "m-track" },
        { "/m/volunteer/apply", null, "我要当志愿者", "Become a volunteer", "m-apply" },
        { "/m/orders", "volunteer", "我的工单", "My orders", "m-orders" },
        { "/m/me", "volunteer", "我的志愿者档案", "My volunteer record", "m-me" },
        { "/m/inbox", "volunteer", "站内消息", "Inbox", "m-inbox" },
        { "/m/pioneer", "volunteer", "我的先锋指数", "My Pioneer Index", "m-pioneer" },
        { "/m/pioneer/branch", "secretary", "支部评议", "Branch review", "m-pioneer-branch" },
        { "/m/account", "volunteer", "我的账号", "My account", "m-account" },
        { "/m/suggest", null, "意见建议", "Suggestions", "m-suggest" },
        { "/m/suggestions", null, "意见建议答复", "Answered suggestions", "m-suggestions" },
        { "/m/activate", null, "激活账号 / 重设密码", "Activate account / reset password", "m-activate" },
        { "/m/forgot", null, "忘记密码", "Forgot password", "m-forgot" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_back_office_page_renders_complete_in_chinese_and_in_english(string path, string zh, string en, string name)
    {
        var page = await app.NewPageAs("admin");

        foreach (var (culture, heading) in new[] { ("zh-CN", zh), ("en", en) })
        {
            await page.GotoAsync($"{app.BaseUrl}/culture/set?culture={culture}&redirectUri={Uri.EscapeDataString(path)}");
            await page.WaitInteractive();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            global::Volunteer96345.E2E.Pages.AssertNoResourceKeys(await page.Locator("body").InnerTextAsync());
            await page.Shot($"tour-{name}-{culture}");
        }
    }

    [Fact]
    public async Task The_schematic_map_places_every_listed_station()
    {
        var page = await app.NewPageAs("admin");
        await page.GotoAsync(app.BaseUrl + "/network/stations");
        await page.WaitInteractive();

        await page.GetByRole(AriaRole.Tab, new() { Name = "分布示意图" }).ClickAsync();

        var count = await page.Locator("[data-testid=station-count]").InnerTextAsync();
        await Assertions.Expect(page.Locator("[data-testid=station-map] circle")).ToHaveCountAsync(int.Parse(new string(count.Where(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture));
        await page.Shot("tour-map-zh-CN");
    }

    [Fact]
    public async Task The_phone_directory_is_usable_on_a_small_screen_in_wechat_sized_viewport()
    {
        var context = await app.NewContext(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47",
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/m");
        await page.SelectOptionAsync("#village", "城郊村");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("article h2").First).ToContainTextAsync("城郊村");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await page.Shot("tour-mobile-directory-zh-CN");
    }

    [Theory]
    [MemberData(nameof(PhonePages))]
    public async Task A_phone_page_renders_complete_in_chinese_and_in_english_without_scrolling_sideways(string path, string? user, string zh, string en, string name)
    {
        var page = user is null ? await app.NewPage(phone: true) : await app.NewPageAs(user, phone: true);

        foreach (var (culture, heading) in new[] { ("zh-CN", zh), ("en", en) })
        {
            await page.GotoAsync($"{app.BaseUrl}/culture/set?culture={culture}&redirectUri={Uri.EscapeDataString(path)}");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            global::Volunteer96345.E2E.Pages.AssertNoResourceKeys(await page.Locator("body").InnerTextAsync());
            Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), $"{path} scrolls sideways on a phone");
            await page.Shot($"tour-{name}-{culture}");
        }
    }
}
