using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.StationServices.Outposts;

/// <summary>
/// Sweeps the outposts' stored items, which are their own due rows: not collected by closing time → one alert; after the
/// configured days → lost-and-found. The item's <see cref="StoredItem.Version"/> makes a second instance's sweep of the
/// same item lose. It runs when the timer sweeper runs (Sla:Enabled), once every StationServices:PollSeconds (default 60).
/// </summary>
internal sealed class StoredItemSweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<StoredItemSweeper> logger)
    : PeriodicSweeper(clock, logger)
{
    protected override bool Enabled => configuration.GetValue("Sla:Enabled", true);

    protected override TimeSpan Period => TimeSpan.FromSeconds(configuration.GetValue("StationServices:PollSeconds", 60));

    protected override Task SweepAsync(CancellationToken cancellationToken) => SweepItemsAsync(cancellationToken);

    /// <summary>Alerts or moves every stored item due now; returns how many it swept.</summary>
    public async Task<int> SweepItemsAsync(CancellationToken cancellationToken)
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
                managers = await db.TownDutyOfficersAsync(cancellationToken);
            }

            managers.AddRange(await db.Users.AsNoTracking().Where(u => u.VolunteerId == item.DepositedBy && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken));
            var lost = item.LostAfter <= now && item.ToLostAndFound(now);
            if (!lost && item.NoteNotCollected(now))
            {
                notifier.ToUsers(managers, new Notice("Notice.StoredNotCollected.Subject", "Notice.StoredNotCollected.Body", station.Name, item.Description, item.OwnerPhoneMasked),
                    "/station-services/outposts");
            }
            else if (lost)
            {
                notifier.ToUsers(managers, new Notice("Notice.StoredToLostFound.Subject", "Notice.StoredToLostFound.Body", station.Name, item.Description, item.OwnerPhoneMasked),
                    "/station-services/outposts");
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
}
