using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Points.Claims;

namespace Volunteer96345.E2E.Points;

public sealed class GoodDeedJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_resident_declares_a_good_deed_the_station_approves_it_the_public_page_shows_it_and_after_the_period_the_volunteer_has_the_points()
    {
        var volunteerMobile = await Db(db => db.Users.Where(u => u.UserName == "volunteer")
            .Join(db.Volunteers.IgnoreQueryFilters(), u => u.VolunteerId, v => v.Id, (u, v) => v.Mobile).SingleAsync());
        const string Deed = "冒雨把迷路的王大爷送回了家";

        var english = await app.NewPage("en", phone: true);
        await english.GotoAsync(app.BaseUrl + "/m/points/claim");
        await Assertions.Expect(english.Locator("h1")).ToHaveTextAsync("Declare a good deed");
        await english.Shot("p01-claim-form-en");

        var resident = await app.NewPage(phone: true);
        await resident.GotoAsync(app.BaseUrl + "/m/points/claim");
        await resident.FillAsync("#doerName", "陈志愿");
        await resident.FillAsync("#doerMobile", volunteerMobile);
        await resident.FillAsync("#description", Deed);
        await resident.FillAsync("#occurredOn", "2026-11-28");
        await resident.FillAsync("#place", "城郊村村口");
        await resident.SelectOptionAsync("#stationId", new SelectOptionValue { Label = "城郊村96345党员志愿服务点" });
        await resident.SetInputFilesAsync("#evidence", new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] });
        await resident.CheckAsync("input[name='Form.DeclarerKind'][value=HelpedResident]");
        await resident.FillAsync("#declarerName", "王大爷");
        await resident.Shot("p02-claim-filled");
        await resident.ClickAsync("[data-testid=submit-claim]");
        await Assertions.Expect(resident.Locator("[data-testid=claim-done]")).ToContainTextAsync("申报已提交");
        await resident.Shot("p03-claim-received");

        var claimId = await Db(db => db.Set<Claim>().IgnoreQueryFilters().Where(c => c.Description == Deed).Select(c => c.Id).SingleAsync());
        var manager = await app.NewPage();
        await manager.SignIn(app, "manager.chengjiao");
        await manager.GotoAsync(app.BaseUrl + "/points/claims");
        await manager.WaitInteractive();
        await Assertions.Expect(manager.Locator("[data-testid=claims-table]")).ToContainTextAsync(Deed);
        await manager.Shot("p04-claims-review");
        await manager.ClickAsync($"#approve-{claimId}");
        await Assertions.Expect(manager.Locator(".ant-message")).ToContainTextAsync("20");
        await Assertions.Expect(manager.Locator("[data-testid=claims-table]")).Not.ToContainTextAsync(Deed);

        var reader = await app.NewPage(phone: true);
        await reader.GotoAsync(app.BaseUrl + "/m/points/public");
        var posted = reader.Locator("[data-testid=public-claim]").Filter(new() { HasText = Deed });
        await Assertions.Expect(posted).ToContainTextAsync("陈**");
        await Assertions.Expect(posted).ToContainTextAsync("+20");
        await reader.Shot("p05-public-posting");
        await english.GotoAsync(app.BaseUrl + "/m/points/public");
        await Assertions.Expect(english.Locator("[data-testid=public-claim]").Filter(new() { HasText = Deed })).ToContainTextAsync("Good deed");
        await english.Shot("p05-public-posting-en");

        // The seven days pass: the claim's period is moved into the past and the sweeper runs, as it would on its own.
        await Db(db => db.Database.ExecuteSqlRawAsync("UPDATE points_claims SET \"PublicUntil\" = {0} WHERE \"Id\" = {1}",
            TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1), claimId));
        Assert.True(await app.Services.GetRequiredService<ClaimSweeper>().PostDueAsync(CancellationToken.None) >= 1);

        var volunteer = await app.NewPage(phone: true);
        await volunteer.SignIn(app, "volunteer");
        await volunteer.GotoAsync(app.BaseUrl + "/m/points");
        await Assertions.Expect(volunteer.Locator("[data-testid=my-statement]")).ToContainTextAsync(Deed);
        await Assertions.Expect(volunteer.Locator("[data-testid=my-claims]")).ToContainTextAsync("已入账");
        await volunteer.Shot("p06-my-points");
        var volunteerEn = await app.NewPage("en", phone: true);
        await volunteerEn.SignIn(app, "volunteer");
        await volunteerEn.GotoAsync(app.BaseUrl + "/m/points");
        await Assertions.Expect(volunteerEn.Locator("[data-testid=my-claims]")).ToContainTextAsync("Points posted");
        await volunteerEn.Shot("p06-my-points-en");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
