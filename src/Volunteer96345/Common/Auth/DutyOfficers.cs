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
}
