using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Network;

/// <summary>The Network module's tables in the one DbContext: the module declares them, so that Data names no module (docs/architecture.md).</summary>
internal static class NetworkTables
{
    extension(AppDbContext db)
    {
        public DbSet<Station> Stations => db.Set<Station>();
        public DbSet<FiveHasInspection> Inspections => db.Set<FiveHasInspection>();
        public DbSet<BudgetLine> BudgetLines => db.Set<BudgetLine>();
        public DbSet<FundingEntry> FundingEntries => db.Set<FundingEntry>();
    }
}
