using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Dispatch;

/// <summary>Dispatch settings (section Dispatch).</summary>
internal sealed class DispatchOptions
{
    /// <summary>Phased alerts: how many candidates are offered an order at once.</summary>
    public int PhaseSize { get; set; } = 3;

    /// <summary>Phased alerts: minutes before the next candidates are offered.</summary>
    public int PhaseMinutes { get; set; } = 3;

    /// <summary>Offer the first round as soon as an order is received, without waiting for a dispatcher.</summary>
    public bool AutoAlert { get; set; } = true;

    /// <summary>
    /// Phased alerts: how many rounds the platform offers by itself. When the last one ends without an accept (or the
    /// ranking is spent first), the order goes back to the dispatcher and the station's managers are told.
    /// </summary>
    public int MaxRounds { get; set; } = 4;

    public double MaxTravelKm { get; set; } = 8;
    public double SpeedKmPerHour { get; set; } = 20;
}

/// <summary>
/// The dispatch steps shared by intake, the dispatcher's console, declines and the sweeper: rank an order's
/// candidates, offer the next round, and tell the people offered. Everything is added to the caller's unit of work.
/// </summary>
internal sealed class DispatchService(AppDbContext db, RegistryCache registry, Notifier notifier, FieldProtector protector, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<DispatchOptions> options, IEnumerable<IVolunteerStandings> evaluations)
{
    public DispatchOptions Options => options.Value;

    /// <summary>The registry snapshot the ranking reads (see <see cref="RegistryCache"/>).</summary>
    public Task<RegistrySnapshot> RegistryAsync(CancellationToken cancellationToken) => registry.GetAsync(db, cancellationToken);

    public async Task<List<Offer>> RankAsync(WorkOrder order, ServiceItem item, CancellationToken cancellationToken)
    {
        var snapshot = await RegistryAsync(cancellationToken);
        var state = await StateAsync(snapshot, order.CareRecipientId, cancellationToken);
        var (lat, lng) = Location(order, snapshot);
        var paired = state.Paired;
        var request = new RankingRequest(item.Responder, item.Name, item.RequiredSkillIds, lat, lng, order.StationId, paired);
        var ranked = DispatchRanking.Rank(request, snapshot, state.Ranking,
            new RankingOptions(Options.MaxTravelKm, Options.SpeedKmPerHour));
        order.Rank(ranked, clock.GetUtcNow().UtcDateTime);
        return ranked;
    }

    private static (double Lat, double Lng) Location(WorkOrder order, RegistrySnapshot snapshot) =>
        order is { Latitude: { } lat, Longitude: { } lng } ? (lat, lng)
        : snapshot.Stations.TryGetValue(order.StationId, out var station) ? (station.Latitude, station.Longitude)
        : (0, 0);

    // Compiled once: every intake runs both, and EF's per-call translation lookup cost more than the queries themselves.
    private static readonly Func<AppDbContext, IAsyncEnumerable<Guid>> BusyQuery = EF.CompileAsyncQuery((AppDbContext db) =>
        db.Set<WorkOrder>().AcrossStations("dispatch ranks and alerts responders of every station").AsNoTracking()
            .Where(o => o.OnSite && o.ResponderVolunteerId != null &&
                        (o.Status == WorkOrderStatus.Accepted || o.Status == WorkOrderStatus.EnRoute || o.Status == WorkOrderStatus.Arrived))
            .Select(o => o.ResponderVolunteerId!.Value));

    private static readonly Func<AppDbContext, DateTime, IAsyncEnumerable<VolunteerLoad>> LoadQuery = EF.CompileAsyncQuery(
        (AppDbContext db, DateTime weekStart) => db.Set<WorkOrder>().AcrossStations("dispatch ranks and alerts responders of every station").AsNoTracking()
            .Where(o => o.ResponderVolunteerId != null && o.AcceptedAt >= weekStart)
            .GroupBy(o => o.ResponderVolunteerId!.Value).Select(g => new VolunteerLoad(g.Key, g.Count())));

    private sealed record VolunteerLoad(Guid Volunteer, int Count);

