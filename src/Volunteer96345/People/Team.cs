using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.People;

/// <summary>The kinds of professional team (专业化志愿者队伍). The seed's three come first; the others are the town's additions.</summary>
public enum TeamKind
{
    FirstAid,
    LegalAid,
    ElderCare,
    Repair,
    DisputeMediation,
    CultureEducation,
    Other,
}

internal sealed class TeamMember
{
    public Guid VolunteerId { get; set; }
    public DateTime JoinedAt { get; set; }
}

internal sealed class TeamSkill
{
    public Guid SkillId { get; set; }
}

public enum TeamChange
{
    Done,
    AlreadyMember,
    NotMember,
    LacksRequiredSkill,
}

/// <summary>
/// A professional team of a station (the sub-station's teams serve the whole town): a leader, members, and the
/// skills it requires. Every member holds at least one required skill; the leader is always a member.
/// </summary>
internal sealed class Team : IStationScoped
{
    public const int NameLength = 50;
    public const int DescriptionLength = 500;

    private Team()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public TeamKind Kind { get; private set; }
    public Guid StationId { get; private set; }
    public string? Description { get; private set; }
    public Guid? LeaderId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public List<TeamMember> Members { get; private set; } = [];
    public List<TeamSkill> RequiredSkills { get; private set; } = [];

    public static Team Form(string name, TeamKind kind, Guid stationId, string? description, IEnumerable<Guid> requiredSkills, DateTime now)
    {
        var team = new Team { Id = Guid.CreateVersion7(), StationId = stationId, CreatedAt = now };
        team.Revise(name, kind, description, requiredSkills);
        return team;
    }

    /// <summary>A team without required skills takes anyone; otherwise one skill in common is enough.</summary>
    public static bool Qualifies(IEnumerable<Guid> requiredSkills, IEnumerable<Guid> heldSkills)
    {
        var required = requiredSkills.ToHashSet();
        return required.Count == 0 || heldSkills.Any(required.Contains);
    }

    public bool Qualifies(IEnumerable<Guid> heldSkills) => Qualifies(RequiredSkills.Select(s => s.SkillId), heldSkills);

    public bool HasMember(Guid volunteerId) => Members.Any(m => m.VolunteerId == volunteerId);

    public void Revise(string name, TeamKind kind, string? description, IEnumerable<Guid> requiredSkills)
    {
        Name = name.Trim();
        Kind = kind;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        var wanted = requiredSkills.Distinct().ToList();
        RequiredSkills.RemoveAll(s => !wanted.Contains(s.SkillId));
        RequiredSkills.AddRange(wanted.Where(id => RequiredSkills.All(s => s.SkillId != id)).Select(id => new TeamSkill { SkillId = id }));
    }

    public TeamChange AddMember(Guid volunteerId, IEnumerable<Guid> heldSkills, DateTime now)
    {
        if (HasMember(volunteerId))
        {
            return TeamChange.AlreadyMember;
        }

        if (!Qualifies(heldSkills))
        {
            return TeamChange.LacksRequiredSkill;
        }

        Members.Add(new TeamMember { VolunteerId = volunteerId, JoinedAt = now });
        return TeamChange.Done;
    }

    /// <summary>Removing the leader leaves the team without one until another member is named.</summary>
    public TeamChange RemoveMember(Guid volunteerId)
    {
        if (Members.RemoveAll(m => m.VolunteerId == volunteerId) == 0)
        {
            return TeamChange.NotMember;
        }

        if (LeaderId == volunteerId)
        {
            LeaderId = null;
        }

        return TeamChange.Done;
    }

    public TeamChange SetLeader(Guid volunteerId)
    {
        if (!HasMember(volunteerId))
        {
            return TeamChange.NotMember;
        }

        LeaderId = volunteerId;
        return TeamChange.Done;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Team>
    {
        public void Configure(EntityTypeBuilder<Team> builder)
        {
            builder.ToTable("teams");
            builder.Property(t => t.Name).HasMaxLength(NameLength);
            builder.Property(t => t.Description).HasMaxLength(DescriptionLength);
            builder.HasIndex(t => new { t.StationId, t.Name }).IsUnique();
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(t => t.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Volunteer>().WithMany().HasForeignKey(t => t.LeaderId).OnDelete(DeleteBehavior.Restrict);
            builder.OwnsMany(t => t.Members, m =>
            {
                m.ToTable("team_members");
                m.WithOwner().HasForeignKey("TeamId");
                m.HasKey("TeamId", nameof(TeamMember.VolunteerId));
                m.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
                m.HasIndex(x => x.VolunteerId);
            });
            builder.OwnsMany(t => t.RequiredSkills, s =>
            {
                s.ToTable("team_skills");
                s.WithOwner().HasForeignKey("TeamId");
                s.HasKey("TeamId", nameof(TeamSkill.SkillId));
                s.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Restrict);
            });
        }
    }
}
