using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.WorkOrders.Sla;

/// <summary>
/// Fires due SLA timers. Each timer is claimed with a conditional update (fired_at still null) inside the same
/// transaction as its effect, so that with two instances on one PostgreSQL, or after a crash mid-way, every timer
/// takes effect exactly once: the loser's update finds the row already fired, a crash rolls back claim and effect
/// together. The loop sleeps until the next deadline or Sla:PollMilliseconds (default 250), whichever is sooner,
/// so a timer fires well within a second of its deadline and never before it.
/// </summary>
internal sealed class SlaSweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<SlaSweeper> logger)
    : BackgroundService
{
    private readonly TimeSpan _poll = TimeSpan.FromMilliseconds(configuration.GetValue("Sla:PollMilliseconds", 250));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Sla:Enabled", true))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await FireDueAsync(stoppingToken);
                wait = await UntilNextAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The SLA sweeper failed; retrying.");
                wait = TimeSpan.FromSeconds(1);
            }

            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    private async Task<TimeSpan> UntilNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var next = await db.SlaTimers.Where(t => t.FiredAt == null).OrderBy(t => t.DueAt).Select(t => (DateTime?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
        var until = next is { } due ? due - clock.GetUtcNow().UtcDateTime : _poll;
        return until < TimeSpan.Zero ? TimeSpan.Zero : until < _poll ? until : _poll;
    }

    /// <summary>Fires every timer due now; returns how many this call fired (including those that found the milestone met).</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.SlaTimers.Where(t => t.FiredAt == null && t.DueAt <= now).OrderBy(t => t.DueAt).Select(t => t.Id).Take(200)
                .ToListAsync(cancellationToken);
        }

        var fired = 0;
        foreach (var id in due)
        {
            try
            {
                fired += await FireAsync(id, cancellationToken) ? 1 : 0;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the order between our read and our write; the timer stays unfired and is tried again.
                logger.LogDebug("Timer {TimerId} raced a change to its order; retrying next sweep.", id);
            }
        }

        return fired;
    }

    private async Task<bool> FireAsync(Guid timerId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.SlaTimers.Where(t => t.Id == timerId && t.FiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var timer = await db.SlaTimers.FirstAsync(t => t.Id == timerId, cancellationToken);
        var order = await db.WorkOrders.FirstAsync(o => o.Id == timer.WorkOrderId, cancellationToken);
        var effective = await ApplyAsync(services, order, timer, now, cancellationToken);
        timer.Fired(now, effective);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (effective)
        {
            logger.LogInformation("SLA {Kind} fired for order {TrackingCode}, due {DueAt:O}, at {Now:O}.", timer.Kind, order.TrackingCode, timer.DueAt, now);
        }

        return true;
    }

    private static async Task<bool> ApplyAsync(IServiceProvider services, WorkOrder order, SlaTimer timer, DateTime now, CancellationToken cancellationToken)
    {
        var dispatch = services.GetRequiredService<DispatchService>();
        var notifier = services.GetRequiredService<Notifier>();
        var db = services.GetRequiredService<AppDbContext>();
        if (timer.Kind == SlaTimerKind.NextRound)
        {
            // Phased alerts: nobody took it this round; widen to the next candidates (earlier offers stay open).
            return timer.Round == order.Reopens && order.Status == WorkOrderStatus.Dispatched && !order.AwaitingTown &&
                   (await dispatch.OfferNextRoundAsync(order, "sla", cancellationToken)).Count > 0;
        }

        if (order.Escalate(timer, now) is not { } kind)
        {
            return false;
        }

        Common.Web.AppTelemetry.SlaEscalations.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

        var link = $"/work-orders/{order.Id}";
        var managers = await db.StaffStations.AsNoTracking().Where(s => s.StationId == order.StationId).Select(s => s.UserId).ToListAsync(cancellationToken);
        switch (kind)
        {
            case WorkOrderEventKind.AcceptOverdue:
                await dispatch.OfferNextRoundAsync(order, "sla", cancellationToken);
                notifier.ToUsers(managers, $"【超时未接单】{order.TrackingCode}", $"工单已超过接单时限（{Common.Time.Shanghai.Format(order.AcceptDue)}），已扩大派单范围，请值班负责人跟进。", link);
                break;
            case WorkOrderEventKind.ArrivalWarning:
                notifier.ToUsers(managers, $"【即将超时】{order.TrackingCode}", $"工单将于{Common.Time.Shanghai.Format(order.ArriveDue!.Value)}超过30分钟上门时限，尚未到达。", link);
                break;
            case WorkOrderEventKind.ArrivalBreach:
                var town = await TownDutyOfficersAsync(db, cancellationToken);
                notifier.ToUsers([.. managers, .. town], $"【超时】{order.TrackingCode}", "工单超过30分钟未上门，已记录超时并上报镇值班负责人。", link);
                break;
            case WorkOrderEventKind.ResolveOverdue:
                notifier.ToUsers(managers, $"【办结超时】{order.TrackingCode}", "工单已超过办结时限，请督办。", link);
                break;
        }

        return true;
    }

    /// <summary>The town's duty officers: the town-wide dispatchers and admins.</summary>
    private static async Task<List<Guid>> TownDutyOfficersAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var roleIds = await db.Roles.Where(r => r.Name == Roles.Dispatcher || r.Name == Roles.TownAdmin).Select(r => r.Id).ToListAsync(cancellationToken);
        return await db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, u) => u.Id)
            .Distinct().ToListAsync(cancellationToken);
    }
}
