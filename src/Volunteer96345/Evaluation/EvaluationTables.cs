using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Evaluation;

/// <summary>The Evaluation module's tables in the one DbContext (docs/architecture.md).</summary>
internal static class EvaluationTables
{
    extension(AppDbContext db)
    {
        public DbSet<EvaluationSettings> EvaluationSettings => db.Set<EvaluationSettings>();
        public DbSet<SpotCheckDraw> SpotCheckDraws => db.Set<SpotCheckDraw>();
        public DbSet<SpotCheck> SpotChecks => db.Set<SpotCheck>();
        public DbSet<Rectification> Rectifications => db.Set<Rectification>();
    }
}
