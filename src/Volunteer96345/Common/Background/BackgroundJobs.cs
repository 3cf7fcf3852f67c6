namespace Volunteer96345.Common.Background;

/// <summary>
/// The app's background jobs (the sweepers, the outbox, the daily backup, the audit anchors) begin once the app serves.
/// A job's first round runs its queries for the first time, so EF Core translates them and the JIT compiles their code:
/// begun before the server listened, the jobs took the cores that a restart needs for its first requests (about a second
/// of a restart on the town's two-core server). Nothing they do is due before the app serves: each round finds what
/// fell due meanwhile.
/// </summary>
internal static class BackgroundJobs
{
    /// <summary>Registers <typeparamref name="TJob"/> (itself registered as a singleton) to start when the app has started.</summary>
    public static void AddBackgroundJob<TJob>(this IServiceCollection services)
        where TJob : class, IHostedService =>
        services.AddSingleton<IHostedService>(sp => new StartsWhenServing(sp.GetRequiredService<TJob>(), sp.GetRequiredService<IHostApplicationLifetime>()));

    private sealed class StartsWhenServing(IHostedService job, IHostApplicationLifetime lifetime) : IHostedService
    {
        private CancellationTokenRegistration _started;
        private Task? _starting;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _started = lifetime.ApplicationStarted.Register(() => _starting = Task.Run(() => job.StartAsync(lifetime.ApplicationStopping)));
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await _started.DisposeAsync();
            if (_starting is { } starting)
            {
                await starting;
                await job.StopAsync(cancellationToken);
            }
        }
    }
}
