using Microsoft.Playwright;

namespace Volunteer96345.E2E.Points;

public sealed class GoodDeedJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_resident_declares_a_good_deed_the_station_approves_it_the_public_page_shows_it_and_after_the_period_the_volunteer_has_the_points()
    {
        var (_, _, volunteerMobile) = await app.DemoMember();
        const string Deed = "冒雨把迷路的王大爷送回了家";

        var english = await app.NewPage("en", phone: true);
        await english.GotoAsync(app.BaseUrl + "/m/points/claim");
        await Assertions.Expect(english.Locator("h1")).ToHaveTextAsync("Declare a good deed");
        await english.Shot("p01-claim-form-en");

        var claimId = await app.DeclareGoodDeed(Deed, volunteerMobile, "p");
        await app.ApproveClaim(claimId, Deed, "p");
        await app.PublicPageShows(Deed, "p");
        await english.GotoAsync(app.BaseUrl + "/m/points/public");
        await Assertions.Expect(english.Locator("[data-testid=public-claim]").Filter(new() { HasText = Deed })).ToContainTextAsync("Good deed");
        await english.Shot("p05-public-posting-en");

        await app.PassPostingPeriod(claimId);

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
}
