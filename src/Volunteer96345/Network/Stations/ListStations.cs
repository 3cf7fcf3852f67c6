using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Network.Stations;

public sealed record StationFilter
{
    public StationKind? Kind { get; init; }

    public OutpostKind? OutpostKind { get; init; }

    public string? Village { get; init; }

    public string? Search { get; init; }

    [System.ComponentModel.DefaultValue(false)]
    public bool? IncludeInactive { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

public sealed record StationRow(
    Guid Id, string Name, StationKind Kind, OutpostKind? OutpostKind, Guid? ParentId, string? ParentName, string Village,
    string Address, double Latitude, double Longitude, string? OpeningHours, string? Phone, IReadOnlyList<string> Services,
    bool IsActive);

public sealed record StationView(StationRow Station, IReadOnlyList<ManagerRow> Managers);

/// <summary>A station's manager as people see them: by display name; the login (soon a mobile number) stays out of reads.</summary>
public sealed record ManagerRow(Guid Id, string DisplayName);

/// <summary>Reads of the network. The station scope applies by itself: AppDbContext filters every query.</summary>
internal sealed class ListStationsHandler(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Page<StationRow>> List(StationFilter filter, CancellationToken cancellationToken)
    {
        var page = await Ordered(Filtered(filter)).ToPageAsync(filter.Page, filter.PageSize, cancellationToken);
        return new Page<StationRow>(await RowsAsync(page.Items, cancellationToken), page.Total, page.PageNumber, page.PageSize);
    }

    /// <summary>All matching stations at once, for the schematic map (a town has tens, not thousands).</summary>
    public async Task<List<StationRow>> All(StationFilter filter, CancellationToken cancellationToken) =>
        await RowsAsync(await Ordered(Filtered(filter)).ToListAsync(cancellationToken), cancellationToken);

    public async Task<Result<StationView>> Get(Guid id, CancellationToken cancellationToken)
    {
        var station = await db.Stations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var row = station is null ? null : (await RowsAsync([station], cancellationToken))[0];
        if (row is null)
        {
            return AppError.NotFound(localizer["Station.NotFound"]);
        }

        var managers = await (from ss in db.StaffStations
                              join u in db.Users on ss.UserId equals u.Id
                              where ss.StationId == id
                              orderby u.DisplayName, u.Id
                              select new ManagerRow(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        return new StationView(row, managers);
    }

    public Task<List<string>> Villages(CancellationToken cancellationToken) =>
        db.Stations.Select(s => s.Village).Distinct().OrderBy(v => v).ToListAsync(cancellationToken);

    /// <summary>Stations that may be a parent of a new or edited station.</summary>
    public async Task<List<StationRow>> Parents(CancellationToken cancellationToken) =>
        await RowsAsync(await Ordered(db.Stations.Where(s => s.IsActive && s.Kind != StationKind.Outpost)).ToListAsync(cancellationToken), cancellationToken);

    public Task<List<ManagerRow>> ManagerAccounts(CancellationToken cancellationToken) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Common.Auth.Roles.StationManager && u.IsActive
         orderby u.DisplayName, u.Id
         select new ManagerRow(u.Id, u.DisplayName)).ToListAsync(cancellationToken);

    private IQueryable<Station> Filtered(StationFilter filter)
    {
        var query = db.Stations.AsQueryable();
        if (filter.IncludeInactive != true)
        {
            query = query.Where(s => s.IsActive);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (filter.OutpostKind is { } outpostKind)
        {
            query = query.Where(s => s.OutpostKind == outpostKind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Village))
        {
            query = query.Where(s => s.Village == filter.Village);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(s => s.Name.Contains(term) || s.Address.Contains(term));
        }

        return query;
    }

    private static IQueryable<Station> Ordered(IQueryable<Station> stations) =>
        stations.AsNoTracking()
            .OrderBy(s => s.Kind == StationKind.SubStation ? 0 : s.Kind == StationKind.ServicePoint ? 1 : 2).ThenBy(s => s.Village).ThenBy(s => s.Name);

    /// <summary>
    /// A parent's name is shown even when the parent is outside the caller's scope (a village manager's point hangs under
    /// the sub-station). It is read in a query of its own: AcrossStations lifts the filters of a whole query, so it
    /// must never be joined into the scoped one.
    /// </summary>
    private async Task<List<StationRow>> RowsAsync(IReadOnlyList<Station> stations, CancellationToken cancellationToken)
    {
        var parentIds = stations.Where(s => s.ParentId != null).Select(s => s.ParentId!.Value).Distinct().ToList();
        var parents = await db.Stations.AcrossStations("the parent of a station in scope may be outside it (the sub-station)").Where(s => parentIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return
        [
            .. stations.Select(s => new StationRow(s.Id, s.Name, s.Kind, s.OutpostKind, s.ParentId,
                s.ParentId is { } p ? parents.GetValueOrDefault(p) : null, s.Village, s.Address, s.Latitude, s.Longitude, s.OpeningHours,
                s.Phone, s.Services, s.IsActive)),
        ];
    }
}

/// <summary>A point drawn over the station map, with a link and a tooltip.</summary>
public sealed record MapMarker(double Latitude, double Longitude, string Colour, string Title, string Href);
