using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation.Composite;

/// <summary>
/// Reads the three sources of ratings for a period, across the town (the composite shrinks towards the town's mean, so
/// it needs every station's ratings; what a reader may see is decided on the result).
/// </summary>
internal sealed class RatingsReader(AppDbContext db)
{
    private const string Why = "the composite evaluation compares with the whole town's mean";

    public async Task<List<Rating>> ReadAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var feedback = await db.Set<Feedback>().AcrossStations(Why).Where(f => f.SubmittedAt >= from && f.SubmittedAt < to)
            .Select(f => new { f.Id, f.WorkOrderId, f.StationId, f.ResponderKind, f.ResponderId, f.SubmittedAt, f.Attitude, f.Outcome, f.Satisfaction })
            .AsNoTracking().ToListAsync(cancellationToken);
        var callbacks = await db.Set<Callback>().AcrossStations(Why).Where(c => c.DoneAt >= from && c.DoneAt < to && c.Reached == true)
            .Select(c => new { c.Id, c.WorkOrderId, c.StationId, c.ResponderKind, c.ResponderId, c.DoneAt, c.Satisfaction, c.Reopened })
            .AsNoTracking().ToListAsync(cancellationToken);
        var spotChecks = await db.Set<SpotCheck>().AcrossStations(Why).Where(c => c.CheckedAt >= from && c.CheckedAt < to && c.Verdict != SpotCheckVerdict.Unreachable)
            .Select(c => new { c.Id, c.SubjectId, c.StationId, c.RatedKind, c.RatedId, c.CheckedAt, c.Attitude, c.Outcome, c.Satisfaction })
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