    /// <summary>Who is on duty (from the snapshot's shifts), and, read fresh, who is busy on site and how many orders each took this week.</summary>
    private async Task<(RankingState Ranking, IReadOnlySet<Guid> Paired)> StateAsync(RegistrySnapshot snapshot, Guid? careRecipientId,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = Shanghai.ToLocal(now);
        var today = DateOnly.FromDateTime(local);
        var onDuty = snapshot.Shifts.Where(s => s.Date >= today.AddDays(-1) && s.Date <= today && s.Span.Contains(local))
            .Select(s => s.VolunteerId).ToHashSet();
        var weekStart = TimeZoneInfo.ConvertTimeToUtc(DutyShift.WeekStart(today).ToDateTime(TimeOnly.MinValue), Shanghai.Zone);
        // Two queries, each on its own index: one query with an OR of the two scanned the whole table (ADR 0013).
        var busy = new HashSet<Guid>();
        await foreach (var volunteer in BusyQuery(db).WithCancellation(cancellationToken))
        {
            busy.Add(volunteer);
        }

        var load = new Dictionary<Guid, int>();
        await foreach (var row in LoadQuery(db, weekStart).WithCancellation(cancellationToken))
        {
            load[row.Volunteer] = row.Count;
        }

        IReadOnlySet<Guid> paired = careRecipientId is { } recipient
            ? (await db.Pairings.AcrossStations("dispatch ranks and alerts responders of every station").AsNoTracking().Where(p => p.CareRecipientId == recipient && p.EndedOn == null)
                .Select(p => p.VolunteerId).ToListAsync(cancellationToken)).ToHashSet()
            : new HashSet<Guid>();
        return (new RankingState(local, onDuty, busy, load, evaluations.FirstOrDefault()?.Current ?? VolunteerStanding.None), paired);
    }

    /// <summary>
    /// Offers the next round (the phase size for volunteers, one at a time for teams, merchants and stations), tells
    /// them, and sets the timer that widens the round if nobody accepts.
    /// </summary>
    public async Task<List<Offer>> OfferNextRoundAsync(WorkOrder order, string? actor, CancellationToken cancellationToken)
    {
        var volunteers = order.Offers.Any(o => o.Status == OfferStatus.Queued && o.Kind == ResponderKind.Volunteer);
        var offers = order.OfferNext(volunteers ? Options.PhaseSize : 1, actor, clock.GetUtcNow().UtcDateTime);
        if (offers.Count > 0)
        {
            db.SlaTimers.Add(SlaTimer.For(order, SlaTimerKind.NextRound, clock.GetUtcNow().UtcDateTime.AddMinutes(Options.PhaseMinutes)));
            await NotifyOfferedAsync(order, offers, cancellationToken);
        }

        return offers;
    }

    /// <summary>
    /// A round ended with nobody accepting: offer the next one, or, after the last round the settings allow or when
    /// nobody is left to offer it to, give the order back to the dispatcher (see <see cref="GiveBackAsync"/>).
    /// </summary>
    public async Task<bool> NextRoundOrGiveBackAsync(WorkOrder order, string? actor, CancellationToken cancellationToken,
        Func<Task<IReadOnlyCollection<Guid>>>? told = null)
    {
        if (order.Round < Options.MaxRounds && (await OfferNextRoundAsync(order, actor, cancellationToken)).Count > 0)
        {
            return true;
        }

        return await GiveBackAsync(order, order.Round >= Options.MaxRounds ? UnansweredReason.LastRound : UnansweredReason.RankingSpent, cancellationToken, told);
    }

