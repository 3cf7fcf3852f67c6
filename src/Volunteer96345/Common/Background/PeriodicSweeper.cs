namespace Volunteer96345.Common.Background;

/// <summary>
/// A hosted job that sweeps on a period of the injected clock: each sweep claims the rows due now and handles them, so a
/// failed sweep is logged and simply retried at the next period, and tests drive the sweep method themselves with the job
/// switched off. The sweepers of the points module share this loop; the SLA sweeper and the outbox dispatcher wake on
/// their own signals instead.
/// </summary>
internal abstract class PeriodicSweeper(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The injected clock, for the sweep's own notion of now.</summary>
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>Whether the job runs in this process (configuration; tests switch it off).</summary>
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Period { get; }

    /// <summary>One sweep over what is due now.</summary>
    protected abstract Task SweepAsync(CancellationToken cancellationToken);

    /// <summary>The process's own upkeep (backups, audit anchors), not a business deadline: whoever runs the app's time by hand leaves it out.</summary>
    public virtual bool Housekeeping => false;

    /// <summary>One sweep now, on the caller's clock, for whoever runs the app's time by hand (the demo's year).</summary>
    public Task SweepNowAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogError(e, "{Sweeper} failed; retrying at the next period.", GetType().Name);
            }

            await Task.Delay(Period, Clock, stoppingToken);
        }
    }
}
