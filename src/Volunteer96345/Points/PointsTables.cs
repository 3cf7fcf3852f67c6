using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Points;

/// <summary>The Points module's tables in the one DbContext: the module declares them, so that Data names no module (docs/architecture.md).</summary>
internal static class PointsTables
{
    extension(AppDbContext db)
    {
        public DbSet<PointsAccount> PointsAccounts => db.Set<PointsAccount>();
        public DbSet<Posting> Postings => db.Set<Posting>();
        public DbSet<PointsEntry> PointsEntries => db.Set<PointsEntry>();
        public DbSet<Rules.EarningRule> EarningRules => db.Set<Rules.EarningRule>();
    }
}
