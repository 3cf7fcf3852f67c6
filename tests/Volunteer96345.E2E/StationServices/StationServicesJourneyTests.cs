using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.E2E.StationServices;

/// <summary>
/// 红色代办 from receipt to the resident's signature on the staff member's phone, and an outpost's stored item from
/// deposit to pick-up by code, a screenshot per step.
/// </summary>
public sealed class StationServicesJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_errand_goes_from_receipt_through_the_office_to_the_residents_signature()
    {
        var desk = await app.NewPage();
        var console = new List<string>();
        desk.Console += (_, m) => console.Add(m.Type + ": " + m.Text);
        desk.PageError += (_, e) => console.Add("pageerror: " + e);
        await desk.SignIn(app, "manager.chengjiao");
        await desk.GotoAsync(app.BaseUrl + "/station-services/errands");
        await desk.WaitInteractive();
        await desk.Locator("#new-errand").ClickAsync();
        await desk.Choose("errandTypeId", "高龄津贴申领");
        await desk.FillAsync("#errand-resident", "陈阿婆");
        await desk.FillAsync("#errand-phone", "13905730001");
        await Assertions.Expect(desk.Locator("[data-testid=checklist]")).ToContainTextAsync("一寸照片");
        await desk.Shot("errands-01-receive");
        await desk.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await desk.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/station-services/errands/[0-9a-f-]{36}$"));
        await Assertions.Expect(desk.Locator("[data-testid=errand-status]")).ToContainTextAsync("已收件");
        var id = desk.Url[^36..];
        await desk.Shot("errands-02-received");

        var receipt = await app.NewPage();
        await receipt.SignIn(app, "manager.chengjiao");
        await receipt.GotoAsync(app.BaseUrl + $"/station-services/errands/{id}/receipt");
        await Assertions.Expect(receipt.Locator("[data-testid=receipt-documents]")).ToContainTextAsync("身份证");
        var statusUrl = await receipt.Locator("[data-testid=receipt-qr]").GetAttributeAsync("data-url");
        await receipt.Shot("errands-03-receipt");

        await desk.FillAsync("#office-handler", "王科员");
        await desk.Locator("#office-handler").PressAsync("Tab");
        await desk.Locator("#submit-errand").ClickAsync();
        await desk.WaitForTimeoutAsync(3000);
        await desk.Shot("errands-04a-submitting");
        File.WriteAllLines(Path.Combine(BrowserFixture.ScreenshotDir, "errands-console.txt"), console);
        await Assertions.Expect(desk.Locator("[data-testid=errand-status]")).ToContainTextAsync("已报送部门");
        await Assertions.Expect(desk.Locator("[data-testid=documents]")).ToContainTextAsync("在部门");
        await desk.Shot("errands-04-submitted");

        var resident = await app.NewPage(phone: true);
        await resident.GotoAsync(statusUrl!);
        await Assertions.Expect(resident.Locator("[data-testid=public-state]")).ToHaveTextAsync("已报送部门");
        await resident.Shot("errands-05-public-status");

        await desk.Choose("answer", "部门已批准");
        await desk.Locator("#record-answer").ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=errand-status]")).ToContainTextAsync("部门已批准");
        await desk.Locator("#collect-documents").ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=documents]")).ToContainTextAsync("在服务点");
        await desk.Shot("errands-06-answered-collected");

        var tablet = await app.NewPage(phone: true);
        await tablet.SignIn(app, "manager.chengjiao");
        await tablet.GotoAsync(app.BaseUrl + $"/m/errands/{id}/sign");
        var pad = tablet.Locator("[data-testid=signature-pad]");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await tablet.Mouse.MoveAsync(box.X + 20, box.Y + box.Height / 2);
        await tablet.Mouse.DownAsync();
        foreach (var step in Enumerable.Range(1, 12))
        {
            await tablet.Mouse.MoveAsync(box.X + 20 + step * 25, box.Y + box.Height / 2 + (step % 2 == 0 ? -30 : 30));
        }

        await tablet.Mouse.UpAsync();
        await tablet.Shot("errands-07-signing");
        await tablet.Locator("[data-testid=sign-submit]").ClickAsync();
        await Assertions.Expect(tablet.Locator("[data-testid=message]")).ToContainTextAsync("已办结");
        await Assertions.Expect(tablet.Locator("[data-testid=sign-state]")).ToHaveTextAsync("已办结");
        await tablet.Shot("errands-08-signed");

        await desk.GotoAsync(app.BaseUrl + $"/station-services/errands/{id}");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("[data-testid=signature]")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("[data-testid=documents]")).ToContainTextAsync("已归还");
        await desk.Shot("errands-09-closed");
        await desk.GotoAsync(app.BaseUrl + "/station-services/errands/report");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("[data-testid=by-type]")).ToContainTextAsync("高龄津贴申领");
        await desk.Shot("errands-10-report");

        var english = await app.NewPage("en");
        await english.SignIn(app, "manager.chengjiao");
        await english.GotoAsync(app.BaseUrl + $"/station-services/errands/{id}");
        await english.WaitInteractive();
        await Assertions.Expect(english.Locator("[data-testid=documents]")).ToContainTextAsync("Returned");
        await english.Shot("errands-11-closed-en");
        await english.GotoAsync(app.BaseUrl + "/station-services/errand-types");
        await english.WaitInteractive();
        await Assertions.Expect(english.Locator("[data-testid=errand-type-table]")).ToContainTextAsync("Civil affairs");
        await english.Shot("errands-12-types-en");
    }

    [Fact]
    public async Task A_stored_item_goes_from_deposit_to_pick_up_by_code()
    {
        var outpost = await PutVolunteerOnDutyAsync();
        var phone = await app.NewPage(phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/outpost");
        await Assertions.Expect(phone.Locator("[data-testid=outpost-card]").First).ToBeVisibleAsync();
        await phone.Shot("outpost-01-mine");
        await phone.GotoAsync(app.BaseUrl + $"/m/outpost/{outpost}");
        await Assertions.Expect(phone.Locator("[data-testid=staffing]")).ToBeVisibleAsync();
        await phone.Locator("[data-testid=quick-Directions]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToContainTextAsync("指路导航");
        await phone.Shot("outpost-02-quick-entry");

        await phone.FillAsync("#item-description", "黑色双肩包");
        await phone.FillAsync("#item-phone", "13905730002");
        await phone.Shot("outpost-03-deposit-form");
        await phone.Locator("[data-testid=store-submit]").ClickAsync();
        var code = (await phone.Locator("[data-testid=claim-code]").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9]{6}$", code);
        await phone.Shot("outpost-04-claim-code");

        await phone.FillAsync("#claim-code", code);
        await phone.Locator("[data-testid=claim-submit]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToContainTextAsync("已取走");
        await Assertions.Expect(phone.Locator("[data-testid=items]")).ToContainTextAsync("已取");
        await phone.Shot("outpost-05-picked-up");

        await phone.FillAsync("#claim-code", code);
        await phone.Locator("[data-testid=claim-submit]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToContainTextAsync("已被取走");
        await phone.Shot("outpost-06-used-code");

        var desk = await app.NewPage("en");
        await desk.SignIn(app, "admin");
        await desk.GotoAsync(app.BaseUrl + "/station-services/outposts");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("[data-testid=outpost-month]")).ToContainTextAsync("Directions");
        await desk.Shot("outpost-07-report-en");

        var englishPhone = await app.NewPage("en", phone: true);
        await englishPhone.SignIn(app, "volunteer");
        await englishPhone.GotoAsync(app.BaseUrl + $"/m/outpost/{outpost}");
        await Assertions.Expect(englishPhone.Locator("[data-testid=quick]")).ToContainTextAsync("Directions");
        await englishPhone.Shot("outpost-08-phone-en");
    }

    private async Task<Guid> PutVolunteerOnDutyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var outpost = await db.Stations.Where(s => s.Kind == StationKind.Outpost && s.OutpostKind == OutpostKind.RedCube).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync();
        var volunteer = await db.Users.Where(u => u.UserName == "volunteer").Select(u => u.VolunteerId!.Value).SingleAsync();
        var local = Shanghai.ToLocal(clock.GetUtcNow().UtcDateTime);
        var start = local.AddHours(-1);
        var end = local.AddHours(2);
        db.DutyShifts.Add(DutyShift.Plan(outpost, DateOnly.FromDateTime(start), TimeOnly.FromDateTime(start), TimeOnly.FromDateTime(end), volunteer, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return outpost;
    }
}
