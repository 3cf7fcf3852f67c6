using Volunteer96345.Common.Time;
using Volunteer96345.StationServices.Deadlines;

namespace Volunteer96345.Tests.StationServices;

/// <summary>Working-day deadlines of errands on the computed holiday calendar, across the 2027 Spring Festival (Saturday 6 February).</summary>
public sealed class ErrandClockTests
{
    private static DateTime ShanghaiTime(int month, int day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, month, day, hour, 0, 0, DateTimeKind.Unspecified), Shanghai.Zone);

    [Fact]
    public void Five_working_days_from_the_Wednesday_before_the_Spring_Festival_skip_the_eve_the_weekend_and_the_holiday_Monday()
    {
        // Thursday 4th is day 1; Friday 5th (the eve), the weekend and Monday 8th (the third day) are off; Tuesday 9th is day 2.
        var due = ErrandClock.DueDate(new HolidayCalendar(), ShanghaiTime(2, 3, 10), 5);

        Assert.Equal(new DateOnly(2027, 2, 12), due);
    }

    [Fact]
    public void The_administrators_adjustments_lengthen_the_holiday_and_make_a_Saturday_a_working_day()
    {
        // As a State Council notice would: days off up to Thursday 11th, Saturday 20th worked in exchange.
        var calendar = new HolidayCalendar([
            new DayAdjustment(new DateOnly(2027, 2, 9), false, "春节"),
            new DayAdjustment(new DateOnly(2027, 2, 10), false, "春节"),
            new DayAdjustment(new DateOnly(2027, 2, 11), false, "春节"),
            new DayAdjustment(new DateOnly(2027, 2, 20), true, "春节调休上班"),
        ]);

        Assert.Equal(new DateOnly(2027, 2, 17), ErrandClock.DueDate(calendar, ShanghaiTime(2, 3, 10), 5));
        Assert.Equal(new DateOnly(2027, 2, 20), ErrandClock.DueDate(calendar, ShanghaiTime(2, 3, 10), 8));
    }

    [Fact]
    public void The_day_of_receipt_does_not_count_even_late_in_the_evening_and_an_errand_is_due_when_the_offices_close()
    {
        // 23:30 on Wednesday 3rd in Shanghai is still the 3rd there (15:30 UTC).
        Assert.Equal(new DateOnly(2027, 2, 4), ErrandClock.DueDate(new HolidayCalendar(), ShanghaiTime(2, 3, 23).AddMinutes(30), 1));
        Assert.Equal(new DateTime(2027, 2, 12, 9, 0, 0, DateTimeKind.Utc), ErrandClock.EndOf(new DateOnly(2027, 2, 12)));
    }
}
