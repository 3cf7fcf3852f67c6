using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation.Composite;

public sealed record StandingRow(ResponderKind Kind, Guid Id, string Name, string? StationName, DimensionScore Attitude, DimensionScore Outcome,
    DimensionScore Satisfaction, double? Composite, int Count, int Feedback, int Callbacks, int SpotChecks, bool Enough);

public sealed record EvaluationTable(string Period, ResponderKind Kind, double? MeanAttitude, double? MeanOutcome, double? MeanSatisfaction,
    double? MeanComposite, int MinimumCount, IReadOnlyList<StandingRow> Rows);

/// <summary>One rating behind a score. The comment is shown only to those who may see the station where it was given.</summary>
public sealed record RatingRow(RatingSource Source, Guid SourceId, DateTime At, Guid SubjectId, SpotCheckSubject Subject, string? OrderCode, string? ItemName, string StationName,
    double? Attitude, double? Outcome, double? Satisfaction, double Weight, string? Comment);

public sealed record SubjectRatings(string Period, StandingRow Standing, IReadOnlyList<RatingRow> Ratings);

/// <summary>
/// The composite evaluation's tables and drill-down for staff. The town's admins, dispatchers and inspectors see every
/// subject; a station manager sees the stations in their scope and the volunteers, teams and merchants registered there.
/// </summary>
internal sealed class EvaluationQueriesHandler(AppDbContext db, CurrentUser user, RatingsReader reader, IStringLocalizer<SharedResource> localizer)
{
    private const string Why = "names of the evaluated, whose ratings may come from any station";

    public async Task<Result<EvaluationTable>> Table(string? period, ResponderKind? kind, CancellationToken cancellationToken)
    {
        var computed = await ComputeAsync(period, kind, cancellationToken);
        if (!computed.IsOk)
        {
            return computed.Error!;
        }

        var (p, settings, _, result) = computed.Value;
        var standings = result.Standings.Values.Where(s => s.Kind == kind).ToList();
        var subjects = await SubjectsAsync(kind!.Value, standings.Select(s => s.Id), cancellationToken);
        var rows = standings.Where(s => subjects.TryGetValue(s.Id, out var who) && user.CanSee(who.StationId))
            .Select(s => Row(s, subjects[s.Id]))
            .OrderByDescending(r => r.Enough).ThenByDescending(r => r.Composite).ThenByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new EvaluationTable(p.ToString(), kind.Value, result.MeanAttitude, result.MeanOutcome, result.MeanSatisfaction, result.MeanComposite,
            settings.MinimumCount, rows);
    }

    /// <summary>A subject's score for the period with every rating behind it: the town's ratings read once, the subject's picked from them.</summary>
    public async Task<Result<SubjectRatings>> Ratings(string? period, ResponderKind kind, Guid id, CancellationToken cancellationToken)
    {
        var computed = await ComputeAsync(period, kind, cancellationToken);
        if (!computed.IsOk)
        {
            return computed.Error!;
        }

        var subjects = await SubjectsAsync(kind, [id], cancellationToken);
        if (!subjects.TryGetValue(id, out var who) || !user.CanSee(who.StationId))
        {
            return AppError.NotFound(localizer["Evaluation.NotFound"]);
        }

        var (p, settings, all, result) = computed.Value;
        var ratings = all.Where(r => kind == ResponderKind.Station ? r.StationId == id : r.RatedKind == kind && r.RatedId == id).ToList();
        var standing = result.Standings.TryGetValue((kind, id), out var found) ? Row(found, who)
            : new StandingRow(kind, id, who.Name, who.StationName, new(null, null, 0), new(null, null, 0), new(null, null, 0), null, 0, 0, 0, 0, false);

        var orderIds = ratings.Where(r => r.Source != RatingSource.SpotCheck).Select(r => r.SubjectId).Distinct().ToList();
        var orders = await db.Set<WorkOrder>().AcrossStations(Why).Where(o => orderIds.Contains(o.Id))
            .Join(db.Set<ServiceItem>(), o => o.ServiceItemId, i => i.Id, (o, i) => new { o.Id, o.TrackingCode, i.Name }).ToDictionaryAsync(o => o.Id, cancellationToken);
        var feedbackIds = ratings.Where(r => r.Source == RatingSource.Feedback).Select(r => r.SourceId).ToList();
        var callbackIds = ratings.Where(r => r.Source == RatingSource.Callback).Select(r => r.SourceId).ToList();
        var checkIds = ratings.Where(r => r.Source == RatingSource.SpotCheck).Select(r => r.SourceId).ToList();
        var comments = new Dictionary<Guid, string?>();
        foreach (var f in await db.Set<Feedback>().AcrossStations(Why).Where(f => feedbackIds.Contains(f.Id)).Select(f => new { f.Id, f.Comment }).ToListAsync(cancellationToken))
        {
            comments[f.Id] = f.Comment;
        }

        foreach (var c in await db.Set<Callback>().AcrossStations(Why).Where(c => callbackIds.Contains(c.Id)).Select(c => new { c.Id, c.Comment }).ToListAsync(cancellationToken))
        {
            comments[c.Id] = c.Comment;
        }

        var checks = await db.Set<SpotCheck>().AcrossStations(Why).Where(c => checkIds.Contains(c.Id)).Select(c => new { c.Id, c.Subject, c.Label, c.Findings })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var stations = await db.Set<Station>().AcrossStations(Why).Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var rows = ratings.OrderByDescending(r => r.At).Select(r =>
        {
            var order = orders.GetValueOrDefault(r.SubjectId);
            var check = checks.GetValueOrDefault(r.SourceId);
            var comment = r.Source == RatingSource.SpotCheck ? check?.Findings : comments.GetValueOrDefault(r.SourceId);
            return new RatingRow(r.Source, r.SourceId, r.At, r.SubjectId, check?.Subject ?? SpotCheckSubject.WorkOrder, order?.TrackingCode, order?.Name ?? check?.Label, stations.GetValueOrDefault(r.StationId) ?? "",
                r.Attitude, r.Outcome, r.Satisfaction, settings.WeightOf(r.Source), user.CanSee(r.StationId) ? comment : null);
        }).ToList();
        return new SubjectRatings(p.ToString(), standing, rows);
    }

