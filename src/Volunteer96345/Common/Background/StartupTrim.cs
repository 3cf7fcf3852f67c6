using System.Runtime;

namespace Volunteer96345.Common.Background;

/// <summary>
/// Start-up leaves garbage that the GC keeps committed: the EF Core model's build, the route table, the first translation
/// of each query, the background jobs' first rounds. Once that is over, Background:TrimAfterStartSeconds (default 10)
/// after the app serves (the jobs begin after 5), one blocking, compacting collection that decommits what it frees gives
/// it back to the operating system: about 7 MB of an idle restart's 203 MB on the town's server (docs/benchmarks.md).
/// Once per process, at a moment with no users yet; 0 turns it off.
/// </summary>
internal sealed class StartupTrim(IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<StartupTrim> logger) : IHostedService
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var after = configuration.GetValue("Background:TrimAfterStartSeconds", 10.0);
        if (after > 0)
        {
            _started = lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => TrimLaterAsync(TimeSpan.FromSeconds(after))));
        }

        return Task.CompletedTask;
    }

    // Housekeeping of the process, not a business deadline: the real clock, also under a test's fake one.
    private async Task TrimLaterAsync(TimeSpan after)
    {
        try
        {
            await Task.Delay(after, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("Start-up garbage returned: the GC's committed memory went from {Before} MB to {After} MB.",
            before / (1024 * 1024), GC.GetGCMemoryInfo().TotalCommittedBytes / (1024 * 1024));
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _started.DisposeAsync();
}
