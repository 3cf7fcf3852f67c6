using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Volunteer96345.Common.Background;

/// <summary>
/// The app's background jobs (the sweepers, the outbox, the daily backup, the audit anchors) begin once the app serves.
/// A job's first round runs its queries for the first time, so EF Core translates them and the JIT compiles their code.
/// Begun before the server listened, or even the moment it did, the jobs took both cores from a restart's first requests
/// (all of them wait for the EF Core model, then translate their queries at once). So they begin
/// Background:StartDelaySeconds (default 5) after the app serves. Nothing is lost: each round finds what fell due
/// meanwhile, and a deadline due in those seconds fires that much late, once.
/// </summary>
internal static class BackgroundJobs
{
    /// <summary>Registers <typeparamref name="TJob"/> (itself registered as a singleton) to start Background:StartDelaySeconds after the app has started.</summary>
    public static void AddBackgroundJob<TJob>(this IServiceCollection services)
        where TJob : class, IHostedService
    {
        services.TryAddSingleton<BackgroundHold>();
        services.AddSingleton<IHostedService>(sp => new StartsWhenServing(sp.GetRequiredService<TJob>(), sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<BackgroundHold>(),
            TimeSpan.FromSeconds(Math.Max(0, sp.GetRequiredService<IConfiguration>().GetValue("Background:StartDelaySeconds", 5.0)))));
        if (typeof(PeriodicSweeper).IsAssignableFrom(typeof(TJob)))
        {
            // Whoever runs the app's time by hand (the demo's year) sweeps each of them at the moments it plays.
            services.AddSingleton(sp => (PeriodicSweeper)(object)sp.GetRequiredService<TJob>());
        }
    }

    private sealed class StartsWhenServing(IHostedService job, IHostApplicationLifetime lifetime, BackgroundHold hold, TimeSpan delay) : IHostedService
    {
        private CancellationTokenRegistration _started;
        private Task<bool>? _starting;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _started = lifetime.ApplicationStarted.Register(() => _starting = Task.Run(StartLaterAsync));
            return Task.CompletedTask;
        }

        // Housekeeping of the process, not a business deadline: the real clock, also under a test's fake one.
        private async Task<bool> StartLaterAsync()
        {
            try
            {
                await Task.Delay(delay, lifetime.ApplicationStopping);
                await hold.WhenFree.WaitAsync(lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            await job.StartAsync(lifetime.ApplicationStopping);
            return true;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await _started.DisposeAsync();
            if (_starting is { } starting && await starting)
            {
                await job.StopAsync(cancellationToken);
            }
        }
    }
}
