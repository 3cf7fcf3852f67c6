using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Points.Claims;

namespace Volunteer96345.E2E.Points;

/// <summary>Steps of the Good Deeds Bank's journeys, shared by the claim, redemption and whole-chain journeys.</summary>
internal static class PointsJourneySteps
{
    public const string Chengjiao = "城郊村96345党员志愿服务点";

    public static async Task<T> Db<T>(this BrowserFixture app, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task<(Guid Id, string Number, string Mobile)> DemoMember(this BrowserFixture app) => app.Db(db => db.Users.Where(u => u.UserName == "volunteer")
        .Join(db.Volunteers.IgnoreQueryFilters(), u => u.VolunteerId, v => v.Id, (u, v) => new ValueTuple<Guid, string, string>(v.Id, v.Number, v.Mobile)).SingleAsync());

    /// <summary>Points given through the ledger, as an earning posts them.</summary>
    public static async Task Give(this BrowserFixture app, Guid volunteerId, long amount)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
        var result = await bank.Earn((await bank.AccountForVolunteer(volunteerId)).Value, amount, EarningType.GoodDeed, "e2e:" + Guid.NewGuid());
        Assert.True(result.IsOk, result.Error?.Message);
    }

    public static async Task<long> Balance(this BrowserFixture app, Guid volunteerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
        return await bank.Balance((await bank.AccountForVolunteer(volunteerId)).Value) ?? 0;
    }

    /// <summary>The stock of an item of 城郊村's service point counter.</summary>
    public static Task<int> CounterStock(this BrowserFixture app, string item) => app.Db(db => db.Set<CounterItem>().IgnoreQueryFilters()
        .Join(db.Stations.IgnoreQueryFilters().Where(s => s.Village == "城郊村" && s.Kind == Volunteer96345.Network.StationKind.ServicePoint),
            i => i.StationId, s => s.Id, (i, s) => i)
        .Where(i => i.Name == item).Select(i => i.Stock).SingleAsync());

