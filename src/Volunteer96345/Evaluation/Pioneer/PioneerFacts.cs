using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Activities;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Evaluation.Composite;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation.Pioneer;

/// <summary>One fact behind an index: what it was, when, and how many units it gave (a link to the order where there is one).</summary>
public sealed record FactEvidence(IndexFact Fact, DateTime At, string Label, decimal Units, Guid? OrderId = null);

/// <summary>A member's facts for a period: the units per fact, and (when asked for) the evidence behind each.</summary>
public sealed class MemberFacts
{
    public Dictionary<IndexFact, decimal> Units { get; } = [];
    public List<FactEvidence> Evidence { get; } = [];

    internal void Add(IndexFact fact, decimal units, DateTime at, string label, bool withEvidence, Guid? orderId = null)
    {
        Units[fact] = Units.GetValueOrDefault(fact) + units;
        if (withEvidence)
        {
            Evidence.Add(new FactEvidence(fact, at, label, units, orderId));
        }
    }
}

/// <summary>
/// The platform's facts for the 党员先锋指数 (docs/evaluation.md, "Facts"): each read from its module's tables for a
/// quarter, for one member (with the evidence) or for every member at once (a handful of set queries, for the whole
/// town's quarter). The declared items, the branch's adjustment and a violation come from the assessment, not from here.
/// </summary>
internal sealed class PioneerFacts(AppDbContext db, RatingsReader ratings, TimeProvider clock)
{
    private const string Why = "a party member's service counts at every station";

    /// <summary>
    /// The facts of <paramref name="only"/>, or of everyone with any fact in the period; with the evidence behind each when
    /// asked (a member's page and the approval, which freezes it), without it for a board of totals.
    /// </summary>
    public async Task<Dictionary<Guid, MemberFacts>> GatherAsync(EvaluationPeriod period, decimal goodEvaluationMark, Guid? only, bool withEvidence,
        CancellationToken cancellationToken)
    {
        var facts = new Dictionary<Guid, MemberFacts>();
        MemberFacts Of(Guid id) => facts.TryGetValue(id, out var f) ? f : facts[id] = new MemberFacts();
        var (from, to) = (period.FromUtc, period.ToUtc);
        var (firstDay, endDay) = (period.FirstDay, period.EndDay);
        var now = clock.GetUtcNow().UtcDateTime;

        // Closed work orders: one unit each, and the hours from accepting to resolving.
        var orders = await db.WorkOrders.AcrossStations(Why).AsNoTracking()
            .Where(o => o.Status == WorkOrderStatus.Closed && o.ClosedAt >= from && o.ClosedAt < to && o.ResponderVolunteerId != null)
            .Where(o => only == null || o.ResponderVolunteerId == only)
            .Select(o => new { o.Id, VolunteerId = o.ResponderVolunteerId!.Value, o.TrackingCode, o.AcceptedAt, o.ResolvedAt, ClosedAt = o.ClosedAt!.Value })
            .ToListAsync(cancellationToken);
        foreach (var o in orders)
        {
            var member = Of(o.VolunteerId);
            member.Add(IndexFact.ClosedOrders, 1, o.ClosedAt, o.TrackingCode, withEvidence, o.Id);
            if (o is { AcceptedAt: { } accepted, ResolvedAt: { } resolved } && resolved > accepted)
            {
                member.Add(IndexFact.ServiceHours, Hours((decimal)(resolved - accepted).TotalHours), o.ClosedAt, o.TrackingCode, withEvidence, o.Id);
            }
        }

        // The 30-minute promise broken after the member had accepted the order.
        var late = await db.WorkOrders.AcrossStations(Why).AsNoTracking()
            .Where(o => o.ArrivalBreached && o.AcceptedAt != null && o.ReceivedAt >= from && o.ReceivedAt < to && o.ResponderVolunteerId != null)
            .Where(o => only == null || o.ResponderVolunteerId == only)
            .Select(o => new { o.Id, VolunteerId = o.ResponderVolunteerId!.Value, o.TrackingCode, o.ReceivedAt }).ToListAsync(cancellationToken);
        foreach (var o in late)
        {
            Of(o.VolunteerId).Add(IndexFact.LateArrivals, 1, o.ReceivedAt, o.TrackingCode, withEvidence, o.Id);
        }

        // Activities that ended in the period: credit hours; the 25th and holidays attended, or missed without cancelling.
        var attended = await db.Set<SignUp>().AcrossStations(Why).AsNoTracking()
            .Where(s => s.Status == SignUpStatus.Confirmed && (only == null || s.VolunteerId == only))
            .Join(db.Set<Activity>().AcrossStations(Why).Where(a => a.EndsAt >= from && a.EndsAt < to && a.EndsAt <= now), s => s.ActivityId, a => a.Id,
                (s, a) => new { s.VolunteerId, s.CreditHours, s.CheckedInAt, a.Title, a.EndsAt, a.Occasion })
            .ToListAsync(cancellationToken);
        foreach (var s in attended)
        {
            var member = Of(s.VolunteerId);
            if (s.CreditHours > 0)
            {
                member.Add(IndexFact.ServiceHours, s.CreditHours, s.EndsAt, s.Title, withEvidence);
            }

            if (s.Occasion != ActivityOccasion.Regular)
            {
                member.Add(s.CheckedInAt is null ? IndexFact.ServiceDayAbsences : IndexFact.ServiceDays, 1, s.EndsAt, s.Title, withEvidence);
            }
        }

        var training = await db.Set<TrainingSession>().AcrossStations(Why).AsNoTracking().Where(t => t.Date >= firstDay && t.Date < endDay)
            .SelectMany(t => t.Attendees, (t, a) => new { a.VolunteerId, t.Topic, t.Date }).Where(a => only == null || a.VolunteerId == only)
            .ToListAsync(cancellationToken);
        foreach (var t in training)
        {
            Of(t.VolunteerId).Add(IndexFact.TrainingSessions, 1, Shanghai.StartOfDayUtc(t.Date), t.Topic, withEvidence);
        }

        await PairingVisitsAsync(Of, only, firstDay, endDay, withEvidence, cancellationToken);
        await PointsAsync(Of, only, from, to, withEvidence, cancellationToken);
        await ComplaintsAsync(Of, only, from, to, withEvidence, cancellationToken);
        await MissedShiftsAsync(Of, only, firstDay, endDay, now, withEvidence, cancellationToken);

        // The composite evaluation of the quarter, good (优良) at the scheme's mark with enough ratings.
        var settings = await EvaluationSettingsHandler.CurrentAsync(db, cancellationToken);
        var standings = CompositeEvaluation.Compute(await ratings.ReadAsync(from, to, cancellationToken), settings).Standings;
        foreach (var ((kind, id), standing) in standings)
        {
            if (kind == ResponderKind.Volunteer && (only == null || id == only) && standing is { Enough: true, Composite: { } composite }
                && (decimal)composite >= goodEvaluationMark)
            {
                Of(id).Add(IndexFact.GoodEvaluation, 1, to, string.Create(CultureInfo.InvariantCulture, $"{composite:0.0} ({standing.Count})"), withEvidence);
            }
        }

        return facts;
    }

