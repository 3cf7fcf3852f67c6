using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Network.Inspections;

public sealed record ComplianceSummary(
    int ActiveStations,
    int Inspected,
    int FullyCompliant,
    IReadOnlyList<ItemCompliance> Items,
    IReadOnlyList<StationCompliance> Stations);

public sealed record ItemCompliance(FiveHasItem Item, int Failing, IReadOnlyList<string> FailingStations);

public sealed record StationCompliance(
    Guid StationId, string StationName, StationKind Kind, string Village, DateOnly? LastInspectedOn,
    IReadOnlyList<FiveHasItem> FailedItems);

internal sealed class InspectionQueriesHandler(AppDbContext db)
{
    public async Task<List<InspectionRow>> History(Guid stationId, CancellationToken cancellationToken)
    {
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.StationId == stationId)
            .OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.RecordedAt).ToListAsync(cancellationToken);
        return await ToRowsAsync(inspections, cancellationToken);
    }

    /// <summary>Which active stations fail which item, judged by each station's latest inspection.</summary>
    public async Task<ComplianceSummary> Compliance(CancellationToken cancellationToken)
    {
        var stations = await db.Stations.AsNoTracking().Where(s => s.IsActive)
            .Select(s => new { s.Id, s.Name, s.Kind, s.Village }).ToListAsync(cancellationToken);
        var latest = (await db.Inspections.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(i => i.StationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.RecordedAt).First());

        var rows = stations.Select(s =>
        {
            var last = latest.GetValueOrDefault(s.Id);
            return new StationCompliance(s.Id, s.Name, s.Kind, s.Village, last?.InspectedOn,
                last is null ? [] : [.. last.FailedItems]);
        }).OrderByDescending(r => r.FailedItems.Count).ThenBy(r => r.LastInspectedOn.HasValue).ThenBy(r => r.StationName).ToList();

        var items = Enum.GetValues<FiveHasItem>().Select(item =>
        {
            var failing = rows.Where(r => r.FailedItems.Contains(item)).Select(r => r.StationName).ToList();
            return new ItemCompliance(item, failing.Count, failing);
        }).ToList();

        var inspected = rows.Count(r => r.LastInspectedOn is not null);
        return new ComplianceSummary(stations.Count, inspected,
            rows.Count(r => r.LastInspectedOn is not null && r.FailedItems.Count == 0), items, rows);
    }

    private async Task<List<InspectionRow>> ToRowsAsync(List<FiveHasInspection> inspections, CancellationToken cancellationToken)
    {
        var evidenceIds = inspections.SelectMany(i => i.Results).Where(r => r.EvidenceId != null).Select(r => r.EvidenceId!.Value).ToList();
        var names = await db.Attachments.Where(a => evidenceIds.Contains(a.Id)).Select(a => new { a.Id, a.FileName })
            .ToDictionaryAsync(a => a.Id, a => a.FileName, cancellationToken);
        var stationIds = inspections.Select(i => i.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        return
        [
            .. inspections.Select(i => new InspectionRow(i.Id, i.StationId, stations.GetValueOrDefault(i.StationId, ""), i.InspectedOn,
                i.InspectorName, i.Note, i.Passed,
                [.. i.Results.OrderBy(r => r.Item).Select(r => new InspectionItemRow(r.Item, r.Passed, r.Note, r.EvidenceId,
                    r.EvidenceId is { } e ? names.GetValueOrDefault(e) : null))],
                i.RecordedAt)),
        ];
    }
}
