using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.WorkOrders.Sla;

/// <summary>
/// Fires a batch of work orders' deadlines that <see cref="TimerSweeper"/> has claimed: an unmet milestone escalates the
/// order (an event, the station's managers told; a breach also tells the town's duty officers), an accept deadline
/// widens the offers, a phase's end offers the next round. A deadline whose milestone was met in time is spent without
/// effect. Each order and each station's managers are read once per batch.
/// </summary>
internal sealed class SlaTimers(AppDbContext db, DispatchService dispatch, Notifier notifier, ILogger<SlaTimers> logger) : TimerOwner<SlaTimer>
{
    private List<Guid>? _townDutyOfficers;

    protected override async Task FireAsync(IReadOnlyList<SlaTimer> timers, DateTime now, CancellationToken cancellationToken)
    {
        var orderIds = timers.Select(t => t.WorkOrderId).Distinct().ToList();
        var orders = await db.WorkOrders.Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var managers = await db.StationManagersAsync(orders.Values.Select(o => o.StationId), cancellationToken);
        foreach (var timer in timers)
        {
            var order = orders[timer.WorkOrderId];
            if (await ApplyAsync(order, timer, [.. managers[order.StationId]], now, cancellationToken))
            {
                timer.TookEffect();
                logger.LogInformation("SLA {Kind} fired for order {TrackingCode}, due {DueAt:O}, at {Now:O}.", timer.Kind, order.TrackingCode, timer.DueAt, now);
            }
        }
    }

    private async Task<bool> ApplyAsync(WorkOrder order, SlaTimer timer, List<Guid> managers, DateTime now, CancellationToken cancellationToken)
    {
        if (timer.Kind == SlaTimerKind.NextRound)
        {
            // Phased alerts: nobody took it this round; widen to the next candidates (earlier offers stay open), or after
            // the last round hand it back to the dispatcher.
            return timer.Round == order.Reopens && order.Status == WorkOrderStatus.Dispatched && !order.AwaitingTown &&
                   await dispatch.NextRoundOrGiveBackAsync(order, "sla", cancellationToken, () => ToldOfGiveBackAsync(managers, cancellationToken));
        }

        if (order.Escalate(timer, now) is not { } kind)
        {
            return false;
        }

        Common.Web.AppTelemetry.SlaEscalations.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

        var link = $"/work-orders/{order.Id}";
        switch (kind)
        {
            case WorkOrderEventKind.AcceptOverdue:
                // Widen the offers, unless the rounds are spent: then the order is (or now goes) back with the dispatcher.
                // Going back now tells the managers and the town already (无人接单); one notice for one event.
                var wasBack = order.UnansweredSince is not null;
                await dispatch.NextRoundOrGiveBackAsync(order, "sla", cancellationToken, () => ToldOfGiveBackAsync(managers, cancellationToken));
                if (wasBack || order.UnansweredSince is null)
                {
                    notifier.ToUsers(managers, new Notice("Notice.AcceptOverdue.Subject",
                        order.UnansweredSince is null ? "Notice.AcceptOverdue.Widened" : "Notice.AcceptOverdue.GivenBack",
                        order.TrackingCode, Common.Time.Shanghai.Format(order.AcceptDue)), link);
                }

                break;
            case WorkOrderEventKind.ArrivalWarning:
                notifier.ToUsers(managers, new Notice("Notice.ArrivalWarning.Subject", "Notice.ArrivalWarning.Body",
                    order.TrackingCode, Common.Time.Shanghai.Format(order.ArriveDue!.Value)), link);
                break;
            case WorkOrderEventKind.ArrivalBreach:
                notifier.ToUsers([.. managers, .. await TownDutyOfficersAsync(cancellationToken)],
                    new Notice("Notice.ArrivalBreach.Subject", "Notice.ArrivalBreach.Body", order.TrackingCode), link);
                break;
            case WorkOrderEventKind.ResolveOverdue:
                notifier.ToUsers(managers, new Notice("Notice.ResolveOverdue.Subject", "Notice.ResolveOverdue.Body", order.TrackingCode), link);
                break;
        }

        return true;
    }

    /// <summary>Who hears that an order was given back: its station's managers (read with the batch) and the town's duty officers.</summary>
    private async Task<IReadOnlyCollection<Guid>> ToldOfGiveBackAsync(List<Guid> managers, CancellationToken cancellationToken) =>
        [.. managers, .. await TownDutyOfficersAsync(cancellationToken)];

    /// <summary>The town's duty officers (read once per batch).</summary>
    private async Task<List<Guid>> TownDutyOfficersAsync(CancellationToken cancellationToken) =>
        _townDutyOfficers ??= await db.TownDutyOfficersAsync(cancellationToken);
}
