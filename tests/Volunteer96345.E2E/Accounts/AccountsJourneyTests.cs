using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.E2E.Accounts;

/// <summary>
/// A new volunteer and a new station manager get their own accounts without anyone reading a password: the station
/// prints an activation slip, the person scans it on their phone, sets a password and signs in.
/// </summary>
public sealed class AccountsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Password = "Chaoshui#2026";

    private static string IdNumber(string birth, string sequence)
    {
        var first17 = "330481" + birth + sequence;
        return first17 + ChineseId.CheckCharacter(first17);
    }

    /// <summary>The phone the journeys use: 360×740, a touch screen, a WeChat-like user agent.</summary>
    private async Task<IPage> Phone()
    {
        var context = await app.NewContext(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            TimezoneId = "Asia/Shanghai",
            UserAgent = "Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Reads the QR code of the first slip with zbarimg (zbar-tools), a decoder nobody on this project wrote.</summary>
    private static async Task<string> ScanSlip(IPage page, string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png");
        await page.Locator("[data-testid=slip] img").First.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        using var zbar = Process.Start(new ProcessStartInfo("zbarimg", ["--quiet", "--raw", path]) { RedirectStandardOutput = true })!;
        var text = (await zbar.StandardOutput.ReadToEndAsync()).Trim();
        await zbar.WaitForExitAsync();
        Assert.Equal(0, zbar.ExitCode);
        return text;
    }

    [Fact]
    public async Task An_applicant_is_approved_gets_a_slip_activates_on_the_phone_signs_in_and_accepts_an_offer()
    {
        var phone = await Phone();
        await phone.GotoAsync(app.BaseUrl + "/m/volunteer/apply");
        await phone.FillAsync("#realName", "柳青青");
        await phone.FillAsync("#idNumber", IdNumber("19960712", "628"));
        await phone.FillAsync("#mobile", "13957310628");
        await phone.SelectOptionAsync("#stationId", new SelectOptionValue { Label = "城郊村96345党员志愿服务点" });
        await phone.FillAsync("#village", "城郊村");
        await phone.FillAsync("#address", "城郊村2组6号");
        await phone.CheckAsync("#consent");
        await phone.ClickAsync("button[type=submit]");
        await Assertions.Expect(phone.Locator("[data-testid=apply-done]")).ToBeVisibleAsync();
        await phone.Shot("acc-01-applied");

        var desk = await app.NewPage();
        await desk.SignIn(app, "manager.chengjiao");
        var volunteerId = await Db(db => db.Volunteers.Where(v => v.RealName == "柳青青").Select(v => v.Id).SingleAsync());
        await desk.GotoAsync($"{app.BaseUrl}/people/volunteers/{volunteerId}");
        await desk.WaitInteractive();
        await desk.ClickAsync("#status-Active");
        await desk.Locator(".ant-popover:visible").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        var slip = desk.Locator("[data-testid=slip]");
        await Assertions.Expect(slip).ToContainTextAsync("柳青青");
        await Assertions.Expect(slip).ToContainTextAsync("139****0628");
        await desk.Shot("acc-02-slip-after-approval");
        var url = await ScanSlip(desk, "acc-03-slip-qr");
        var code = (await desk.Locator("[data-testid=slip-code]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        Assert.EndsWith("/m/activate?code=" + code, url, StringComparison.Ordinal);

        // The volunteer scans the slip: the QR opens the activation page with the code filled in.
        await phone.GotoAsync(app.BaseUrl + new Uri(url).PathAndQuery);
        await Assertions.Expect(phone.Locator("[data-testid=holder]")).ToContainTextAsync("柳*青");
        await phone.FillAsync("#password", "chaoshui2026");
        await phone.FillAsync("#confirm", "chaoshui2026");
        await phone.ClickAsync("[data-testid=activate]");
        await Assertions.Expect(phone.Locator("[data-field=password] [role=alert]")).ToContainTextAsync("至少三种");
        await phone.Shot("acc-04-weak-password");
        await phone.FillAsync("#password", Password);
        await phone.FillAsync("#confirm", Password);
        await phone.ClickAsync("[data-testid=activate]");
        await Assertions.Expect(phone.Locator("[data-testid=user-name]")).ToHaveTextAsync("13957310628");
        await phone.Shot("acc-05-activated");

        await phone.ClickAsync("[data-testid=go-login]");
        await phone.FillAsync("#userName", "13957310628");
        await phone.FillAsync("#password", Password);
        await phone.Shot("acc-06-sign-in-on-phone");
        await phone.ClickAsync("button[type=submit]");
        await phone.WaitForURLAsync("**/m/me");
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync("柳青青");
        await phone.Shot("acc-07-my-record");

        var orderId = await OfferTo(volunteerId);
        await phone.GotoAsync(app.BaseUrl + "/m/orders");
        var actions = phone.Locator($"[data-testid=actions-{orderId}]");
        await Assertions.Expect(actions.Locator("[data-testid=accept]")).ToBeVisibleAsync();
        await phone.Shot("acc-08-offer");
        await actions.Locator("[data-testid=accept]").ClickAsync();
        await Assertions.Expect(actions.Locator("[data-testid=en-route]")).ToBeVisibleAsync();
        await phone.Shot("acc-09-accepted");
    }

    [Fact]
    public async Task The_town_admin_creates_a_manager_for_Taoyuan_who_activates_signs_in_and_sees_only_Taoyuan()
    {
        var desk = await app.NewPage();
        await desk.SignIn(app, "admin");
        await desk.GotoAsync(app.BaseUrl + "/admin/accounts");
        await desk.WaitInteractive();
        await desk.ClickAsync("#new-staff");
        await desk.FillAsync("#staff-name", "桃园新站长");
        await desk.FillAsync("#staff-mobile", "13957312001");
        await desk.Choose("role", "站点负责人");
        await desk.ClickAsync("#staff-town-wide");
        await desk.Search("stationIds", "桃园村96345");
        // A multiple select stays open after a pick; a click on the form's title closes it (Escape would close the modal).
        await desk.Locator(".ant-modal-title").ClickAsync();
        await desk.Shot("acc-10-new-manager-form");
        await desk.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=slip]")).ToContainTextAsync("桃园新站长");
        await desk.Shot("acc-11-manager-slip");
        var code = (await desk.Locator("[data-testid=slip-code]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);

        var laptop = await app.NewPage();
        await laptop.GotoAsync($"{app.BaseUrl}/m/activate?code={code}");
        await laptop.FillAsync("#password", Password);
        await laptop.FillAsync("#confirm", Password);
        await laptop.ClickAsync("[data-testid=activate]");
        await Assertions.Expect(laptop.Locator("[data-testid=user-name]")).ToHaveTextAsync("13957312001");
        await laptop.SignIn(app, "13957312001", Password);
        await laptop.GotoAsync(app.BaseUrl + "/network/stations");
        await laptop.WaitInteractive();
        await Assertions.Expect(laptop.Locator("[data-testid=current-user]")).ToContainTextAsync("桃园新站长");
        var rows = laptop.Locator(".ant-table-tbody tr.ant-table-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("桃园村96345党员志愿服务点");
        await laptop.Shot("acc-12-manager-sees-taoyuan");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>The dispatcher takes a call in the volunteer's village and offers it to them by hand.</summary>
    private async Task<Guid> OfferTo(Guid volunteerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("李晓梅");
        var receipt = await scope.ServiceProvider.GetRequiredService<IntakeHandler>().Submit(new IntakeInput
        {
            ServiceCode = "LA-009",
            Description = "腿脚不便，请帮忙到驿站取一个快递包裹",
            Address = "城郊村2组9号",
            Village = "城郊村",
            CallerName = "何阿婆",
            CallerPhone = "13957319999",
        }, IntakeChannel.Hotline, CancellationToken.None);
        Assert.True(receipt.IsOk, receipt.Error is { } e ? e.Message + string.Join("; ", e.Fields.Select(f => f.Key + ": " + string.Join(",", f.Value))) : null);
        var dispatched = await scope.ServiceProvider.GetRequiredService<DispatchHandler>().Dispatch(receipt.Value.Id,
            new DispatchInput { Mode = DispatchMode.Assign, Kind = ResponderKind.Volunteer, CandidateId = volunteerId }, CancellationToken.None);
        Assert.True(dispatched.IsOk, dispatched.Error?.Message);
        return receipt.Value.Id;
    }
}
