using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;

namespace Volunteer96345.StationServices.Deadlines;

/// <summary>
/// Fires a batch of errands' deadlines that <see cref="TimerSweeper"/> has claimed: an errand still open at the end of
/// its last working day is escalated (the station's managers and the town's duty officers told); originals not back with
/// the resident some working days after the office's answer raise an alert to the station's managers.
/// </summary>
internal sealed class ErrandTimers(AppDbContext db, Notifier notifier) : TimerOwner<ErrandTimer>
{
    protected override async Task FireAsync(IReadOnlyList<ErrandTimer> timers, DateTime now, CancellationToken cancellationToken)
    {
        var errandIds = timers.Select(t => t.ErrandId).Distinct().ToList();
        var errands = await db.Set<ProxyErrand>().Where(e => errandIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var managers = await db.StationManagersAsync(errands.Values.Select(e => e.StationId), cancellationToken);
        List<Guid>? town = null;
        foreach (var timer in timers)
        {
            var errand = errands[timer.ErrandId];
            var link = $"/station-services/errands/{errand.Id}";
            switch (timer.Kind)
            {
                case ErrandTimerKind.Deadline when errand.Escalate(now):
                    town ??= await db.TownDutyOfficersAsync(cancellationToken);
                    notifier.ToUsers([.. managers[errand.StationId], .. town], new Notice("Notice.ErrandOverdue.Subject", "Notice.ErrandOverdue.Body",
                        errand.TypeName, errand.TrackingCode, errand.DeadlineWorkingDays.ToString(CultureInfo.InvariantCulture), Shanghai.Format(errand.DueDate)), link);
                    timer.TookEffect();
                    break;
                case ErrandTimerKind.ReturnsDue when errand.NoteMissingReturns(now) is { } missing:
                    notifier.ToUsers([.. managers[errand.StationId]], new Notice("Notice.ReturnsDue.Subject", "Notice.ReturnsDue.Body",
                        errand.TypeName, errand.TrackingCode, missing), link);
                    timer.TookEffect();
                    break;
            }
        }
    }
}
