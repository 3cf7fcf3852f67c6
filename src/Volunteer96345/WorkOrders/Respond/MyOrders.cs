using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Respond;

/// <summary>
/// One order on the volunteer's list. An order only offered to them shows what, the village or area and how far: its
/// tracking code (the resident's key to /m/track), like the resident's name, phone and address, comes with accepting it.
/// </summary>
/// <summary>
/// One order on the volunteer's list. <c>Address</c> and <c>Phone</c> (for the call button) are the resident's: only on the
/// responder's own open orders, never on an offer.
/// </summary>
public sealed record MyOrderRow(Guid Id, string? TrackingCode, string ServiceName, ServiceCategory Category, bool OnSite, string? Village,
    string Description, WorkOrderStatus Status, Guid? OfferId, DateTime Due, double? DistanceKm = null, string? Address = null, string? Phone = null);

/// <summary>A finished order in the volunteer's 已完成 history: the resident's rating (when given) and the points it paid.</summary>
public sealed record MyDoneRow(Guid Id, string TrackingCode, string ServiceName, WorkOrderStatus Status, DateTime ResolvedAt, int? Satisfaction,
    string? Comment, long? PointsEarned);

public sealed record MyOrderAnswer(string Question, string Answer);

/// <summary>
/// One order for the volunteer. <see cref="TrackingCode"/>, <see cref="Address"/>, <see cref="CallerName"/> and
/// <see cref="CallerPhone"/> are null until the volunteer has accepted it (<see cref="IsResponder"/>); the phone also
/// once the order is no longer open.
/// </summary>
public sealed record MyOrderDetail(Guid Id, string? TrackingCode, string ServiceName, ServiceCategory Category, bool OnSite, string Description,
    string? Address, string? Village, string? CallerName, string? CallerPhone, IReadOnlyList<MyOrderAnswer> Answers, WorkOrderStatus Status,
    Guid? OfferId, bool IsResponder, DateTime ReceivedAt, DateTime AcceptDue, DateTime? ArriveDue, DateTime ResolveDue, DateTime? AcceptedAt,
    DateTime? EnRouteAt, DateTime? ArrivedAt, DateTime? ResolvedAt, string? Resolution, double? DistanceKm = null)
{
    /// <summary>The deadline the volunteer is racing now: accept, then arrive (on site), then resolve.</summary>
    public DateTime Due => NextDue(Status, OnSite, AcceptDue, ArriveDue, ResolveDue);

    public static DateTime NextDue(WorkOrderStatus status, bool onSite, DateTime acceptDue, DateTime? arriveDue, DateTime resolveDue) => status switch
    {
        WorkOrderStatus.Received or WorkOrderStatus.Dispatched => acceptDue,
        WorkOrderStatus.Accepted or WorkOrderStatus.EnRoute when onSite && arriveDue is { } arrive => arrive,
        _ => resolveDue,
    };
}

/// <summary>
/// The volunteer's side of the orders on the phone: the offers open to them (or to a team they lead) and the orders
/// they answer for. A volunteer has no station scope, so these are standalone queries keyed on the volunteer's own id.
/// Least data to each: an offer shows the item, the village or area, the distance and the resident's description; the
/// resident's name, phone, address and the tracking code are the responder's alone (the phone only while the order is open).
/// </summary>
internal sealed class MyOrdersHandler(AppDbContext db, CurrentUser user, FieldProtector protector, IStringLocalizer<SharedResource> localizer)
{
    private static readonly WorkOrderStatus[] Active = [WorkOrderStatus.Accepted, WorkOrderStatus.EnRoute, WorkOrderStatus.Arrived];

    public async Task<(List<MyOrderRow> Offers, List<MyOrderRow> Active)> Mine(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return ([], []);
        }

