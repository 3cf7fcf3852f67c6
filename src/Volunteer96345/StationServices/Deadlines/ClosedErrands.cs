using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;

namespace Volunteer96345.StationServices.Deadlines;

/// <summary>
/// When a save closes a proxy errand, its working-day deadline is spent in the same transaction: a closed errand is never
/// overdue (<see cref="ProxyErrand.Escalate"/>), and closing is final. The originals' return check stays: originals go
/// back after the close. Upkeep, not a rule, like the work orders' met deadlines.
/// </summary>
internal sealed class ClosedErrands(TimeProvider clock) : ISaveParticipant
{
    public async Task BeforeWriteAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<ProxyErrand>())
        {
            if (entry.State == EntityState.Modified && entry.Property(e => e.Status).IsModified && !entry.Entity.IsOpen)
            {
                var errand = entry.Entity.Id;
                await DueTimers.SpendAsync(db.Set<ErrandTimer>().AcrossStations("an errand's deadline stays where it was set")
                    .Where(t => t.ErrandId == errand && t.Kind == ErrandTimerKind.Deadline), clock.GetUtcNow().UtcDateTime, cancellationToken);
            }
        }
    }
}
