using System.Globalization;

namespace Volunteer96345.Common.Time;

/// <summary>The four occasions of organised service besides the 25th: New Year's Day, the Spring Festival, Labour Day and 7-1.</summary>
public enum HolidayOccasion
{
    NewYear,
    SpringFestival,
    LabourDay,
    PartyFoundingDay,
}

/// <summary>A State Council adjustment for one day: an extra day off, or a weekend day that is a working day (调休上班).</summary>
internal sealed record DayAdjustment(DateOnly Date, bool IsWorkingDay, string Name);

/// <summary>
/// The Chinese holiday calendar, computed, never listed: the lunar dates come from <see cref="ChineseLunisolarCalendar"/>
/// (valid 1901–2100). Working days are Monday to Friday, less the statutory days off this class can compute (New Year's
/// Day, Spring Festival eve to the third day, Labour Day and the next day, the Dragon Boat and Mid-Autumn festivals,
/// National Day and the two days after), then overridden by the adjustments the administrator entered for the year,
/// which also carry what no formula gives (Qingming, bridged weekends).
/// </summary>
internal sealed class HolidayCalendar(IEnumerable<DayAdjustment>? adjustments = null)
{
    private static readonly ChineseLunisolarCalendar Lunar = new();
    private readonly Dictionary<DateOnly, DayAdjustment> _adjustments = (adjustments ?? []).GroupBy(a => a.Date).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>The first day of the first lunar month of <paramref name="year"/>.</summary>
    public static DateOnly SpringFestival(int year) => LunarDate(year, 1, 1);

    /// <summary>A date in the lunar year <paramref name="year"/>; <paramref name="month"/> counts ordinary months, skipping the year's leap month.</summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0, Calendar.CurrentEra));
    }

    /// <summary>The four service occasions of a year, in date order.</summary>
    public static IReadOnlyList<(HolidayOccasion Occasion, DateOnly Date)> Occasions(int year) =>
    [
        .. new[]
        {
            (HolidayOccasion.NewYear, new DateOnly(year, 1, 1)),
            (HolidayOccasion.SpringFestival, SpringFestival(year)),
            (HolidayOccasion.LabourDay, new DateOnly(year, 5, 1)),
            (HolidayOccasion.PartyFoundingDay, new DateOnly(year, 7, 1)),
        }.OrderBy(o => o.Item2),
    ];

    /// <summary>The statutory days off this calendar computes for a year (before adjustments).</summary>
    public static IReadOnlySet<DateOnly> StatutoryDaysOff(int year)
    {
        var spring = SpringFestival(year);
        var days = new HashSet<DateOnly>
        {
            new(year, 1, 1),
            spring.AddDays(-1), spring, spring.AddDays(1), spring.AddDays(2),
            new(year, 5, 1), new(year, 5, 2),
            LunarDate(year, 5, 5),
            LunarDate(year, 8, 15),
            new(year, 10, 1), new(year, 10, 2), new(year, 10, 3),
        };
        return days;
    }

    public bool IsWorkingDay(DateOnly date)
    {
        if (_adjustments.TryGetValue(date, out var adjustment))
        {
            return adjustment.IsWorkingDay;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !StatutoryDaysOff(date.Year).Contains(date);
    }

    /// <summary>The working day <paramref name="count"/> working days after <paramref name="date"/> (before it when negative).</summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        var step = count >= 0 ? 1 : -1;
        var left = Math.Abs(count);
        var day = date;
        while (left > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Working days from <paramref name="from"/> (exclusive) to <paramref name="to"/> (inclusive).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
