using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Network.Stations;

public sealed record StationFilter(
    StationKind? Kind = null,
    OutpostKind? OutpostKind = null,
    string? Village = null,
    string? Search = null,
    bool IncludeInactive = false,
    int? Page = null,
    int? PageSize = null);

public sealed record StationRow(
    Guid Id, string Name, StationKind Kind, OutpostKind? OutpostKind, Guid? ParentId, string? ParentName, string Village,
    string Address, double Latitude, double Longitude, string? OpeningHours, string? Phone, IReadOnlyList<string> Services,
    bool IsActive);

public sealed record StationView(StationRow Station, IReadOnlyList<ManagerRow> Managers);

public sealed record ManagerRow(Guid Id, string UserName, string DisplayName);

/// <summary>Reads of the network. The station scope applies by itself: AppDbContext filters every query.</summary>
internal sealed class ListStationsHandler(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public Task<Page<StationRow>> List(StationFilter filter, CancellationToken cancellationToken) =>
        Rows(Filtered(filter)).ToPageAsync(filter.Page, filter.PageSize, cancellationToken);

    /// <summary>All matching stations at once, for the schematic map (a town has tens, not thousands).</summary>
    public Task<List<StationRow>> All(StationFilter filter, CancellationToken cancellationToken) =>
        Rows(Filtered(filter)).ToListAsync(cancellationToken);

    public async Task<Result<StationView>> Get(Guid id, CancellationToken cancellationToken)
    {
        var row = await Rows(db.Stations.Where(s => s.Id == id)).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return AppError.NotFound(localizer["Station.NotFound"]);
        }

        var managers = await (from ss in db.StaffStations
                              join u in db.Users on ss.UserId equals u.Id
                              where ss.StationId == id
                              orderby u.UserName
                              select new ManagerRow(u.Id, u.UserName!, u.DisplayName)).ToListAsync(cancellationToken);
        return new StationView(row, managers);
    }

    public Task<List<string>> Villages(CancellationToken cancellationToken) =>
        db.Stations.Select(s => s.Village).Distinct().OrderBy(v => v).ToListAsync(cancellationToken);

    /// <summary>Stations that may be a parent of a new or edited station.</summary>
    public Task<List<StationRow>> Parents(CancellationToken cancellationToken) =>
        Rows(db.Stations.Where(s => s.IsActive && s.Kind != StationKind.Outpost)).ToListAsync(cancellationToken);

    public Task<List<ManagerRow>> ManagerAccounts(CancellationToken cancellationToken) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Common.Auth.Roles.StationManager && u.IsActive
         orderby u.UserName
         select new ManagerRow(u.Id, u.UserName!, u.DisplayName)).ToListAsync(cancellationToken);

    private IQueryable<Station> Filtered(StationFilter filter)
    {
        var query = db.Stations.AsQueryable();
        if (!filter.IncludeInactive)
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

    private IQueryable<StationRow> Rows(IQueryable<Station> stations) =>
        from s in stations
        join p in db.Stations.IgnoreQueryFilters() on s.ParentId equals p.Id into parents
        from p in parents.DefaultIfEmpty()
        orderby s.Kind == StationKind.SubStation ? 0 : s.Kind == StationKind.ServicePoint ? 1 : 2, s.Village, s.Name
        select new StationRow(s.Id, s.Name, s.Kind, s.OutpostKind, s.ParentId, p == null ? null : p.Name, s.Village, s.Address,
            s.Latitude, s.Longitude, s.OpeningHours, s.Phone, s.Services, s.IsActive);
}
