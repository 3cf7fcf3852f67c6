using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Activities;

/// <summary>The central tasks an activity serves (a tag; several may apply).</summary>
[Flags]
public enum CentralTasks
{
    None = 0,

    /// <summary>文明城市创建</summary>
    CivilizedCity = 1,

    /// <summary>星级美丽乡村创建</summary>
    BeautifulVillage = 2,

    /// <summary>五水共治</summary>
    FiveWaters = 4,
}

public enum OrganizerKind
{
    PartyOrganization,
    Station,
    Team,
}

/// <summary>Why the activity is held: the 25th (党员先锋服务日), one of the holiday occasions, or any other day.</summary>
public enum ActivityOccasion
{
    Regular,
    PioneerServiceDay,
    Holiday,
}

public enum SignUpStatus
{
    Confirmed,
    WaitListed,
    Cancelled,
}

/// <summary>A type of activity (治安巡逻, 垃圾分类 …): seed data the administrator extends.</summary>
internal sealed class ActivityType
{
    private ActivityType()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsActive { get; private set; } = true;

    public static ActivityType Define(string name) => new() { Id = Guid.CreateVersion7(), Name = name.Trim() };

    public void Rename(string name) => Name = name.Trim();

    /// <summary>No longer offered for new activities; the activities that have it keep it.</summary>
    public void Retire() => IsActive = false;

    public void Reactivate() => IsActive = true;

    internal sealed class Configuration : IEntityTypeConfiguration<ActivityType>
    {
        public void Configure(EntityTypeBuilder<ActivityType> builder)
        {
            builder.ToTable("activity_types");
            builder.Property(t => t.Name).HasMaxLength(50);
            builder.HasIndex(t => t.Name).IsUnique();
        }
    }
}

/// <summary>What an activity is; set when it is planned and when the organiser revises it.</summary>
internal sealed record ActivityPlan(
    string Title,
    Guid TypeId,
    CentralTasks Tasks,
    OrganizerKind OrganizerKind,
    Guid OrganizerId,
    string OrganizerName,
    Guid StationId,
    string Place,
    double? Latitude,
    double? Longitude,
    DateTime StartsAt,
    DateTime EndsAt,
    int Quota,
    IReadOnlyList<Guid> RequiredSkillIds,
    ActivityLevel Level,
    string? Description,
    int CancelCutoffHours);

/// <summary>
/// One organised activity: a patrol on the 25th, a river clean-up on Labour Day. Volunteers sign up against its quota;
/// the times are UTC. The check-in window opens <see cref="CheckInOpensBefore"/> before the start and closes at the end;
/// check-out is open from the start until <see cref="CheckOutClosesAfter"/> after the end.
/// </summary>
internal sealed class Activity : IStationScoped
{
    public const int MaxQuota = 1000;
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan CheckOutClosesAfter = TimeSpan.FromHours(2);

    private Activity()
    {
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public Guid TypeId { get; private set; }
    public CentralTasks Tasks { get; private set; }
    public OrganizerKind OrganizerKind { get; private set; }
    public Guid OrganizerId { get; private set; }
    public string OrganizerName { get; private set; } = "";
    public Guid StationId { get; private set; }
    public string Place { get; private set; } = "";
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    public int Quota { get; private set; }
    public List<Guid> RequiredSkillIds { get; private set; } = [];
    public ActivityLevel Level { get; private set; }
    public string Description { get; private set; } = "";

    /// <summary>Members may cancel until this many hours before the start.</summary>
    public int CancelCutoffHours { get; private set; }
    public ActivityOccasion Occasion { get; private set; }
    public HolidayOccasion? Holiday { get; private set; }

    /// <summary>The Shanghai date the template generated it for; with <see cref="TemplateId"/> unique, so generating twice adds nothing.</summary>
    public DateOnly? OccasionDate { get; private set; }
    public Guid? TemplateId { get; private set; }
    public string? Summary { get; private set; }
    public List<Guid> PhotoIds { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }

    public decimal PlannedHours => (decimal)(EndsAt - StartsAt).TotalHours;

    public DateTime CancelCutoff => StartsAt.AddHours(-CancelCutoffHours);

    public bool HasEnded(DateTime now) => EndsAt <= now;

    public bool CheckInOpen(DateTime now) => now >= StartsAt - CheckInOpensBefore && now < EndsAt;

    public bool CheckOutOpen(DateTime now) => now >= StartsAt && now < EndsAt + CheckOutClosesAfter;

    public static Activity Plan(ActivityPlan plan, DateTime now) => Plan(plan, ActivityOccasion.Regular, null, null, null, now);

    public static Activity Plan(ActivityPlan plan, ActivityOccasion occasion, HolidayOccasion? holiday, DateOnly? occasionDate, Guid? templateId, DateTime now)
    {
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(),
            Occasion = occasion,
            Holiday = holiday,
            OccasionDate = occasionDate,
            TemplateId = templateId,
            CreatedAt = now,
        };
        activity.Revise(plan);
        return activity;
    }

