using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Integration.Notifications;
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

    public double MaxTravelKm { get; set; } = 8;
    public double SpeedKmPerHour { get; set; } = 20;
}

/// <summary>
/// The dispatch steps shared by intake, the dispatcher's console, declines and the sweeper: rank an order's
/// candidates, offer the next round, and tell the people offered. Everything is added to the caller's unit of work.
/// </summary>
internal sealed class DispatchService(AppDbContext db, RegistryCache registry, Notifier notifier, FieldProtector protector, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<DispatchOptions> options)
{
    public DispatchOptions Options => options.Value;

    public async Task<List<Offer>> RankAsync(WorkOrder order, ServiceItem item, CancellationToken cancellationToken)
    {
        var snapshot = await registry.GetAsync(db, cancellationToken);
        var state = await StateAsync(order.CareRecipientId, cancellationToken);
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

    private async Task<(RankingState Ranking, IReadOnlySet<Guid> Paired)> StateAsync(Guid? careRecipientId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = Shanghai.ToLocal(now);
        var today = DateOnly.FromDateTime(local);
        var shifts = await db.DutyShifts.IgnoreQueryFilters().AsNoTracking().Where(s => s.Date >= today.AddDays(-1) && s.Date <= today)
            .ToListAsync(cancellationToken);
        var onDuty = shifts.Where(s => s.Span.Contains(local)).Select(s => s.VolunteerId).ToHashSet();
        var busy = await db.WorkOrders.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.OnSite && o.ResponderVolunteerId != null &&
                        (o.Status == WorkOrderStatus.Accepted || o.Status == WorkOrderStatus.EnRoute || o.Status == WorkOrderStatus.Arrived))
            .Select(o => o.ResponderVolunteerId!.Value).ToListAsync(cancellationToken);
        var weekStart = TimeZoneInfo.ConvertTimeToUtc(DutyShift.WeekStart(today).ToDateTime(TimeOnly.MinValue), Shanghai.Zone);
        var load = await db.WorkOrders.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.ResponderVolunteerId != null && o.AcceptedAt >= weekStart)
            .GroupBy(o => o.ResponderVolunteerId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        IReadOnlySet<Guid> paired = careRecipientId is { } recipient
            ? (await db.Pairings.IgnoreQueryFilters().AsNoTracking().Where(p => p.CareRecipientId == recipient && p.EndedOn == null)
                .Select(p => p.VolunteerId).ToListAsync(cancellationToken)).ToHashSet()
            : new HashSet<Guid>();
        return (new RankingState(local, onDuty, busy.ToHashSet(), load, new Dictionary<Guid, double>()), paired);
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

    public async Task NotifyOfferedAsync(WorkOrder order, IReadOnlyCollection<Offer> offers, CancellationToken cancellationToken)
    {
        var subject = $"【96345】新工单 {order.TrackingCode}";
        var body = order.Description.Length > 60 ? order.Description[..60] + "…" : order.Description;
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
                    if (await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => t.Id == offer.CandidateId).Select(t => t.LeaderId)
                            .FirstOrDefaultAsync(cancellationToken) is { } leader)
                    {
                        volunteerIds.Add(leader);
                    }

                    break;
                case ResponderKind.Merchant:
                    if (await db.AllianceMembers.IgnoreQueryFilters().AsNoTracking().Where(m => m.Id == offer.CandidateId).Select(m => m.ContactPhone)
                            .FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } phone)
                    {
                        notifier.ToPhone(protector.Protect(phone), subject, body, link);
                    }

                    break;
                case ResponderKind.Station:
                    var managers = await db.StaffStations.AsNoTracking().Where(s => s.StationId == offer.CandidateId).Select(s => s.UserId)
                        .ToListAsync(cancellationToken);
                    notifier.ToUsers(managers, subject, body, $"/work-orders/{order.Id}");
                    break;
            }
        }

        if (volunteerIds.Count == 0)
        {
            return;
        }

        var mobiles = await db.Volunteers.IgnoreQueryFilters().AsNoTracking().Where(v => volunteerIds.Contains(v.Id)).Select(v => v.Mobile)
            .ToListAsync(cancellationToken);
        foreach (var mobile in mobiles)
        {
            notifier.ToPhone(protector.Protect(mobile), subject, body, link);
        }

        var accounts = await db.Users.AsNoTracking().Where(u => u.VolunteerId != null && volunteerIds.Contains(u.VolunteerId.Value)).Select(u => u.Id)
            .ToListAsync(cancellationToken);
        notifier.ToUsers(accounts, subject, body, link);
    }

    /// <summary>The volunteer who answers for an offer: the volunteer, or a team's leader. Merchants and stations answer through staff.</summary>
    public async Task<Guid?> AnsweringVolunteerAsync(Offer offer, CancellationToken cancellationToken) => offer.Kind switch
    {
        ResponderKind.Volunteer => offer.CandidateId,
        ResponderKind.Team => await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => t.Id == offer.CandidateId).Select(t => t.LeaderId)
            .FirstOrDefaultAsync(cancellationToken),
        _ => null,
    };
}
