using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;

namespace Volunteer96345.Network;

/// <summary>Station names for the kernel's views (the audit log names the station of each row it shows).</summary>
internal sealed class StationNames(AppDbContext db) : IStationNames
{
    public Task<Dictionary<Guid, string>> NamesOf(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("names of the stations its rows name").Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
}
