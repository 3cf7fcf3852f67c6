using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Auth;

internal static class DutyOfficers
{
    /// <summary>The town's duty officers, whom a breached deadline is reported to: the active town-wide dispatchers and admins.</summary>
    public static async Task<List<Guid>> TownDutyOfficersAsync(this AppDbContext db, CancellationToken cancellationToken)
    {
        var roleIds = await db.Roles.Where(r => r.Name == Roles.Dispatcher || r.Name == Roles.TownAdmin).Select(r => r.Id).ToListAsync(cancellationToken);
        return await db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, u) => u.Id)
            .Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>The staff accounts that manage each of <paramref name="stationIds"/> (their escalations' recipients), read once for a batch.</summary>
    public static async Task<ILookup<Guid, Guid>> StationManagersAsync(this AppDbContext db, IEnumerable<Guid> stationIds, CancellationToken cancellationToken)
    {
        var ids = stationIds.Distinct().ToList();
        return (await db.StaffStations.AsNoTracking().Where(s => ids.Contains(s.StationId)).Select(s => new { s.StationId, s.UserId })
            .ToListAsync(cancellationToken)).ToLookup(s => s.StationId, s => s.UserId);
    }

    /// <summary>The active town admins (the 党委's desk: objections to a posted result go to them).</summary>
    public static async Task<List<Guid>> TownAdminsAsync(this AppDbContext db, CancellationToken cancellationToken)
    {
        var roleIds = await db.Roles.Where(r => r.Name == Roles.TownAdmin).Select(r => r.Id).ToListAsync(cancellationToken);
        return await db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, u) => u.Id)
            .Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>The phone accounts of registry volunteers, by volunteer (a volunteer without an account is not in it).</summary>
    public static async Task<Dictionary<Guid, Guid>> VolunteerAccountsAsync(this AppDbContext db, IReadOnlyCollection<Guid> volunteerIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.IsActive && u.VolunteerId != null && volunteerIds.Contains(u.VolunteerId.Value))
            .ToDictionaryAsync(u => u.VolunteerId!.Value, u => u.Id, cancellationToken);
}
