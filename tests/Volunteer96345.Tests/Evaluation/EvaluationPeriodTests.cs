using Volunteer96345.Evaluation.Composite;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>The periods the standings are asked for: a month, a quarter or a year of Shanghai's calendar.</summary>
public sealed class EvaluationPeriodTests
{
    [Theory]
    [InlineData("2026-11", PeriodKind.Month, 2026, 11, "2026-11")]
    [InlineData("2026-01", PeriodKind.Month, 2026, 1, "2026-01")]
    [InlineData("2026-Q4", PeriodKind.Quarter, 2026, 4, "2026-Q4")]
    [InlineData(" 2027-q1 ", PeriodKind.Quarter, 2027, 1, "2027-Q1")]
    [InlineData("2026", PeriodKind.Year, 2026, 1, "2026")]
    [InlineData("2017", PeriodKind.Year, 2017, 1, "2017")]
    public void A_month_a_quarter_or_a_year_is_read(string text, PeriodKind kind, int year, int number, string shown)
    {
        Assert.True(EvaluationPeriod.TryParse(text, out var period));

        Assert.Equal(new EvaluationPeriod(kind, year, number), period);
        Assert.Equal(shown, period.ToString());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q04")]
    [InlineData("26-11")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("2026-1")]
    [InlineData("2026-")]
    [InlineData("2026/11")]
    [InlineData("2026-+1")]
    [InlineData("2026-11-01")]
    [InlineData("abcd")]
    [InlineData("2016")]
    [InlineData("2101")]
    [InlineData("２０２６")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(EvaluationPeriod.TryParse(text, out var period));
        Assert.Equal(default, period);
    }

    [Theory]
    [InlineData("2026-11", "2026-10-31T16:00:00", "2026-11-30T16:00:00")]
    [InlineData("2026-12", "2026-11-30T16:00:00", "2026-12-31T16:00:00")]
    [InlineData("2026-Q4", "2026-09-30T16:00:00", "2026-12-31T16:00:00")]
    [InlineData("2027-Q1", "2026-12-31T16:00:00", "2027-03-31T16:00:00")]
    [InlineData("2026", "2025-12-31T16:00:00", "2026-12-31T16:00:00")]
    public void A_period_runs_from_a_Shanghai_midnight_to_the_next_period_s_in_UTC(string text, string from, string to)
    {
        Assert.True(EvaluationPeriod.TryParse(text, out var period));

        Assert.Equal(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.FromUtc);
        Assert.Equal(DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture), period.ToUtc);
        Assert.Equal(DateTimeKind.Utc, period.FromUtc.Kind);
    }

    [Fact]
    public void The_period_of_a_day_is_its_month_quarter_or_year()
    {
        var day = new DateOnly(2026, 11, 29);

        Assert.Equal("2026-11", EvaluationPeriod.Of(PeriodKind.Month, day).ToString());
        Assert.Equal("2026-Q4", EvaluationPeriod.Of(PeriodKind.Quarter, day).ToString());
        Assert.Equal("2026", EvaluationPeriod.Of(PeriodKind.Year, day).ToString());
        Assert.Equal("2026-Q1", EvaluationPeriod.Of(PeriodKind.Quarter, new DateOnly(2026, 3, 31)).ToString());
    }
}
