using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Volunteers;

public sealed record MyRecord(
    string Number, string RealName, string IdNumberMasked, string Mobile, string StationName, PoliticalStatus PoliticalStatus,
    string? PartyOrganizationName, VolunteerStatus Status, DateOnly RegisteredOn, IReadOnlyList<VolunteerSkillRow> Skills,
    IReadOnlyList<AvailabilityInput> Availability, IReadOnlyList<MyTeam> Teams);

public sealed record MyTeam(string Name, TeamKind Kind, bool IsLeader);

/// <summary>
/// A volunteer's own record on the phone. A volunteer has no station scope, so the one row that belongs to the
/// account is read by id in a query of its own; nothing else is reachable from here.
/// </summary>
internal sealed class MyRecordHandler(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<MyRecord?> Get(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } id)
        {
            return null;
        }

        var v = await db.Volunteers.AcrossStations("a volunteer's own record").AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (v is null)
        {
            return null;
        }

        var station = await db.StationName(v.StationId, cancellationToken) ?? "";
        var party = v.PartyOrganizationId is { } p
            ? await db.PartyOrganizations.Where(o => o.Id == p).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var skillIds = v.Skills.Select(s => s.SkillId).ToList();
        var names = await db.Skills.Where(s => skillIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var teams = await db.Teams.AcrossStations("a volunteer's own record").AsNoTracking().Where(t => t.Members.Any(m => m.VolunteerId == id))
            .Select(t => new MyTeam(t.Name, t.Kind, t.LeaderId == id)).ToListAsync(cancellationToken);
        return new MyRecord(v.Number, v.RealName, v.IdNumberMasked, v.Mobile, station, v.PoliticalStatus, party, v.Status,
            DateOnly.FromDateTime(Shanghai.ToLocal(v.RegisteredAt)),
            [.. v.Skills.Select(s => new VolunteerSkillRow(s.SkillId, names.GetValueOrDefault(s.SkillId, ""), s.Level, s.EvidenceId))],
            [.. v.Availability.OrderBy(a => (int)a.Day == 0 ? 7 : (int)a.Day).ThenBy(a => a.From)
                .Select(a => new AvailabilityInput { Day = a.Day, From = a.From, To = a.To })],
            teams);
    }

    public DateOnly Today => Shanghai.Today(clock);
}
