using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.People;

public enum Gender
{
    Male,
    Female,
}

public enum PoliticalStatus
{
    PartyMember,
    ProbationaryMember,
    LeagueMember,
    Masses,
}

/// <summary>党员类别, for the Pioneer Index: which items apply to a member and how much each unit weighs (docs/evaluation.md).</summary>
public enum PartyMemberCategory
{
    /// <summary>在职党员.</summary>
    Employed,

    /// <summary>农村党员.</summary>
    Rural,

    /// <summary>社区党员.</summary>
    Community,

    /// <summary>流动党员: registered here, living and working elsewhere most of the year.</summary>
    Mobile,

    /// <summary>老年党员.</summary>
    Elderly,
}

public enum RecruitmentChannel
{
    Organization,
    Public,
    Self,
}

public enum VolunteerStatus
{
    Pending,
    Active,
    Suspended,
    Retired,
    Rejected,
}

public enum SkillLevel
{
    Basic,
    Skilled,
    Expert,
}

public enum RegistrationSource
{
    Staff,
    SelfService,
    Import,
}

internal sealed class VolunteerSkill
{
    public Guid SkillId { get; set; }
    public SkillLevel Level { get; set; }
    public Guid? EvidenceId { get; set; }
}

internal sealed class AvailabilitySlot
{
    public DayOfWeek Day { get; set; }
    public TimeOnly From { get; set; }
    public TimeOnly To { get; set; }
}

internal sealed class AvailabilityException
{
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Who a volunteer is: the fields registration sets and editing may change (民政部令第67号 basic information).</summary>
internal sealed record VolunteerDetails(
    string RealName,
    Gender Gender,
    DateOnly BirthDate,
    string Mobile,
    string Address,
    string Village,
    PoliticalStatus PoliticalStatus,
    Guid? PartyOrganizationId,
    RecruitmentChannel Channel,
    string? ReferredBy,
    Guid StationId,
    IReadOnlyList<VolunteerSkill> Skills,
    IReadOnlyList<AvailabilitySlot> Availability,
    IReadOnlyList<AvailabilityException> Exceptions,
    string? GuardianName,
    string? GuardianMobile,
    PartyMemberCategory? MemberCategory = null);

/// <summary>
/// A registered volunteer. The ID number is held only encrypted (with a keyed hash for uniqueness and a masked copy
/// for lists); status moves pending → active → suspended or retired, and an application may be rejected.
/// </summary>
internal sealed class Volunteer : IStationScoped
{
    public const int AdultAge = 18;

