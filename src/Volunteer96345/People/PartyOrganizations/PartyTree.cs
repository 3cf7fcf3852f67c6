using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.PartyOrganizations;

public sealed record PartyNode(Guid Id, string Name, PartyOrganizationKind Kind, int Members, IReadOnlyList<PartyNode> Children, Guid? SecretaryId = null,
    string? SecretaryName = null);

public sealed class SecretaryInput
{
    /// <summary>The party member to appoint; null removes the secretary.</summary>
    public Guid? VolunteerId { get; set; }
}

public sealed record PartyMember(Guid VolunteerId, string Number, string RealName, PoliticalStatus Status, string StationName);

/// <summary>
/// The party organisation tree with member counts and secretaries, and the members of one organisation (scoped like
/// every volunteer read). The town admin appoints each organisation's secretary (书记).
/// </summary>
internal sealed class PartyTreeHandler(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer)
{
    private const string Why = "a secretary's name is shown with the organisation, whatever station they live in";

    public async Task<List<PartyNode>> Tree(CancellationToken cancellationToken)
    {
        var organizations = await db.PartyOrganizations.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var counts = await db.Volunteers.Where(v => v.PartyOrganizationId != null).GroupBy(v => v.PartyOrganizationId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var secretaryIds = organizations.Where(p => p.SecretaryVolunteerId != null).Select(p => p.SecretaryVolunteerId!.Value).ToList();
        var secretaries = await db.Volunteers.AcrossStations(Why).Where(v => secretaryIds.Contains(v.Id)).Select(v => new { v.Id, v.RealName })
            .ToDictionaryAsync(v => v.Id, v => v.RealName, cancellationToken);
        var byParent = organizations.ToLookup(p => p.ParentId);
        // A node counts its own members and those of every organisation under it.
        List<PartyNode> Build(Guid? parent) =>
        [
            .. byParent[parent].OrderBy(p => p.Kind).ThenBy(p => p.Name).Select(p =>
            {
                var children = Build(p.Id);
                return new PartyNode(p.Id, p.Name, p.Kind, counts.GetValueOrDefault(p.Id) + children.Sum(c => c.Members), children, p.SecretaryVolunteerId,
                    p.SecretaryVolunteerId is { } s ? secretaries.GetValueOrDefault(s) : null);
            }),
        ];
        return Build(null);
    }

    public async Task<List<PartyMember>> Members(Guid organizationId, CancellationToken cancellationToken)
    {
        var members = await db.Volunteers.AsNoTracking().Where(v => v.PartyOrganizationId == organizationId).OrderBy(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.RealName, v.PoliticalStatus, v.StationId }).ToListAsync(cancellationToken);
        var stationIds = members.Select(m => m.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        return [.. members.Select(m => new PartyMember(m.Id, m.Number, m.RealName, m.PoliticalStatus, stations.GetValueOrDefault(m.StationId, "")))];
    }

    /// <summary>The town admin appoints a party member of the organisation or of one under it as its secretary (or removes one).</summary>
    public async Task<Result<bool>> Appoint(Guid organizationId, SecretaryInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var all = await db.PartyOrganizations.ToListAsync(cancellationToken);
        if (all.FirstOrDefault(p => p.Id == organizationId) is not { } organization)
        {
            return AppError.NotFound(localizer["Party.NotFound"]);
        }

        if (input.VolunteerId is { } volunteerId)
        {
            var subtree = PartyOrganization.Subtrees(all, [organizationId]);
            var member = await db.Volunteers.AcrossStations(Why).Where(v => v.Id == volunteerId)
                .Select(v => new { v.PartyOrganizationId, v.PoliticalStatus, v.Status }).SingleOrDefaultAsync(cancellationToken);
            var v = new Validation(localizer);
            v.Check(member is { PartyOrganizationId: { } org, PoliticalStatus: PoliticalStatus.PartyMember, Status: VolunteerStatus.Active } && subtree.Contains(org),
                "volunteerId", "Party.SecretaryNotMember");
            if (!v.IsValid)
            {
                return v.ToError();
            }
        }

        organization.Appoint(input.VolunteerId);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<List<PartyOption>> Options(CancellationToken cancellationToken) =>
        db.PartyOrganizations.AsNoTracking().OrderBy(p => p.Name).Select(p => new PartyOption(p.Id, p.Name, p.Kind)).ToListAsync(cancellationToken);

    public Task<List<SkillOption>> Skills(CancellationToken cancellationToken) =>
        db.Skills.AsNoTracking().OrderBy(s => s.Category).ThenBy(s => s.Name).Select(s => new SkillOption(s.Id, s.Name, s.Category)).ToListAsync(cancellationToken);
}

public sealed record PartyOption(Guid Id, string Name, PartyOrganizationKind Kind);

public sealed record SkillOption(Guid Id, string Name, string Category);
