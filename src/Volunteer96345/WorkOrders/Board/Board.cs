using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;
using Volunteer96345.Network;
using Volunteer96345.WorkOrders.Orders;

namespace Volunteer96345.WorkOrders.Board;

/// <summary>Which milestone an open order waits for next.</summary>
public enum Milestone
{
    Accept,
    Arrive,
    Resolve,
}

public sealed record BoardOrder(Guid Id, string TrackingCode, string ServiceName, ServiceCategory Category, Guid StationId, string StationName,
    WorkOrderStatus Status, bool AwaitingTown, bool Breached, DateTime ReceivedAt, Milestone Next, DateTime NextDue, string Address,
    double? Latitude, double? Longitude, DateTime? UnansweredSince = null);

public sealed record DoneOrder(Guid Id, string TrackingCode, string ServiceName, string StationName, WorkOrderStatus Status, DateTime DoneAt,
    string? ResponderName);

/// <param name="Open">The open orders in the caller's scope, soonest deadline first.</param>
/// <param name="DoneToday">Today's finished orders, newest first.</param>
/// <param name="OverdueDeadlines">Deadlines in the caller's scope more than 5 s overdue and not yet fired: the sweeper is behind.</param>
/// <param name="OldestOverdueAt">When the oldest of them fell due.</param>
public sealed record BoardView(IReadOnlyList<BoardOrder> Open, IReadOnlyList<DoneOrder> DoneToday, int OverdueDeadlines, DateTime? OldestOverdueAt);

public sealed record BoardSummary(int Open, int BreachesToday);

/// <summary>
/// 调度大屏: every open order in the caller's scope with the deadline it waits for next, and today's finished ones.
/// The countdown itself is drawn by the page from <see cref="BoardOrder.NextDue"/>.
/// </summary>
internal sealed class BoardHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxDone = 50;

    public async Task<Result<BoardView>> Get(Guid? stationId, ServiceCategory? category, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Dispatcher, Roles.TownAdmin, Roles.StationManager, Roles.Inspector))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var query = db.WorkOrders.AsNoTracking();
        if (stationId is { } station)
        {
            query = query.Where(o => o.StationId == station);
        }

        if (category is { } c)
        {
            query = query.Where(o => o.Category == c);
        }

        var open = await query.Where(o => o.Status != WorkOrderStatus.Resolved && o.Status != WorkOrderStatus.Closed)
            .Select(o => new
            {
                o.Id,
                o.TrackingCode,
                o.ServiceItemId,
                o.Category,
                o.StationId,
                o.Status,
                o.AwaitingTown,
                o.UnansweredSince,
                o.ArrivalBreached,
                o.ReceivedAt,
                o.AcceptedAt,
                o.ArrivedAt,
                o.OnSite,
                o.AcceptDue,
                o.ArriveDue,
                o.ResolveDue,
                o.Address,
                o.Latitude,
                o.Longitude
            })
            .ToListAsync(cancellationToken);
        var since = ListOrdersHandler.StartOf(Shanghai.Today(clock));
        var done = await query.Where(o => (o.Status == WorkOrderStatus.Resolved || o.Status == WorkOrderStatus.Closed) && o.ResolvedAt >= since)
            .OrderByDescending(o => o.ResolvedAt).Take(MaxDone)
            .Select(o => new { o.Id, o.TrackingCode, o.ServiceItemId, o.StationId, o.Status, o.ResolvedAt, o.ResponderName })
            .ToListAsync(cancellationToken);
        var itemIds = open.Select(o => o.ServiceItemId).Concat(done.Select(o => o.ServiceItemId)).Distinct().ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var stations = await db.AllStationNames(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var backlog = await TimerBacklog.InScopeAsync(db, now, cancellationToken);
        return new BoardView(
            [.. open.Select(o =>
            {
                var (next, due) = o.AcceptedAt is null ? (Milestone.Accept, o.AcceptDue)
                    : o.OnSite && o.ArrivedAt is null && o.ArriveDue is { } arrive ? (Milestone.Arrive, arrive)
                    : (Milestone.Resolve, o.ResolveDue);
                var breached = o.ArrivalBreached || o.AcceptedAt > o.AcceptDue || due < now;
                return new BoardOrder(o.Id, o.TrackingCode, items.GetValueOrDefault(o.ServiceItemId, ""), o.Category, o.StationId,
                    stations.GetValueOrDefault(o.StationId, ""), o.Status, o.AwaitingTown, breached, o.ReceivedAt, next, due, o.Address, o.Latitude, o.Longitude,
                    o.UnansweredSince);
            }).OrderBy(o => o.NextDue)],
            [.. done.Select(o => new DoneOrder(o.Id, o.TrackingCode, items.GetValueOrDefault(o.ServiceItemId, ""), stations.GetValueOrDefault(o.StationId, ""),
                o.Status, o.ResolvedAt!.Value, o.ResponderName))],
            backlog.Overdue, backlog.OldestDueAt);
    }

    /// <summary>The home page's tile: open orders, and orders received today that missed a deadline already.</summary>
    public async Task<BoardSummary> Summary(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = ListOrdersHandler.StartOf(Shanghai.Today(clock));
        var open = await db.WorkOrders.CountAsync(o => o.Status != WorkOrderStatus.Resolved && o.Status != WorkOrderStatus.Closed, cancellationToken);
        var breaches = await db.WorkOrders.CountAsync(o => o.ReceivedAt >= since && (o.ArrivalBreached
            || (o.AcceptedAt == null ? o.AcceptDue < now : o.AcceptedAt > o.AcceptDue)
            || (o.ResolvedAt == null ? o.ResolveDue < now : o.ResolvedAt > o.ResolveDue)), cancellationToken);
        return new BoardSummary(open, breaches);
    }
}
