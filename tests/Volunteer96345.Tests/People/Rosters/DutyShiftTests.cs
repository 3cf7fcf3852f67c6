using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Rosters;

public sealed class DutyShiftTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    private static DateTime At(int day, int hour) => Monday.AddDays(day).ToDateTime(new TimeOnly(hour, 0));

    private static Interval Span(int day, int start, int end) => DutyShift.SpanOf(Monday.AddDays(day), new TimeOnly(start, 0), new TimeOnly(end, 0));

    [Fact]
    public void A_shift_ending_before_it_starts_runs_into_the_next_morning()
    {
        var night = Span(0, 20, 8);

        Assert.Equal(At(0, 20), night.From);
        Assert.Equal(At(1, 8), night.To);
        Assert.True(night.Contains(At(1, 7)));
        Assert.False(night.Contains(At(1, 8)));
    }

    [Fact]
    public void Shifts_that_only_touch_do_not_overlap_and_a_shared_hour_does()
    {
        Assert.False(Span(0, 8, 20).Overlaps(Span(0, 20, 8)));
        Assert.True(Span(0, 20, 8).Overlaps(Span(1, 7, 9)));
        Assert.False(Span(0, 20, 8).Overlaps(Span(1, 8, 12)));
    }

    [Fact]
    public void A_fully_covered_week_has_no_gaps_even_with_overlapping_and_overhanging_shifts()
    {
        var shifts = new List<Interval> { Span(-1, 20, 8) };
        for (var day = 0; day < 7; day++)
        {
            shifts.Add(Span(day, 8, 20));
            shifts.Add(Span(day, 20, 8));
            shifts.Add(Span(day, 9, 11));
        }

        Assert.Empty(DutyShift.Gaps(shifts, At(0, 0), At(7, 0)));
    }

    [Fact]
    public void Uncovered_stretches_are_reported_in_order_including_the_start_and_end_of_the_week()
    {
        var shifts = new List<Interval> { Span(0, 8, 20), Span(0, 20, 8), Span(1, 8, 20), Span(2, 8, 20), Span(3, 8, 20), Span(6, 20, 8) };

        var gaps = DutyShift.Gaps(shifts, At(0, 0), At(7, 0));

        Assert.Equal(
            [new Interval(At(0, 0), At(0, 8)), new Interval(At(1, 20), At(2, 8)), new Interval(At(2, 20), At(3, 8)), new Interval(At(3, 20), At(6, 20))],
            gaps);
    }

    [Fact]
    public void An_empty_roster_is_one_gap_of_the_whole_week()
    {
        Assert.Equal([new Interval(At(0, 0), At(7, 0))], DutyShift.Gaps([], At(0, 0), At(7, 0)));
    }

    [Theory]
    [InlineData("2026-11-29", "2026-11-30")] // Sunday
    [InlineData("2026-11-30", "2026-12-07")] // Monday: next week is seven days on
    [InlineData("2026-12-05", "2026-12-07")] // Saturday
    [InlineData("2026-12-31", "2027-01-04")] // across the year
    public void Next_week_starts_on_the_coming_monday(string today, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            DutyShift.NextWeekStart(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
