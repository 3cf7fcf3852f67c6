using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Network.Stations;

public sealed record DirectoryEntry(string Name, StationKind Kind, OutpostKind? OutpostKind, string Village, string Address, string? OpeningHours,
    string? Phone, IReadOnlyList<string> Services);

/// <summary>
/// The public station directory for residents' phones. It deliberately reads past the station scope: names, addresses,
/// hours and phones of active stations are public notice, and nothing else is selected.
/// </summary>
internal sealed class PublicDirectoryHandler(AppDbContext db)
{
    public Task<List<DirectoryEntry>> List(string? village, CancellationToken cancellationToken)
    {
        var query = db.Stations.AcrossStations("the public directory lists every open station").AsNoTracking().Where(s => s.IsActive);
        if (!string.IsNullOrWhiteSpace(village))
        {
            query = query.Where(s => s.Village == village);
        }

        return query.OrderBy(s => s.Kind == StationKind.SubStation ? 0 : s.Kind == StationKind.ServicePoint ? 1 : 2).ThenBy(s => s.Village).ThenBy(s => s.Name)
            .Select(s => new DirectoryEntry(s.Name, s.Kind, s.OutpostKind, s.Village, s.Address, s.OpeningHours, s.Phone, s.Services))
            .ToListAsync(cancellationToken);
    }

    public Task<List<string>> Villages(CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("the public directory lists every open station").Where(s => s.IsActive).Select(s => s.Village).Distinct().OrderBy(v => v).ToListAsync(cancellationToken);
}
