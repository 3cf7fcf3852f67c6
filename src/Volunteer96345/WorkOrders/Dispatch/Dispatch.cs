using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Dispatch;

public enum DispatchMode
{
    /// <summary>Offer the next round of the ranking (phased alerts).</summary>
    Alert,

    /// <summary>Offer the order to one chosen volunteer, team, merchant or station.</summary>
    Assign,
}

public sealed class DispatchInput
{
    public DispatchMode? Mode { get; set; }
    public ResponderKind? Kind { get; set; }
    public Guid? CandidateId { get; set; }
}

public sealed class BounceInput
{
    public string? Reason { get; set; }
}

public sealed class RerouteInput
{
    public Guid? StationId { get; set; }
}

/// <summary>
/// 分流派单 by staff: re-rank, alert the next round, assign by hand (a volunteer, a team, an alliance merchant or a
/// station), bounce to the town, re-route to another station. The town dispatcher and admin act on every order; a
/// station manager on their stations' orders, and may bounce but not re-route (re-routing is the town's call).
/// </summary>
internal sealed class DispatchHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    DispatchService dispatch)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<int>> Rerank(Guid orderId, CancellationToken cancellationToken)
    {
        var (order, item, error) = await LoadAsync(orderId, cancellationToken);
        if (order is null)
        {
            return error!;
        }

        if (!order.CanDispatch)
        {
            return WrongStatus(order);
        }

        var ranked = await dispatch.RankAsync(order, item!, cancellationToken);
        return await SaveAsync(ranked.Count, cancellationToken);
    }

    public async Task<Result<int>> Dispatch(Guid orderId, DispatchInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Defined("mode", input.Mode);
        if (input.Mode == DispatchMode.Assign)
        {
            v.Defined("kind", input.Kind).Required("candidateId", input.CandidateId);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var (order, _, error) = await LoadAsync(orderId, cancellationToken);
        if (order is null)
        {
            return error!;
        }

        if (!order.CanDispatch)
        {
            return WrongStatus(order);
        }

        if (input.Mode == DispatchMode.Alert)
        {
            var offered = await dispatch.OfferNextRoundAsync(order, user.Name, cancellationToken);
            if (offered.Count == 0)
            {
                return AppError.Conflict(localizer["WorkOrder.NoCandidates"]);
            }

            return await SaveAsync(offered.Count, cancellationToken);
        }

        var name = await CandidateNameAsync(input.Kind!.Value, input.CandidateId!.Value, cancellationToken);
        if (name is null)
        {
            return AppError.Invalid("candidateId", localizer["WorkOrder.UnknownCandidate"]);
        }

        var offer = order.Assign(input.Kind.Value, input.CandidateId.Value, name, user.Name, Now);
        await dispatch.NotifyOfferedAsync(order, [offer], cancellationToken);
        return await SaveAsync(1, cancellationToken);
    }

    public async Task<Result<bool>> Bounce(Guid orderId, BounceInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Text("reason", input.Reason, 200);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var (order, _, error) = await LoadAsync(orderId, cancellationToken);
        if (order is null)
        {
            return error!;
        }

        if (!order.Bounce(input.Reason!, user.Name, Now))
        {
            return WrongStatus(order);
        }

        return await SaveAsync(true, cancellationToken);
    }

    public async Task<Result<bool>> Reroute(Guid orderId, RerouteInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Dispatcher, Roles.TownAdmin) || !user.SeesAllStations)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Required("stationId", input.StationId);
        var station = input.StationId is { } id ? await db.Stations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.IsActive, cancellationToken) : null;
        if (input.StationId is not null && station is null)
        {
            v.Add("stationId", localizer["WorkOrder.UnknownStation"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var (order, item, error) = await LoadAsync(orderId, cancellationToken);
        if (order is null)
        {
            return error!;
        }

        if (!order.Reroute(station!.Id, station.Name, user.Name, Now))
        {
            return WrongStatus(order);
        }

        await dispatch.RankAsync(order, item!, cancellationToken);
        if (dispatch.Options.AutoAlert)
        {
            await dispatch.OfferNextRoundAsync(order, user.Name, cancellationToken);
        }

        return await SaveAsync(true, cancellationToken);
    }

    private async Task<string?> CandidateNameAsync(ResponderKind kind, Guid id, CancellationToken cancellationToken) => kind switch
    {
        ResponderKind.Volunteer => await db.Volunteers.AcrossStations("the town dispatcher may assign anyone in the town").Where(v => v.Id == id && v.Status == People.VolunteerStatus.Active)
            .Select(v => v.RealName).FirstOrDefaultAsync(cancellationToken),
        ResponderKind.Team => await db.Teams.AcrossStations("the town dispatcher may assign anyone in the town").Where(t => t.Id == id && t.LeaderId != null).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken),
        ResponderKind.Merchant => await db.AllianceMembers.AcrossStations("the town dispatcher may assign anyone in the town").Where(m => m.Id == id && m.Status == People.AllianceStatus.Active)
            .Select(m => m.Name).FirstOrDefaultAsync(cancellationToken),
        ResponderKind.Station => await db.Stations.AcrossStations("the town dispatcher may assign anyone in the town").Where(s => s.Id == id && s.IsActive).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken),
        _ => null,
    };

    private async Task<(WorkOrder? Order, ServiceItem? Item, AppError? Error)> LoadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Dispatcher, Roles.TownAdmin, Roles.StationManager))
        {
            return (null, null, AppError.Forbidden(localizer["Problem.Forbidden"]));
        }

        var order = await db.WorkOrders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return (null, null, AppError.NotFound(localizer["WorkOrder.NotFound"]));
        }

        var item = await db.ServiceItems.AsNoTracking().FirstAsync(s => s.Id == order.ServiceItemId, cancellationToken);
        return (order, item, null);
    }

    private AppError WrongStatus(WorkOrder order) =>
        AppError.Conflict(localizer["WorkOrder.WrongStatus", localizer["WorkOrderStatus." + order.Status]]);

    private async Task<Result<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["WorkOrder.Changed"]);
        }
    }
}
