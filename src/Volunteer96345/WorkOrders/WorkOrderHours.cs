using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.Points;

namespace Volunteer96345.WorkOrders;

/// <summary>
/// A volunteer's hours of work-order service for the privilege levels: the time from accepting to resolving each closed
/// work order they answered, at any station (the level belongs to the person, not to the station that asks).
/// </summary>
internal sealed class WorkOrderHours(AppDbContext db) : IServiceHours
{
    public string Source => "WorkOrders";

    public async Task<decimal> HoursOf(Guid volunteerId, CancellationToken cancellationToken)
    {
        var spans = await db.WorkOrders.AcrossStations("a volunteer's hours count at every station").AsNoTracking()
            .Where(o => o.ResponderVolunteerId == volunteerId && o.Status == WorkOrderStatus.Closed && o.AcceptedAt != null && o.ResolvedAt != null)
            .Select(o => new { o.AcceptedAt, o.ResolvedAt }).ToListAsync(cancellationToken);
        var minutes = spans.Sum(s => Math.Max(0, (s.ResolvedAt!.Value - s.AcceptedAt!.Value).TotalMinutes));
        return (decimal)minutes / 60m;
    }
}
