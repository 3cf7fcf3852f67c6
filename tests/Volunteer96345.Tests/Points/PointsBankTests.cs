using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.People;
using Volunteer96345.Points;
using static Volunteer96345.Tests.Points.PointsSteps;

namespace Volunteer96345.Tests.Points;

/// <summary>The ledger's promises, one posting at a time: double entry, no overdraft, one effect per key, reversal instead of edits.</summary>
[Trait("Category", "Integration")]
public sealed class PointsBankTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Earning_credits_the_member_debits_the_town_fund_and_writes_two_entries_that_sum_to_zero()
    {
        var member = await app.NewResidentAccount();

        var posting = await app.Earned(member, 30);

        Assert.Equal(30, posting.CreditBalanceAfter);
        Assert.Equal(30, await app.BalanceOf(member));
        var entries = await app.Db(db => db.PointsEntries.Where(e => e.PostingId == posting.PostingId).Select(e => e.Amount).ToListAsync());
        Assert.Equal([-30, 30], entries.Order());
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_first_posting_and_posts_nothing()
    {
        var member = await app.NewResidentAccount();
        var key = Key("retry");
        var first = await app.Earned(member, 12, key);

        var again = await app.Earned(member, 12, key);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.PostingId, again.PostingId);
        Assert.Equal(12, again.CreditBalanceAfter);
        Assert.Equal(12, await app.BalanceOf(member));
    }

    [Fact]
    public async Task The_same_key_for_a_different_amount_is_a_conflict_and_changes_nothing()
    {
        var member = await app.NewResidentAccount();
        var key = Key("reuse");
        await app.Earned(member, 12, key);
        var before = await app.LedgerRows();

        var result = await app.Bank(b => b.Earn(member, 13, EarningType.GoodDeed, key));

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal(before, await app.LedgerRows());
    }

    [Fact]
    public async Task A_debit_beyond_the_balance_is_refused_with_a_clear_message_and_changes_nothing()
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        await app.Earned(member, 10);
        var before = await app.LedgerRows();

        var result = await app.Bank(b => b.Transfer(member, station, 11, PostingKind.Redemption, Key("redeem")));

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal("积分余额不足", result.Error.Message);
        Assert.Equal(before, await app.LedgerRows());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(PointsBank.MaxAmount + 1)]
    [InlineData(long.MaxValue)]
    public async Task Zero_negative_and_enormous_amounts_are_refused_and_change_nothing(long amount)
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        var before = await app.LedgerRows();

        var earn = await app.Bank(b => b.Earn(member, amount, EarningType.GoodDeed, Key()));
        var redeem = await app.Bank(b => b.Transfer(member, station, amount, PostingKind.Redemption, Key()));

        Assert.Equal(ErrorKind.Validation, earn.Error!.Kind);
        Assert.NotNull(earn.Error.For("amount"));
        Assert.NotNull(redeem.Error!.For("amount"));
        Assert.Equal(before, await app.LedgerRows());
    }

    [Fact]
    public async Task Unknown_accounts_and_a_missing_key_are_refused_and_change_nothing()
    {
        var member = await app.NewResidentAccount();
        await app.Earned(member, 5);
        var before = await app.LedgerRows();

        var toNowhere = await app.Bank(b => b.Transfer(member, 999_999, 1, PostingKind.Donation, Key()));
        var fromNowhere = await app.Bank(b => b.Transfer(999_999, member, 1, PostingKind.Transfer, Key()));
        var keyless = await app.Bank(b => b.Earn(member, 1, EarningType.GoodDeed, " "));
        var toItself = await app.Bank(b => b.Transfer(member, member, 1, PostingKind.Transfer, Key()));

        Assert.Equal("积分账户不存在", toNowhere.Error!.For("to"));
        Assert.Equal("积分账户不存在", fromNowhere.Error!.For("from"));
        Assert.NotNull(keyless.Error!.For("key"));
        Assert.NotNull(toItself.Error!.For("account"));
        Assert.Equal(before, await app.LedgerRows());
    }

    [Fact]
    public async Task A_hold_is_captured_by_the_merchant_once_and_cannot_be_released_afterwards()
    {
        var member = await app.NewResidentAccount();
        var merchantId = await app.Db(db => db.AllianceMembers.IgnoreQueryFilters().Select(m => m.Id).FirstAsync());
        var merchant = await app.Bank(async b => (await b.AccountForMerchant(merchantId)).Value);
        await app.Earned(member, 50);

        var hold = (await app.Bank(b => b.Hold(member, 20, Key("hold")))).Value;
        Assert.Equal(30, await app.BalanceOf(member));
        var captureKey = Key("capture");
        var capture = await app.Bank(b => b.Capture(hold.PostingId, merchant, captureKey));
        var captureRetry = await app.Bank(b => b.Capture(hold.PostingId, merchant, captureKey));
        var secondCapture = await app.Bank(b => b.Capture(hold.PostingId, merchant, Key("capture")));
        var release = await app.Bank(b => b.Release(hold.PostingId, Key("release")));

        Assert.True(capture.IsOk);
        Assert.True(captureRetry.Value.Replayed);
        Assert.Equal(ErrorKind.Conflict, secondCapture.Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, release.Error!.Kind);
        Assert.Equal(30, await app.BalanceOf(member));
        Assert.Equal(20, capture.Value.CreditBalanceAfter);
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task A_released_hold_gives_the_points_back_and_a_refunded_capture_returns_them_to_the_member()
    {
        var member = await app.NewResidentAccount();
        var merchantId = await app.Db(db => db.AllianceMembers.IgnoreQueryFilters().Select(m => m.Id).FirstAsync());
        var merchant = await app.Bank(async b => (await b.AccountForMerchant(merchantId)).Value);
        await app.Earned(member, 50);
        var released = (await app.Bank(b => b.Hold(member, 20, Key("hold")))).Value;
        var captured = (await app.Bank(b => b.Hold(member, 10, Key("hold")))).Value;

        await app.Bank(b => b.Release(released.PostingId, Key("release")));
        var captureKey = Key("capture");
        await app.Bank(b => b.Capture(captured.PostingId, merchant, captureKey));
        Assert.Equal(40, await app.BalanceOf(member));
        var refund = await app.Bank(b => b.Reverse(captureKey, "退货"));

        Assert.True(refund.IsOk, refund.Error?.Message);
        Assert.Equal(50, await app.BalanceOf(member));
        Assert.Equal(ErrorKind.NotFound, (await app.Bank(b => b.Release(12_345_678, Key()))).Error!.Kind);
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task Reversing_an_earning_posts_the_opposite_transfer_once_and_keeps_the_original()
    {
        var member = await app.NewResidentAccount();
        var key = Key("earn");
        var earned = await app.Earned(member, 25, key);

        var reversal = await app.Bank(b => b.Reverse(key, "工单重开"));
        var again = await app.Bank(b => b.Reverse(key, "工单重开"));

        Assert.Equal(0, await app.BalanceOf(member));
        Assert.True(again.Value.Replayed);
        Assert.Equal(reversal.Value.PostingId, again.Value.PostingId);
        Assert.True(await app.Db(db => db.Postings.AnyAsync(p => p.Id == earned.PostingId && p.Amount == 25)));
        var reverseReversal = await app.Bank(b => b.Reverse(reversal.Value.Key));
        Assert.Equal(ErrorKind.Conflict, reverseReversal.Error!.Kind);
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task A_reversal_that_would_overdraw_the_member_is_refused_and_changes_nothing()
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        var key = Key("earn");
        await app.Earned(member, 25, key);
        await app.Bank(b => b.Transfer(member, station, 20, PostingKind.Redemption, Key("redeem")));
        var before = await app.LedgerRows();

        var reversal = await app.Bank(b => b.Reverse(key));

        Assert.Equal("积分余额不足", reversal.Error!.Message);
        Assert.Equal(before, await app.LedgerRows());
    }

    [Fact]
    public async Task A_posting_inside_the_callers_transaction_rolls_back_with_it()
    {
        var member = await app.NewResidentAccount();
        var before = await app.LedgerRows();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
            var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
            await using var transaction = await scope.ServiceProvider.GetRequiredService<AppDbContext>().BeginWriteAsync();
            Assert.True((await bank.Earn(member, 40, EarningType.GoodDeed, Key())).IsOk);
            Assert.Equal(40, await bank.Balance(member));

            // disposed without commit
        }

        Assert.Equal(before, await app.LedgerRows());
    }

    [Fact]
    public async Task A_town_fund_first_opened_by_a_rolled_back_transaction_is_opened_again_by_the_next_earning()
    {
        // A database of its own, so the rolled-back transaction is the town fund's first use whatever the test order.
        await using var empty = new AppFixture { SeedDemo = false };
        await empty.InitializeAsync();
        var member = await empty.NewResidentAccount();
        await using (var scope = empty.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
            var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
            await using var transaction = await scope.ServiceProvider.GetRequiredService<AppDbContext>().BeginWriteAsync();
            Assert.True((await bank.Earn(member, 40, EarningType.GoodDeed, Key())).IsOk);

            // disposed without commit: the town fund opened inside it is gone too
        }

        var earned = await empty.Bank(b => b.Earn(member, 7, EarningType.GoodDeed, Key()));

        Assert.True(earned.IsOk, earned.Error?.Message);
        Assert.Equal(7, await empty.BalanceOf(member));
        AssertBalanced(await empty.Verify());
    }

    [Fact]
    public async Task A_refused_posting_inside_the_callers_transaction_leaves_its_other_work_to_commit()
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        var first = Key("first");
        var third = Key("third");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
            var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
            await using var transaction = await scope.ServiceProvider.GetRequiredService<AppDbContext>().BeginWriteAsync();
            Assert.True((await bank.Earn(member, 10, EarningType.GoodDeed, first)).IsOk);
            Assert.False((await bank.Transfer(member, station, 11, PostingKind.Redemption, Key())).IsOk);
            Assert.True((await bank.Transfer(member, station, 4, PostingKind.Redemption, third)).IsOk);
            await transaction.CommitAsync();
        }

        Assert.Equal(6, await app.BalanceOf(member));
        Assert.NotNull(await app.Bank(b => b.Find(third)));
        AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task The_database_itself_refuses_a_member_balance_below_zero()
    {
        var member = await app.NewResidentAccount();

        var write = () => app.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE points_accounts SET \"Balance\" = -1 WHERE \"Id\" = {0}", member));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(write);
        Assert.Equal(0, await app.BalanceOf(member));
    }

    [Fact]
    public async Task The_same_owner_always_finds_the_same_account_and_an_unknown_owner_none()
    {
        var a = await app.Bank(b => b.AccountForResident("139 0573 1234", "李大爷"));
        var b = await app.Bank(b => b.AccountForResident("13905731234", "李大爷"));
        var nobody = await app.Bank(b => b.AccountForVolunteer(Guid.NewGuid()));

        Assert.Equal(a.Value, b.Value);
        Assert.Equal(ErrorKind.NotFound, nobody.Error!.Kind);
        Assert.False(await app.Db(db => db.PointsAccounts.AnyAsync(x => x.OwnerKey.Contains("13905731234"))));
    }

    [Fact]
    public async Task A_statement_pages_newest_first_and_filters_by_kind()
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        for (var i = 1; i <= 5; i++)
        {
            await app.Earned(member, i);
        }

        await app.Bank(b => b.Transfer(member, station, 3, PostingKind.Redemption, Key(), new PostingNote("兑换毛巾")));

        var page = await app.Bank(b => b.Statement(member, null, 1, 4));
        var redemptions = await app.Bank(b => b.Statement(member, PostingKind.Redemption, 1, 20));

        Assert.Equal(6, page.Total);
        Assert.Equal([-3, 5, 4, 3], page.Items.Select(l => l.Amount));
        Assert.Equal(12, page.Items[0].BalanceAfter);
        Assert.Equal("兑换毛巾", Assert.Single(redemptions.Items).Reason);
    }
}
