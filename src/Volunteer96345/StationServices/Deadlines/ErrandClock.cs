using Volunteer96345.Activities;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.StationServices.Deadlines;

/// <summary>
/// Working-day deadlines of errands, on the one holiday calendar of the town (<see cref="HolidayCalendar"/>, with the
/// administrator's adjustments entered on the service-days page). An errand is due by the offices' closing time of its
/// last working day; the day it is received does not count, as offices count it.
/// </summary>
internal sealed class ErrandClock(AppDbContext db, IConfiguration configuration)
{
    public static readonly TimeOnly OfficesClose = new(17, 0);

    /// <summary>How many working days after the office's final answer the originals should be back with the resident.</summary>
    public int ReturnWithinWorkingDays => configuration.GetValue("StationServices:ReturnWithinWorkingDays", 2);

    public Task<HolidayCalendar> CalendarAsync(CancellationToken cancellationToken) => HolidayAdjustment.CalendarAsync(db, cancellationToken);

    public static DateOnly DueDate(HolidayCalendar calendar, DateTime receivedAtUtc, int workingDays) =>
        calendar.AddWorkingDays(DateOnly.FromDateTime(Shanghai.ToLocal(receivedAtUtc)), workingDays);

    /// <summary>The moment in UTC a working day ends for the offices.</summary>
    public static DateTime EndOf(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(OfficesClose), DateTimeKind.Unspecified), Shanghai.Zone);
}