    private Volunteer()
    {
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public string RealName { get; private set; } = "";
    public string NameInitials { get; private set; } = "";
    public Gender Gender { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public string IdNumberCipher { get; private set; } = "";
    public string IdNumberHash { get; private set; } = "";
    public string IdNumberMasked { get; private set; } = "";
    public string Mobile { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string Village { get; private set; } = "";
    public PoliticalStatus PoliticalStatus { get; private set; }
    public Guid? PartyOrganizationId { get; private set; }

    /// <summary>The member's category (党员类别), set by the branch or the town; null for a non-member or one not yet classed.</summary>
    public PartyMemberCategory? MemberCategory { get; private set; }
    public RecruitmentChannel Channel { get; private set; }
    public string? ReferredBy { get; private set; }
    public Guid StationId { get; private set; }
    public VolunteerStatus Status { get; private set; }
    public string? StatusNote { get; private set; }
    public RegistrationSource Source { get; private set; }
    public DateTime RegisteredAt { get; private set; }
    public DateTime ConsentedAt { get; private set; }
    public string? GuardianName { get; private set; }
    public string? GuardianMobile { get; private set; }
    public DateTime? GuardianConsentedAt { get; private set; }
    public List<VolunteerSkill> Skills { get; private set; } = [];
    public List<AvailabilitySlot> Availability { get; private set; } = [];
    public List<AvailabilityException> Exceptions { get; private set; } = [];

    public bool IsPartyMember => PoliticalStatus is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryMember;

    /// <summary>Whole years on <paramref name="day"/>: by month and day, not day of the year, which a leap year shifts.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day) =>
        day.Year - birthDate.Year - ((day.Month, day.Day).CompareTo((birthDate.Month, birthDate.Day)) < 0 ? 1 : 0);

    /// <summary>Staff registrations start active; self-service applications and imports start as the caller says.</summary>
    public static Volunteer Register(string number, VolunteerDetails details, string idNumber, FieldProtector protector,
        RegistrationSource source, VolunteerStatus initial, DateTime now)
    {
        var volunteer = new Volunteer
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            IdNumberCipher = protector.Protect(idNumber),
            IdNumberHash = protector.Hash(idNumber),
            IdNumberMasked = ChineseId.Mask(idNumber),
            Source = source,
            Status = initial,
            RegisteredAt = now,
            ConsentedAt = now,
        };
        volunteer.Revise(details, now);
        return volunteer;
    }

    public void Revise(VolunteerDetails details, DateTime now)
    {
        RealName = details.RealName.Trim();
        NameInitials = Pinyin.Initials(RealName);
        Gender = details.Gender;
        BirthDate = details.BirthDate;
        Mobile = details.Mobile;
        Address = details.Address.Trim();
        Village = details.Village.Trim();
        PoliticalStatus = details.PoliticalStatus;
        PartyOrganizationId = IsPartyMember ? details.PartyOrganizationId : null;
        MemberCategory = IsPartyMember ? details.MemberCategory : null;
        Channel = details.Channel;
        ReferredBy = string.IsNullOrWhiteSpace(details.ReferredBy) ? null : details.ReferredBy.Trim();
        StationId = details.StationId;
        Skills = [.. details.Skills];
        Availability = [.. details.Availability];
        Exceptions = [.. details.Exceptions];
        var guardianChanged = GuardianName != details.GuardianName?.Trim();
        GuardianName = string.IsNullOrWhiteSpace(details.GuardianName) ? null : details.GuardianName.Trim();
        GuardianMobile = details.GuardianMobile;
        if (GuardianName is null)
        {
            GuardianConsentedAt = null;
        }
        else if (guardianChanged || GuardianConsentedAt is null)
        {
            GuardianConsentedAt = now;
        }
    }

    /// <summary>The allowed moves; anything else is refused and changes nothing.</summary>
    public static bool CanMove(VolunteerStatus from, VolunteerStatus to) => (from, to) switch
    {
        (VolunteerStatus.Pending, VolunteerStatus.Active or VolunteerStatus.Rejected) => true,
        (VolunteerStatus.Active, VolunteerStatus.Suspended or VolunteerStatus.Retired) => true,
        (VolunteerStatus.Suspended, VolunteerStatus.Active or VolunteerStatus.Retired) => true,
        _ => false,
    };

    public bool MoveTo(VolunteerStatus to, string? note)
    {
        if (!CanMove(Status, to))
        {
            return false;
        }

        Status = to;
        StatusNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return true;
    }

    public string RevealIdNumber(FieldProtector protector) => protector.Unprotect(IdNumberCipher);

    internal sealed class Configuration : IEntityTypeConfiguration<Volunteer>
    {
        public void Configure(EntityTypeBuilder<Volunteer> builder)
        {
            builder.ToTable("volunteers");
            builder.Property(v => v.Number).HasMaxLength(20);
            builder.HasIndex(v => v.Number).IsUnique();
            builder.Property(v => v.RealName).HasMaxLength(50);
            builder.Property(v => v.NameInitials).HasMaxLength(50);
            builder.HasIndex(v => v.NameInitials);
            builder.HasIndex(v => v.RealName);
            builder.Property(v => v.IdNumberCipher).HasMaxLength(200);
            builder.Property(v => v.IdNumberHash).HasMaxLength(64);
            builder.HasIndex(v => v.IdNumberHash).IsUnique();
            builder.Property(v => v.IdNumberMasked).HasMaxLength(18);
            builder.Property(v => v.Mobile).HasMaxLength(11);
            builder.Property(v => v.Address).HasMaxLength(200);
            builder.Property(v => v.Village).HasMaxLength(50);
            builder.Property(v => v.ReferredBy).HasMaxLength(50);
            builder.Property(v => v.StatusNote).HasMaxLength(200);
            builder.Property(v => v.GuardianName).HasMaxLength(50);
            builder.Property(v => v.GuardianMobile).HasMaxLength(11);
            builder.HasIndex(v => new { v.StationId, v.Status });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(v => v.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<PartyOrganization>().WithMany().HasForeignKey(v => v.PartyOrganizationId).OnDelete(DeleteBehavior.Restrict);
            builder.OwnsMany(v => v.Skills, s =>
            {
                s.ToTable("volunteer_skills");
                s.WithOwner().HasForeignKey("VolunteerId");
                s.HasKey("VolunteerId", nameof(VolunteerSkill.SkillId));
                s.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Restrict);
                s.HasIndex(x => x.SkillId);
            });
            builder.OwnsMany(v => v.Availability, a =>
            {
                a.ToTable("volunteer_availability");
                a.WithOwner().HasForeignKey("VolunteerId");
                a.Property<int>("Id");
                a.HasKey("Id");
            });
            builder.OwnsMany(v => v.Exceptions, e =>
            {
                e.ToTable("volunteer_unavailability");
                e.WithOwner().HasForeignKey("VolunteerId");
                e.Property<int>("Id");
                e.HasKey("Id");
                e.Property(x => x.Reason).HasMaxLength(100);
            });
        }
    }
}