    private sealed record Computed(EvaluationPeriod Period, EvaluationSettings Settings, List<Rating> Ratings, CompositeEvaluation.Result Result);

    /// <summary>The period's composite over the whole town (each subject is shrunk towards the town's mean), after the checks every reader passes.</summary>
    private async Task<Result<Computed>> ComputeAsync(string? period, ResponderKind? kind, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Staff))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Defined("kind", kind);
        v.Check(EvaluationPeriod.TryParse(period, out var p), "period", "Evaluation.BadPeriod");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var settings = await EvaluationSettingsHandler.CurrentAsync(db, cancellationToken);
        var ratings = await reader.ReadAsync(p.FromUtc, p.ToUtc, cancellationToken);
        return new Computed(p, settings, ratings, CompositeEvaluation.Compute(ratings, settings));
    }

    private static StandingRow Row(Standing s, Subject who) =>
        new(s.Kind, s.Id, who.Name, who.StationName, s.Attitude, s.Outcome, s.Satisfaction, s.Composite, s.Count, s.Feedback, s.Callbacks, s.SpotChecks, s.Enough);

    private sealed record Subject(string Name, Guid StationId, string? StationName);

    /// <summary>Each subject's name and home station (a station is its own home).</summary>
    private async Task<Dictionary<Guid, Subject>> SubjectsAsync(ResponderKind kind, IEnumerable<Guid> idList, CancellationToken cancellationToken)
    {
        var ids = idList.ToList();
        var homes = kind switch
        {
            ResponderKind.Volunteer => await db.Set<Volunteer>().AcrossStations(Why).Where(x => ids.Contains(x.Id))
                .Select(x => new { x.Id, Name = x.RealName, x.StationId }).ToListAsync(cancellationToken),
            ResponderKind.Team => await db.Set<Team>().AcrossStations(Why).Where(x => ids.Contains(x.Id))
                .Select(x => new { x.Id, x.Name, x.StationId }).ToListAsync(cancellationToken),
            ResponderKind.Merchant => await db.Set<AllianceMember>().AcrossStations(Why).Where(x => ids.Contains(x.Id))
                .Select(x => new { x.Id, x.Name, x.StationId }).ToListAsync(cancellationToken),
            _ => await db.Set<Station>().AcrossStations(Why).Where(x => ids.Contains(x.Id))
                .Select(x => new { x.Id, x.Name, StationId = x.Id }).ToListAsync(cancellationToken),
        };
        var stationIds = homes.Select(h => h.StationId).Distinct().ToList();
        var stationNames = await db.Set<Station>().AcrossStations(Why).Where(s => stationIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return homes.ToDictionary(h => h.Id, h => new Subject(h.Name, h.StationId, kind == ResponderKind.Station ? null : stationNames.GetValueOrDefault(h.StationId)));
    }
}
