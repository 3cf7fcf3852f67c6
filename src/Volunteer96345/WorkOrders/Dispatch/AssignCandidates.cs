using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Dispatch;

public sealed record CandidateOption(Guid Id, string Label);

/// <summary>
/// Whom staff may assign an order to by hand: any active volunteer, led team, active alliance merchant or active
/// station of the town, as <see cref="DispatchHandler"/> accepts them — so the search looks past the station scope.
/// </summary>
internal sealed class AssignCandidatesHandler(AppDbContext db, CurrentUser user)
{
    public const int Max = 20;

    public async Task<List<CandidateOption>> Search(ResponderKind kind, string? text, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Dispatcher, Roles.TownAdmin, Roles.StationManager))
        {
            return [];
        }

        var q = text?.Trim() ?? "";
        var initials = q.ToLowerInvariant();
        return kind switch
        {
            ResponderKind.Volunteer => await db.Volunteers.AcrossStations("the town dispatcher may assign anyone in the town").AsNoTracking()
                .Where(v => v.Status == VolunteerStatus.Active && (q == "" || v.RealName.Contains(q) || v.NameInitials.StartsWith(initials) || v.Number == q))
                .OrderBy(v => v.RealName).Take(Max).Select(v => new CandidateOption(v.Id, v.RealName + " · " + v.Number)).ToListAsync(cancellationToken),
            ResponderKind.Team => await db.Teams.AcrossStations("the town dispatcher may assign anyone in the town").AsNoTracking().Where(t => t.LeaderId != null && (q == "" || t.Name.Contains(q)))
                .OrderBy(t => t.Name).Take(Max).Select(t => new CandidateOption(t.Id, t.Name)).ToListAsync(cancellationToken),
            ResponderKind.Merchant => await db.AllianceMembers.AcrossStations("the town dispatcher may assign anyone in the town").AsNoTracking()
                .Where(m => m.Status == AllianceStatus.Active && (q == "" || m.Name.Contains(q)))
                .OrderBy(m => m.Name).Take(Max).Select(m => new CandidateOption(m.Id, m.Name)).ToListAsync(cancellationToken),
            ResponderKind.Station => await db.Stations.AcrossStations("the town dispatcher may assign anyone in the town").AsNoTracking().Where(s => s.IsActive && (q == "" || s.Name.Contains(q)))
                .OrderBy(s => s.Kind).ThenBy(s => s.Name).Take(Max).Select(s => new CandidateOption(s.Id, s.Name)).ToListAsync(cancellationToken),
            _ => [],
        };
    }
}