    /// <summary>
    /// Hands an order nobody took back to people: it is flagged on the board and the order page, and the station's
    /// managers and the town's dispatchers are told why. <paramref name="told"/> gives them when the caller has read them
    /// already (the sweeper, once per batch); otherwise they are read here.
    /// </summary>
    public async Task<bool> GiveBackAsync(WorkOrder order, UnansweredReason reason, CancellationToken cancellationToken,
        Func<Task<IReadOnlyCollection<Guid>>>? told = null)
    {
        if (!order.GiveBack(reason, clock.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        var recipients = told is not null ? await told()
            : [.. (await db.StationManagersAsync([order.StationId], cancellationToken))[order.StationId], .. await db.TownDutyOfficersAsync(cancellationToken)];
        var why = reason switch
        {
            UnansweredReason.NoCandidates => "Notice.Unanswered.NoCandidates",
            UnansweredReason.RankingSpent => "Notice.Unanswered.RankingSpent",
            _ => "Notice.Unanswered.Rounds",
        };
        notifier.ToUsers(recipients, new Notice("Notice.Unanswered.Subject", why, order.TrackingCode, order.Round.ToString(CultureInfo.InvariantCulture)),
            $"/work-orders/{order.Id}");
        return true;
    }

    /// <summary>
    /// Tells those offered the order. An offer is not yet the responder's to know the resident: the notice names the item,
    /// the village or area and the distance from the recipient's station, and nothing of the resident (name, phone,
    /// address, description) nor the tracking code, which is the resident's key to the public tracking page.
    /// </summary>
    public async Task NotifyOfferedAsync(WorkOrder order, IReadOnlyCollection<Offer> offers, CancellationToken cancellationToken)
    {
        var snapshot = await RegistryAsync(cancellationToken);
        var itemName = snapshot.Items.TryGetValue(order.ServiceItemId, out var item) ? item.Name
            : await db.ServiceItems.AsNoTracking().Where(i => i.Id == order.ServiceItemId).Select(i => i.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var (lat, lng) = Location(order, snapshot);
        var area = order.Village ?? (snapshot.Stations.TryGetValue(order.StationId, out var responsible) ? responsible.Village : "");
        Notice Offered(Guid? fromStation) => OfferNotice.For(itemName, area,
            fromStation is { } id && snapshot.Stations.TryGetValue(id, out var from) ? Geo.DistanceKm(from.Latitude, from.Longitude, lat, lng) : null);
        var link = $"/m/orders/{order.Id}";
        var volunteerIds = new List<Guid>();
        foreach (var offer in offers)
        {
            switch (offer.Kind)
            {
                case ResponderKind.Volunteer:
                    volunteerIds.Add(offer.CandidateId);
                    break;
                case ResponderKind.Team:
                    if (await db.Teams.AcrossStations("dispatch ranks and alerts responders of every station").AsNoTracking().Where(t => t.Id == offer.CandidateId).Select(t => t.LeaderId)
                            .FirstOrDefaultAsync(cancellationToken) is { } leader)
                    {
                        volunteerIds.Add(leader);
                    }

                    break;
                case ResponderKind.Merchant:
                    if (await db.AllianceMembers.AcrossStations("dispatch ranks and alerts responders of every station").AsNoTracking().Where(m => m.Id == offer.CandidateId)
                            .Select(m => new { m.ContactPhone, m.StationId }).FirstOrDefaultAsync(cancellationToken) is { ContactPhone.Length: > 0 } merchant)
                    {
                        notifier.ToPhone(protector.Protect(merchant.ContactPhone), Offered(merchant.StationId), link);
                    }

                    break;
                case ResponderKind.Station:
                    var managers = await db.StaffStations.AsNoTracking().Where(s => s.StationId == offer.CandidateId).Select(s => s.UserId)
                        .ToListAsync(cancellationToken);
                    notifier.ToUsers(managers, Offered(offer.CandidateId), $"/work-orders/{order.Id}");
                    break;
            }
        }

        if (volunteerIds.Count == 0)
        {
            return;
        }

        // Active volunteers are in the snapshot; anyone else (a team leader on leave, say) is read from the database.
        var contacts = snapshot.Contacts;
        var ids = volunteerIds.Distinct().ToList();
        var missing = ids.Where(id => !contacts.ContainsKey(id)).ToList();
        var known = ids.Where(contacts.ContainsKey).Select(id => contacts[id]).ToList();
        if (missing.Count > 0)
        {
            var mobiles = await db.Volunteers.AcrossStations("dispatch ranks and alerts responders of every station").AsNoTracking().Where(v => missing.Contains(v.Id))
                .Select(v => new { v.Id, v.Mobile, v.StationId }).ToListAsync(cancellationToken);
            var accounts = await db.Users.AsNoTracking().Where(u => u.VolunteerId != null && missing.Contains(u.VolunteerId.Value))
                .Select(u => new { u.Id, VolunteerId = u.VolunteerId!.Value }).ToListAsync(cancellationToken);
            known.AddRange(mobiles.Select(m => new VolunteerContact(m.Mobile, [.. accounts.Where(a => a.VolunteerId == m.Id).Select(a => a.Id)], m.StationId)));
        }

        foreach (var contact in known)
        {
            var notice = Offered(contact.StationId);
            notifier.ToPhone(protector.Protect(contact.Mobile), notice, link);
            notifier.ToUsers(contact.Accounts, notice, link);
        }
    }

    /// <summary>The volunteer who answers for an offer: the volunteer, or a team's leader. Merchants and stations answer through staff.</summary>
    public async Task<Guid?> AnsweringVolunteerAsync(Offer offer, CancellationToken cancellationToken) => offer.Kind switch
    {
        ResponderKind.Volunteer => offer.CandidateId,
        ResponderKind.Team => await db.Teams.AcrossStations("dispatch ranks and alerts responders of every station").AsNoTracking().Where(t => t.Id == offer.CandidateId).Select(t => t.LeaderId)
            .FirstOrDefaultAsync(cancellationToken),
        _ => null,
    };
}

/// <summary>The text of an offer's notice (inbox and SMS): what and where, never who.</summary>
internal static class OfferNotice
{
    /// <summary>The item, the village or area (when known) and the distance from the recipient's station (when both places are known).</summary>
    public static Notice For(string itemName, string area, double? distanceKm) => new("Notice.Offer.Subject",
        (string.IsNullOrEmpty(area), distanceKm is null) switch
        {
            (false, false) => "Notice.Offer.Body",
            (false, true) => "Notice.Offer.BodyNoDistance",
            (true, false) => "Notice.Offer.BodyNoArea",
            (true, true) => "Notice.Offer.BodyBare",
        },
        itemName, area, distanceKm is { } km ? km.ToString("0.0", CultureInfo.InvariantCulture) : "");
}
