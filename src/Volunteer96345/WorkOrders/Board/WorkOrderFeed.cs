using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Volunteer96345.Data;

namespace Volunteer96345.WorkOrders.Board;

/// <summary>
/// Tells live pages of this app instance that some work order changed, after the change committed. Other instances'
/// changes are not seen here: pages refresh on a timer as well.
/// </summary>
internal sealed class WorkOrderFeed : ISaveObserver
{
    public event Action? Changed;

    public void Publish() => Changed?.Invoke();

    public bool BeforeSave(ChangeTracker changes) => changes.Entries<WorkOrder>().Any(e => e.State != EntityState.Unchanged);

    public void Committed() => Publish();
}
