using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Data.Timers;

/// <summary>
/// Fires the due timers of every module, oldest first, in batches: one transaction claims up to Timers:BatchSize due
/// timers (default 200) and writes their owners' effects (offers widened, notices, breaches, outbox rows, audit) with
/// the claims. On PostgreSQL the claim locks the rows it takes and skips rows another instance holds
/// (<c>FOR UPDATE SKIP LOCKED</c>); on SQLite the transaction holds the one write lock. So, with two instances or after a
/// crash mid-way, each timer takes effect exactly once: a crash rolls back claims and effects together. When a batch
/// fails (an order changed under it), its timers are fired one at a time, and one that still fails stays due for the next
/// sweep. The loop sweeps again at once while batches come back full, and otherwise sleeps until the next deadline or
/// Sla:PollMilliseconds (default 250), whichever is sooner, so a timer fires well within a second of its deadline and
/// never before it.
/// </summary>
internal sealed class TimerSweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<TimerSweeper> logger)
    : BackgroundService
{
    private readonly TimeSpan _poll = TimeSpan.FromMilliseconds(configuration.GetValue("Sla:PollMilliseconds", 250));

    private readonly int _batchSize = Math.Max(1, configuration.GetValue("Timers:BatchSize", 200));

    private const string Why = "the sweeper fires the deadlines of every station";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Sla:Enabled", true))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await FireDueAsync(stoppingToken);
                wait = await UntilNextAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The timer sweeper failed; retrying.");
                wait = TimeSpan.FromSeconds(1);
            }

            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    /// <summary>
    /// Fires every timer due now, batch after batch; returns how many this call fired (including those that found their
    /// milestone met). A timer that cannot be fired is left due and passed over for the rest of this call, so that it does
    /// not hold up the ones behind it; a failure other than a lost race is thrown once the rest have fired.
    /// </summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        HashSet<Guid> stuck = [];
        Exception? error = null;
        while (true)
        {
            var (claimed, count) = await FireBatchAsync(stuck, e => error ??= e, cancellationToken);
            fired += count;
            if (claimed < _batchSize)
            {
                return error is null ? fired : throw new InvalidOperationException($"A due timer could not be fired; {fired} others were.", error);
            }
        }
    }

    /// <summary>
    /// One batch: how many timers it claimed and how many of them fired. A failed batch's timers are fired one at a time;
    /// one that fails again joins <paramref name="stuck"/>.
    /// </summary>
    private async Task<(int Claimed, int Fired)> FireBatchAsync(HashSet<Guid> stuck, Action<Exception> failed, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> batch;
        try
        {
            var ids = await FireAsync(null, stuck, cancellationToken);
            return (ids.Count, ids.Count);
        }
        catch (TimerBatchFailed e) when (e.Ids.Count > 1)
        {
            logger.LogWarning("A batch of {Count} timers failed ({Error}); firing them one at a time.", e.Ids.Count, e.InnerException?.Message);
            batch = e.Ids;
        }
        catch (TimerBatchFailed e)
        {
            batch = e.Ids;
        }

        var fired = 0;
        foreach (var id in batch)
        {
            try
            {
                fired += (await FireAsync(id, stuck, cancellationToken)).Count;
            }
            catch (TimerBatchFailed e)
            {
                stuck.Add(id);
                if (e.InnerException is DbUpdateConcurrencyException)
                {
                    // Someone changed what the timer times between our read and our write; it stays due for the next sweep.
                    logger.LogDebug("Timer {TimerId} raced a change to what it times; retrying next sweep.", id);
                }
                else
                {
                    failed(e.InnerException ?? e);
                }
            }
        }

        return (batch.Count, fired);
    }

    /// <summary>
    /// Claims up to Timers:BatchSize due timers not in <paramref name="stuck"/> (or just the timer <paramref name="only"/>)
    /// and fires them in one transaction; returns their ids.
    /// </summary>
    private async Task<List<Guid>> FireAsync(Guid? only, HashSet<Guid> stuck, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentUser>().ActAsSystem("sla");
        var db = services.GetRequiredService<AppDbContext>();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var timers = await DueAsync(db, now, only, [.. stuck], _batchSize, cancellationToken);
        if (timers.Count == 0)
        {
            return [];
        }

        // The ids are the caller's even if the effects below fail, so that it can fire them one at a time.
        var ids = timers.Select(t => t.Id).ToList();
        try
        {
            foreach (var timer in timers)
            {
                timer.Claim(now);
            }

            var owners = services.GetServices<ITimerOwner>().ToDictionary(o => o.TimerType);
            foreach (var kind in timers.GroupBy(t => t.GetType()))
            {
                var owner = owners.GetValueOrDefault(kind.Key) ?? throw new InvalidOperationException($"No module fires {kind.Key.Name} timers.");
                await owner.FireAsync([.. kind], now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TimerBatchFailed(ids, e);
        }

        logger.LogDebug("Fired {Count} timers, the oldest due {DueAt:O}, at {Now:O}.", timers.Count, timers[0].DueAt, now);
        return ids;
    }

    /// <summary>The due timers, oldest first, claimed for this transaction: on PostgreSQL locked and skipped by other instances.</summary>
    private static async Task<List<DueTimer>> DueAsync(AppDbContext db, DateTime now, Guid? only, Guid[] stuck, int limit, CancellationToken cancellationToken)
    {
        var due = db.Set<DueTimer>().AcrossStations(Why);
        if (db.Database.IsNpgsql())
        {
            var locked = only is { } one
                ? db.Database.SqlQuery<Guid>(
                    $"""SELECT "Id" AS "Value" FROM timers WHERE "Id" = {one} AND "FiredAt" IS NULL AND "DueAt" <= {now} FOR UPDATE SKIP LOCKED""")
                : db.Database.SqlQuery<Guid>(
                    $"""
                      SELECT "Id" AS "Value" FROM timers WHERE "FiredAt" IS NULL AND "DueAt" <= {now} AND NOT ("Id" = ANY({stuck}))
                      ORDER BY "DueAt" LIMIT {limit} FOR UPDATE SKIP LOCKED
                      """);
            var ids = await locked.ToListAsync(cancellationToken);
            due = due.Where(t => ids.Contains(t.Id));
        }
        else
        {
            due = due.Where(t => t.FiredAt == null && t.DueAt <= now);
            due = only is { } one ? due.Where(t => t.Id == one) : due.Where(t => !stuck.Contains(t.Id)).OrderBy(t => t.DueAt).Take(limit);
        }

        return [.. (await due.ToListAsync(cancellationToken)).OrderBy(t => t.DueAt)];
    }

    /// <summary>When the next unfired timer falls due (null: none): a plain read, for the loop's sleep and for whoever runs the app's time by hand.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("sla");
        return await NextDueQuery(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
    }

    private static readonly Func<AppDbContext, CancellationToken, Task<DateTime?>> NextDueQuery = EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken _) => db.Set<DueTimer>().AcrossStations(Why).Where(t => t.FiredAt == null).OrderBy(t => t.DueAt)
            .Select(t => (DateTime?)t.DueAt).FirstOrDefault());

    private async Task<TimeSpan> UntilNextAsync(CancellationToken cancellationToken)
    {
        var next = await NextDueAsync(cancellationToken);
        var until = next is { } due ? due - clock.GetUtcNow().UtcDateTime : _poll;
        return until < TimeSpan.Zero ? TimeSpan.Zero : until < _poll ? until : _poll;
    }

    /// <summary>A batch rolled back; the ids it had claimed, for the one-at-a-time retry.</summary>
    private sealed class TimerBatchFailed(IReadOnlyList<Guid> ids, Exception inner) : Exception("Firing a batch of timers failed.", inner)
    {
        public IReadOnlyList<Guid> Ids { get; } = ids;
    }
}
