using Microsoft.EntityFrameworkCore;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.Activities.Compliance;

internal sealed record BranchCompliance(Guid BranchId, string BranchName, int Activities, bool Held, int Members, int Attended)
{
    public decimal Rate => Members == 0 ? 0 : Math.Round(100m * Attended / Members, 1);
}

internal sealed record ComplianceReport(int Year, int Month, List<BranchCompliance> Branches)
{
    public int HeldCount => Branches.Count(b => b.Held);
}

/// <summary>
/// 先锋服务日落实情况: for a month, which party branches held their Pioneer Service Day activity (an activity the branch
/// organised on the month's service day with at least one participant checked in or credited), and each branch's
/// party-member participation rate (its active party members who attended any Pioneer Service Day activity that month,
/// over its active party members). Activities follow the caller's station scope.
/// </summary>
internal sealed class ComplianceHandler(AppDbContext db)
{
    public async Task<ComplianceReport> Month(int year, int month, CancellationToken cancellationToken)
    {
        var first = new DateOnly(year, month, 1);
        var from = ManageActivitiesHandler.StartOfDay(first);
        var to = ManageActivitiesHandler.StartOfDay(first.AddMonths(1));
        var branches = await db.PartyOrganizations.AsNoTracking().Where(p => p.Kind == PartyOrganizationKind.Branch).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var serviceDays = await db.Set<Activity>().AsNoTracking()
            .Where(a => a.Occasion == ActivityOccasion.PioneerServiceDay && a.StartsAt >= from && a.StartsAt < to)
            .Select(a => new
            {
                a.Id,
                a.OrganizerKind,
                a.OrganizerId,
                Attended = db.Set<SignUp>().Any(s => s.ActivityId == a.Id && s.Status == SignUpStatus.Confirmed && (s.CheckedInAt != null || s.CreditHours > 0)),
            })
            .ToListAsync(cancellationToken);
        var ids = serviceDays.Select(a => a.Id).ToList();
        var attendees = await db.Set<SignUp>().AsNoTracking()
            .Where(s => ids.Contains(s.ActivityId) && s.Status == SignUpStatus.Confirmed && (s.CheckedInAt != null || s.CreditHours > 0))
            .Select(s => s.VolunteerId).Distinct().ToListAsync(cancellationToken);
        var members = await db.Volunteers.AcrossStations("party members of every branch count for the service day").AsNoTracking()
            .Where(v => v.PartyOrganizationId != null && v.Status == VolunteerStatus.Active
                && (v.PoliticalStatus == PoliticalStatus.PartyMember || v.PoliticalStatus == PoliticalStatus.ProbationaryMember))
            .Select(v => new { v.Id, Branch = v.PartyOrganizationId!.Value }).ToListAsync(cancellationToken);
        var attended = attendees.ToHashSet();
        return new ComplianceReport(year, month,
        [
            .. branches.Select(b =>
            {
                var own = serviceDays.Where(a => a.OrganizerKind == OrganizerKind.PartyOrganization && a.OrganizerId == b.Id).ToList();
                var branchMembers = members.Where(m => m.Branch == b.Id).ToList();
                return new BranchCompliance(b.Id, b.Name, own.Count, own.Any(a => a.Attended), branchMembers.Count, branchMembers.Count(m => attended.Contains(m.Id)));
            }),
        ]);
    }
}
