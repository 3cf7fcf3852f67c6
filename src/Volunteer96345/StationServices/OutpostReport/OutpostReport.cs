using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.StationServices.OutpostReport;

public sealed record OutpostMonthLine(Guid StationId, string Name, IReadOnlyDictionary<ConvenienceKind, int> ByKind, int Total, int Waiting, int LostAndFound);

public sealed record VolunteerMonthLine(Guid VolunteerId, string Name, int Total);

public sealed record OutpostMonth(int Year, int Month, IReadOnlyList<OutpostMonthLine> Outposts, IReadOnlyList<VolunteerMonthLine> Volunteers);

/// <summary>The town's monthly count of each outpost's convenience services, and each volunteer's (within the caller's scope).</summary>
internal sealed class OutpostReportHandler(AppDbContext db, TimeProvider clock)
{
    public async Task<OutpostMonth> Month(int? year, int? month, CancellationToken cancellationToken)
    {
        var today = Shanghai.Today(clock);
        var first = new DateOnly(year ?? today.Year, Math.Clamp(month ?? today.Month, 1, 12), 1);
        var from = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(first.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Shanghai.Zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Shanghai.Zone);
        var entries = await db.Set<ConvenienceEntry>().AsNoTracking().Where(e => e.At >= from && e.At < to)
            .GroupBy(e => new { e.StationId, e.VolunteerId, e.Kind }).Select(g => new { g.Key.StationId, g.Key.VolunteerId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var items = await db.Set<StoredItem>().AsNoTracking().Where(i => i.Status != StoredItemStatus.Claimed)
            .GroupBy(i => new { i.StationId, i.Status }).Select(g => new { g.Key.StationId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var outposts = await db.Stations.AsNoTracking().Where(s => s.Kind == Network.StationKind.Outpost).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var volunteerIds = entries.Select(e => e.VolunteerId).Distinct().ToList();
        var names = await db.Volunteers.AcrossStations("the names of volunteers who served at the outpost, whatever their home station").AsNoTracking().Where(v => volunteerIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.RealName, cancellationToken);
        return new OutpostMonth(first.Year, first.Month,
            [.. outposts.Select(o => new OutpostMonthLine(o.Id, o.Name,
                    entries.Where(e => e.StationId == o.Id).GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Sum(e => e.Count)),
                    entries.Where(e => e.StationId == o.Id).Sum(e => e.Count),
                    items.Where(i => i.StationId == o.Id && i.Status == StoredItemStatus.Stored).Sum(i => i.Count),
                    items.Where(i => i.StationId == o.Id && i.Status == StoredItemStatus.LostAndFound).Sum(i => i.Count)))
                .OrderByDescending(l => l.Total).ThenBy(l => l.Name, StringComparer.Ordinal)],
            [.. entries.GroupBy(e => e.VolunteerId).Select(g => new VolunteerMonthLine(g.Key, names.GetValueOrDefault(g.Key, ""), g.Sum(e => e.Count)))
                .OrderByDescending(l => l.Total).ThenBy(l => l.Name, StringComparer.Ordinal)]);
    }
}