    public void Revise(ActivityPlan plan)
    {
        Title = plan.Title.Trim();
        TypeId = plan.TypeId;
        Tasks = plan.Tasks;
        OrganizerKind = plan.OrganizerKind;
        OrganizerId = plan.OrganizerId;
        OrganizerName = plan.OrganizerName;
        StationId = plan.StationId;
        Place = plan.Place.Trim();
        Latitude = plan.Latitude;
        Longitude = plan.Longitude;
        StartsAt = plan.StartsAt;
        EndsAt = plan.EndsAt;
        Quota = plan.Quota;
        RequiredSkillIds = [.. plan.RequiredSkillIds.Distinct()];
        Level = plan.Level;
        Description = plan.Description?.Trim() ?? "";
        CancelCutoffHours = plan.CancelCutoffHours;
    }

    public bool HasStarted(DateTime now) => StartsAt <= now;

    /// <summary>The summary and photos written afterwards; a null summary keeps the one written before, the photos are added.</summary>
    public void Summarize(string? summary, IEnumerable<Guid> photoIds)
    {
        if (summary is not null)
        {
            Summary = summary.Trim() is { Length: > 0 } text ? text : null;
        }

        PhotoIds = [.. PhotoIds, .. photoIds];
    }

    /// <summary>False when the photo is not one of this activity's.</summary>
    public bool RemovePhoto(Guid photoId)
    {
        if (!PhotoIds.Contains(photoId))
        {
            return false;
        }

        PhotoIds = [.. PhotoIds.Where(p => p != photoId)];
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Activity>
    {
        public void Configure(EntityTypeBuilder<Activity> builder)
        {
            builder.ToTable("activities", t =>
            {
                t.HasCheckConstraint("CK_activities_quota", "\"Quota\" > 0");
                t.HasCheckConstraint("CK_activities_times", "\"EndsAt\" > \"StartsAt\"");
            });
            builder.Property(a => a.Title).HasMaxLength(100);
            builder.Property(a => a.OrganizerName).HasMaxLength(100);
            builder.Property(a => a.Place).HasMaxLength(100);
            builder.Property(a => a.Description).HasMaxLength(2000);
            builder.Property(a => a.Summary).HasMaxLength(2000);
            builder.Property(a => a.Tasks).HasMaxLength(100);
            builder.HasOne<ActivityType>().WithMany().HasForeignKey(a => a.TypeId).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(a => new { a.StationId, a.StartsAt });
            builder.HasIndex(a => a.StartsAt);
            builder.HasIndex(a => new { a.TemplateId, a.OccasionDate }).IsUnique();
        }
    }
}

/// <summary>
/// A volunteer's place on an activity, and their attendance. One row per volunteer and activity (a unique index): signing
/// up again after cancelling reuses it. Credit hours come from the check-in and check-out; honour hours are added by the
/// organiser and kept apart. The row carries the activity's station, so it sits in the same scope.
/// </summary>
internal sealed class SignUp : IStationScoped
{
    private SignUp()
    {
    }

    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public Guid VolunteerId { get; private set; }
    public Guid StationId { get; private set; }
    public SignUpStatus Status { get; private set; }
    public DateTime SignedUpAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public bool AddedByOrganizer { get; private set; }
    public DateTime? CheckedInAt { get; private set; }
    public DateTime? CheckedOutAt { get; private set; }
    public decimal CreditHours { get; private set; }
    public decimal HonourHours { get; private set; }
    public string? CorrectionReason { get; private set; }
    public long? PostingId { get; private set; }

