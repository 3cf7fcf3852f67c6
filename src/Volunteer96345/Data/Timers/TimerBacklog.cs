using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Volunteer96345.Data.Timers;

/// <summary>Deadlines overdue by more than <see cref="Threshold"/> and not yet fired: the sweeper is behind.</summary>
internal sealed record TimerBacklog(int Overdue, DateTime? OldestDueAt)
{
    /// <summary>A timer fires well within a second of its deadline when the sweeper keeps up; five seconds late is a backlog.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(5);

    /// <summary>The backlog in the caller's station scope (the live board).</summary>
    public static async Task<TimerBacklog> InScopeAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now - Threshold;
        var overdue = db.Set<DueTimer>().AsNoTracking().Where(t => t.FiredAt == null && t.DueAt < cutoff);
        var count = await overdue.CountAsync(cancellationToken);
        return new TimerBacklog(count, count == 0 ? null : await overdue.MinAsync(t => (DateTime?)t.DueAt, cancellationToken));
    }
}

/// <summary>
/// The whole town's backlog for operators, in <c>/healthz/detail</c>: Degraded while any deadline is more than 5 s
/// overdue. Plain SQL, like the database check, so that it answers without waiting for EF Core's model.
/// </summary>
internal sealed class TimerBacklogHealthCheck(DatabaseConnections connections, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connections.Command(connection,
            """SELECT count(*), min("DueAt") FROM "timers" WHERE "FiredAt" IS NULL AND "DueAt" < @cutoff""", ("cutoff", now - TimerBacklog.Threshold));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var overdue = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        if (overdue == 0)
        {
            return HealthCheckResult.Healthy("no deadline is more than 5 s overdue", new Dictionary<string, object> { ["overdue"] = 0 });
        }

        var oldest = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
        var late = (now - oldest).TotalSeconds;
        return HealthCheckResult.Degraded($"{overdue} deadlines are more than 5 s overdue; the oldest is {late:0} s late",
            data: new Dictionary<string, object> { ["overdue"] = overdue, ["oldestDueAt"] = oldest.ToString("O"), ["oldestLateSeconds"] = Math.Round(late, 1) });
    }
}
