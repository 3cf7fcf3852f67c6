using Microsoft.EntityFrameworkCore;

namespace Volunteer96345.Tests.Data;

/// <summary>The operator commands, run as a person runs them: the app's own executable with a command word.</summary>
[Trait("Category", "Integration")]
public sealed class CommandsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Verify_audit_exits_0_on_an_intact_chain_and_1_with_the_broken_row_after_tampering()
    {
        var (ok, okOutput) = await app.RunCommand("verify-audit");
        Assert.Equal(0, ok);
        Assert.Contains("chain intact", okOutput, StringComparison.Ordinal);

        var victim = await app.Db(db => db.AuditEntries.OrderBy(a => a.Sequence).Skip(3).Select(a => a.Sequence).FirstAsync());
        await app.Db(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = {0}", victim));
        var (broken, brokenOutput) = await app.RunCommand("verify-audit");

        Assert.Equal(1, broken);
        Assert.Contains($"row {victim + 1}", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_applies_nothing_new_to_an_up_to_date_database_and_succeeds()
    {
        var (code, output) = await app.RunCommand("migrate");

        Assert.Equal(0, code);
        Assert.Contains("migrations applied (0)", output, StringComparison.Ordinal);
    }
}