    /// <summary>A pairing's visits, each on time when it came by the day the previous visit (or the start) made it due.</summary>
    private async Task PairingVisitsAsync(Func<Guid, MemberFacts> of, Guid? only, DateOnly firstDay, DateOnly endDay, bool withEvidence,
        CancellationToken cancellationToken)
    {
        var pairings = await db.Set<Pairing>().AcrossStations(Why).AsNoTracking().Where(p => only == null || p.VolunteerId == only)
            .Where(p => p.Visits.Any(v => v.On >= firstDay && v.On < endDay)).ToListAsync(cancellationToken);
        foreach (var pairing in pairings)
        {
            var due = pairing.StartedOn.AddDays(pairing.CadenceDays);
            DateOnly? last = null;
            foreach (var visit in pairing.Visits.OrderBy(v => v.On))
            {
                if (visit.On >= firstDay && visit.On < endDay && visit.On <= due && visit.On != last)
                {
                    of(pairing.VolunteerId).Add(IndexFact.PairingVisitsOnTime, 1, Shanghai.StartOfDayUtc(visit.On), Shanghai.Format(visit.On), withEvidence);
                }

                if (last is null || visit.On > last)
                {
                    last = visit.On;
                    due = visit.On.AddDays(pairing.CadenceDays);
                }
            }
        }
    }

