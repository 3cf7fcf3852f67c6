using Microsoft.Playwright;

namespace Volunteer96345.E2E.Points;

/// <summary>
/// The whole chain, a screenshot per step, in Chinese: a resident declares a good deed naming the demo volunteer →
/// the station approves it → the public page shows it → the posting period passes → the points post → the volunteer
/// redeems them at 城郊村's counter (number typed by the manager, code from the phone) → the balance and the stock change.
/// </summary>
public sealed class GoodDeedToCounterJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Deed = "帮独居的李奶奶修好了漏水的水龙头";
    private const string Privilege = "便民服务优先办理"; // 20 points, what the GoodDeed rule pays

    [Fact]
    public async Task Points_earned_for_a_declared_good_deed_are_redeemed_at_the_counter()
    {
        var (volunteerId, number, mobile) = await app.DemoMember();
        var before = await app.Balance(volunteerId);
        var stock = await app.CounterStock(Privilege);

        var claimId = await app.DeclareGoodDeed(Deed, mobile, "chain-");
        await app.ApproveClaim(claimId, Deed, "chain-");
        await app.PublicPageShows(Deed, "chain-");
        Assert.Equal(before, await app.Balance(volunteerId));

        await app.PassPostingPeriod(claimId);

        Assert.Equal(before + 20, await app.Balance(volunteerId));
        var earned = await app.PhoneCard("zh-CN", before + 20, "chain-06-");
        await earned.GotoAsync(app.BaseUrl + "/m/points");
        await Assertions.Expect(earned.Locator("[data-testid=my-statement]")).ToContainTextAsync(Deed);
        await earned.Shot("chain-06-my-points-posted");

        var desk = await app.CounterWithMember("zh-CN", number, before + 20, Privilege, "chain-07-");
        await earned.GotoAsync(app.BaseUrl + "/m/points/card");
        var code = await earned.ShowConfirmationCode("chain-08-");
        await desk.RedeemWithCode(code, Privilege, before, stock - 1, "chain-09-");

        Assert.Equal(before, await app.Balance(volunteerId));
        Assert.Equal(stock - 1, await app.CounterStock(Privilege));
        await earned.GotoAsync(app.BaseUrl + "/m/points");
        await Assertions.Expect(earned.Locator("[data-testid=my-balance]")).ToContainTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await earned.Shot("chain-10-my-points-after");
    }
}
