using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Teams;

/// <summary>The team form. The station is chosen when the team is formed and stays; an update ignores it.</summary>
public sealed class TeamInput
{
    public string? Name { get; set; }
    public TeamKind? Kind { get; set; }
    public Guid? StationId { get; set; }
    public string? Description { get; set; }
    public List<Guid>? RequiredSkillIds { get; set; }
}

public sealed class TeamMemberInput
{
    public Guid? VolunteerId { get; set; }
}

public sealed record TeamRow(
    Guid Id, string Name, TeamKind Kind, Guid StationId, string StationName, Guid? LeaderId, string? LeaderName, int MemberCount,
    IReadOnlyList<string> RequiredSkills);

public sealed record TeamMemberRow(Guid VolunteerId, string Number, string RealName, string Mobile, IReadOnlyList<string> MatchingSkills, DateTime JoinedAt, bool IsLeader);

public sealed record TeamView(TeamRow Row, string? Description, IReadOnlyList<Guid> RequiredSkillIds, IReadOnlyList<TeamMemberRow> Members);

public sealed record TeamCandidate(Guid Id, string Number, string RealName, bool Qualifies, IReadOnlyList<string> Skills);

/// <summary>Professional teams: list, detail, form and edit, members in and out, the leader. Reads are scoped by the DbContext.</summary>
internal sealed class ManageTeamsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, VolunteerPool pool, IStringLocalizer<SharedResource> localizer)
{
    public async Task<List<TeamRow>> List(Guid? stationId, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().Where(t => stationId == null || t.StationId == stationId).ToListAsync(cancellationToken);
        return await RowsAsync([.. teams.OrderBy(t => t.Kind).ThenBy(t => t.Name, StringComparer.Ordinal)], cancellationToken);
    }

    public async Task<Result<TeamView>> Get(Guid id, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return AppError.NotFound(localizer["Team.NotFound"]);
        }

