using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;
using Volunteer96345.Network;

namespace Volunteer96345.Evaluation.Rectifications;

/// <summary>
/// Fires rectifications' due dates: one still open when its due date has ended is marked overdue, and the sub-station
/// (its managers and the town's admins) and the station's managers are told. An answered or closed one, or one returned
/// with a later due date (which has its own timer), is left alone.
/// </summary>
internal sealed class RectificationTimers(AppDbContext db, Notifier notifier) : TimerOwner<RectificationTimer>
{
    protected override async Task FireAsync(IReadOnlyList<RectificationTimer> timers, DateTime now, CancellationToken cancellationToken)
    {
        var ids = timers.Select(t => t.RectificationId).Distinct().ToList();
        var rectifications = await db.Set<Rectification>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now));
        List<Guid>? town = null;
        foreach (var timer in timers)
        {
            var rectification = rectifications[timer.RectificationId];
            if (!rectification.MarkOverdue(today, now))
            {
                continue;
            }

            town ??= await SubStationAsync(cancellationToken);
            var managers = await db.StationManagersAsync([rectification.StationId], cancellationToken);
            var station = await db.Set<Station>().Where(s => s.Id == rectification.StationId).Select(s => s.Name).SingleAsync(cancellationToken);
            notifier.ToUsers([.. town, .. managers[rectification.StationId]], new Notice("Notice.RectificationOverdue.Subject", "Notice.RectificationOverdue.Body",
                station, Shanghai.Format(rectification.DueOn), RectificationsHandler.Short(rectification.Issue)), RectificationsHandler.Link(rectification.Id));
            timer.TookEffect();
        }
    }

    /// <summary>The sub-station's managers and the town's admins.</summary>
    private async Task<List<Guid>> SubStationAsync(CancellationToken cancellationToken)
    {
        var subStations = await db.Set<Station>().Where(s => s.Kind == StationKind.SubStation).Select(s => s.Id).ToListAsync(cancellationToken);
        var managers = await db.StationManagersAsync(subStations, cancellationToken);
        var adminRole = await db.Roles.Where(r => r.Name == Roles.TownAdmin).Select(r => r.Id).SingleAsync(cancellationToken);
        var admins = await db.UserRoles.Where(ur => ur.RoleId == adminRole).Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, u) => u.Id)
            .ToListAsync(cancellationToken);
        return [.. managers.SelectMany(m => m).Concat(admins).Distinct()];
    }
}
