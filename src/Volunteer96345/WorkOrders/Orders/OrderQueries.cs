using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Orders;

public sealed record OrderEventView(DateTime At, WorkOrderEventKind Kind, string? Actor, string? Detail);

public sealed record OfferView(Guid Id, int Rank, ResponderKind Kind, Guid CandidateId, string CandidateName, double Score, IReadOnlyList<string> Reasons,
    OfferStatus Status, int Round, DateTime? OfferedAt, DateTime? RespondedAt, string? DeclineReason);

public sealed record OrderView(
    Guid Id,
    string TrackingCode,
    IntakeChannel Channel,
    string? ExternalId,
    Guid ServiceItemId,
    string ServiceCode,
    string ServiceName,
    ServiceCategory Category,
    bool OnSite,
    string Description,
    string Address,
    string? Village,
    double? Latitude,
    double? Longitude,
    string? CallerName,
    string CallerPhoneMasked,
    Guid? CareRecipientId,
    string? CareRecipientName,
    IReadOnlyDictionary<string, string> Answers,
    Guid? PossibleDuplicateOf,
    Guid StationId,
    string StationName,
    bool AwaitingTown,
    DateTime? UnansweredSince,
    WorkOrderStatus Status,
    DateTime ReceivedAt,
    DateTime AcceptDue,
    DateTime? ArriveDue,
    DateTime ResolveDue,
    DateTime? DispatchedAt,
    DateTime? AcceptedAt,
    DateTime? EnRouteAt,
    DateTime? ArrivedAt,
    DateTime? ResolvedAt,
    DateTime? ClosedAt,
    bool ArrivalBreached,
    int Reopens,
    ResponderKind? ResponderKind,
    string? ResponderName,
    Guid? ResponderVolunteerId,
    string? Resolution,
    IReadOnlyList<Guid> PhotoIds,
    int Points,
    IReadOnlyList<OrderEventView> Events,
    IReadOnlyList<OfferView> Offers);

/// <summary>One order as staff see it (within their station scope), with its history and ranking.</summary>
internal sealed class OrderQueriesHandler(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<OrderView>> Get(Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.Dispatcher, Roles.StationManager, Roles.Inspector))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var order = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return order is null ? AppError.NotFound(localizer["WorkOrder.NotFound"]) : await ViewAsync(db, order, cancellationToken);
    }

    /// <summary>The view of an order already loaded (and authorised) by the caller.</summary>
    public static async Task<OrderView> ViewAsync(AppDbContext db, WorkOrder o, CancellationToken cancellationToken)
    {
        var item = await db.ServiceItems.AsNoTracking().Where(s => s.Id == o.ServiceItemId).Select(s => new { s.Code, s.Name }).FirstAsync(cancellationToken);
        var station = await db.StationName(o.StationId, cancellationToken) ?? "";
        var cared = o.CareRecipientId is { } careId
            ? await db.CareRecipients.AcrossStations("an order names the care recipient it is for, whose record may be another station's").AsNoTracking()
                .Where(c => c.Id == careId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        // Only the city's order id means something to staff; other channels' external ids are hashes of an Idempotency-Key.
        return new OrderView(o.Id, o.TrackingCode, o.Channel, o.Channel == IntakeChannel.CityPlatform ? o.ExternalId : null, o.ServiceItemId, item.Code, item.Name, o.Category, o.OnSite, o.Description,
            o.Address, o.Village, o.Latitude, o.Longitude, o.CallerName, o.CallerPhoneMasked, o.CareRecipientId, cared, o.Answers, o.PossibleDuplicateOf,
            o.StationId, station, o.AwaitingTown, o.UnansweredSince, o.Status, o.ReceivedAt, o.AcceptDue, o.ArriveDue, o.ResolveDue, o.DispatchedAt, o.AcceptedAt,
            o.EnRouteAt, o.ArrivedAt, o.ResolvedAt, o.ClosedAt, o.ArrivalBreached, o.Reopens, o.ResponderKind, o.ResponderName, o.ResponderVolunteerId,
            o.Resolution, o.PhotoIds,
            o.Points,
            [.. o.Events.OrderBy(e => e.At).Select(e => new OrderEventView(e.At, e.Kind, e.Actor, e.Detail))],
            [.. o.Offers.OrderBy(f => f.Rank).Select(f => new OfferView(f.Id, f.Rank, f.Kind, f.CandidateId, f.CandidateName, f.Score,
                f.Reasons.Split(';', StringSplitOptions.RemoveEmptyEntries), f.Status, f.Round, f.OfferedAt, f.RespondedAt, f.DeclineReason))]);
    }
}
