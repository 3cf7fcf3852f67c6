using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;

namespace Volunteer96345.Network;

/// <summary>Station names for the kernel's views (the audit log names the station of each row it shows).</summary>
internal sealed class StationNames(AppDbContext db) : IStationNames
{
    public Task<Dictionary<Guid, string>> NamesOf(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) => db.StationNames(ids, cancellationToken);
}

internal static class StationNameLookup
{
    /// <summary>
    /// The names of these stations, in a query of its own: a row in the caller's scope may name a station outside it (a
    /// volunteer's home station, an order's outpost), and lifting the scope inside the row's own query would lift it for
    /// the rows too (decision 0004).
    /// </summary>
    public static Task<Dictionary<Guid, string>> StationNames(this AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("names of the stations its rows name").Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    /// <summary>The name of one station (null when there is none), whatever the caller's scope; see <see cref="StationNames"/>.</summary>
    public static Task<string?> StationName(this AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("names of the stations its rows name").Where(s => s.Id == id).Select(s => (string?)s.Name)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every station's name, whatever the caller's scope: for a view whose rows may name any station.</summary>
    public static Task<Dictionary<Guid, string>> AllStationNames(this AppDbContext db, CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("names of the stations its rows name").AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
}
