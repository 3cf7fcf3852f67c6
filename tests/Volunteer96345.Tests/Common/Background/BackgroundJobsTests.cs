using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Volunteer96345.Common.Background;

namespace Volunteer96345.Tests.Common.Background;

/// <summary>Background jobs wait until the app serves and Background:StartDelaySeconds more, then start; a stop before that never starts them.</summary>
public sealed class BackgroundJobsTests
{
    [Fact]
    public async Task A_job_starts_when_the_app_has_started_and_stops_with_it()
    {
        var (host, job, lifetime) = Build(0);

        await host.StartAsync(CancellationToken.None);
        Assert.False(job.Started.Task.IsCompleted);

        lifetime.NotifyStarted();
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await host.StopAsync(CancellationToken.None);
        Assert.True(job.Stopped);
    }

    [Fact]
    public async Task A_job_of_an_app_that_stops_before_it_serves_never_starts()
    {
        var (host, job, lifetime) = Build(0);

        await host.StartAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);
        lifetime.NotifyStarted();

        Assert.False(job.Started.Task.IsCompleted);
        Assert.False(job.Stopped);
    }

    [Fact]
    public async Task A_job_starts_only_after_the_start_delay_and_not_at_all_when_the_app_stops_within_it()
    {
        var (host, job, lifetime) = Build(0.5);
        await host.StartAsync(CancellationToken.None);
        var served = System.Diagnostics.Stopwatch.StartNew();
        lifetime.NotifyStarted();
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(served.Elapsed >= TimeSpan.FromSeconds(0.45));
        await host.StopAsync(CancellationToken.None);
        Assert.True(job.Stopped);

        var (early, waiting, earlyLifetime) = Build(30);
        await early.StartAsync(CancellationToken.None);
        earlyLifetime.NotifyStarted();
        earlyLifetime.StopApplication();
        await early.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(waiting.Started.Task.IsCompleted);
        Assert.False(waiting.Stopped);
    }

    [Fact]
    public async Task A_job_waits_while_start_up_work_holds_the_jobs_and_starts_when_it_lets_go()
    {
        var (host, job, lifetime, hold) = BuildWithHold(0);
        var holding = hold.Hold("DemoYear.Generating");
        await host.StartAsync(CancellationToken.None);
        lifetime.NotifyStarted();

        await Task.Delay(300);
        Assert.False(job.Started.Task.IsCompleted);
        Assert.Equal("DemoYear.Generating", hold.Note);

        holding.Dispose();
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(hold.Note);
        await host.StopAsync(CancellationToken.None);
    }

    private static (IHostedService Host, RecordingJob Job, ApplicationLifetime Lifetime) Build(double startDelaySeconds)
    {
        var (host, job, lifetime, _) = BuildWithHold(startDelaySeconds);
        return (host, job, lifetime);
    }

    private static (IHostedService Host, RecordingJob Job, ApplicationLifetime Lifetime, BackgroundHold Hold) BuildWithHold(double startDelaySeconds)
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Background:StartDelaySeconds"] = startDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build());
        services.AddSingleton<IHostApplicationLifetime>(lifetime);
        services.AddSingleton<RecordingJob>();
        services.AddBackgroundJob<RecordingJob>();
        var provider = services.BuildServiceProvider();
        return (provider.GetServices<IHostedService>().Single(), provider.GetRequiredService<RecordingJob>(), lifetime, provider.GetRequiredService<BackgroundHold>());
    }

    private sealed class RecordingJob : IHostedService
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }
}
