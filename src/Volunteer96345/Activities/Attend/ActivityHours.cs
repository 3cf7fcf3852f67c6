using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.Points;

namespace Volunteer96345.Activities.Attend;

/// <summary>
/// A volunteer's credit hours from activities (the checked-out attendance, after the organiser's corrections), for the
/// one service-hours figure: the privilege level, the counter and the volunteer's own record add it to the work orders'
/// hours. Honour hours are recognition, not service, and are not counted.
/// </summary>
internal sealed class ActivityHours(AppDbContext db) : IServiceHours
{
    public string Source => "Activities";

    public async Task<decimal> HoursOf(Guid volunteerId, CancellationToken cancellationToken) =>
        await db.Set<SignUp>().AcrossStations("a volunteer's hours count at every station").AsNoTracking()
            .Where(s => s.VolunteerId == volunteerId && s.Status == SignUpStatus.Confirmed)
            .SumAsync(s => s.CreditHours, cancellationToken);
}
