using Microsoft.EntityFrameworkCore;
using Volunteer96345.Points;
using static Volunteer96345.Tests.Points.PointsSteps;

namespace Volunteer96345.Tests.Points.VerifyLedger;

/// <summary>verify-ledger, run as an operator runs it: the app's executable with the command word.</summary>
[Trait("Category", "Integration")]
public sealed class VerifyLedgerTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Verify_ledger_exits_0_on_a_balanced_ledger_and_1_naming_the_account_after_its_balance_is_tampered_with()
    {
        var member = await app.NewResidentAccount();
        await app.Earned(member, 30);
        var (ok, okOutput) = await app.RunCommand("verify-ledger");
        Assert.True(ok == 0, okOutput);
        Assert.Contains("ledger balanced", okOutput, StringComparison.Ordinal);

        await app.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE points_accounts SET \"Balance\" = 31 WHERE \"Id\" = {0}", member));
        var (broken, brokenOutput) = await app.RunCommand("verify-ledger");

        Assert.Equal(1, broken);
        Assert.Contains($"account {member} (Resident): balance 31 but its entries sum to 30", brokenOutput, StringComparison.Ordinal);

        await app.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE points_accounts SET \"Balance\" = 30 WHERE \"Id\" = {0}", member));
        Assert.Equal(0, (await app.RunCommand("verify-ledger")).ExitCode);
    }

    [Fact]
    public async Task An_entry_removed_from_a_posting_is_reported_as_an_unbalanced_posting_and_a_nonzero_total()
    {
        var member = await app.NewResidentAccount();
        var posting = await app.Earned(member, 7);
        var removed = await app.Db(db => db.PointsEntries.AsNoTracking().SingleAsync(e => e.PostingId == posting.PostingId && e.Amount < 0));
        await app.Db(db => db.Database.ExecuteSqlRawAsync("DELETE FROM points_entries WHERE \"Id\" = {0}", removed.Id));

        var report = await app.Verify();

        Assert.False(report.IsBalanced);
        Assert.Contains(report.Problems, p => p.StartsWith($"posting {posting.PostingId}: 1 entries summing to 7", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("all entries sum to 7", StringComparison.Ordinal));

        // Put it back for the other test of this class.
        await app.Db(async db =>
        {
            db.PointsEntries.Add(removed);
            return await db.SaveChangesAsync();
        });
        AssertBalanced(await app.Verify());
    }
}
