using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.E2E.WorkOrders;

public sealed class ConsoleJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_dispatcher_records_a_call_from_the_keyboard_and_follows_it_on_the_detail_page_and_the_board()
    {
        await PlumberOnDutyNow();
        var page = await app.NewPage();
        await page.SignIn(app, "dispatcher");
        await page.GotoAsync(app.BaseUrl + "/work-orders/console");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("#intake-phone")).ToBeFocusedAsync();
        await page.Shot("w01-console-empty");

        await page.Keyboard.TypeAsync("13905739001");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=no-past-orders]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#intake-item")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("sdwx");
        await Assertions.Expect(page.Locator("#intake-items li").First).ToContainTextAsync("水电维修");
        await page.Shot("w02-console-item-search");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#q-fault")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#intake-description")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("厨房水管爆裂，水漫到客厅");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("城郊村5组17号");
        await page.Shot("w03-console-filled");
        await page.Keyboard.PressAsync("Control+Enter");

        var receipt = page.Locator("[data-testid=receipt]");
        await Assertions.Expect(receipt).ToContainTextAsync("已受理");
        await Assertions.Expect(receipt).ToContainTextAsync("城郊村");
        await Assertions.Expect(page.Locator("#intake-phone")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#intake-phone")).ToHaveValueAsync("");
        await page.Shot("w04-console-receipt");

        await page.Locator("[data-testid=receipt-link]").ClickAsync();
        await page.WaitForURLAsync("**/work-orders/*");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=ranking] tbody tr").First).ToContainTextAsync("分钟到达");
        await Assertions.Expect(page.Locator("[data-testid=milestones]")).ToContainTextAsync("进行中");
        await Assertions.Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("受理");
        await page.Shot("w05-order-detail");
        var code = (await page.Locator("h1").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

        await page.GotoAsync(app.BaseUrl + "/work-orders/board");
        await page.WaitInteractive();
        var card = page.Locator($"[data-testid=board-order-{code}]");
        await Assertions.Expect(card.Locator("[data-testid=countdown]")).ToContainTextAsync("剩余");
        var first = await card.Locator("[data-testid=countdown]").InnerTextAsync();
        await Assertions.Expect(card.Locator("[data-testid=countdown]")).Not.ToHaveTextAsync(first);
        await page.Shot("w06-board");

        await page.GotoAsync(app.BaseUrl + "/work-orders");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=order-table]")).ToContainTextAsync(code);
        await page.Shot("w07-order-list");

        await page.GotoAsync(app.BaseUrl + "/work-orders/reports");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=report-stations]")).ToContainTextAsync("城郊村");
        await page.Shot("w08-reports");

        var english = await app.NewPage("en");
        await english.SignIn(app, "dispatcher");
        await english.GotoAsync(app.BaseUrl + "/culture/set?culture=en&redirectUri=/work-orders/board");
        await english.WaitInteractive();
        await Assertions.Expect(english.Locator($"[data-testid=board-order-{code}] [data-testid=countdown]")).ToContainTextAsync("left");
        await english.Shot("w09-board-en");
        await english.Locator($"[data-testid=board-order-{code}] a").First.ClickAsync();
        await english.WaitForURLAsync("**/work-orders/*");
        await english.WaitInteractive();
        await Assertions.Expect(english.Locator("[data-testid=ranking] tbody tr").First).ToContainTextAsync("min away");
        await english.Shot("w10-order-detail-en");
    }

    [Fact]
    public async Task The_board_has_no_serious_or_critical_accessibility_findings()
    {
        var page = await app.NewPage();
        await page.SignIn(app, "dispatcher");
        await page.GotoAsync(app.BaseUrl + "/work-orders/board");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=board-refreshed]")).ToBeVisibleAsync();

        await page.AssertAccessible();
    }

    /// <summary>
    /// Browser tests run on the real clock, and the demo's volunteers are available in the daytime only (their weekly
    /// slots end by 21:00), so in the evening and at night only the duty roster answers. So that the ranking has someone
    /// to show at any hour, the volunteer nearest 城郊村 with the skills 水电维修 needs is put on duty now for two hours, as a station
    /// manager adds a shift.
    /// </summary>
    private async Task PlumberOnDutyNow()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var skills = await db.ServiceItems.Where(i => i.Name == "水电维修").Select(i => i.RequiredSkillIds).SingleAsync();
        var stations = await db.Stations.Select(s => new { s.Id, s.Latitude, s.Longitude, s.Name }).ToListAsync();
        var chengjiao = stations.First(s => s.Name.StartsWith("城郊村", StringComparison.Ordinal));
        var volunteers = await db.Volunteers.Where(v => v.Status == VolunteerStatus.Active).ToListAsync();
        var plumber = volunteers.Where(v => skills.All(skill => v.Skills.Any(k => k.SkillId == skill)))
            .MinBy(v => stations.Where(s => s.Id == v.StationId)
                .Select(s => Math.Abs(s.Latitude - chengjiao.Latitude) + Math.Abs(s.Longitude - chengjiao.Longitude)).First())!;
        var utcNow = TimeProvider.System.GetUtcNow().UtcDateTime;
        var local = Shanghai.ToLocal(utcNow);
        var start = new TimeOnly(local.Hour, 0);
        db.DutyShifts.Add(DutyShift.Plan(plumber.StationId, DateOnly.FromDateTime(local), start, start.AddHours(2), plumber.Id, utcNow));
        await db.SaveChangesAsync();
    }
}