    /// <summary>A resident (not signed in) declares on the phone that the demo volunteer did <paramref name="deed"/>; the claim's id.</summary>
    public static async Task<Guid> DeclareGoodDeed(this BrowserFixture app, string deed, string volunteerMobile, string shot)
    {
        var resident = await app.NewPage(phone: true);
        await resident.GotoAsync(app.BaseUrl + "/m/points/claim");
        await resident.FillAsync("#doerName", "陈志愿");
        await resident.FillAsync("#doerMobile", volunteerMobile);
        await resident.FillAsync("#description", deed);
        await resident.FillAsync("#occurredOn", "2026-11-28");
        await resident.FillAsync("#place", "城郊村村口");
        await resident.SelectOptionAsync("#stationId", new SelectOptionValue { Label = Chengjiao });
        await resident.SetInputFilesAsync("#evidence", new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] });
        await resident.CheckAsync("input[name='Form.DeclarerKind'][value=HelpedResident]");
        await resident.FillAsync("#declarerName", "王大爷");
        await resident.Shot(shot + "02-claim-filled");
        await resident.ClickAsync("[data-testid=submit-claim]");
        await Assertions.Expect(resident.Locator("[data-testid=claim-done]")).ToContainTextAsync("申报已提交");
        await resident.Shot(shot + "03-claim-received");
        return await app.Db(db => db.Set<Claim>().IgnoreQueryFilters().Where(c => c.Description == deed).Select(c => c.Id).SingleAsync());
    }

    /// <summary>城郊村's station manager approves the claim at the rule's points (the GoodDeed rule: 20).</summary>
    public static async Task ApproveClaim(this BrowserFixture app, Guid claimId, string deed, string shot)
    {
        var manager = await app.NewPage();
        await manager.SignIn(app, "manager.chengjiao");
        await manager.GotoAsync(app.BaseUrl + "/points/claims");
        await manager.WaitInteractive();
        await Assertions.Expect(manager.Locator("[data-testid=claims-table]")).ToContainTextAsync(deed);
        await manager.Shot(shot + "04-claims-review");
        await manager.ClickAsync($"#approve-{claimId}");
        await Assertions.Expect(manager.Locator(".ant-message")).ToContainTextAsync("20");
        await Assertions.Expect(manager.Locator("[data-testid=claims-table]")).Not.ToContainTextAsync(deed);
    }

    /// <summary>Anyone's phone shows the approved claim on the public posting page (公示), the doer's name masked.</summary>
    public static async Task PublicPageShows(this BrowserFixture app, string deed, string shot)
    {
        var reader = await app.NewPage(phone: true);
        await reader.GotoAsync(app.BaseUrl + "/m/points/public");
        var posted = reader.Locator("[data-testid=public-claim]").Filter(new() { HasText = deed });
        await Assertions.Expect(posted).ToContainTextAsync("陈**");
        await Assertions.Expect(posted).ToContainTextAsync("+20");
        await reader.Shot(shot + "05-public-posting");
    }

    /// <summary>
    /// The posting period passes: the browser journeys run the app on the real clock, so the claim's period is moved into
    /// the past and the sweeper runs, as it would on its own.
    /// </summary>
    public static async Task PassPostingPeriod(this BrowserFixture app, Guid claimId)
    {
        await app.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE points_claims SET \"PublicUntil\" = {0} WHERE \"Id\" = {1}",
            TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1), claimId));
        Assert.True(await app.Services.GetRequiredService<ClaimSweeper>().PostDueAsync(CancellationToken.None) >= 1);
    }

    /// <summary>城郊村's counter: the manager types the member's number, sees the balance and picks the item.</summary>
    public static async Task<IPage> CounterWithMember(this BrowserFixture app, string locale, string number, long balance, string item, string shot)
    {
        var desk = await app.NewPage(locale);
        await desk.SignIn(app, "manager.chengjiao");
        await desk.GotoAsync(app.BaseUrl + "/points/counter");
        await desk.WaitInteractive();
        await desk.Shot(shot + "01-counter");
        await desk.FillAsync("#counter-member", number);
        await desk.ClickAsync("#counter-lookup");
        await Assertions.Expect(desk.Locator("[data-testid=member-balance]")).ToHaveTextAsync(balance.ToString(CultureInfo.InvariantCulture));
        await desk.ClickAsync("#counter-item");
        await desk.Keyboard.InsertTextAsync(item);
        await Assertions.Expect(desk.Locator("#counter-item-0")).ToContainTextAsync(item);
        await desk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(desk.Locator("#counter-item")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(item)));
        await desk.Shot(shot + "02-member-found");
        return desk;
    }

    /// <summary>The member's phone, signed in, on the card page with the balance shown.</summary>
    public static async Task<IPage> PhoneCard(this BrowserFixture app, string locale, long balance, string shot)
    {
        var phone = await app.NewPage(locale, phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/points/card");
        await Assertions.Expect(phone.Locator("[data-testid=balance]")).ToHaveTextAsync(balance.ToString(CultureInfo.InvariantCulture));
        await phone.Shot(shot + "03-phone-card");
        return phone;
    }

    /// <summary>The member asks their phone for a confirmation code.</summary>
    public static async Task<string> ShowConfirmationCode(this IPage phone, string shot)
    {
        await phone.ClickAsync("[data-testid=issue-code]");
        var code = await phone.Locator("[data-testid=confirmation-code]").InnerTextAsync();
        Assert.Matches("^[0-9]{6}$", code);
        await phone.Shot(shot + "04-phone-code");
        return code;
    }

    /// <summary>The manager enters the member's code; the receipt shows the new balance and the item's stock falls by one.</summary>
    public static async Task RedeemWithCode(this IPage desk, string code, string item, long balanceAfter, int stockAfter, string shot)
    {
        await desk.FillAsync("#counter-code", code);
        await desk.ClickAsync("#counter-redeem");
        await Assertions.Expect(desk.Locator("[data-testid=receipt]")).ToContainTextAsync(balanceAfter.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(desk.Locator($"[data-testid='stock-{item}']")).ToHaveTextAsync(stockAfter.ToString(CultureInfo.InvariantCulture));
        await desk.Shot(shot + "05-redeemed");
    }
}