    /// <summary>Points earned into the member's own account, less the earnings reversed in the same period, by earning type.</summary>
    private async Task PointsAsync(Func<Guid, MemberFacts> of, Guid? only, DateTime from, DateTime to, bool withEvidence, CancellationToken cancellationToken)
    {
        var accounts = db.Set<PointsAccount>().Where(a => a.Kind == AccountKind.Volunteer && a.OwnerId != null && (only == null || a.OwnerId == only));
        var earned = await db.Set<Posting>().Where(p => p.Kind == PostingKind.Earn && p.At >= from && p.At < to)
            .Join(accounts, p => p.CreditAccountId, a => a.Id, (p, a) => new { VolunteerId = a.OwnerId!.Value, p.EarningType, p.Amount })
            .GroupBy(x => new { x.VolunteerId, x.EarningType }).Select(g => new { g.Key.VolunteerId, g.Key.EarningType, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        var reversed = await db.Set<Posting>().Where(p => p.Kind == PostingKind.Reversal && p.At >= from && p.At < to)
            .Join(accounts, p => p.DebitAccountId, a => a.Id, (p, a) => new { VolunteerId = a.OwnerId!.Value, p.Amount })
            .GroupBy(x => x.VolunteerId).Select(g => new { VolunteerId = g.Key, Amount = g.Sum(x => x.Amount) }).ToListAsync(cancellationToken);
        foreach (var e in earned)
        {
            of(e.VolunteerId).Add(IndexFact.PointsEarned, e.Amount, to, e.EarningType?.ToString() ?? "", withEvidence);
        }

        foreach (var r in reversed)
        {
            of(r.VolunteerId).Add(IndexFact.PointsEarned, -r.Amount, to, nameof(PostingKind.Reversal), withEvidence);
        }
    }

    /// <summary>
    /// Complaints upheld: a call-back that re-opened the member's order (the resident said it was not done), and a spot
    /// check that found the service not given or the attitude poor (2 or less).
    /// </summary>
    private async Task ComplaintsAsync(Func<Guid, MemberFacts> of, Guid? only, DateTime from, DateTime to, bool withEvidence, CancellationToken cancellationToken)
    {
        var callbacks = await db.Set<Callback>().AcrossStations(Why).AsNoTracking()
            .Where(c => c.Reopened && c.DoneAt >= from && c.DoneAt < to && c.ResponderKind == ResponderKind.Volunteer && c.ResponderId != null)
            .Where(c => only == null || c.ResponderId == only)
            .Join(db.WorkOrders.AcrossStations(Why), c => c.WorkOrderId, o => o.Id, (c, o) => new { VolunteerId = c.ResponderId!.Value, c.DoneAt, o.TrackingCode, o.Id })
            .ToListAsync(cancellationToken);
        foreach (var c in callbacks)
        {
            of(c.VolunteerId).Add(IndexFact.UpheldComplaints, 1, c.DoneAt!.Value, c.TrackingCode, withEvidence, c.Id);
        }

        var checks = await db.SpotChecks.AcrossStations(Why).AsNoTracking()
            .Where(s => s.RatedKind == ResponderKind.Volunteer && s.CheckedAt >= from && s.CheckedAt < to
                && (s.Verdict == SpotCheckVerdict.NotGiven || s.Attitude <= 2))
            .Where(s => only == null || s.RatedId == only)
            .Select(s => new { s.RatedId, s.CheckedAt, s.Label }).ToListAsync(cancellationToken);
        foreach (var s in checks)
        {
            of(s.RatedId).Add(IndexFact.UpheldComplaints, 1, s.CheckedAt!.Value, s.Label, withEvidence);
        }
    }

    /// <summary>
    /// A duty shift is missed (值班未应答) when the member was on the roster, the platform offered them an order during it,
    /// they neither took nor declined it, and nobody else took it either: the order went back to the dispatcher unanswered.
    /// An offer someone else took first is not held against them.
    /// </summary>
    private async Task MissedShiftsAsync(Func<Guid, MemberFacts> of, Guid? only, DateOnly firstDay, DateOnly endDay, DateTime now, bool withEvidence,
        CancellationToken cancellationToken)
    {
        var shifts = await db.Set<DutyShift>().AcrossStations(Why).AsNoTracking().Where(s => s.Date >= firstDay && s.Date < endDay)
            .Where(s => only == null || s.VolunteerId == only).ToListAsync(cancellationToken);
        if (shifts.Count == 0)
        {
            return;
        }

        var (from, to) = (Shanghai.StartOfDayUtc(firstDay), Shanghai.StartOfDayUtc(endDay.AddDays(1)));
        var offers = (await db.WorkOrders.AcrossStations(Why).AsNoTracking()
            .SelectMany(o => o.Offers, (o, f) => new { Offer = f, Unanswered = o.Events.Any(e => e.Kind == WorkOrderEventKind.Unanswered) })
            .Where(x => x.Offer.Kind == ResponderKind.Volunteer && x.Offer.OfferedAt >= from && x.Offer.OfferedAt < to && x.Offer.RespondedAt == null
                && x.Unanswered && (only == null || x.Offer.CandidateId == only))
            .Select(x => new { x.Offer.CandidateId, OfferedAt = x.Offer.OfferedAt!.Value })
            .ToListAsync(cancellationToken)).ToLookup(f => f.CandidateId);
        foreach (var shift in shifts)
        {
            var span = shift.Span;
            var (start, end) = (Shanghai.ToUtc(span.From), Shanghai.ToUtc(span.To));
            if (end > now)
            {
                continue;
            }

            if (offers[shift.VolunteerId].Any(f => f.OfferedAt >= start && f.OfferedAt < end))
            {
                of(shift.VolunteerId).Add(IndexFact.MissedShifts, 1, start, Shanghai.Format(start), withEvidence);
            }
        }
    }

    private static decimal Hours(decimal hours) => Math.Round(hours, 2, MidpointRounding.AwayFromZero);
}