        var row = (await RowsAsync([team], cancellationToken))[0];
        var volunteers = await pool.ByIds(team.Members.Select(m => m.VolunteerId), cancellationToken);
        var required = team.RequiredSkills.Select(s => s.SkillId).ToHashSet();
        var skillNames = await SkillNamesAsync(cancellationToken);
        var members = team.Members.OrderByDescending(m => m.VolunteerId == team.LeaderId).ThenBy(m => volunteers[m.VolunteerId].Number)
            .Select(m =>
            {
                var v = volunteers[m.VolunteerId];
                return new TeamMemberRow(v.Id, v.Number, v.RealName, v.Mobile,
                    [.. v.SkillIds.Where(required.Contains).Select(s => skillNames.GetValueOrDefault(s, ""))], m.JoinedAt, m.VolunteerId == team.LeaderId);
            }).ToList();
        return new TeamView(row, team.Description, [.. required], members);
    }

    /// <summary>Active volunteers of the team's station and the stations under it who are not yet members; those holding a required skill first.</summary>
    public async Task<Result<List<TeamCandidate>>> Candidates(Guid id, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return AppError.NotFound(localizer["Team.NotFound"]);
        }

        var skillNames = await SkillNamesAsync(cancellationToken);
        var candidates = await pool.Candidates(team.StationId, cancellationToken);
        return candidates.Where(c => !team.HasMember(c.Id))
            .Select(c => new TeamCandidate(c.Id, c.Number, c.RealName, team.Qualifies(c.SkillIds), [.. c.SkillIds.Select(s => skillNames.GetValueOrDefault(s, ""))]))
            .OrderByDescending(c => c.Qualifies).ThenBy(c => c.Number).ToList();
    }

    public async Task<Result<Guid>> Create(TeamInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = await ValidateAsync(input, null, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var team = Team.Form(input.Name!, input.Kind!.Value, input.StationId!.Value, input.Description, input.RequiredSkillIds ?? [], Now);
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        return team.Id;
    }

    public async Task<Result<Guid>> Update(Guid id, TeamInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return AppError.NotFound(localizer["Team.NotFound"]);
        }

        input.StationId = team.StationId;
        var v = await ValidateAsync(input, team, cancellationToken);
        if (v.IsValid && input.RequiredSkillIds is { Count: > 0 } required)
        {
            // Changing the required skills must not leave a member who holds none of them.
            var members = await pool.ByIds(team.Members.Select(m => m.VolunteerId), cancellationToken);
            var stranded = members.Values.Where(m => !Team.Qualifies(required, m.SkillIds)).Select(m => m.RealName).Order().ToList();
            v.Check(stranded.Count == 0, "requiredSkillIds", "Team.MembersWouldNotQualify", string.Join("、", stranded));
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        team.Revise(input.Name!, input.Kind!.Value, input.Description, input.RequiredSkillIds ?? []);
        await db.SaveChangesAsync(cancellationToken);
        return team.Id;
    }

    public async Task<Result<Guid>> AddMember(Guid id, TeamMemberInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return AppError.NotFound(localizer["Team.NotFound"]);
        }

        var v = new Validation(localizer).Required("volunteerId", input.VolunteerId);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var volunteer = await pool.Find(team.StationId, input.VolunteerId!.Value, cancellationToken);
        if (volunteer is null)
        {
            return AppError.Invalid("volunteerId", localizer["Team.UnknownVolunteer"]);
        }

        if (volunteer.Status != VolunteerStatus.Active)
        {
            return AppError.Invalid("volunteerId", localizer["Team.VolunteerNotActive", volunteer.RealName, localizer["VolunteerStatus." + volunteer.Status]]);
        }

        switch (team.AddMember(volunteer.Id, volunteer.SkillIds, Now))
        {
            case TeamChange.AlreadyMember:
                return AppError.Invalid("volunteerId", localizer["Team.AlreadyMember", volunteer.RealName]);
            case TeamChange.LacksRequiredSkill:
                var names = await SkillNamesAsync(cancellationToken);
                var required = string.Join("、", team.RequiredSkills.Select(s => names.GetValueOrDefault(s.SkillId, "")));
                return AppError.Invalid("volunteerId", localizer["Team.LacksRequiredSkill", volunteer.RealName, required]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return volunteer.Id;
    }

    public async Task<Result<Guid>> RemoveMember(Guid id, Guid volunteerId, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return AppError.NotFound(localizer["Team.NotFound"]);
        }

        if (team.RemoveMember(volunteerId) != TeamChange.Done)
        {
            return AppError.NotFound(localizer["Team.NotMember"]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return volunteerId;
    }

    public async Task<Result<Guid>> SetLeader(Guid id, TeamMemberInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return AppError.NotFound(localizer["Team.NotFound"]);
        }

        var v = new Validation(localizer).Required("volunteerId", input.VolunteerId);
        if (v.IsValid && team.SetLeader(input.VolunteerId!.Value) != TeamChange.Done)
        {
            v.Add("volunteerId", localizer["Team.NotMember"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        await db.SaveChangesAsync(cancellationToken);
        return input.VolunteerId!.Value;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private bool CanChange() => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager);

    private async Task<Validation> ValidateAsync(TeamInput input, Team? existing, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer)
            .Line("name", input.Name, Team.NameLength)
            .Defined("kind", input.Kind)
            .Required("stationId", input.StationId)
            .Text("description", input.Description, Team.DescriptionLength, required: false);
        var skillIds = input.RequiredSkillIds ?? [];
        v.Check(skillIds.Count <= 20, "requiredSkillIds", "Validation.TooMany", localizer["Field.requiredSkillIds"], 20);
        if (skillIds.Count is > 0 and <= 20)
        {
            var distinct = skillIds.Distinct().ToList();
            var known = await db.Skills.CountAsync(s => distinct.Contains(s.Id), cancellationToken);
            v.Check(known == distinct.Count, "requiredSkillIds", "Team.UnknownSkill");
        }

        if (existing is null && input.StationId is { } stationId && !await db.Stations.AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            v.Add("stationId", localizer["Team.UnknownStation"]);
        }

        if (v.IsValid)
        {
            var name = input.Name!.Trim();
            var taken = await db.Teams.AcrossStations("team names are unique in the town")
                .AnyAsync(t => t.StationId == input.StationId && t.Name == name && t.Id != (existing == null ? Guid.Empty : existing.Id), cancellationToken);
            v.Check(!taken, "name", "Team.DuplicateName");
        }

        return v;
    }

    private Task<Dictionary<Guid, string>> SkillNamesAsync(CancellationToken cancellationToken) =>
        db.Skills.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    private async Task<List<TeamRow>> RowsAsync(List<Team> teams, CancellationToken cancellationToken)
    {
        var stationIds = teams.Select(t => t.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        var leaders = await pool.ByIds(teams.Where(t => t.LeaderId != null).Select(t => t.LeaderId!.Value), cancellationToken);
        var skills = await SkillNamesAsync(cancellationToken);
        return
        [
            .. teams.Select(t => new TeamRow(t.Id, t.Name, t.Kind, t.StationId, stations.GetValueOrDefault(t.StationId, ""), t.LeaderId,
                t.LeaderId is { } l ? leaders.GetValueOrDefault(l)?.RealName : null, t.Members.Count,
                [.. t.RequiredSkills.Select(s => skills.GetValueOrDefault(s.SkillId, "")).Order()])),
        ];
    }
}
