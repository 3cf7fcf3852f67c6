using Volunteer96345.Activities;
using Volunteer96345.Common.Time;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Tests.Activities;

/// <summary>The holiday calendar and the Pioneer Service Day template, computed without a database.</summary>
public sealed class HolidayCalendarTests
{
    [Theory]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(2029, "2029-02-13")]
    [InlineData(2030, "2030-02-03")]
    public void The_Spring_Festival_comes_from_the_lunisolar_calendar(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), HolidayCalendar.SpringFestival(year));

    [Fact]
    public void A_generated_year_has_twelve_service_days_and_the_four_holidays()
    {
        var days = Template(WeekendRule.Keep, includeHolidays: true).Occurrences(2027);

        Assert.Equal(16, days.Count);
        Assert.Equal(12, days.Count(d => d.Occasion == ActivityOccasion.PioneerServiceDay));
        Assert.All(days.Where(d => d.Occasion == ActivityOccasion.PioneerServiceDay), d => Assert.Equal(25, d.Date.Day));
        Assert.Equal(
            [new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 6), new DateOnly(2027, 5, 1), new DateOnly(2027, 7, 1)],
            days.Where(d => d.Occasion == ActivityOccasion.Holiday).Select(d => d.Date));
    }

    [Fact]
    public void A_weekend_25th_is_kept_unless_the_template_moves_or_skips_it()
    {
        // 2027-09-25 is a Saturday, 2027-04-25 a Sunday.
        Assert.Contains(Template(WeekendRule.Keep, false).Occurrences(2027), d => d.Date == new DateOnly(2027, 9, 25));
        Assert.Contains(Template(WeekendRule.MoveToFriday, false).Occurrences(2027), d => d.Date == new DateOnly(2027, 9, 24));
        Assert.Contains(Template(WeekendRule.MoveToMonday, false).Occurrences(2027), d => d.Date == new DateOnly(2027, 4, 26));
        var skipped = Template(WeekendRule.Skip, false).Occurrences(2027);
        Assert.DoesNotContain(skipped, d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(skipped.Count < 12);
    }

    [Fact]
    public void Working_days_skip_the_Spring_Festival_and_follow_the_State_Councils_adjustments()
    {
        var plain = new HolidayCalendar();
        // 2027: the Spring Festival is Saturday 6 February; eve Friday 5th to Monday 8th are days off.
        Assert.False(plain.IsWorkingDay(new DateOnly(2027, 2, 5)));
        Assert.False(plain.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.True(plain.IsWorkingDay(new DateOnly(2027, 2, 9)));
        Assert.Equal(new DateOnly(2027, 2, 9), plain.AddWorkingDays(new DateOnly(2027, 2, 4), 1));

        var adjusted = new HolidayCalendar([new DayAdjustment(new DateOnly(2027, 2, 9), false, "春节调休"), new DayAdjustment(new DateOnly(2027, 2, 20), true, "春节补班")]);
        Assert.False(adjusted.IsWorkingDay(new DateOnly(2027, 2, 9)));
        Assert.True(adjusted.IsWorkingDay(new DateOnly(2027, 2, 20)));
        Assert.Equal(new DateOnly(2027, 2, 10), adjusted.AddWorkingDays(new DateOnly(2027, 2, 4), 1));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(14, 0)]
    [InlineData(15, 0.5)]
    [InlineData(44, 0.5)]
    [InlineData(45, 1)]
    [InlineData(59, 1)]
    [InlineData(60, 1)]
    [InlineData(74, 1)]
    [InlineData(75, 1.5)]
    [InlineData(170, 3)]
    public void Attended_minutes_round_per_started_hour(int minutes, double hours) =>
        Assert.Equal((decimal)hours, new HourRounding().Round(TimeSpan.FromMinutes(minutes)));

    private static ServiceDayTemplate Template(WeekendRule rule, bool includeHolidays) => ServiceDayTemplate.SetUp(
        new ActivityPlan("先锋服务日", Guid.NewGuid(), CentralTasks.CivilizedCity, OrganizerKind.PartyOrganization, Guid.NewGuid(), "支部", Guid.NewGuid(), "村口",
            null, null, default, default, 10, [], ActivityLevel.Village, null, 24),
        new TimeOnly(8, 30), new TimeOnly(11, 0), rule, includeHolidays, DateTime.UnixEpoch);
}
