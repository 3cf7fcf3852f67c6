using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.WorkOrders;

/// <summary>The WorkOrders module's tables in the one DbContext: the module declares them, so that Data names no module (docs/architecture.md).</summary>
internal static class WorkOrdersTables
{
    extension(AppDbContext db)
    {
        public DbSet<ServiceItem> ServiceItems => db.Set<ServiceItem>();
        public DbSet<WorkOrder> WorkOrders => db.Set<WorkOrder>();
        public DbSet<SlaTimer> SlaTimers => db.Set<SlaTimer>();
        public DbSet<Feedback> Feedback => db.Set<Feedback>();
        public DbSet<Callback> Callbacks => db.Set<Callback>();
    }
}
