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
                await dispatch.NextRoundOrGiveBackAsync(order, "sla", cancellationToken, () => ToldOfGiveBackAsync(managers, cancellationToken));
                notifier.ToUsers(managers, $"【超时未接单】{order.TrackingCode}", order.UnansweredSince is null
                    ? $"工单已超过接单时限（{Common.Time.Shanghai.Format(order.AcceptDue)}），已扩大派单范围，请值班负责人跟进。"
                    : $"工单已超过接单时限（{Common.Time.Shanghai.Format(order.AcceptDue)}），无人接单，已退回人工派单，请值班负责人跟进。", link);
                break;
            case WorkOrderEventKind.ArrivalWarning:
                notifier.ToUsers(managers, $"【即将超时】{order.TrackingCode}", $"工单将于{Common.Time.Shanghai.Format(order.ArriveDue!.Value)}超过30分钟上门时限，尚未到达。", link);
                break;
            case WorkOrderEventKind.ArrivalBreach:
                notifier.ToUsers([.. managers, .. await TownDutyOfficersAsync(cancellationToken)], $"【超时】{order.TrackingCode}",
                    "工单超过30分钟未上门，已记录超时并上报镇值班负责人。", link);
                break;
            case WorkOrderEventKind.ResolveOverdue:
                notifier.ToUsers(managers, $"【办结超时】{order.TrackingCode}", "工单已超过办结时限，请督办。", link);
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
