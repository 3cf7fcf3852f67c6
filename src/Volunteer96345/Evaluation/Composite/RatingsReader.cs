using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation.Composite;

/// <summary>
/// Reads the three sources of ratings for a period, across the town (the composite shrinks towards the town's mean, so
/// it needs every station's ratings; what a reader may see is decided on the result). Optionally only one subject's.
/// </summary>
internal sealed class RatingsReader(AppDbContext db)
{
    private const string Why = "the composite evaluation compares with the whole town's mean";

    public async Task<List<Rating>> ReadAsync(DateTime from, DateTime to, (ResponderKind Kind, Guid Id)? subject, CancellationToken cancellationToken)
    {
        var checks = db.Set<SpotCheck>().AcrossStations(Why).Where(c => c.CheckedAt >= from && c.CheckedAt < to && c.Verdict != SpotCheckVerdict.Unreachable);
        if (subject is { Kind: ResponderKind.Station, Id: var station })
        {
            checks = checks.Where(c => c.StationId == station);
        }
        else if (subject is { Kind: var kind, Id: var id })
        {
            checks = checks.Where(c => c.RatedKind == kind && c.RatedId == id);
        }

        var feedback = await db.Set<Feedback>().AcrossStations(Why).Where(f => f.SubmittedAt >= from && f.SubmittedAt < to)
            .Where(f => subject == null || (subject.Value.Kind == ResponderKind.Station ? f.StationId == subject.Value.Id
                : f.ResponderKind == subject.Value.Kind && f.ResponderId == subject.Value.Id))
            .Select(f => new { f.Id, f.WorkOrderId, f.StationId, f.ResponderKind, f.ResponderId, f.SubmittedAt, f.Attitude, f.Outcome, f.Satisfaction })
            .AsNoTracking().ToListAsync(cancellationToken);
        var callbacks = await db.Set<Callback>().AcrossStations(Why).Where(c => c.DoneAt >= from && c.DoneAt < to && c.Reached == true)
            .Where(c => subject == null || (subject.Value.Kind == ResponderKind.Station ? c.StationId == subject.Value.Id
                : c.ResponderKind == subject.Value.Kind && c.ResponderId == subject.Value.Id))
            .Select(c => new { c.Id, c.WorkOrderId, c.StationId, c.ResponderKind, c.ResponderId, c.DoneAt, c.Satisfaction, c.Reopened })
            .AsNoTracking().ToListAsync(cancellationToken);
        var spotChecks = await checks.Select(c => new { c.Id, c.SubjectId, c.StationId, c.RatedKind, c.RatedId, c.CheckedAt, c.Attitude, c.Outcome, c.Satisfaction })
            .AsNoTracking().ToListAsync(cancellationToken);

        var ratings = new List<Rating>(feedback.Count + callbacks.Count + spotChecks.Count);
        ratings.AddRange(feedback.Select(f => new Rating(RatingSource.Feedback, f.Id, f.WorkOrderId, f.StationId, f.ResponderKind, f.ResponderId, f.SubmittedAt,
            Rating.Of(f.Attitude), Rating.Of(f.Outcome), Rating.OfFive(f.Satisfaction))));
        ratings.AddRange(callbacks.Select(c => new Rating(RatingSource.Callback, c.Id, c.WorkOrderId, c.StationId, c.ResponderKind, c.ResponderId, c.DoneAt!.Value,
            null, c.Reopened ? 0 : 100, Rating.OfFive(c.Satisfaction))));
        ratings.AddRange(spotChecks.Select(c => new Rating(RatingSource.SpotCheck, c.Id, c.SubjectId, c.StationId, c.RatedKind, c.RatedId, c.CheckedAt!.Value,
            Rating.OfFive(c.Attitude), Rating.Of(c.Outcome), Rating.OfFive(c.Satisfaction))));
        return ratings;
    }
}
