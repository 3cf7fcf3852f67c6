using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Auth;

/// <summary>
/// The write half of the station scope: queries are filtered, and no change to a station-owned row outside the
/// caller's scope reaches the database, whichever page or endpoint made it.
/// </summary>
internal static class StationScopeGuard
{
    public static void Check(AppDbContext db)
    {
        var user = db.CurrentUser;
        if (user.SeesAllStations)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            Guid? stationId = entry.Entity switch
            {
                IStationRecord s => s.Id,
                IStationScoped scoped => scoped.StationId,
                StaffStation => Guid.Empty, // only town-wide accounts may change who manages what
                _ => null,
            };
            if (stationId is { } id && !user.StationIds.Contains(id))
            {
                throw new StationScopeException(id);
            }

            if (entry.State == EntityState.Modified && entry.Entity is IStationScoped
                && entry.Property(nameof(IStationScoped.StationId)).OriginalValue is Guid original
                && !user.StationIds.Contains(original))
            {
                throw new StationScopeException(original);
            }
        }
    }
}
