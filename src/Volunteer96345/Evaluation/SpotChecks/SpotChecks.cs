using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Activities;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Evaluation.Rectifications;
using Volunteer96345.Network;
using Volunteer96345.Points;
using Volunteer96345.StationServices;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation.SpotChecks;

public sealed class DrawInput
{
    public int? Year { get; set; }
    public int? Month { get; set; }

    /// <summary>Optional: a seed to draw with (to repeat a draw elsewhere); by default a random one, stored with the draw.</summary>
    public int? Seed { get; set; }
}

public sealed class SpotCheckInput
{
    public SpotCheckMethod? Method { get; set; }
    public SpotCheckVerdict? Verdict { get; set; }
    public int? Attitude { get; set; }
    public Outcome? Outcome { get; set; }
    public int? Satisfaction { get; set; }
    public string? Findings { get; set; }
    public List<Guid>? EvidenceIds { get; set; }

    /// <summary>Open a rectification for the station with the finding (整改).</summary>
    public bool OpenRectification { get; set; }

    public string? RectificationIssue { get; set; }
    public DateOnly? RectificationDueOn { get; set; }
}

public sealed record DrawRow(Guid Id, string Month, int Seed, decimal RatePercent, int Minimum, DateTime DrawnAt, string DrawnBy, int Count, int Done);

public sealed record SpotCheckRow(Guid Id, Guid DrawId, string Month, Guid StationId, string StationName, SpotCheckSubject Subject, Guid SubjectId, string Label,
    DateTime ServedAt, ResponderKind RatedKind, Guid RatedId, string RatedName, DrawReasons Reasons, double Weight, DateTime? CheckedAt, string? InspectorName,
    SpotCheckMethod? Method, SpotCheckVerdict? Verdict, int? Attitude, Outcome? Outcome, int? Satisfaction, string? Findings, IReadOnlyList<Guid> EvidenceIds,
    Guid? RectificationId);

public sealed record ReplayResult(bool Same, int Drawn, int Replayed);

/// <summary>
/// 定期抽查: the month's draw and the inspectors' work on it. Only the town's admins and inspectors see the sample: a
/// station does not learn in advance which of its services will be checked; it hears of a finding through a
/// rectification.
/// </summary>
internal sealed class SpotChecksHandler(AppDbContext db, CurrentUser user, TimeProvider clock, Notifier notifier, IStringLocalizer<SharedResource> localizer)
{
    private const string Why = "the town's spot-check sample covers every station";

    private static readonly DateOnly Earliest = new(2017, 1, 1);

    private bool MayInspect => user.IsInAnyRole(Roles.TownAdmin, Roles.Inspector);

