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
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_back_office_page_renders_complete_in_chinese_and_in_english(string path, string zh, string en, string name)
    {
        var page = await app.NewPage();
        await page.SignIn(app, "admin");

        foreach (var (culture, heading) in new[] { ("zh-CN", zh), ("en", en) })
        {
            await page.GotoAsync($"{app.BaseUrl}/culture/set?culture={culture}&redirectUri={Uri.EscapeDataString(path)}");
            await page.WaitInteractive();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var text = await page.Locator("body").InnerTextAsync();
            // A missing resource shows its key, such as "Field.name" or "Station.New".
            Assert.DoesNotMatch(@"\b(Field|Station|Nav|Common|Funding|Audit|Compliance|Inspection|Home|FiveHas|Volunteer|Party|Gender|Day|SkillLevel|PoliticalStatus|VolunteerStatus|Care|CareCategory|CarePriority|DisabilityType|Pairing|VisitKind)\.[A-Z a-z]", text);
            Assert.DoesNotMatch(@"\b(Field|Station|Nav|Common|Funding|Audit|Compliance|Inspection|Home|FiveHas|Volunteer|Party|Gender|Day|SkillLevel|PoliticalStatus|VolunteerStatus|Team|TeamKind|Roster|Training|TrainingKind)\.[A-Z a-z]", text);
            Assert.DoesNotMatch(@"\b(Field|Station|Nav|Common|Funding|Audit|Compliance|Inspection|Home|FiveHas|Volunteer|Party|Gender|Day|SkillLevel|PoliticalStatus|VolunteerStatus|Team|TeamKind|Roster|Alliance|AllianceStatus)\.[A-Z a-z]", text);
            await page.Shot($"tour-{name}-{culture}");
        }
    }

    [Fact]
    public async Task The_schematic_map_places_every_listed_station()
    {
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
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
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
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
}
