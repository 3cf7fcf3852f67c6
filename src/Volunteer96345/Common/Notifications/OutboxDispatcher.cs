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

    /// <summary>Sends the messages that are due now (up to <see cref="BatchSize"/>); returns how many it claimed and tried.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("outbox");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var channels = scope.ServiceProvider.GetServices<INotificationChannel>().ToDictionary(c => c.Channel);

        var now = Now;
        var due = await Due(db.Outbox, now).OrderBy(m => m.DueAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in due)
        {
            now = Now;
            var lease = now + Lease;
            var claimed = await Due(db.Outbox.Where(m => m.Id == id), now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lease), cancellationToken);
            if (claimed != 1)
            {
                continue; // another instance has it
            }

            handled++;
            await SendAsync(db, channels, id, cancellationToken);
        }

        return handled;
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> outbox, DateTime now) =>
        outbox.Where(m => m.SentAt == null && m.DeadAt == null && m.DueAt <= now && (m.LockedUntil == null || m.LockedUntil < now));

    private async Task SendAsync(AppDbContext db, Dictionary<NotificationChannel, INotificationChannel> channels, Guid id, CancellationToken cancellationToken)
    {
        var message = await db.Outbox.SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            if (!channels.TryGetValue(message.Channel, out var channel))
            {
                throw new DeliveryException($"No channel for {message.Channel}.");
            }

            await channel.SendAsync(message, cancellationToken);
            message.Sent(Now);
            await db.SaveChangesAsync(cancellationToken);
            Deliveries.Add(1, Tag("channel", message.Channel), Tag("outcome", "sent"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the lease runs out and the message is tried again
        }
        catch (Exception e)
        {
            // Whatever the channel left in the unit of work (an inbox row that failed to save) is dropped with it, and the
            // message read anew; a channel that refused before anything was added or saved (no gateway, a refused
            // connection) leaves the message as it was read.
            var untouched = message.SentAt is null && db.ChangeTracker.Entries().All(x => x.Entity == message && x.State == EntityState.Unchanged);
            if (!untouched)
            {
                db.ChangeTracker.Clear();
            }

            var failed = untouched ? message : await db.Outbox.SingleAsync(m => m.Id == id, cancellationToken);
            var error = e is DeliveryException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            failed.Failed(error, Now, Random.Shared.NextDouble(), permanent: e is DeliveryException { Permanent: true });
            await db.SaveChangesAsync(cancellationToken);
            var dead = failed.DeadAt is not null;
            Deliveries.Add(1, Tag("channel", failed.Channel), Tag("outcome", dead ? "dead" : "failed"));
            if (dead && _lastDead.TryGetValue(failed.Channel, out var same) && same == error)
            {
                // The same reason again (no SMS gateway: every text): said once as a warning, not once per message.
                logger.LogDebug("Outbox message {MessageId} ({Channel}) is dead after {Attempts} attempts: {Error}", id, failed.Channel, failed.Attempts, error);
            }
            else if (dead)
            {
                _lastDead[failed.Channel] = error;
                logger.LogWarning("Outbox message {MessageId} ({Channel}) is dead after {Attempts} attempts: {Error} (further messages dead for the same reason are logged at Debug)",
                    id, failed.Channel, failed.Attempts, error);
            }
            else
            {
                logger.LogInformation("Outbox message {MessageId} ({Channel}) failed, attempt {Attempts}, next at {DueAt}: {Error}",
                    id, failed.Channel, failed.Attempts, failed.DueAt, error);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object value) => new(key, value.ToString());
}
