using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.StationServices.Report;

/// <summary>One line of the town's errand report. On time counts the closed ones closed by their deadline.</summary>
public sealed record ErrandReportLine(string Name, int Received, int Closed, int ClosedOnTime, int Open, int OpenOverdue)
{
    public double? OnTimeRate => Closed == 0 ? null : (double)ClosedOnTime / Closed;
}

public sealed record ErrandReportView(DateOnly From, DateOnly To, IReadOnlyList<ErrandReportLine> ByType, IReadOnlyList<ErrandReportLine> ByPoint, ErrandReportLine Total);

/// <summary>Volume and on-time rate of the errands received in a period, per errand type and per point (within the caller's scope).</summary>
internal sealed class ErrandReportHandler(AppDbContext db, TimeProvider clock)
{
    public async Task<ErrandReportView> Build(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var today = Shanghai.Today(clock);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? today;
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(start.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Shanghai.Zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(end.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Shanghai.Zone);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<ProxyErrand>().AsNoTracking().Where(e => e.ReceivedAt >= fromUtc && e.ReceivedAt < toUtc)
            .Select(e => new { e.TypeName, e.StationId, e.Status, e.ClosedAt, e.DueAt }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.StationId).Distinct().ToList();
        var names = await db.StationNames(ids, cancellationToken);

        var lines = rows.Select(r => (r.TypeName, Point: names.GetValueOrDefault(r.StationId, ""), Closed: r.ClosedAt is not null,
            OnTime: r.ClosedAt is { } c && c <= r.DueAt, OpenOverdue: r.ClosedAt is null && r.DueAt < now)).ToList();
        static ErrandReportLine Sum(string name, IReadOnlyCollection<(string TypeName, string Point, bool Closed, bool OnTime, bool OpenOverdue)> g) =>
            new(name, g.Count, g.Count(x => x.Closed), g.Count(x => x.OnTime), g.Count(x => !x.Closed), g.Count(x => x.OpenOverdue));
        return new ErrandReportView(start, end,
            [.. lines.GroupBy(l => l.TypeName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, [.. g]))],
            [.. lines.GroupBy(l => l.Point).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, [.. g]))],
            Sum("", lines));
    }
}
