using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.PartyOrganizations;

public sealed record PartyNode(Guid Id, string Name, PartyOrganizationKind Kind, int Members, IReadOnlyList<PartyNode> Children);

public sealed record PartyMember(Guid VolunteerId, string Number, string RealName, PoliticalStatus Status, string StationName);

/// <summary>The party organisation tree with member counts, and the members of one organisation (scoped like every volunteer read).</summary>
internal sealed class PartyTreeHandler(AppDbContext db)
{
    public async Task<List<PartyNode>> Tree(CancellationToken cancellationToken)
    {
        var organizations = await db.PartyOrganizations.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var counts = await db.Volunteers.Where(v => v.PartyOrganizationId != null).GroupBy(v => v.PartyOrganizationId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var byParent = organizations.ToLookup(p => p.ParentId);
        // A node counts its own members and those of every organisation under it.
        List<PartyNode> Build(Guid? parent) =>
        [
            .. byParent[parent].OrderBy(p => p.Kind).ThenBy(p => p.Name).Select(p =>
            {
                var children = Build(p.Id);
                return new PartyNode(p.Id, p.Name, p.Kind, counts.GetValueOrDefault(p.Id) + children.Sum(c => c.Members), children);
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

    public Task<List<PartyOption>> Options(CancellationToken cancellationToken) =>
        db.PartyOrganizations.AsNoTracking().OrderBy(p => p.Name).Select(p => new PartyOption(p.Id, p.Name, p.Kind)).ToListAsync(cancellationToken);

    public Task<List<SkillOption>> Skills(CancellationToken cancellationToken) =>
        db.Skills.AsNoTracking().OrderBy(s => s.Category).ThenBy(s => s.Name).Select(s => new SkillOption(s.Id, s.Name, s.Category)).ToListAsync(cancellationToken);
}

public sealed record PartyOption(Guid Id, string Name, PartyOrganizationKind Kind);

public sealed record SkillOption(Guid Id, string Name, string Category);
