namespace Volunteer96345.Demo.Year;

/// <summary>
/// The dates a Yanguan year turns on, for the demo's year: the public holidays (the lunar ones as the State Council's
/// calendar fixes them), the Spring Festival fortnight and the tide-watching week around 农历八月十八, when the 观潮节
/// brings the town its crowds. Known for 2025 to 2028; outside them only the fixed-date holidays count.
/// </summary>
internal static class YearCalendar
{
    // 春节 (正月初一), 清明, 端午, 中秋, 重阳 and 农历八月十八 (the tide's peak), by year.
    private static readonly Dictionary<int, (DateOnly SpringFestival, DateOnly Qingming, DateOnly Duanwu, DateOnly MidAutumn, DateOnly Chongyang, DateOnly Tide)> Lunar = new()
    {
        [2025] = (new(2025, 1, 29), new(2025, 4, 4), new(2025, 5, 31), new(2025, 10, 6), new(2025, 10, 29), new(2025, 10, 9)),
        [2026] = (new(2026, 2, 17), new(2026, 4, 5), new(2026, 6, 19), new(2026, 9, 25), new(2026, 10, 18), new(2026, 9, 28)),
        [2027] = (new(2027, 2, 6), new(2027, 4, 5), new(2027, 6, 9), new(2027, 9, 15), new(2027, 10, 8), new(2027, 9, 18)),
        [2028] = (new(2028, 1, 26), new(2028, 4, 4), new(2028, 5, 28), new(2028, 10, 3), new(2028, 10, 26), new(2028, 10, 6)),
    };

    /// <summary>The holidays of <paramref name="year"/> on which branches hold activities, with their names.</summary>
    public static IEnumerable<(DateOnly Day, string Name)> Holidays(int year)
    {
        yield return (new DateOnly(year, 1, 1), "元旦");
        if (Lunar.TryGetValue(year, out var lunar))
        {
            yield return (lunar.SpringFestival.AddDays(-1), "除夕");
            yield return (lunar.Qingming, "清明");
            yield return (lunar.Duanwu, "端午");
            yield return (lunar.MidAutumn, "中秋");
            yield return (lunar.Chongyang, "重阳");
        }

        yield return (new DateOnly(year, 3, 5), "学雷锋日");
        yield return (new DateOnly(year, 5, 1), "劳动节");
        yield return (new DateOnly(year, 7, 1), "建党节");
        yield return (new DateOnly(year, 10, 1), "国庆");
    }

    /// <summary>The tide-watching week: three days either side of 农历八月十八.</summary>
    public static bool IsTideWeek(DateOnly day) => Lunar.TryGetValue(day.Year, out var lunar) && Math.Abs(day.DayNumber - lunar.Tide.DayNumber) <= 3;

    /// <summary>The Spring Festival fortnight: from a week before 正月初一 to a week after.</summary>
    public static bool IsSpringFestival(DateOnly day) =>
        Lunar.TryGetValue(day.Year, out var lunar) && Math.Abs(day.DayNumber - lunar.SpringFestival.DayNumber) <= 7;
}
