using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.StationServices.Deadlines;

/// <summary>
/// Fires due errand timers the way <see cref="WorkOrders.Sla.SlaSweeper"/> fires work-order timers: each is claimed with
/// a conditional update (fired_at still null) in the transaction of its effect, so that with two instances, or after a
/// crash mid-way, every timer takes effect exactly once. It runs when the SLA sweeper runs (Sla:Enabled); errand
/// deadlines are days apart, so it looks once every StationServices:PollSeconds (default 60).
/// </summary>
internal sealed class ErrandSweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ErrandSweeper> logger)
    : PeriodicSweeper(clock, logger)
{
    protected override bool Enabled => configuration.GetValue("Sla:Enabled", true);

    protected override TimeSpan Period => TimeSpan.FromSeconds(configuration.GetValue("StationServices:PollSeconds", 60));

    protected override Task SweepAsync(CancellationToken cancellationToken) => FireDueAsync(cancellationToken);

    /// <summary>Fires every timer due now; returns how many this call fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = Clock.GetUtcNow().UtcDateTime;
            due = await db.Set<ErrandTimer>().Where(t => t.FiredAt == null && t.DueAt <= now).OrderBy(t => t.DueAt).Select(t => t.Id).Take(200)
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
                Logger.LogDebug("Errand timer {TimerId} raced a change to its errand; retrying next sweep.", id);
            }
        }

        return fired + await SweepItemsAsync(cancellationToken);
    }

    /// <summary>
    /// Stored items are their own due rows: not collected by closing time → one alert; after the configured days →
    /// lost-and-found. The item's <see cref="StoredItem.Version"/> makes a second instance's sweep of the same item lose.
    /// </summary>
    private async Task<int> SweepItemsAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        var now = Clock.GetUtcNow().UtcDateTime;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.Set<StoredItem>().Where(i => i.Status == StoredItemStatus.Stored && ((i.AlertedAt == null && i.CollectBy <= now) || i.LostAfter <= now))
                .OrderBy(i => i.CollectBy).Select(i => i.Id).Take(200).ToListAsync(cancellationToken);
        }

        var swept = 0;
        foreach (var id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var item = await db.Set<StoredItem>().FirstAsync(i => i.Id == id, cancellationToken);
            var station = await db.Stations.Where(s => s.Id == item.StationId).Select(s => new { s.Name, s.ParentId }).FirstAsync(cancellationToken);
            // The outpost's (or its point's) managers, else the town's duty officers; and always the volunteer who took the item in.
            var managers = await db.StaffStations.AsNoTracking().Where(s => s.StationId == item.StationId || s.StationId == station.ParentId)
                .Select(s => s.UserId).ToListAsync(cancellationToken);
            if (managers.Count == 0)
            {
                managers = await TownDutyOfficersAsync(db, cancellationToken);
            }

            managers.AddRange(await db.Users.AsNoTracking().Where(u => u.VolunteerId == item.DepositedBy && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken));
            var lost = item.LostAfter <= now && item.ToLostAndFound(now);
            if (!lost && item.NoteNotCollected(now))
            {
                notifier.ToUsers(managers, $"【寄存未取】{station.Name}", $"寄存物品“{item.Description}”（{item.OwnerPhoneMasked}）闭站前未取走，请联系物主。", "/station-services/outposts");
            }
            else if (lost)
            {
                notifier.ToUsers(managers, $"【转失物招领】{station.Name}", $"寄存物品“{item.Description}”（{item.OwnerPhoneMasked}）逾期未取，已转失物招领。", "/station-services/outposts");
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                swept++;
            }
            catch (DbUpdateConcurrencyException)
            {
                Logger.LogDebug("Stored item {ItemId} changed while swept; retrying next sweep.", id);
            }
        }

        return swept;
    }

    private async Task<bool> FireAsync(Guid timerId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Set<ErrandTimer>().Where(t => t.Id == timerId && t.FiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var timer = await db.Set<ErrandTimer>().FirstAsync(t => t.Id == timerId, cancellationToken);
        var errand = await db.Set<ProxyErrand>().FirstAsync(e => e.Id == timer.ErrandId, cancellationToken);
        var managers = await db.StaffStations.AsNoTracking().Where(s => s.StationId == errand.StationId).Select(s => s.UserId).ToListAsync(cancellationToken);
        var link = $"/station-services/errands/{errand.Id}";
        var effective = false;
        switch (timer.Kind)
        {
            case ErrandTimerKind.Deadline when errand.Escalate(now):
                var town = await TownDutyOfficersAsync(db, cancellationToken);
                notifier.ToUsers([.. managers, .. town], $"【代办超时】{errand.TypeName} {errand.TrackingCode}",
                    $"红色代办已超过{errand.DeadlineWorkingDays}个工作日的办理时限（{Shanghai.Format(errand.DueDate)}），请督办。", link);
                effective = true;
                break;
            case ErrandTimerKind.ReturnsDue when errand.NoteMissingReturns(now) is { } missing:
                notifier.ToUsers(managers, $"【材料未归还】{errand.TypeName} {errand.TrackingCode}", $"以下原件尚未归还群众：{missing}。", link);
                effective = true;
                break;
        }

        timer.Fired(now, effective);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<List<Guid>> TownDutyOfficersAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var roleIds = await db.Roles.Where(r => r.Name == Roles.Dispatcher || r.Name == Roles.TownAdmin).Select(r => r.Id).ToListAsync(cancellationToken);
        return await db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, u) => u.Id)
            .Distinct().ToListAsync(cancellationToken);
    }
}
