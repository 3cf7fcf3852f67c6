using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Network.Stations;

/// <summary>The station form, as the API receives it and the page binds it. Every field may be missing; validation says which must not.</summary>
public sealed class StationInput
{
    public string? Name { get; set; }
    public StationKind? Kind { get; set; }
    public OutpostKind? OutpostKind { get; set; }
    public Guid? ParentId { get; set; }
    public string? Village { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? OpeningHours { get; set; }
    public string? Phone { get; set; }
    public List<string>? Services { get; set; }

    /// <summary>Station-manager accounts that run this station; only a town admin may set them. Null leaves them as they are.</summary>
    public List<Guid>? ManagerIds { get; set; }
}

internal sealed class SaveStationHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<Guid>> Create(StationInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var details = await ValidateAsync(input, null, cancellationToken);
        if (!details.IsOk)
        {
            return details.Error!;
        }

        var station = Station.Open(details.Value, clock.GetUtcNow().UtcDateTime);
        db.Stations.Add(station);
        await AssignManagersAsync(station.Id, input.ManagerIds, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return station.Id;
    }

    public async Task<Result<Guid>> Update(Guid id, StationInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var station = await db.Stations.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (station is null)
        {
            return AppError.NotFound(localizer["Station.NotFound"]);
        }

        var details = await ValidateAsync(input, station, cancellationToken);
        if (!details.IsOk)
        {
            return details.Error!;
        }

        if (input.ManagerIds is not null && !user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Invalid("managerIds", localizer["Station.ManagersAdminOnly"]);
        }

        station.Revise(details.Value);
        await AssignManagersAsync(station.Id, input.ManagerIds, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return station.Id;
    }

    public async Task<Result<Guid>> SetActive(Guid id, bool active, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var station = await db.Stations.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (station is null)
        {
            return AppError.NotFound(localizer["Station.NotFound"]);
        }

        if (active)
        {
            if (station.ParentId is { } parentId && !await db.Stations.AnyAsync(s => s.Id == parentId && s.IsActive, cancellationToken))
            {
                return AppError.Conflict(localizer["Station.ParentInactive"]);
            }

            station.Reactivate();
        }
        else
        {
            // A station with running children would leave them hanging under a closed parent.
            if (await db.Stations.AcrossStations("a station with active children anywhere cannot be closed").AnyAsync(s => s.ParentId == id && s.IsActive, cancellationToken))
            {
                return AppError.Conflict(localizer["Station.HasActiveChildren"]);
            }

            station.Deactivate(clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(cancellationToken);
        return station.Id;
    }

    private async Task<Result<StationDetails>> ValidateAsync(StationInput input, Station? existing, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer)
            .Line("name", input.Name, 100)
            .Defined("kind", input.Kind)
            .Text("village", input.Village, 50)
            .Text("address", input.Address, 200)
            .Range("latitude", input.Latitude, -90, 90)
            .Range("longitude", input.Longitude, -180, 180)
            .Text("openingHours", input.OpeningHours, 100, required: false)
            .Text("phone", input.Phone, 20, required: false)
            .Items("services", input.Services, 30, 30);
        if (!string.IsNullOrWhiteSpace(input.Phone) && !input.Phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' '))
        {
            v.Add("phone", localizer["Validation.Phone"]);
        }

        if (input.Kind == StationKind.Outpost)
        {
            v.Defined("outpostKind", input.OutpostKind);
        }
        else if (input.OutpostKind is not null)
        {
            v.Add("outpostKind", localizer["Station.OutpostKindOnlyForOutposts"]);
        }

        if (input.Kind is { } kind && Enum.IsDefined(kind))
        {
            await ValidateParentAsync(v, kind, input.ParentId, existing, cancellationToken);
        }

        if (input.ManagerIds is { Count: > 0 } managerIds)
        {
            var distinct = managerIds.Distinct().ToList();
            var managers = await (from u in db.Users
                                  join ur in db.UserRoles on u.Id equals ur.UserId
                                  join r in db.Roles on ur.RoleId equals r.Id
                                  where distinct.Contains(u.Id) && r.Name == Roles.StationManager
                                  select u.Id).CountAsync(cancellationToken);
            v.Check(managers == distinct.Count && distinct.Count <= 20, "managerIds", "Station.UnknownManager");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        return new StationDetails(input.Name!, input.Kind!.Value, input.OutpostKind, input.ParentId, input.Village!, input.Address!,
            input.Latitude!.Value, input.Longitude!.Value, input.OpeningHours, input.Phone, input.Services ?? []);
    }

    private async Task ValidateParentAsync(Validation v, StationKind kind, Guid? parentId, Station? existing, CancellationToken cancellationToken)
    {
        if (kind == StationKind.SubStation)
        {
            v.Check(parentId is null, "parentId", "Station.SubStationHasNoParent");
            return;
        }

        if (parentId is null)
        {
            v.Add("parentId", localizer["Validation.Required", localizer["Field.parentId"]]);
            return;
        }

        if (existing is not null && existing.ParentId == parentId)
        {
            // An editor may keep a parent they cannot see (a manager of an outpost, say).
            return;
        }

        var parent = await db.Stations.Where(s => s.Id == parentId).Select(s => new { s.Kind, s.IsActive }).FirstOrDefaultAsync(cancellationToken);
        if (parent is null || !parent.IsActive)
        {
            v.Add("parentId", localizer["Station.UnknownParent"]);
        }
        else if (!Station.CanBeParent(parent.Kind, kind) || parentId == existing?.Id)
        {
            v.Add("parentId", localizer["Station.WrongParentKind"]);
        }
    }

    private async Task AssignManagersAsync(Guid stationId, List<Guid>? managerIds, CancellationToken cancellationToken)
    {
        if (managerIds is null || !user.IsInRole(Roles.TownAdmin))
        {
            return;
        }

        var current = await db.StaffStations.Where(s => s.StationId == stationId).ToListAsync(cancellationToken);
        var wanted = managerIds.Distinct().ToHashSet();
        db.StaffStations.RemoveRange(current.Where(s => !wanted.Contains(s.UserId)));
        db.StaffStations.AddRange(wanted.Where(id => current.All(s => s.UserId != id))
            .Select(id => new StaffStation { UserId = id, StationId = stationId }));

        // The manager's cookie carries the scope: a new security stamp makes the next validation re-issue it.
        var changed = current.Select(s => s.UserId).ToHashSet();
        changed.SymmetricExceptWith(wanted);
        foreach (var manager in await db.Users.Where(u => changed.Contains(u.Id)).ToListAsync(cancellationToken))
        {
            manager.SecurityStamp = Guid.NewGuid().ToString();
        }
    }
}
