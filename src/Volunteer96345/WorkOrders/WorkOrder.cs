using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.WorkOrders;

/// <summary>How a request reached the town.</summary>
public enum IntakeChannel
{
    Hotline,
    WalkIn,
    CityPlatform,
    Online,
    Open311,
}

/// <summary>The milestones in order: received → dispatched → accepted → en route → arrived → resolved → closed.</summary>
public enum WorkOrderStatus
{
    Received,
    Dispatched,
    Accepted,
    EnRoute,
    Arrived,
    Resolved,
    Closed,
}

public enum WorkOrderEventKind
{
    Received,
    Ranked,
    Offered,
    Declined,
    Accepted,
    EnRoute,
    Arrived,
    Resolved,
    Closed,
    Reopened,
    Bounced,
    Rerouted,
    AcceptOverdue,
    ArrivalWarning,
    ArrivalBreach,
    ResolveOverdue,
    Feedback,
    Callback,

    /// <summary>A re-open could not take back the points its closing paid (the responder had spent them): staff deduct by hand.</summary>
    PointsNotReversed,

    /// <summary>The alerts ran out with nobody accepting: the order is back with the dispatcher (detail: <see cref="UnansweredReason"/>).</summary>
    Unanswered,
}

/// <summary>Why the platform stopped alerting and handed an order back to a person.</summary>
public enum UnansweredReason
{
    /// <summary>The ranking found nobody to offer it to.</summary>
    NoCandidates,

    /// <summary>Every ranked candidate was offered it and nobody accepted.</summary>
    RankingSpent,

    /// <summary>The last round the settings allow ended without an accept.</summary>
    LastRound,
}

public enum OfferStatus
{
    /// <summary>Ranked but not yet offered: the next round of phased alerts draws from these.</summary>
    Queued,
    Open,
    Accepted,
    Declined,
    Withdrawn,
}

/// <summary>One entry of an order's history. Nothing is ever removed from it, including across a re-open.</summary>
internal sealed class WorkOrderEvent
{
    public DateTime At { get; set; }
    public WorkOrderEventKind Kind { get; set; }
    public string? Actor { get; set; }
    public string? Detail { get; set; }
}

/// <summary>A candidate of the dispatch ranking, and once offered, the offer made to it.</summary>
internal sealed class Offer
{
    public Guid Id { get; set; }
    public int Rank { get; set; }
    public ResponderKind Kind { get; set; }
    public Guid CandidateId { get; set; }
    public string CandidateName { get; set; } = "";
    public double Score { get; set; }
    public string Reasons { get; set; } = "";
    public OfferStatus Status { get; set; }
    public int Round { get; set; }
    public DateTime? OfferedAt { get; set; }
    public DateTime? RespondedAt { get; set; }
    public string? DeclineReason { get; set; }
}

/// <summary>What the intake channels have in common.</summary>
internal sealed record IntakeDetails(
    IntakeChannel Channel,
    Guid? ApiClientId,
    string? ExternalId,
    string Description,
    string Address,
    string? Village,
    double? Latitude,
    double? Longitude,
    string? CallerName,
    string CallerPhoneCipher,
    string CallerPhoneHash,
    string CallerPhoneMasked,
    Guid? CareRecipientId,
    Dictionary<string, string> Answers,
    string? RequestHash = null);

/// <summary>
/// 工单: one resident's request from intake to close. The clock starts at <see cref="ReceivedAt"/>, the moment the
/// request reached the system (for city dispatch, the city's dispatch time), and every deadline is stored from it so
/// that nothing a person does later — signing for it, bouncing it, re-routing it — can move it. Status changes happen
/// only through the methods below; <see cref="Version"/> makes concurrent transitions (two accepts) lose cleanly.
/// </summary>
internal sealed class WorkOrder : IStationScoped
{
    public const int WarningBeforeArrival = 10;

    private WorkOrder()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>The order's number for staff and the resident alike: short, read aloud over the phone, unguessable.</summary>
    public string TrackingCode { get; private set; } = "";
    public IntakeChannel Channel { get; private set; }
    /// <summary>The other system (city platform, Open311 client) the order came from; city orders get status callbacks.</summary>
    public Guid? ApiClientId { get; private set; }

    /// <summary>
    /// The sender's own id for the request, unique per channel: the city's order id, or for a request sent with an
    /// Idempotency-Key a hash of the caller and the key (<see cref="Intake.IntakeHandler.KeyedId"/>). A repeat finds the order by it.
    /// </summary>
    public string? ExternalId { get; private set; }

