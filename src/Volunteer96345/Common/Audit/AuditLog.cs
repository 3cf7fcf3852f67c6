using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Audit;

public sealed record AuditFilter
{
    public Guid? StationId { get; init; }

    public string? EntityType { get; init; }

    public string? UserName { get; init; }

    /// <summary>Shanghai dates, inclusive.</summary>
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

public sealed record AuditRow(
    long Sequence, DateTime At, string UserName, Guid? StationId, string? StationName, string EntityType, string EntityId,
    string Action, string Changes);

public sealed record AuditVerification(long Checked, long? FirstBrokenSequence, string Message);

/// <summary>Reads the audit trail (scoped like every station row) and verifies its hash chain.</summary>
internal sealed class AuditLogHandler(AppDbContext db, CurrentUser user, AuditAnchors anchors, IStationNames stations)
{
    public async Task<Page<AuditRow>> List(AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.StationId is { } stationId)
        {
            query = query.Where(a => a.StationId == stationId);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            query = query.Where(a => a.UserName == filter.UserName);
        }

        if (filter.From is { } from)
        {
            var since = Time.Shanghai.StartOfDayUtc(from);
            query = query.Where(a => a.At >= since);
        }

        if (filter.To is { } to)
        {
            var until = Time.Shanghai.StartOfDayUtc(to.AddDays(1));
            query = query.Where(a => a.At < until);
        }

        var page = await query.OrderByDescending(a => a.Sequence).ToPageAsync(filter.Page, filter.PageSize, cancellationToken);

        // Station names in a query of their own: lifting the station scope in a join would lift the audit scope too.
        var stationIds = page.Items.Where(a => a.StationId != null).Select(a => a.StationId!.Value).Distinct().ToList();
        var names = await stations.NamesOf(stationIds, cancellationToken);
        var rows = page.Items.Select(a => new AuditRow(a.Sequence, a.At, a.UserName, a.StationId,
            a.StationId is { } id ? names.GetValueOrDefault(id) : null, a.EntityType, a.EntityId, a.Action, a.Changes)).ToList();
        return new Page<AuditRow>(rows, page.Total, page.PageNumber, page.PageSize);
    }

    public Task<List<string>> EntityTypes(CancellationToken cancellationToken) =>
        db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);

    /// <summary>The stations that appear in the trail the caller may read, by name, for the station filter.</summary>
    public async Task<List<(Guid Id, string Name)>> Stations(CancellationToken cancellationToken)
    {
        var ids = await db.AuditEntries.Where(a => a.StationId != null).Select(a => a.StationId!.Value).Distinct().ToListAsync(cancellationToken);
        var names = await stations.NamesOf(ids, cancellationToken);
        return [.. names.Select(n => (n.Key, n.Value)).OrderBy(n => n.Value, StringComparer.Ordinal)];
    }

    /// <summary>The people who appear in the trail the caller may read, for the person filter.</summary>
    public Task<List<string>> People(CancellationToken cancellationToken) =>
        db.AuditEntries.Select(a => a.UserName).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);

    /// <summary>
    /// Walks the whole chain in order and reports the first row whose hash or link does not hold; then holds the chain
    /// against the newest audit anchor of this database (kept outside it, see <see cref="AuditAnchors"/>): a chain that
    /// ends before the anchor's row lost its tail, and a different hash at that row means the chain was rewritten.
    /// </summary>
    public async Task<AuditVerification> Verify(CancellationToken cancellationToken, bool againstAnchor = true)
    {
        if (!user.SeesAllStations)
        {
            return new AuditVerification(0, null, "town-wide scope required");
        }

        var anchor = againstAnchor ? await NewestAnchorAsync(cancellationToken) : null;
        string? hashAtAnchor = null;
        var previous = AuditTrail.GenesisHash;
        long expected = 1, count = 0;
        await foreach (var row in db.AuditEntries.AcrossStations("the audit chain is checked whole").AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            count++;
            if (row.Sequence != expected)
            {
                return new AuditVerification(count, row.Sequence, $"row {row.Sequence}: expected sequence {expected} (a row is missing)");
            }

            if (row.PreviousHash != previous)
            {
                return new AuditVerification(count, row.Sequence, $"row {row.Sequence}: previous-hash link does not match row {row.Sequence - 1}");
            }

            if (AuditTrail.ComputeHash(row) != row.Hash)
            {
                return new AuditVerification(count, row.Sequence, $"row {row.Sequence}: content does not match its hash");
            }

            if (row.Sequence == anchor?.Sequence)
            {
                hashAtAnchor = row.Hash;
            }

            previous = row.Hash;
            expected++;
        }

        if (anchor is not null)
        {
            var at = anchor.At.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            if (count < anchor.Sequence)
            {
                return new AuditVerification(count, count + 1,
                    $"rows after {count} are missing: the audit anchor of {at} UTC ({anchor.Kind}) records the chain at row {anchor.Sequence}");
            }

            if (hashAtAnchor != anchor.Hash)
            {
                return new AuditVerification(count, anchor.Sequence,
                    $"row {anchor.Sequence} was altered: its hash differs from the audit anchor of {at} UTC ({anchor.Kind}); the chain was rewritten");
            }

            return new AuditVerification(count, null, $"ok: {count} rows, chain intact, anchored at row {anchor.Sequence} ({at} UTC)");
        }

        return new AuditVerification(count, null, $"ok: {count} rows, chain intact (no audit anchor yet)");
    }

    /// <summary>The newest anchor of this database, or null when it has none (or no database id yet).</summary>
    internal async Task<AuditAnchor?> NewestAnchorAsync(CancellationToken cancellationToken) =>
        await db.Set<Privacy.FieldKeyCheck>().AsNoTracking().Select(k => (Guid?)k.DatabaseId).FirstOrDefaultAsync(cancellationToken) is { } id
            ? await anchors.NewestAsync(id, cancellationToken)
            : null;
}
