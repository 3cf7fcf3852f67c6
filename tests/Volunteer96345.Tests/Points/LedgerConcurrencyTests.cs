using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;
using Volunteer96345.Points;
using static Volunteer96345.Tests.Points.PointsSteps;

namespace Volunteer96345.Tests.Points;

/// <summary>
/// The bars for concurrency, on SQLite and PostgreSQL: many debits racing for one balance never overdraw it, and many
/// copies of one request with one key post once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LedgerConcurrencyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Sixty_four_concurrent_redemptions_against_a_balance_that_covers_forty_leave_no_balance_below_zero()
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        await app.Earned(member, 400);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            app.Bank(b => b.Transfer(member, station, 10, PostingKind.Redemption, Key("race"), new PostingNote("并发兑换"))))));

        Assert.Equal(40, results.Count(r => r.IsOk));
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal("积分余额不足", r.Error!.Message));
        Assert.Equal(0, await app.BalanceOf(member));
        Assert.Equal(40, await app.Db(db => db.Postings.CountAsync(p => p.DebitAccountId == member && p.Kind == PostingKind.Redemption)));
        Assert.False(await app.Db(db => db.PointsAccounts.AnyAsync(a => a.Balance < 0 && a.Kind != AccountKind.TownFund)));
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task Ten_concurrent_retries_with_one_key_post_exactly_once()
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        await app.Earned(member, 100);
        var key = Key("same");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            app.Bank(b => b.Transfer(member, station, 30, PostingKind.Redemption, key)))));

        Assert.All(results, r => Assert.True(r.IsOk, r.Error?.Message));
        Assert.Single(results, r => !r.Value.Replayed);
        Assert.Single(results.Select(r => r.Value.PostingId).Distinct());
        Assert.Equal(70, await app.BalanceOf(member));
        Assert.Equal(1, await app.Db(db => db.Postings.CountAsync(p => p.Key == key)));
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task Concurrent_captures_and_releases_of_one_hold_settle_it_once()
    {
        var member = await app.NewResidentAccount();
        var merchantId = await app.Db(db => db.AllianceMembers.IgnoreQueryFilters().Select(m => m.Id).FirstAsync());
        var merchant = await app.Bank(async b => (await b.AccountForMerchant(merchantId)).Value);
        await app.Earned(member, 100);
        var hold = (await app.Bank(b => b.Hold(member, 60, Key("hold")))).Value;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => i % 2 == 0
            ? app.Bank(b => b.Capture(hold.PostingId, merchant, Key("capture")))
            : app.Bank(b => b.Release(hold.PostingId, Key("release"))))));

        Assert.Single(results, r => r.IsOk);
        var left = await app.BalanceOf(member);
        Assert.True(left is 40 or 100, $"member has {left}");
        AssertBalanced(await app.Verify());
    }
}
