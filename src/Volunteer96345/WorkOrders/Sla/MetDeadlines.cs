using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;

namespace Volunteer96345.WorkOrders.Sla;

/// <summary>
/// When a save moves a work order on (accepted, arrived, resolved, closed, re-opened), the deadlines it has met are spent
/// in the same transaction: their timers could only fire without effect (<see cref="WorkOrder.Escalate"/>), and most
/// deadlines are met, so the sweeper would otherwise claim four timers an order to do nothing with three. Earlier rounds'
/// timers are spent too. Upkeep, not a rule: a timer left unspent still fires without effect.
/// </summary>
internal sealed class MetDeadlines(TimeProvider clock) : ISaveParticipant
{
    private const string Why = "an order's deadlines stay where they were set when the order moves station";

    public async Task BeforeWriteAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<WorkOrder>())
        {
            if (entry.State != EntityState.Modified || !entry.Property(o => o.Status).IsModified)
            {
                continue;
            }

            var order = entry.Entity;
            var met = order.MetDeadlines();
            var round = order.Reopens;
            if (met.Length == 0 && !entry.Property(o => o.Reopens).IsModified)
            {
                continue; // dispatched, rerouted, handed back: nothing met
            }

            var spent = db.Set<SlaTimer>().AcrossStations(Why)
                .Where(t => t.WorkOrderId == order.Id && (t.Round < round || (t.Round == round && met.Contains(t.Kind))));
            await DueTimers.SpendAsync(spent, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }
}