    public async Task<Result<List<DrawRow>>> Draws(CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var draws = await db.Set<SpotCheckDraw>().AsNoTracking().OrderByDescending(d => d.Year).ThenByDescending(d => d.Month).ToListAsync(cancellationToken);
        var done = await db.Set<SpotCheck>().AcrossStations(Why).Where(c => c.CheckedAt != null).GroupBy(c => c.DrawId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return draws.Select(d => new DrawRow(d.Id, MonthText(d.Year, d.Month), d.Seed, d.RatePercent, d.Minimum, d.DrawnAt, d.DrawnBy, d.Count,
            done.GetValueOrDefault(d.Id))).ToList();
    }

    /// <summary>Draws a past month's sample once; a second draw of the same month is a conflict.</summary>
    public async Task<Result<DrawRow>> Draw(DrawInput input, CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var today = Shanghai.Today(clock);
        var v = new Validation(localizer).Range("year", input.Year, Earliest.Year, today.Year).Range("month", input.Month, 1, 12);
        if (v.IsValid)
        {
            v.Check(new DateOnly(input.Year!.Value, input.Month!.Value, 1) < new DateOnly(today.Year, today.Month, 1), "month", "SpotCheck.MonthNotOver");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        DrawRow? drawn;
        try
        {
            drawn = await DrawAsync(input.Year!.Value, input.Month!.Value, input.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another draw of the month (the monthly job, another inspector) committed between the check and the save.
            drawn = null;
        }

        return drawn is { } row ? row : AppError.Conflict(localizer["SpotCheck.AlreadyDrawn", MonthText(input.Year!.Value, input.Month!.Value)]);
    }

    /// <summary>The draw itself (also the monthly job's): null when the month has one already.</summary>
    internal async Task<DrawRow?> DrawAsync(int year, int month, int seed, CancellationToken cancellationToken)
    {
        if (await db.Set<SpotCheckDraw>().AnyAsync(d => d.Year == year && d.Month == month, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await Composite.EvaluationSettingsHandler.CurrentAsync(db, cancellationToken);
        var picked = SampleDraw.Pick(await CandidatesAsync(year, month, now, cancellationToken), seed, settings.SampleRatePercent, settings.SampleMinimum);
        var draw = SpotCheckDraw.Record(year, month, seed, settings.SampleRatePercent, settings.SampleMinimum, picked.Count, user.Name, now);
        db.Add(draw);
        db.AddRange(picked.Select(c => SpotCheck.Sampled(draw.Id, c)));
        await db.SaveChangesAsync(cancellationToken);
        return new DrawRow(draw.Id, MonthText(year, month), seed, draw.RatePercent, draw.Minimum, now, draw.DrawnBy, draw.Count, 0);
    }

    /// <summary>Draws again from the stored seed with the facts as they were at the draw: the same services, unless a service was re-opened since.</summary>
    public async Task<Result<ReplayResult>> Replay(Guid drawId, CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<SpotCheckDraw>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == drawId, cancellationToken) is not { } draw)
        {
            return AppError.NotFound(localizer["SpotCheck.NotFound"]);
        }

        var replayed = SampleDraw.Pick(await CandidatesAsync(draw.Year, draw.Month, draw.DrawnAt, cancellationToken), draw.Seed, draw.RatePercent, draw.Minimum)
            .Select(c => c.SubjectId).ToHashSet();
        var drawn = await db.Set<SpotCheck>().AcrossStations(Why).Where(c => c.DrawId == drawId).Select(c => c.SubjectId).ToListAsync(cancellationToken);
        return new ReplayResult(replayed.SetEquals(drawn), drawn.Count, replayed.Count);
    }

    public async Task<Result<List<SpotCheckRow>>> List(Guid? drawId, bool? done, CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var query = db.Set<SpotCheck>().AsNoTracking();
        if (drawId is { } id)
        {
            query = query.Where(c => c.DrawId == id);
        }

        if (done is { } d)
        {
            query = d ? query.Where(c => c.CheckedAt != null) : query.Where(c => c.CheckedAt == null);
        }

        var checks = await query.OrderBy(c => c.StationId).ThenBy(c => c.Subject).ThenBy(c => c.ServedAt).Take(2000).ToListAsync(cancellationToken);
        return await RowsAsync(checks, cancellationToken);
    }

    public async Task<Result<SpotCheckRow>> Get(Guid id, CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        return await db.Set<SpotCheck>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } check
            ? (await RowsAsync([check], cancellationToken))[0]
            : AppError.NotFound(localizer["SpotCheck.NotFound"]);
    }

    /// <summary>The inspector's record of a check, once; with a finding, optionally the station's rectification in the same save.</summary>
    public async Task<Result<SpotCheckRow>> Work(Guid id, SpotCheckInput input, IReadOnlyCollection<UploadedFile>? uploads, CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<SpotCheck>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } check)
        {
            return AppError.NotFound(localizer["SpotCheck.NotFound"]);
        }

        if (check.IsDone)
        {
            return AppError.Conflict(localizer["SpotCheck.AlreadyDone"]);
        }

        var v = new Validation(localizer).Defined("method", input.Method).Defined("verdict", input.Verdict)
            .Text("findings", input.Findings, 2000, required: input.Verdict == SpotCheckVerdict.NotGiven || input.OpenRectification);
        if (input.Verdict == SpotCheckVerdict.Confirmed)
        {
            v.Range("attitude", input.Attitude, 1, 5).Defined("outcome", input.Outcome).Range("satisfaction", input.Satisfaction, 1, 5);
        }

        await Evidence.CheckAsync(db, v, "evidenceIds", check.StationId, input.EvidenceIds, uploads, cancellationToken);
        if (input.OpenRectification)
        {
            RectificationsHandler.CheckOpening(v, "rectificationIssue", input.RectificationIssue, "rectificationDueOn", input.RectificationDueOn, Shanghai.Today(clock));
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var evidence = Evidence.Store(db, check.StationId, input.EvidenceIds, uploads, user.UserId, now);
        check.Record(input.Method!.Value, input.Verdict!.Value, input.Attitude, input.Outcome, input.Satisfaction, input.Findings, evidence, user.UserId, user.Name, now);
        if (input.OpenRectification)
        {
            await RectificationsHandler.OpenAsync(db, notifier, check.StationId, check.Id, input.RectificationIssue!, input.RectificationDueOn!.Value, user, now,
                cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["SpotCheck.AlreadyDone"]);
        }

        return (await RowsAsync([check], cancellationToken))[0];
    }

    private async Task<List<SpotCheckRow>> RowsAsync(List<SpotCheck> checks, CancellationToken cancellationToken)
    {
        var drawIds = checks.Select(c => c.DrawId).Distinct().ToList();
        var months = await db.Set<SpotCheckDraw>().Where(d => drawIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => MonthText(d.Year, d.Month), cancellationToken);
        var stations = await db.Set<Station>().AcrossStations(Why).Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var ids = checks.Select(c => c.Id).ToList();
        var rectifications = await db.Set<Rectification>().AcrossStations(Why).Where(r => r.SpotCheckId != null && ids.Contains(r.SpotCheckId.Value))
            .Select(r => new { r.Id, SpotCheckId = r.SpotCheckId!.Value }).ToListAsync(cancellationToken);
        return [.. checks.Select(c => new SpotCheckRow(c.Id, c.DrawId, months.GetValueOrDefault(c.DrawId) ?? "", c.StationId, stations.GetValueOrDefault(c.StationId) ?? "",
            c.Subject, c.SubjectId, c.Label, c.ServedAt, c.RatedKind, c.RatedId, c.RatedName, c.Reasons, c.Weight, c.CheckedAt, c.InspectorName, c.Method,
            c.Verdict, c.Attitude, c.Outcome, c.Satisfaction, c.Findings, c.EvidenceIds, rectifications.FirstOrDefault(r => r.SpotCheckId == c.Id)?.Id))];
    }

    internal static string MonthText(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}");

    /// <summary>
    /// The month's services with their weights, from the facts as they were at <paramref name="asOf"/>: resolved work
    /// orders, attended activities, outpost log entries and counter redemptions. Low ratings are feedback marked low or
    /// a call-back that re-opened the order or gave two stars or fewer.
    /// </summary>
    private async Task<List<SpotCheck.Candidate>> CandidatesAsync(int year, int month, DateTime asOf, CancellationToken cancellationToken)
    {
        var from = Shanghai.StartOfDayUtc(new DateOnly(year, month, 1));
        var to = Shanghai.StartOfDayUtc(new DateOnly(year, month, 1).AddMonths(1));
        var lastChecked = await db.Set<SpotCheck>().AcrossStations(Why).Where(c => c.CheckedAt != null && c.CheckedAt <= asOf && c.RatedKind != ResponderKind.Station)
            .GroupBy(c => new { c.RatedKind, c.RatedId }).Select(g => new { g.Key.RatedKind, g.Key.RatedId, Last = g.Max(c => c.CheckedAt) })
            .ToDictionaryAsync(g => (g.RatedKind, g.RatedId), g => g.Last!.Value, cancellationToken);
        var stationNames = await db.Set<Station>().AcrossStations(Why).Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        int? Months(ResponderKind kind, Guid id) =>
            lastChecked.TryGetValue((kind, id), out var last) ? Math.Max(0, (int)((from - last).TotalDays / 30)) : null;
        SpotCheck.Candidate Candidate(SpotCheckSubject subject, Guid id, Guid stationId, string label, DateTime at, ResponderKind kind, Guid ratedId, string ratedName, bool low)
        {
            var (weight, reasons) = SampleDraw.WeightOf(low, kind, Months(kind, ratedId));
            return new SpotCheck.Candidate(subject, id, stationId, label.Length > 200 ? label[..200] : label, at, kind, ratedId, ratedName, reasons, weight);
        }

        var orders = await db.Set<WorkOrder>().AcrossStations(Why)
            .Where(o => o.ResolvedAt >= from && o.ResolvedAt < to && (o.Status == WorkOrderStatus.Resolved || o.Status == WorkOrderStatus.Closed))
            .Join(db.Set<ServiceItem>(), o => o.ServiceItemId, i => i.Id, (o, i) => new
            {
                o.Id,
                o.StationId,
                o.TrackingCode,
                Item = i.Name,
                o.ResolvedAt,
                o.ResponderKind,
                o.ResponderId,
                o.ResponderName,
                LowFeedback = db.Set<Feedback>().AcrossStations(Why).Any(f => f.WorkOrderId == o.Id && f.SubmittedAt <= asOf
                    && (f.Satisfaction <= Feedback.LowSatisfaction || f.Outcome == Outcome.NotSolved || f.Attitude == Attitude.Poor)),
                LowCallback = db.Set<Callback>().AcrossStations(Why).Any(c => c.WorkOrderId == o.Id && c.DoneAt <= asOf
                    && (c.Reopened || c.Satisfaction <= Feedback.LowSatisfaction)),
            }).AsNoTracking().ToListAsync(cancellationToken);
        var candidates = orders.Select(o => o.ResponderKind is { } kind and not ResponderKind.Station && o.ResponderId is { } rid
            ? Candidate(SpotCheckSubject.WorkOrder, o.Id, o.StationId, $"{o.TrackingCode} {o.Item}", o.ResolvedAt!.Value, kind, rid, o.ResponderName ?? "", o.LowFeedback || o.LowCallback)
            : Candidate(SpotCheckSubject.WorkOrder, o.Id, o.StationId, $"{o.TrackingCode} {o.Item}", o.ResolvedAt!.Value, ResponderKind.Station, o.StationId,
                stationNames.GetValueOrDefault(o.StationId) ?? "", o.LowFeedback || o.LowCallback)).ToList();

        var attended = await db.Set<SignUp>().AcrossStations(Why).Where(s => s.CheckedInAt >= from && s.CheckedInAt < to)
            .Join(db.Set<Activity>().AcrossStations(Why), s => s.ActivityId, a => a.Id, (s, a) => new { s.Id, s.StationId, a.Title, s.CheckedInAt, s.VolunteerId })
            .Join(db.Set<People.Volunteer>().AcrossStations(Why), s => s.VolunteerId, p => p.Id, (s, p) => new { s.Id, s.StationId, s.Title, s.CheckedInAt, s.VolunteerId, p.RealName })
            .AsNoTracking().ToListAsync(cancellationToken);
        candidates.AddRange(attended.Select(s => Candidate(SpotCheckSubject.Attendance, s.Id, s.StationId, s.Title, s.CheckedInAt!.Value, ResponderKind.Volunteer,
            s.VolunteerId, s.RealName, false)));

        var entries = await db.Set<ConvenienceEntry>().AcrossStations(Why).Where(e => e.At >= from && e.At < to)
            .Join(db.Set<People.Volunteer>().AcrossStations(Why), e => e.VolunteerId, p => p.Id, (e, p) => new { e.Id, e.StationId, e.Kind, e.At, e.VolunteerId, p.RealName })
            .AsNoTracking().ToListAsync(cancellationToken);
        candidates.AddRange(entries.Select(e => Candidate(SpotCheckSubject.OutpostEntry, e.Id, e.StationId, e.Kind.ToString(), e.At, ResponderKind.Volunteer,
            e.VolunteerId, e.RealName, false)));

        var redemptions = await db.Set<CounterRedemption>().AcrossStations(Why).Where(r => r.RedeemedAt >= from && r.RedeemedAt < to)
            .Select(r => new { r.Id, r.StationId, r.ItemName, r.Quantity, r.RedeemedAt }).AsNoTracking().ToListAsync(cancellationToken);
        candidates.AddRange(redemptions.Select(r => Candidate(SpotCheckSubject.Redemption, r.Id, r.StationId,
            string.Create(CultureInfo.InvariantCulture, $"{r.ItemName} ×{r.Quantity}"), r.RedeemedAt, ResponderKind.Station, r.StationId,
            stationNames.GetValueOrDefault(r.StationId) ?? "", false)));
        return candidates;
    }
}
