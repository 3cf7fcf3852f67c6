using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.E2E.WorkOrders;

/// <summary>The demo with phased alerts wide enough that every available volunteer is in the first round.</summary>
public sealed class WideAlertFixture : BrowserFixture
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Dispatch:PhaseSize", "500");
}

/// <summary>
/// The 96345 loop end to end, a screenshot per step: a call at the operator console → phased alert → the volunteer
/// accepts on the phone page → sets off → arrives → resolves → the resident gives feedback through the link sent to
/// them → the order closes → it appears in the board's history.
/// </summary>
public sealed class LoopJourneyTests(WideAlertFixture app) : IClassFixture<WideAlertFixture>
{
    [Fact]
    public async Task A_call_goes_from_the_console_to_the_volunteers_phone_to_the_residents_feedback_and_closes()
    {
        var village = await DemoVolunteersVillage();
        var desk = await app.NewPage();
        await desk.SignIn(app, "dispatcher");
        await desk.GotoAsync(app.BaseUrl + "/work-orders/console");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("#intake-phone")).ToBeFocusedAsync();
        await desk.Keyboard.TypeAsync("13905738801");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.TypeAsync("dsdjkd");
        await Assertions.Expect(desk.Locator("#intake-items li").First).ToContainTextAsync("代收代寄快递");
        await desk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(desk.Locator("#intake-description")).ToBeFocusedAsync();
        await desk.Keyboard.TypeAsync("腿脚不便，请帮忙到驿站取一个快递包裹");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.TypeAsync(village + "5组17号");
        await desk.Shot("loop-01-console");
        await desk.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(desk.Locator("[data-testid=receipt]")).ToContainTextAsync("已受理");
        await desk.Shot("loop-02-receipt");

        await desk.Locator("[data-testid=receipt-link]").ClickAsync();
        await desk.WaitForURLAsync("**/work-orders/*");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("[data-testid=ranking]")).ToContainTextAsync("待响应");
        await desk.Shot("loop-03-phased-alert");
        var code = (await desk.Locator("h1").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var detail = desk.Url;
        // An offer on the phone shows no tracking code (it comes with accepting): the card is named by the order's id.
        var id = new Uri(detail).Segments[^1];

        var phone = await app.NewPage(phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/orders");
        var actions = phone.Locator($"[data-testid=actions-{id}]");
        await Assertions.Expect(actions.Locator("[data-testid=accept]")).ToBeVisibleAsync();
        await phone.Shot("loop-04-offer-on-phone");
        await actions.Locator("[data-testid=accept]").ClickAsync();
        await Assertions.Expect(actions.Locator("[data-testid=en-route]")).ToBeVisibleAsync();
        await phone.Shot("loop-05-accepted");
        await actions.Locator("[data-testid=en-route]").ClickAsync();
        await Assertions.Expect(actions.Locator("[data-testid=arrive]")).ToBeVisibleAsync();
        await actions.Locator("[data-testid=arrive]").ClickAsync();
        await Assertions.Expect(actions.Locator("[data-testid=resolve]")).ToBeVisibleAsync();
        await phone.Shot("loop-06-arrived");
        await actions.Locator("textarea").FillAsync("已从菜鸟驿站取回包裹并送到老人家中，当面签收");
        await actions.Locator("[data-testid=resolve]").ClickAsync();
        await Assertions.Expect(phone.Locator($"[data-testid=actions-{id}] [data-testid=resolve]")).ToHaveCountAsync(0);
        await phone.Shot("loop-07-resolved");

        var link = await FeedbackLink(code);
        var resident = await app.NewPage(phone: true);
        await resident.GotoAsync(link);
        await resident.Locator("input[name='Form.Satisfaction'][value='5']").CheckAsync();
        await Assertions.Expect(resident.Locator("[data-field=satisfaction]")).ToContainTextAsync("非常满意");
        await resident.Locator("input[name='Form.Attitude'][value='Good']").CheckAsync();
        await resident.Locator("input[name='Form.Outcome'][value='Solved']").CheckAsync();
        await resident.FillAsync("#comment", "小伙子很热心，谢谢！");
        await resident.Shot("loop-08-feedback-form");
        await resident.AssertAccessible();
        await resident.Locator("[data-testid=submit]").ClickAsync();
        await Assertions.Expect(resident.Locator("[data-testid=feedback-done]")).ToBeVisibleAsync();
        await resident.Shot("loop-09-feedback-done");

        await desk.GotoAsync(app.BaseUrl + "/work-orders/board");
        await desk.WaitInteractive();
        var done = desk.Locator("[data-testid=board-done]");
        await Assertions.Expect(done).ToContainTextAsync(code);
        await desk.Shot("loop-10-board-history");

        await desk.GotoAsync(detail);
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("h1")).ToContainTextAsync("已关闭");
        await Assertions.Expect(desk.Locator("[data-testid=history]")).ToContainTextAsync("群众评价");
        await Assertions.Expect(desk.Locator("[data-testid=history]")).ToContainTextAsync("满意度 5/5");
        await Assertions.Expect(desk.Locator("[data-testid=history]")).Not.ToContainTextAsync("Good Solved");
        await desk.Shot("loop-11-closed-order");

        // The volunteer finds it again from the bottom tabs: 任务 → 已完成, with the resident's stars and the points it paid.
        await phone.GotoAsync(app.BaseUrl + "/m/me");
        await phone.Locator("[data-testid=m-tabs] a", new PageLocatorOptions { HasText = "任务" }).ClickAsync();
        await phone.WaitForURLAsync("**/m/orders");
        var finished = phone.Locator($"[data-testid=done-{code}]");
        await Assertions.Expect(finished).ToContainTextAsync("★★★★★");
        await Assertions.Expect(finished).ToContainTextAsync("积分");
        await Assertions.Expect(finished).ToContainTextAsync("小伙子很热心");
        await finished.ScrollIntoViewIfNeededAsync();
        await phone.Shot("loop-12-phone-history");
    }

    /// <summary>The call comes from the demo volunteer's own village, so that they rank among the first candidates.</summary>
    private async Task<string> DemoVolunteersVillage()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var volunteerId = await db.Users.Where(u => u.UserName == "volunteer").Select(u => u.VolunteerId).SingleAsync();
        var stationId = await db.Volunteers.Where(v => v.Id == volunteerId).Select(v => v.StationId).SingleAsync();
        return await db.Stations.Where(s => s.Id == stationId).Select(s => s.Village).SingleAsync();
    }

    /// <summary>The resident's link, as the SMS gateway would deliver it: the outbox row written when the order was resolved.</summary>
    private async Task<string> FeedbackLink(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var link = await db.Outbox.Where(m => m.Channel == NotificationChannel.Sms && m.Link != null && m.Link.Contains("/m/feedback/" + code))
            .Select(m => m.Link!).SingleAsync();
        return app.BaseUrl + link[link.IndexOf("/m/feedback/", StringComparison.Ordinal)..];
    }
}
