using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Auth;

/// <summary>Puts the account's station scope into the cookie, so that every request knows it without a query.</summary>
internal sealed class ScopeClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        if (user.TownWide)
        {
            identity.AddClaim(new Claim(CurrentUser.TownWideClaim, "true"));
        }

        if (user.VolunteerId is { } volunteerId)
        {
            identity.AddClaim(new Claim(CurrentUser.VolunteerClaim, volunteerId.ToString()));
        }

        if (user.AllianceMemberId is { } memberId)
        {
            identity.AddClaim(new Claim(CurrentUser.MerchantClaim, memberId.ToString()));
        }

        var stationIds = await db.StaffStations.Where(s => s.UserId == user.Id).Select(s => s.StationId).ToListAsync();
        foreach (var id in stationIds)
        {
            identity.AddClaim(new Claim(CurrentUser.StationClaim, id.ToString()));
        }

        return identity;
    }
}