    public bool IsActive => Status != SignUpStatus.Cancelled;

    public static SignUp Join(Activity activity, Guid volunteerId, SignUpStatus status, bool byOrganizer, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ActivityId = activity.Id,
        VolunteerId = volunteerId,
        StationId = activity.StationId,
        Status = status,
        SignedUpAt = now,
        AddedByOrganizer = byOrganizer,
    };

    /// <summary>Back after a cancellation: to the end of the queue.</summary>
    public void Rejoin(SignUpStatus status, bool byOrganizer, DateTime now)
    {
        Status = status;
        SignedUpAt = now;
        CancelledAt = null;
        AddedByOrganizer = byOrganizer;
    }

    public void Cancel(DateTime now)
    {
        Status = SignUpStatus.Cancelled;
        CancelledAt = now;
    }

    /// <summary>A place came free: the first on the wait list takes it.</summary>
    public void Promote() => Status = SignUpStatus.Confirmed;

    public void CheckIn(DateTime now) => CheckedInAt = now;

    public void CheckOut(DateTime now, decimal creditHours)
    {
        CheckedOutAt = now;
        CreditHours = creditHours;
    }

    public void Correct(decimal creditHours, decimal honourHours, string reason)
    {
        CreditHours = creditHours;
        HonourHours = honourHours;
        CorrectionReason = reason.Trim();
    }

    public void PointsPosted(long postingId) => PostingId = postingId;

    /// <summary>A correction reversed the points posted: they are earned again for the corrected hours.</summary>
    public void PointsReversed() => PostingId = null;

    internal sealed class Configuration : IEntityTypeConfiguration<SignUp>
    {
        public void Configure(EntityTypeBuilder<SignUp> builder)
        {
            builder.ToTable("activity_signups");
            builder.HasOne<Activity>().WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
            builder.HasIndex(s => new { s.ActivityId, s.VolunteerId }).IsUnique();
            builder.HasIndex(s => new { s.VolunteerId, s.Status });
            builder.Property(s => s.CreditHours).HasPrecision(6, 2);
            builder.Property(s => s.HonourHours).HasPrecision(6, 2);
            builder.Property(s => s.CorrectionReason).HasMaxLength(200);
        }
    }
}

/// <summary>An adjustment of the holiday calendar entered by the administrator from the State Council's yearly notice.</summary>
internal sealed class HolidayAdjustment
{
    private HolidayAdjustment()
    {
    }

    public Guid Id { get; private set; }
    public DateOnly Date { get; private set; }
    public bool IsWorkingDay { get; private set; }
    public string Name { get; private set; } = "";

    public static HolidayAdjustment Enter(DateOnly date, bool isWorkingDay, string name) =>
        new() { Id = Guid.CreateVersion7(), Date = date, IsWorkingDay = isWorkingDay, Name = name.Trim() };

    public DayAdjustment ToDay() => new(Date, IsWorkingDay, Name);

    /// <summary>The holiday calendar with every adjustment entered, for working-day arithmetic anywhere in the app.</summary>
    public static async Task<HolidayCalendar> CalendarAsync(Data.AppDbContext db, CancellationToken cancellationToken) =>
        new((await db.Set<HolidayAdjustment>().AsNoTracking().ToListAsync(cancellationToken)).Select(a => a.ToDay()));

    internal sealed class Configuration : IEntityTypeConfiguration<HolidayAdjustment>
    {
        public void Configure(EntityTypeBuilder<HolidayAdjustment> builder)
        {
            builder.ToTable("holiday_adjustments");
            builder.Property(a => a.Name).HasMaxLength(50);
            builder.HasIndex(a => a.Date).IsUnique();
        }
    }
}
