using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Integration;

/// <summary>The Integration module's tables in the one DbContext: the module declares them, so that Data names no module (docs/architecture.md).</summary>
internal static class IntegrationTables
{
    extension(AppDbContext db)
    {
        public DbSet<ApiClient> ApiClients => db.Set<ApiClient>();
    }
}
