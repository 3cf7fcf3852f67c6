using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Notifications;

/// <summary>
/// Drains the outbox: every due message is claimed, sent through its channel, and marked sent or failed (with backoff,
/// then dead-lettered). Several app instances may run it on one database: a message is claimed by a conditional
/// UPDATE that sets a 60-second lease only where no live lease exists, and only the instance whose UPDATE touched the
/// row sends it. A crashed sender's lease runs out and another instance takes the message over, so delivery is at
/// least once; the inbox is exactly once (its row commits with the "sent" mark and is unique per message), and the
/// 10-second HTTP timeout keeps a slow receiver well inside the lease.
/// </summary>
internal sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    public const int BatchSize = 50;
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static readonly System.Diagnostics.Metrics.Counter<long> Deliveries =
        AppTelemetry.Meter.CreateCounter<long>("v96345.notifications", description: "Outbox deliveries by channel and outcome (sent, failed, dead)");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // The reason the last message of each channel died, so that a standing cause is not logged once per message.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<NotificationChannel, string> _lastDead = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Notifications:Enabled", true))
        {
            logger.LogInformation("The outbox dispatcher is disabled (Notifications:Enabled=false)");
            return;
        }

        var poll = TimeSpan.FromMilliseconds(Math.Max(10, configuration.GetValue("Notifications:PollMilliseconds", 500)));
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = poll;
            try
            {
                var handled = await DrainOnceAsync(stoppingToken);
                failures = 0;
                if (handled >= BatchSize)
                {
                    continue; // more may be waiting: no pause between full batches
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away for a while (restart, failover): back off instead of logging twice a second.
                failures++;
                wait = TimeSpan.FromMilliseconds(Math.Min(60_000, poll.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogError(e, "The outbox dispatcher failed; next try in {Wait}", wait);
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends the messages that are due now (up to <see cref="BatchSize"/>); returns how many it claimed and tried. The
    /// batch's claims commit together, its messages are read at once, and their outcomes (sent with their inbox rows,
    /// failed, dead) are saved together; if that save fails, each message is sent and saved again on its own.
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("outbox");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channels = scope.ServiceProvider.GetServices<INotificationChannel>().ToDictionary(c => c.Channel);

        // To the microsecond, as PostgreSQL stores it, so that the retry below can tell the lease is still this batch's.
        var now = Now;
        var lease = now + Lease;
        lease = lease.AddTicks(-(lease.Ticks % 10));
        var claimed = await ClaimAsync(db, now, lease, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var claimedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var messages = await db.Outbox.Where(m => claimed.Contains(m.Id)).OrderBy(m => m.DueAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var outcomes = new List<(OutboxMessage Message, string? Error)>();
        foreach (var message in messages)
        {
            // Slow receivers (each up to the 10-second HTTP timeout) must not outlast the lease, or another instance would
            // take the rest over while this one still sends: past half the lease, the rest wait for the lease to run out.
            if (System.Diagnostics.Stopwatch.GetElapsedTime(claimedAt) > Lease / 2)
            {
                break;
            }

            outcomes.Add((message, await TrySendAsync(db, channels, message, cancellationToken)));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One outcome could not be saved (an inbox row a second delivery had added meanwhile): each message alone.
            logger.LogWarning("Saving a batch of {Count} outbox messages failed ({Error}); sending them one at a time.", outcomes.Count, e.Message);
            var tried = outcomes.Select(o => o.Message.Id).ToList();
            db.ChangeTracker.Clear();
            foreach (var id in tried)
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(claimedAt) > Lease / 2)
                {
                    break;
                }

                await SendAsync(db, channels, id, lease, cancellationToken);
            }

            return claimed.Count;
        }

        foreach (var (message, error) in outcomes)
        {
            Report(message, error);
        }

        return claimed.Count;
    }

    /// <summary>
    /// Claims the due messages, oldest first, up to <see cref="BatchSize"/>: each by a conditional UPDATE that sets the
    /// lease only where no live lease exists, all in one transaction (on SQLite, the process's one writer). A message
    /// another instance leased between the read and the claim is passed over.
    /// </summary>
    private static async Task<List<Guid>> ClaimAsync(AppDbContext db, DateTime now, DateTime lease, CancellationToken cancellationToken)
    {
        var due = await Due(db.Outbox, now).OrderBy(m => m.DueAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return due;
        }

        List<Guid> claimed = [];
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        foreach (var id in due)
        {
            if (await Due(db.Outbox.Where(m => m.Id == id), now).ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lease), cancellationToken) == 1)
            {
                claimed.Add(id);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>
    /// Sends one message of a batch and marks it sent, or failed (returning why) with whatever its channel had added to the
    /// unit of work dropped, so that the rest of the batch saves.
    /// </summary>
    private async Task<string?> TrySendAsync(AppDbContext db, Dictionary<NotificationChannel, INotificationChannel> channels, OutboxMessage message,
        CancellationToken cancellationToken)
    {
        var before = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        try
        {
            if (!channels.TryGetValue(message.Channel, out var channel))
            {
                throw new DeliveryException($"No channel for {message.Channel}.");
            }

            await channel.SendAsync(message, cancellationToken);
            message.Sent(Now);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the lease runs out and the message is tried again
        }
        catch (Exception e)
        {
            foreach (var added in db.ChangeTracker.Entries().Where(x => !before.Contains(x.Entity)).ToList())
            {
                added.State = EntityState.Detached;
            }

            var error = e is DeliveryException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            message.Failed(error, Now, Random.Shared.NextDouble(), permanent: e is DeliveryException { Permanent: true });
            return error;
        }
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> outbox, DateTime now) =>
        outbox.Where(m => m.SentAt == null && m.DeadAt == null && m.DueAt <= now && (m.LockedUntil == null || m.LockedUntil < now));

    /// <summary>
    /// One message alone (its batch's save failed): its outcome saved, or, if even that fails, its failure. A message no
    /// longer held by this batch's <paramref name="lease"/> (another instance took it over, sent it or dead-lettered it)
    /// is left alone.
    /// </summary>
    private async Task SendAsync(AppDbContext db, Dictionary<NotificationChannel, INotificationChannel> channels, Guid id, DateTime lease,
        CancellationToken cancellationToken)
    {
        try
        {
            var message = await db.Outbox.SingleAsync(m => m.Id == id, cancellationToken);
            if (message.SentAt is not null || message.DeadAt is not null || message.LockedUntil != lease)
            {
                return;
            }

            var error = await TrySendAsync(db, channels, message, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // What the channel added (an inbox row) did not save: the message is read anew and marked failed.
                db.ChangeTracker.Clear();
                message = await db.Outbox.SingleAsync(m => m.Id == id, cancellationToken);
                error = $"{e.GetType().Name}: {e.Message}";
                message.Failed(error, Now, Random.Shared.NextDouble());
                await db.SaveChangesAsync(cancellationToken);
            }

            Report(message, error);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Counts a saved outcome and logs a failure: a dead letter for a reason already logged (no SMS gateway: every text) at Debug.</summary>
    private void Report(OutboxMessage failed, string? error)
    {
        if (error is null)
        {
            Deliveries.Add(1, Tag("channel", failed.Channel), Tag("outcome", "sent"));
            return;
        }

        var dead = failed.DeadAt is not null;
        Deliveries.Add(1, Tag("channel", failed.Channel), Tag("outcome", dead ? "dead" : "failed"));
        if (dead && _lastDead.TryGetValue(failed.Channel, out var same) && same == error)
        {
            logger.LogDebug("Outbox message {MessageId} ({Channel}) is dead after {Attempts} attempts: {Error}", failed.Id, failed.Channel, failed.Attempts, error);
        }
        else if (dead)
        {
            _lastDead[failed.Channel] = error;
            logger.LogWarning("Outbox message {MessageId} ({Channel}) is dead after {Attempts} attempts: {Error} (further messages dead for the same reason are logged at Debug)",
                failed.Id, failed.Channel, failed.Attempts, error);
        }
        else
        {
            logger.LogInformation("Outbox message {MessageId} ({Channel}) failed, attempt {Attempts}, next at {DueAt}: {Error}",
                failed.Id, failed.Channel, failed.Attempts, failed.DueAt, error);
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object value) => new(key, value.ToString());
}
