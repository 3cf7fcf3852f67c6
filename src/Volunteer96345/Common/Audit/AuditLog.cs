using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Audit;

public sealed record AuditFilter(Guid? StationId = null, string? EntityType = null, string? UserName = null, int? Page = null, int? PageSize = null);

public sealed record AuditRow(
    long Sequence, DateTime At, string UserName, Guid? StationId, string? StationName, string EntityType, string EntityId,
    string Action, string Changes);

public sealed record AuditVerification(long Checked, long? FirstBrokenSequence, string Message);

/// <summary>Reads the audit trail (scoped like every station row) and verifies its hash chain.</summary>
internal sealed class AuditLogHandler(AppDbContext db, CurrentUser user)
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

        var page = await query.OrderByDescending(a => a.Sequence).ToPageAsync(filter.Page, filter.PageSize, cancellationToken);

        // Station names in a query of their own: IgnoreQueryFilters would lift the audit scope if joined in.
        var stationIds = page.Items.Where(a => a.StationId != null).Select(a => a.StationId!.Value).Distinct().ToList();
        var names = await db.Stations.IgnoreQueryFilters().Where(s => stationIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var rows = page.Items.Select(a => new AuditRow(a.Sequence, a.At, a.UserName, a.StationId,
            a.StationId is { } id ? names.GetValueOrDefault(id) : null, a.EntityType, a.EntityId, a.Action, a.Changes)).ToList();
        return new Page<AuditRow>(rows, page.Total, page.PageNumber, page.PageSize);
    }

    public Task<List<string>> EntityTypes(CancellationToken cancellationToken) =>
        db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);

    /// <summary>Walks the whole chain in order and reports the first row whose hash or link does not hold.</summary>
    public async Task<AuditVerification> Verify(CancellationToken cancellationToken)
    {
        if (!user.SeesAllStations)
        {
            return new AuditVerification(0, null, "town-wide scope required");
        }

        var previous = AuditTrail.GenesisHash;
        long expected = 1, count = 0;
        await foreach (var row in db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable()
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

            previous = row.Hash;
            expected++;
        }

        return new AuditVerification(count, null, $"ok: {count} rows, chain intact");
    }
}
