using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Audit;

namespace Volunteer96345.Tests.Common.Audit;

/// <summary>Anchors kept outside the database show a cut tail and a rewritten chain, which the chain alone cannot.</summary>
[Trait("Category", "Integration")]
public sealed class AuditAnchorsTests : IAsyncLifetime
{
    private readonly string _anchors = Directory.CreateTempSubdirectory("v96345-anchors-").FullName;
    private AppFixture _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFixture { Settings = { ["Audit:AnchorDirectory"] = _anchors } };
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_anchors, recursive: true);
    }

    [Fact]
    public async Task Deleting_the_last_50_audit_rows_after_an_anchor_makes_verify_audit_fail_and_name_the_missing_rows()
    {
        await Anchor();
        Assert.Null((await Verify()).FirstBrokenSequence);
        var last = await _app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence));

        await _app.Db(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" > {0}", last - 50));
        var result = await Verify();

        Assert.Equal(last - 49, result.FirstBrokenSequence);
        Assert.Contains($"rows after {last - 50} are missing", result.Message, StringComparison.Ordinal);
        Assert.Contains($"row {last}", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_rewritten_with_fresh_hashes_differs_from_the_anchor()
    {
        await Anchor();
        var last = await _app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence));

        // Someone who holds the database alters the last row and seals it again: the chain itself holds.
        await _app.Db(async db =>
        {
            var row = await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Sequence == last);
            var altered = AuditTrail.ComputeHash(new AuditEntry
            {
                Sequence = row.Sequence,
                At = row.At,
                UserId = row.UserId,
                UserName = "someone else",
                StationId = row.StationId,
                EntityType = row.EntityType,
                EntityId = row.EntityId,
                Action = row.Action,
                Changes = row.Changes,
                PreviousHash = row.PreviousHash,
            });
            return await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"UserName\" = 'someone else', \"Hash\" = {0} WHERE \"Sequence\" = {1}", altered, last);
        });
        var result = await Verify();

        Assert.Equal(last, result.FirstBrokenSequence);
        Assert.Contains($"row {last} was altered", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anchor_line_with_a_forged_signature_is_ignored()
    {
        await Anchor();
        var line = (await File.ReadAllLinesAsync(Path.Combine(_anchors, "anchors.log")))[^1].Split(' ');
        line[2] = "999999";
        await File.AppendAllTextAsync(Path.Combine(_anchors, "anchors.log"), string.Join(' ', line) + "\n");

        var result = await Verify();

        Assert.Null(result.FirstBrokenSequence);
        Assert.Contains("anchored at row", result.Message, StringComparison.Ordinal);
    }

    private Task<bool> Anchor() => _app.Db(db =>
        _app.Services.GetRequiredService<AuditAnchors>().AnchorAsync(db, AnchorKinds.Backup, _app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));

    private Task<AuditVerification> Verify() => _app.As<AuditLogHandler, AuditVerification>("admin", h => h.Verify(CancellationToken.None));
}