        var led = await LedTeamsAsync(me, cancellationToken);
        var offered = await OfferedQuery(me, led).AsNoTracking().OrderBy(o => o.AcceptDue).Take(50).ToListAsync(cancellationToken);
        var active = await db.WorkOrders.AcrossStations("a volunteer's own offers and orders, at any station").AsNoTracking()
            .Where(o => o.ResponderVolunteerId == me && Active.Contains(o.Status)).OrderBy(o => o.AcceptedAt).Take(50).ToListAsync(cancellationToken);
        var names = await NamesAsync([.. offered, .. active], cancellationToken);
        var places = await PlacesAsync(me, [.. offered, .. active], cancellationToken);
        return ([.. offered.Select(o => Row(o, names, places, MyOpenOffer(o, me, led)?.Id, responder: false))],
            [.. active.Select(o => Row(o, names, places, null, responder: true) with
            {
                Address = o.Address.Length > 0 ? o.Address : null,
                Phone = protector.Unprotect(o.CallerPhoneCipher),
            })]);
    }

    public const int MaxDone = 30;

    /// <summary>The volunteer's finished orders, newest first, with the resident's rating and the points each paid them.</summary>
    public async Task<List<MyDoneRow>> Done(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return [];
        }

        var done = await db.WorkOrders.AcrossStations("a volunteer's own offers and orders, at any station").AsNoTracking()
            .Where(o => o.ResponderVolunteerId == me && (o.Status == WorkOrderStatus.Resolved || o.Status == WorkOrderStatus.Closed))
            .OrderByDescending(o => o.ResolvedAt).Take(MaxDone)
            .Select(o => new { o.Id, o.TrackingCode, o.ServiceItemId, o.Status, o.ResolvedAt, o.Reopens }).ToListAsync(cancellationToken);
        var ids = done.Select(o => o.Id).ToList();
        var itemIds = done.Select(o => o.ServiceItemId).Distinct().ToList();
        var names = await db.ServiceItems.AsNoTracking().Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var ratings = (await db.Feedback.AcrossStations("a volunteer's own offers and orders, at any station").AsNoTracking()
                .Where(f => ids.Contains(f.WorkOrderId)).Select(f => new { f.WorkOrderId, f.Satisfaction, f.Comment, f.SubmittedAt }).ToListAsync(cancellationToken))
            .GroupBy(f => f.WorkOrderId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.SubmittedAt)!);
        var keys = done.ToDictionary(o => global::Volunteer96345.Points.Rules.RuleEarnings.WorkOrderKey(o.Id, o.Reopens), o => o.Id);
        var keyList = keys.Keys.ToList();
        var paid = (await db.Set<global::Volunteer96345.Points.Posting>().AsNoTracking().Where(p => keyList.Contains(p.Key)).Select(p => new { p.Key, p.Amount })
            .ToListAsync(cancellationToken)).ToDictionary(p => keys[p.Key], p => p.Amount);
        return [.. done.Select(o => new MyDoneRow(o.Id, o.TrackingCode, names.GetValueOrDefault(o.ServiceItemId, ""), o.Status, o.ResolvedAt!.Value,
            ratings.TryGetValue(o.Id, out var r) ? r.Satisfaction : null, ratings.TryGetValue(o.Id, out var c) ? c.Comment : null,
            paid.TryGetValue(o.Id, out var points) ? points : null))];
    }

    public async Task<int> OpenOfferCount(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return 0;
        }

        var led = await LedTeamsAsync(me, cancellationToken);
        return await OfferedQuery(me, led).CountAsync(cancellationToken);
    }

    /// <summary>One order for its responder or a volunteer it is open to; to anyone else it does not exist.</summary>
    public async Task<Result<MyOrderDetail>> Get(Guid id, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var led = await LedTeamsAsync(me, cancellationToken);
        var order = await db.WorkOrders.AcrossStations("a volunteer's own offers and orders, at any station").AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        var offer = order is null ? null : MyOpenOffer(order, me, led);
        var isResponder = order?.ResponderVolunteerId == me;
        if (order is null || (!isResponder && offer is null))
        {
            return AppError.NotFound(localizer["WorkOrder.NotFound"]);
        }

        var item = await db.ServiceItems.AsNoTracking().FirstAsync(s => s.Id == order.ServiceItemId, cancellationToken);
        var answers = order.Answers.Select(a =>
        {
            var question = item.Attributes.FirstOrDefault(q => q.Code == a.Key);
            var value = question?.Values.FirstOrDefault(x => x.Key == a.Value)?.Name ?? a.Value;
            return new MyOrderAnswer(question?.Description ?? a.Key, value);
        }).ToList();

        // The number is for calling the resident about this order: only while it is the volunteer's to answer.
        var phone = isResponder && order.IsOpen ? protector.Unprotect(order.CallerPhoneCipher) : null;
        var places = await PlacesAsync(me, [order], cancellationToken);
        return new MyOrderDetail(order.Id, isResponder ? order.TrackingCode : null, item.Name, order.Category, order.OnSite, order.Description,
            isResponder ? order.Address : null, places.Area(order), isResponder ? order.CallerName : null, phone, answers, order.Status, offer?.Id,
            isResponder, order.ReceivedAt, order.AcceptDue, order.ArriveDue, order.ResolveDue, order.AcceptedAt, order.EnRouteAt, order.ArrivedAt,
            order.ResolvedAt, order.Resolution, places.DistanceKm(order));
    }

    private IQueryable<WorkOrder> OfferedQuery(Guid me, List<Guid> led) =>
        db.WorkOrders.AcrossStations("a volunteer's own offers and orders, at any station").Where(o => o.Status == WorkOrderStatus.Dispatched && o.Offers.Any(f => f.Status == OfferStatus.Open &&
            ((f.Kind == ResponderKind.Volunteer && f.CandidateId == me) || (f.Kind == ResponderKind.Team && led.Contains(f.CandidateId)))));

    private static Offer? MyOpenOffer(WorkOrder order, Guid me, List<Guid> led) =>
        order.Status != WorkOrderStatus.Dispatched ? null : order.Offers.FirstOrDefault(f => f.Status == OfferStatus.Open &&
            ((f.Kind == ResponderKind.Volunteer && f.CandidateId == me) || (f.Kind == ResponderKind.Team && led.Contains(f.CandidateId))));

    private Task<List<Guid>> LedTeamsAsync(Guid me, CancellationToken cancellationToken) =>
        db.Teams.AcrossStations("a volunteer's own offers and orders, at any station").Where(t => t.LeaderId == me).Select(t => t.Id).ToListAsync(cancellationToken);

    private async Task<Dictionary<Guid, string>> NamesAsync(List<WorkOrder> orders, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.ServiceItemId).Distinct().ToList();
        return await db.ServiceItems.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
    }

    /// <summary>The stations of the orders and the volunteer's own: an order's area and its distance from the volunteer's station.</summary>
    private async Task<Places> PlacesAsync(Guid me, List<WorkOrder> orders, CancellationToken cancellationToken)
    {
        var home = await db.Volunteers.AcrossStations("a volunteer's own offers and orders, at any station").AsNoTracking().Where(v => v.Id == me).Select(v => (Guid?)v.StationId)
            .FirstOrDefaultAsync(cancellationToken);
        var ids = orders.Select(o => o.StationId).Append(home ?? Guid.Empty).Distinct().ToList();
        var stations = await db.Stations.AcrossStations("names of the stations its rows name").AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Village, s.Latitude, s.Longitude }).ToListAsync(cancellationToken);
        return new Places(stations.ToDictionary(s => s.Id, s => (s.Village, s.Latitude, s.Longitude)), home);
    }

    private sealed record Places(Dictionary<Guid, (string Village, double Latitude, double Longitude)> Stations, Guid? Home)
    {
        public string? Area(WorkOrder o) => o.Village ?? (Stations.TryGetValue(o.StationId, out var s) ? s.Village : null);

        /// <summary>Straight-line kilometres from the volunteer's station to the order (its own position, else its station's), one decimal.</summary>
        public double? DistanceKm(WorkOrder o)
        {
            if (Home is not { } home || !Stations.TryGetValue(home, out var from))
            {
                return null;
            }

            (double Lat, double Lng)? to = o is { Latitude: { } lat, Longitude: { } lng } ? (lat, lng)
                : Stations.TryGetValue(o.StationId, out var s) ? (s.Latitude, s.Longitude) : null;
            return to is { } t ? Math.Round(Dispatch.Geo.DistanceKm(from.Latitude, from.Longitude, t.Lat, t.Lng), 1) : null;
        }
    }

    private static MyOrderRow Row(WorkOrder o, Dictionary<Guid, string> names, Places places, Guid? offerId, bool responder) =>
        new(o.Id, responder ? o.TrackingCode : null, names.GetValueOrDefault(o.ServiceItemId, ""),
            o.Category, o.OnSite, places.Area(o), o.Description.Length > 60 ? o.Description[..60] + "…" : o.Description, o.Status, offerId,
            MyOrderDetail.NextDue(o.Status, o.OnSite, o.AcceptDue, o.ArriveDue, o.ResolveDue), places.DistanceKm(o));
}
