using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Activities;

/// <summary>What happens when the 25th falls on a Saturday or Sunday.</summary>
public enum WeekendRule
{
    /// <summary>The seed's rule: the 25th is the 25th.</summary>
    Keep,
    MoveToFriday,
    MoveToMonday,
    Skip,
}

/// <summary>One day the template produces an activity for.</summary>
internal sealed record Occurrence(DateOnly Date, ActivityOccasion Occasion, HolidayOccasion? Holiday);

/// <summary>
/// An organiser's Pioneer Service Day template (党员先锋服务日): set up once, it generates an activity for the 25th of
/// every month ahead, and, when <see cref="IncludeHolidays"/> is set, for New Year's Day, the Spring Festival, 5-1 and
/// 7-1. The generated activities are ordinary activities the organiser then adjusts.
/// </summary>
internal sealed class ServiceDayTemplate : IStationScoped
{
    public const int ServiceDay = 25;

    private ServiceDayTemplate()
    {
    }

    public Guid Id { get; private set; }
    public OrganizerKind OrganizerKind { get; private set; }
    public Guid OrganizerId { get; private set; }
    public string OrganizerName { get; private set; } = "";
    public Guid StationId { get; private set; }
    public Guid TypeId { get; private set; }
    public string Title { get; private set; } = "";
    public CentralTasks Tasks { get; private set; }
    public string Place { get; private set; } = "";
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public TimeOnly StartTime { get; private set; }
    public TimeOnly EndTime { get; private set; }
    public int Quota { get; private set; }
    public ActivityLevel Level { get; private set; }
    public string Description { get; private set; } = "";
    public WeekendRule WeekendRule { get; private set; }
    public bool IncludeHolidays { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static ServiceDayTemplate SetUp(ActivityPlan plan, TimeOnly start, TimeOnly end, WeekendRule weekendRule, bool includeHolidays, DateTime now)
    {
        var template = new ServiceDayTemplate { Id = Guid.CreateVersion7(), CreatedAt = now };
        template.Revise(plan, start, end, weekendRule, includeHolidays);
        return template;
    }

    public void Revise(ActivityPlan plan, TimeOnly start, TimeOnly end, WeekendRule weekendRule, bool includeHolidays)
    {
        OrganizerKind = plan.OrganizerKind;
        OrganizerId = plan.OrganizerId;
        OrganizerName = plan.OrganizerName;
        StationId = plan.StationId;
        TypeId = plan.TypeId;
        Title = plan.Title.Trim();
        Tasks = plan.Tasks;
        Place = plan.Place.Trim();
        Latitude = plan.Latitude;
        Longitude = plan.Longitude;
        StartTime = start;
        EndTime = end;
        Quota = plan.Quota;
        Level = plan.Level;
        Description = plan.Description?.Trim() ?? "";
        WeekendRule = weekendRule;
        IncludeHolidays = includeHolidays;
    }

    /// <summary>The days of one year this template produces activities for, in date order.</summary>
    public IReadOnlyList<Occurrence> Occurrences(int year)
    {
        var days = new List<Occurrence>();
        for (var month = 1; month <= 12; month++)
        {
            var day = new DateOnly(year, month, ServiceDay);
            var moved = (day.DayOfWeek, WeekendRule) switch
            {
                (DayOfWeek.Saturday or DayOfWeek.Sunday, WeekendRule.Skip) => (DateOnly?)null,
                (DayOfWeek.Saturday, WeekendRule.MoveToFriday) => day.AddDays(-1),
                (DayOfWeek.Sunday, WeekendRule.MoveToFriday) => day.AddDays(-2),
                (DayOfWeek.Saturday, WeekendRule.MoveToMonday) => day.AddDays(2),
                (DayOfWeek.Sunday, WeekendRule.MoveToMonday) => day.AddDays(1),
                _ => day,
            };
            if (moved is { } d)
            {
                days.Add(new Occurrence(d, ActivityOccasion.PioneerServiceDay, null));
            }
        }

        if (IncludeHolidays)
        {
            days.AddRange(HolidayCalendar.Occasions(year).Select(o => new Occurrence(o.Date, ActivityOccasion.Holiday, o.Occasion)));
        }

        return [.. days.OrderBy(d => d.Date)];
    }

    /// <summary>The plan of the activity for one occurrence (times are Shanghai wall-clock times on that day).</summary>
    public ActivityPlan PlanFor(Occurrence occurrence, string holidayName) => new(
        occurrence.Holiday is null ? Title : $"{holidayName} · {Title}",
        TypeId, Tasks, OrganizerKind, OrganizerId, OrganizerName, StationId, Place, Latitude, Longitude,
        Utc(occurrence.Date, StartTime), Utc(occurrence.Date, EndTime), Quota, [], Level, Description, 24);

    private static DateTime Utc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), Shanghai.Zone);

    internal sealed class Configuration : IEntityTypeConfiguration<ServiceDayTemplate>
    {
        public void Configure(EntityTypeBuilder<ServiceDayTemplate> builder)
        {
            builder.ToTable("service_day_templates", t => t.HasCheckConstraint("CK_service_day_templates_quota", "\"Quota\" > 0"));
            builder.Property(t => t.Title).HasMaxLength(100);
            builder.Property(t => t.OrganizerName).HasMaxLength(100);
            builder.Property(t => t.Place).HasMaxLength(100);
            builder.Property(t => t.Description).HasMaxLength(2000);
            builder.Property(t => t.Tasks).HasMaxLength(100);
            builder.HasOne<ActivityType>().WithMany().HasForeignKey(t => t.TypeId).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(t => new { t.OrganizerKind, t.OrganizerId }).IsUnique();
        }
    }
}