    /// <summary>SHA-256 of the request as first received (with <see cref="ExternalId"/>): a repeat with another body is a conflict, not a repeat.</summary>
    public string? RequestHash { get; private set; }

    public Guid ServiceItemId { get; private set; }
    public ServiceCategory Category { get; private set; }
    public bool OnSite { get; private set; }
    public string Description { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string? Village { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public string? CallerName { get; private set; }
    public string CallerPhoneCipher { get; private set; } = "";
    public string CallerPhoneHash { get; private set; } = "";
    public string CallerPhoneMasked { get; private set; } = "";
    public Guid? CareRecipientId { get; private set; }
    public Dictionary<string, string> Answers { get; private set; } = [];
    public Guid? PossibleDuplicateOf { get; private set; }
    public Guid StationId { get; private set; }

    /// <summary>A station bounced it; the town dispatcher must re-route or override. The clock keeps running.</summary>
    public bool AwaitingTown { get; private set; }

    /// <summary>
    /// Set when the alerts ran out with nobody accepting (<see cref="GiveBack"/>): the order waits for a person to assign it.
    /// Cleared by an accept or by new offers.
    /// </summary>
    public DateTime? UnansweredSince { get; private set; }

    public WorkOrderStatus Status { get; private set; }
    public int Points { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public DateTime AcceptDue { get; private set; }
    public DateTime? ArriveDue { get; private set; }
    public DateTime ResolveDue { get; private set; }
    public DateTime? DispatchedAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public DateTime? EnRouteAt { get; private set; }
    public DateTime? ArrivedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public bool ArrivalBreached { get; private set; }
    public int Reopens { get; private set; }

    public ResponderKind? ResponderKind { get; private set; }
    public Guid? ResponderId { get; private set; }
    public string? ResponderName { get; private set; }

    /// <summary>The volunteer who answers for the order on the phone page: the accepting volunteer, or a team's leader.</summary>
    public Guid? ResponderVolunteerId { get; private set; }

    /// <summary>The phone's own clock and position when it reported arrival; kept beside the server's time, never instead of it.</summary>
    public DateTime? ArrivalPhoneTime { get; private set; }

    public double? ArrivalLatitude { get; private set; }
    public double? ArrivalLongitude { get; private set; }
    public string? Resolution { get; private set; }
    public List<Guid> PhotoIds { get; private set; } = [];

    /// <summary>SHA-256 of the single-use feedback link's token; cleared once used.</summary>
    public string? FeedbackTokenHash { get; private set; }

    public int Version { get; private set; }
    public List<WorkOrderEvent> Events { get; private set; } = [];
    public List<Offer> Offers { get; private set; } = [];

    public bool IsOpen => Status is not (WorkOrderStatus.Resolved or WorkOrderStatus.Closed);

    public static WorkOrder Receive(IntakeDetails details, ServiceItem item, Guid stationId, DateTime receivedAt, string? actor, DateTime now)
    {
        var order = new WorkOrder
        {
            Id = Guid.CreateVersion7(),
            TrackingCode = NewTrackingCode(),
            Channel = details.Channel,
            ApiClientId = details.ApiClientId,
            ExternalId = details.ExternalId,
            RequestHash = details.RequestHash,
            ServiceItemId = item.Id,
            Category = item.Category,
            OnSite = item.OnSite,
            Description = details.Description.Trim(),
            Address = details.Address.Trim(),
            Village = details.Village,
            Latitude = details.Latitude,
            Longitude = details.Longitude,
            CallerName = string.IsNullOrWhiteSpace(details.CallerName) ? null : details.CallerName.Trim(),
            CallerPhoneCipher = details.CallerPhoneCipher,
            CallerPhoneHash = details.CallerPhoneHash,
            CallerPhoneMasked = details.CallerPhoneMasked,
            CareRecipientId = details.CareRecipientId,
            Answers = details.Answers,
            StationId = stationId,
            Points = item.Points,
            Status = WorkOrderStatus.Received,
        };
        order.StartClock(item, receivedAt);
        order.Log(now, WorkOrderEventKind.Received, actor, details.Channel.ToString());
        return order;
    }

    /// <summary>Deadlines for the current round of service, all from one start.</summary>
    private void StartClock(ServiceItem item, DateTime start)
    {
        ReceivedAt = start;
        AcceptDue = start.AddMinutes(item.AcceptMinutes);
        ArriveDue = item.OnSite && item.ArriveMinutes is { } arrive ? start.AddMinutes(arrive) : null;
        ResolveDue = start.AddMinutes(item.ResolveMinutes);
    }

    /// <summary>The timers the sweeper fires for the current round. Remote items have no arrival to watch.</summary>
    public IEnumerable<SlaTimer> ScheduleTimers()
    {
        yield return SlaTimer.For(this, SlaTimerKind.AcceptDeadline, AcceptDue);
        if (ArriveDue is { } arrive)
        {
            yield return SlaTimer.For(this, SlaTimerKind.ArrivalWarning, arrive.AddMinutes(-WarningBeforeArrival));
            yield return SlaTimer.For(this, SlaTimerKind.ArrivalBreach, arrive);
        }

        yield return SlaTimer.For(this, SlaTimerKind.ResolveDeadline, ResolveDue);
    }

    public void FlagDuplicateOf(Guid orderId) => PossibleDuplicateOf = orderId;

    /// <summary>Replaces the not-yet-offered part of the ranking; offers already made stand.</summary>
    public void Rank(IEnumerable<Offer> candidates, DateTime now)
    {
        Offers.RemoveAll(o => o.Status == OfferStatus.Queued);
        var taken = Offers.Select(o => (o.Kind, o.CandidateId)).ToHashSet();
        var rank = Offers.Count == 0 ? 0 : Offers.Max(o => o.Rank);
        foreach (var candidate in candidates.Where(c => !taken.Contains((c.Kind, c.CandidateId))))
        {
            candidate.Id = Guid.CreateVersion7();
            candidate.Rank = ++rank;
            candidate.Status = OfferStatus.Queued;
            Offers.Add(candidate);
        }

        Log(now, WorkOrderEventKind.Ranked, null, Orders.HistoryText.Ranked(Offers.Count(o => o.Status == OfferStatus.Queued)));
    }

    public int Round => Offers.Count == 0 ? 0 : Offers.Max(o => o.Round);

    public bool CanDispatch => Status is WorkOrderStatus.Received or WorkOrderStatus.Dispatched;

    /// <summary>Offers the next <paramref name="count"/> queued candidates at once. Returns the offers made (none when the ranking is spent).</summary>
    public List<Offer> OfferNext(int count, string? actor, DateTime now)
    {
        if (!CanDispatch)
        {
            return [];
        }

        var round = Round + 1;
        var next = Offers.Where(o => o.Status == OfferStatus.Queued).OrderBy(o => o.Rank).Take(count).ToList();
        foreach (var offer in next)
        {
            offer.Status = OfferStatus.Open;
            offer.Round = round;
            offer.OfferedAt = now;
        }

        if (next.Count > 0)
        {
            MarkDispatched(now);
            Log(now, WorkOrderEventKind.Offered, actor, string.Join("、", next.Select(o => o.CandidateName)));
        }

        return next;
    }

    /// <summary>Manual assignment, to a team or a merchant as well as a volunteer: a single open offer to the chosen one.</summary>
    public Offer Assign(ResponderKind kind, Guid candidateId, string candidateName, string? actor, DateTime now)
    {
        var offer = Offers.FirstOrDefault(o => o.Kind == kind && o.CandidateId == candidateId && o.Status is OfferStatus.Queued or OfferStatus.Open);
        if (offer is null)
        {
            offer = new Offer
            {
                Id = Guid.CreateVersion7(),
                Rank = Offers.Count == 0 ? 1 : Offers.Max(o => o.Rank) + 1,
                Kind = kind,
                CandidateId = candidateId,
                CandidateName = candidateName,
                Reasons = "manual",
            };
            Offers.Add(offer);
        }

        offer.Status = OfferStatus.Open;
        offer.Round = Round + 1;
        offer.OfferedAt = now;
        MarkDispatched(now);
        Log(now, WorkOrderEventKind.Offered, actor, candidateName);
        return offer;
    }

    private void MarkDispatched(DateTime now)
    {
        Status = WorkOrderStatus.Dispatched;
        DispatchedAt ??= now;
        AwaitingTown = false;
        UnansweredSince = null;
        Version++;
    }

    /// <summary>
    /// The platform stops alerting: nobody took the order, so it goes back to the dispatcher with the reason. Offers still
    /// open stay open (a late accept is still welcome). False when the order is taken, closed, or already given back.
    /// </summary>
    public bool GiveBack(UnansweredReason reason, DateTime now)
    {
        if (!CanDispatch || UnansweredSince is not null)
        {
            return false;
        }

        UnansweredSince = now;
        Version++;
        Log(now, WorkOrderEventKind.Unanswered, null, reason.ToString());
        return true;
    }

    /// <summary>
    /// First accept wins: the offer must still be open and the order not yet taken. The caller saves with the
    /// <see cref="Version"/> it loaded, so of two accepts racing from the same state exactly one commits.
    /// </summary>
    public bool Accept(Guid offerId, Guid responderVolunteerId, string? actor, DateTime now)
    {
        var offer = Offers.FirstOrDefault(o => o.Id == offerId);
        if (Status != WorkOrderStatus.Dispatched || offer is not { Status: OfferStatus.Open })
        {
            return false;
        }

        offer.Status = OfferStatus.Accepted;
        offer.RespondedAt = now;
        foreach (var other in Offers.Where(o => o.Status == OfferStatus.Open && o.Id != offerId))
        {
            other.Status = OfferStatus.Withdrawn;
        }

        Status = WorkOrderStatus.Accepted;
        UnansweredSince = null;
        AcceptedAt = now;
        ResponderKind = offer.Kind;
        ResponderId = offer.CandidateId;
        ResponderName = offer.CandidateName;
        ResponderVolunteerId = responderVolunteerId;
        Version++;
        Log(now, WorkOrderEventKind.Accepted, actor, offer.CandidateName);
        return true;
    }

    /// <summary>Declines an open offer. The caller moves the order on to the next candidate when no offer is left open.</summary>
    public bool Decline(Guid offerId, string reason, string? actor, DateTime now)
    {
        var offer = Offers.FirstOrDefault(o => o.Id == offerId);
        if (Status != WorkOrderStatus.Dispatched || offer is not { Status: OfferStatus.Open })
        {
            return false;
        }

        offer.Status = OfferStatus.Declined;
        offer.RespondedAt = now;
        offer.DeclineReason = reason.Trim();
        Version++;
        Log(now, WorkOrderEventKind.Declined, actor, $"{offer.CandidateName}：{offer.DeclineReason}");
        return true;
    }

    public bool HasOpenOffers => Offers.Any(o => o.Status == OfferStatus.Open);

    public bool StartTravel(string? actor, DateTime now)
    {
        if (Status != WorkOrderStatus.Accepted || !OnSite)
        {
            return false;
        }

        Status = WorkOrderStatus.EnRoute;
        EnRouteAt = now;
        Version++;
        Log(now, WorkOrderEventKind.EnRoute, actor, null);
        return true;
    }

    /// <summary>Arrival is timed by the server; the phone's time and position are evidence beside it.</summary>
    public bool Arrive(DateTime? phoneTime, double? latitude, double? longitude, string? actor, DateTime now)
    {
        if (Status is not (WorkOrderStatus.Accepted or WorkOrderStatus.EnRoute) || !OnSite)
        {
            return false;
        }

        Status = WorkOrderStatus.Arrived;
        ArrivedAt = now;
        ArrivalPhoneTime = phoneTime;
        ArrivalLatitude = latitude;
        ArrivalLongitude = longitude;
        Version++;
        Log(now, WorkOrderEventKind.Arrived, actor, null);
        return true;
    }

    /// <summary>
    /// Resolves the order and returns the feedback token for the resident's single-use link; only its hash is kept.
    /// An on-site order must have been reached first.
    /// </summary>
    public string? Resolve(string resolution, IEnumerable<Guid> photoIds, string? actor, DateTime now)
    {
        var ready = OnSite ? Status == WorkOrderStatus.Arrived : Status is WorkOrderStatus.Accepted or WorkOrderStatus.EnRoute;
        if (!ready)
        {
            return null;
        }

        Status = WorkOrderStatus.Resolved;
        ResolvedAt = now;
        Resolution = resolution.Trim();
        PhotoIds = [.. photoIds];
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        FeedbackTokenHash = HashToken(token);
        Version++;
        Log(now, WorkOrderEventKind.Resolved, actor, Resolution);
        return token;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The resident's feedback, or staff once the feedback window has passed, closes a resolved order.</summary>
    public bool Close(string? actor, string? detail, DateTime now)
    {
        if (Status != WorkOrderStatus.Resolved)
        {
            return false;
        }

        Status = WorkOrderStatus.Closed;
        ClosedAt = now;
        FeedbackTokenHash = null;
        Version++;
        Log(now, WorkOrderEventKind.Closed, actor, detail);
        return true;
    }

    /// <summary>Uses up the feedback link: true once for the right token on a resolved order.</summary>
    public bool RedeemFeedbackToken(string token) =>
        Status == WorkOrderStatus.Resolved && FeedbackTokenHash is { } hash &&
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), Convert.FromHexString(HashToken(token)));

    /// <summary>This round of service as the points ledger pays it on closing and takes it back on re-opening.</summary>
    public global::Volunteer96345.Points.Rules.ConvenienceService ServiceRound() => new(Id, Reopens, ResponderVolunteerId, Points, TrackingCode, StationId);

    /// <summary>
    /// A call-back found the problem unsolved: the order starts a new round of service with fresh deadlines from now.
    /// Its history, the first round's times included, stays in <see cref="Events"/>.
    /// </summary>
    public bool Reopen(ServiceItem item, string reason, string? actor, DateTime now)
    {
        if (Status is not (WorkOrderStatus.Resolved or WorkOrderStatus.Closed))
        {
            return false;
        }

        Log(now, WorkOrderEventKind.Reopened, actor, reason.Trim());
        Reopens++;
        Status = WorkOrderStatus.Received;
        DispatchedAt = AcceptedAt = EnRouteAt = ArrivedAt = ResolvedAt = ClosedAt = null;
        ArrivalPhoneTime = null;
        ArrivalLatitude = ArrivalLongitude = null;
        ArrivalBreached = false;
        ResponderKind = null;
        ResponderId = null;
        ResponderName = null;
        ResponderVolunteerId = null;
        FeedbackTokenHash = null;
        foreach (var offer in Offers.Where(o => o.Status is OfferStatus.Open or OfferStatus.Queued))
        {
            offer.Status = OfferStatus.Withdrawn;
        }

        StartClock(item, now);
        Version++;
        return true;
    }

    /// <summary>A station hands the order back to the town. Open offers are withdrawn; the deadlines do not move.</summary>
    public bool Bounce(string reason, string? actor, DateTime now)
    {
        if (!CanDispatch || AwaitingTown)
        {
            return false;
        }

        foreach (var offer in Offers.Where(o => o.Status == OfferStatus.Open))
        {
            offer.Status = OfferStatus.Withdrawn;
        }

        AwaitingTown = true;
        Version++;
        Log(now, WorkOrderEventKind.Bounced, actor, reason.Trim());
        return true;
    }

    /// <summary>The town moves the order to another station. Deadlines stay: the resident has been waiting since receipt.</summary>
    public bool Reroute(Guid stationId, string stationName, string? actor, DateTime now)
    {
        if (!CanDispatch)
        {
            return false;
        }

        foreach (var offer in Offers.Where(o => o.Status is OfferStatus.Open or OfferStatus.Queued))
        {
            offer.Status = OfferStatus.Withdrawn;
        }

        StationId = stationId;
        AwaitingTown = false;
        Status = WorkOrderStatus.Received;
        Version++;
        Log(now, WorkOrderEventKind.Rerouted, actor, stationName);
        return true;
    }

    private static readonly SlaTimerKind[] Deadlines = Enum.GetValues<SlaTimerKind>();

    /// <summary>
    /// Whether a deadline of this kind, in the current round, still waits for its milestone. Once met, a milestone stays met
    /// until the order is re-opened, which starts a new round. The next round of alerts waits for an acceptance: whether
    /// it widens the offers when it falls due is the dispatcher's to judge then.
    /// </summary>
    public bool Awaits(SlaTimerKind kind) => kind switch
    {
        SlaTimerKind.AcceptDeadline or SlaTimerKind.NextRound => AcceptedAt is null && IsOpen,
        SlaTimerKind.ArrivalWarning or SlaTimerKind.ArrivalBreach => ArrivedAt is null && IsOpen,
        SlaTimerKind.ResolveDeadline => ResolvedAt is null && IsOpen,
        _ => true,
    };

    /// <summary>The kinds of deadline of the current round whose milestone has been met: their timers can only be spent without effect.</summary>
    public SlaTimerKind[] MetDeadlines() => [.. Deadlines.Where(k => !Awaits(k))];

    /// <summary>
    /// Applies a due timer. Returns the event recorded, or null when the milestone was met in time (or belongs to an
    /// earlier round of service), in which case the timer is spent without effect.
    /// </summary>
    public WorkOrderEventKind? Escalate(SlaTimer timer, DateTime now)
    {
        if (timer.Round != Reopens)
        {
            return null;
        }

        WorkOrderEventKind? kind = !Awaits(timer.Kind) ? null : timer.Kind switch
        {
            SlaTimerKind.AcceptDeadline => WorkOrderEventKind.AcceptOverdue,
            SlaTimerKind.ArrivalWarning => WorkOrderEventKind.ArrivalWarning,
            SlaTimerKind.ArrivalBreach => WorkOrderEventKind.ArrivalBreach,
            SlaTimerKind.ResolveDeadline => WorkOrderEventKind.ResolveOverdue,
            _ => null,
        };
        if (kind == WorkOrderEventKind.ArrivalBreach)
        {
            ArrivalBreached = true;
        }

        if (kind is { } k)
        {
            Version++;
            Log(now, k, null, timer.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        return kind;
    }

    /// <summary>
    /// Records on the history that re-opening left the closing's points with the responder (already spent), so that the
    /// order's page shows it and staff can post a deduction by hand.
    /// </summary>
    public void NotePointsNotReversed(string detail, string? actor, DateTime now) => Log(now, WorkOrderEventKind.PointsNotReversed, actor, detail);

    public void Log(DateTime at, WorkOrderEventKind kind, string? actor, string? detail) =>
        Events.Add(new WorkOrderEvent { At = at, Kind = kind, Actor = actor, Detail = detail is { Length: > 500 } ? detail[..500] : detail });

    private static string NewTrackingCode()
    {
        // No 0/O or 1/I/L: residents read the code aloud over the phone.
        const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    internal sealed class Configuration : IEntityTypeConfiguration<WorkOrder>
    {
        public void Configure(EntityTypeBuilder<WorkOrder> builder)
        {
            builder.ToTable("work_orders");
            builder.Property(o => o.TrackingCode).HasMaxLength(8);
            builder.HasIndex(o => o.TrackingCode).IsUnique();
            builder.Property(o => o.ExternalId).HasMaxLength(64);
            builder.HasIndex(o => new { o.Channel, o.ExternalId }).IsUnique();
            builder.Property(o => o.RequestHash).HasMaxLength(64);
            builder.Property(o => o.Description).HasMaxLength(2000);
            builder.Property(o => o.Address).HasMaxLength(200);
            builder.Property(o => o.Village).HasMaxLength(50);
            builder.Property(o => o.CallerName).HasMaxLength(50);
            builder.Property(o => o.CallerPhoneHash).HasMaxLength(64);
            builder.Property(o => o.CallerPhoneMasked).HasMaxLength(20);
            builder.HasIndex(o => new { o.CallerPhoneHash, o.ReceivedAt });
            builder.HasIndex(o => new { o.StationId, o.Status });
            builder.HasIndex(o => new { o.Status, o.ReceivedAt });
            builder.HasIndex(o => o.ResponderVolunteerId);
            builder.Property(o => o.Resolution).HasMaxLength(2000);
            builder.Property(o => o.ResponderName).HasMaxLength(100);
            builder.Property(o => o.FeedbackTokenHash).HasMaxLength(64);
            builder.Property(o => o.Version).IsConcurrencyToken();
            builder.Ignore(o => o.IsOpen);
            builder.Ignore(o => o.Round);
            builder.Ignore(o => o.CanDispatch);
            builder.Ignore(o => o.HasOpenOffers);
            builder.Property(o => o.Answers).HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                v => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(), d => d.Count, d => new Dictionary<string, string>(d))).HasMaxLength(4000);
            builder.HasOne<ServiceItem>().WithMany().HasForeignKey(o => o.ServiceItemId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(o => o.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.OwnsMany(o => o.Events, e =>
            {
                e.ToTable("work_order_events");
                e.WithOwner().HasForeignKey("WorkOrderId");
                e.Property<int>("Id");
                e.HasKey("Id");
                e.Property(x => x.Actor).HasMaxLength(100);
                e.Property(x => x.Detail).HasMaxLength(500);
            });
            builder.OwnsMany(o => o.Offers, f =>
            {
                f.ToTable("work_order_offers");
                f.WithOwner().HasForeignKey("WorkOrderId");
                f.HasKey(x => x.Id);
                f.Property(x => x.Id).ValueGeneratedNever();
                f.Property(x => x.CandidateName).HasMaxLength(100);
                f.Property(x => x.Reasons).HasMaxLength(500);
                f.Property(x => x.DeclineReason).HasMaxLength(200);
                f.HasIndex(x => new { x.CandidateId, x.Status });
            });
        }
    }
}
