using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People;

internal sealed record PoolVolunteer(Guid Id, string Number, string RealName, string Mobile, Guid StationId, VolunteerStatus Status, IReadOnlyList<Guid> SkillIds);

/// <summary>
/// Who may serve in a station's teams and on its roster: volunteers homed at that station or at a station under it,
/// so the sub-station's town teams and town roster draw on the whole town. The caller's station scope is checked on
/// the team or shift itself; the volunteers are read in queries of their own (ADR 0004) because a sub-station manager
/// is scoped to the sub-station while its volunteers are homed at the service points. An outpost (红立方 驿站) is staffed
/// by its village: its pool also holds the volunteers of the service points in the same village.
/// </summary>
internal sealed class VolunteerPool(AppDbContext db)
{
    public async Task<List<Guid>> StationTree(Guid stationId, CancellationToken cancellationToken)
    {
        var links = await db.Stations.AcrossStations("a station's pool includes the volunteers of the stations above and below it").AsNoTracking().Select(s => new { s.Id, s.ParentId }).ToListAsync(cancellationToken);
        var children = links.ToLookup(l => l.ParentId);
        var tree = new List<Guid> { stationId };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children[tree[i]].Select(c => c.Id));
        }

        return tree;
    }

    /// <summary>The stations whose volunteers may serve <paramref name="stationId"/>: its tree, and for an outpost its village's service points.</summary>
    public async Task<List<Guid>> PoolStations(Guid stationId, CancellationToken cancellationToken)
    {
        var tree = await StationTree(stationId, cancellationToken);
        var outpost = await db.Stations.AcrossStations("an outpost is staffed by the volunteers of its village").AsNoTracking()
            .Where(s => s.Id == stationId && s.Kind == StationKind.Outpost).Select(s => s.Village).FirstOrDefaultAsync(cancellationToken);
        if (outpost is { Length: > 0 } village)
        {
            tree.AddRange(await db.Stations.AcrossStations("an outpost is staffed by the volunteers of its village").AsNoTracking()
                .Where(s => s.Village == village && s.Kind == StationKind.ServicePoint && s.IsActive).Select(s => s.Id).ToListAsync(cancellationToken));
        }

        return [.. tree.Distinct()];
    }

    public async Task<List<PoolVolunteer>> Candidates(Guid stationId, CancellationToken cancellationToken)
    {
        var tree = await PoolStations(stationId, cancellationToken);
        var volunteers = await db.Volunteers.AcrossStations("a station's pool includes the volunteers of the stations above and below it").AsNoTracking()
            .Where(v => tree.Contains(v.StationId) && v.Status == VolunteerStatus.Active).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return [.. volunteers.Select(ToPool)];
    }

    /// <summary>The volunteer if they belong to the station's pool, whatever their status; null if unknown or from elsewhere.</summary>
    public async Task<PoolVolunteer?> Find(Guid stationId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AcrossStations("a station's pool includes the volunteers of the stations above and below it").AsNoTracking().FirstOrDefaultAsync(v => v.Id == volunteerId, cancellationToken);
        if (volunteer is null || !(await PoolStations(stationId, cancellationToken)).Contains(volunteer.StationId))
        {
            return null;
        }

        return ToPool(volunteer);
    }

    public async Task<Dictionary<Guid, PoolVolunteer>> ByIds(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var volunteers = await db.Volunteers.AcrossStations("a station's pool includes the volunteers of the stations above and below it").AsNoTracking().Where(v => wanted.Contains(v.Id)).ToListAsync(cancellationToken);
        return volunteers.ToDictionary(v => v.Id, ToPool);
    }

    private static PoolVolunteer ToPool(Volunteer v) =>
        new(v.Id, v.Number, v.RealName, v.Mobile, v.StationId, v.Status, [.. v.Skills.Select(s => s.SkillId)]);
}
