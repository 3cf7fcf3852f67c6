using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.WorkOrders.Orders;

namespace Volunteer96345.WorkOrders.Reports;

/// <summary>
/// One line of the SLA report. Minutes run from receipt; the arrival figures count on-site orders only. A share is
/// null when nothing could be counted. An order is breached when it missed any of its deadlines, or still waits past one.
/// </summary>
public sealed record SlaLine(string Key, string Name, int Orders, double? MeanAcceptMinutes, double? P90AcceptMinutes, double? MeanArriveMinutes,
    double? P90ArriveMinutes, double? AcceptedInTime, double? ArrivedInTime, int Breaches);

public sealed record SlaReportView(DateOnly From, DateOnly To, SlaLine Total, IReadOnlyList<SlaLine> ByStation, IReadOnlyList<SlaLine> ByCategory);

/// <summary>服务时效报表: how fast orders were taken and reached, per station and per category, for the town or a manager's stations.</summary>
internal sealed class SlaReportHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxDays = 366;

    private sealed record Sample(Guid StationId, ServiceCategory Category, bool OnSite, DateTime ReceivedAt, DateTime AcceptDue, DateTime? ArriveDue,
        DateTime ResolveDue, DateTime? AcceptedAt, DateTime? ArrivedAt, DateTime? ResolvedAt, bool ArrivalBreached);

    public async Task<Result<SlaReportView>> Get(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        // A station manager sees their own stations' figures: the station scope filters the orders read below.
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.Dispatcher, Roles.Inspector, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var today = Shanghai.Today(clock);
        var start = from ?? new DateOnly(today.Year, today.Month, 1);
        var end = to ?? start.AddMonths(1).AddDays(-1);
        var v = new Validation(localizer).Check(start <= end, "to", "Validation.DateOrder")
            .Check(end.DayNumber - start.DayNumber < MaxDays, "to", "Report.RangeTooLong", MaxDays);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var since = ListOrdersHandler.StartOf(start);
        var until = ListOrdersHandler.StartOf(end.AddDays(1));
        var samples = await db.WorkOrders.AsNoTracking().Where(o => o.ReceivedAt >= since && o.ReceivedAt < until)
            .Select(o => new Sample(o.StationId, o.Category, o.OnSite, o.ReceivedAt, o.AcceptDue, o.ArriveDue, o.ResolveDue, o.AcceptedAt, o.ArrivedAt,
                o.ResolvedAt, o.ArrivalBreached))
            .ToListAsync(cancellationToken);
        var stations = await db.AllStationNames(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return new SlaReportView(start, end,
            Line("total", localizer["Report.Total"], samples, now),
            [.. samples.GroupBy(s => s.StationId).Select(g => Line(g.Key.ToString(), stations.GetValueOrDefault(g.Key, ""), g, now)).OrderBy(l => l.Name, StringComparer.Ordinal)],
            [.. samples.GroupBy(s => s.Category).OrderBy(g => g.Key).Select(g => Line(g.Key.ToString(), localizer["ServiceCategory." + g.Key], g, now))]);
    }

    private static SlaLine Line(string key, string name, IEnumerable<Sample> group, DateTime now)
    {
        var orders = group.ToList();
        var accept = orders.Where(o => o.AcceptedAt is not null).Select(o => (o.AcceptedAt!.Value - o.ReceivedAt).TotalMinutes).ToList();
        var onSite = orders.Where(o => o.OnSite && o.ArriveDue is not null).ToList();
        var arrive = onSite.Where(o => o.ArrivedAt is not null).Select(o => (o.ArrivedAt!.Value - o.ReceivedAt).TotalMinutes).ToList();
        return new SlaLine(key, name, orders.Count, Mean(accept), Percentile(accept, 0.9), Mean(arrive), Percentile(arrive, 0.9),
            Share(orders.Count(o => o.AcceptedAt <= o.AcceptDue), orders.Count),
            Share(onSite.Count(o => o.ArrivedAt <= o.ArriveDue), onSite.Count),
            orders.Count(o => IsBreached(o, now)));
    }

    private static bool IsBreached(Sample o, DateTime now) =>
        o.ArrivalBreached
        || (o.AcceptedAt ?? now) > o.AcceptDue
        || (o.OnSite && o.ArriveDue is { } arrive && (o.ArrivedAt ?? now) > arrive)
        || (o.ResolvedAt ?? now) > o.ResolveDue;

    private static double? Mean(List<double> values) => values.Count == 0 ? null : Math.Round(values.Average(), 1);

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 3);

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank, 1, sorted.Count) - 1], 1);
    }
}
