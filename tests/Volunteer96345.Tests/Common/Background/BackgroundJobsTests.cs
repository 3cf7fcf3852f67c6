using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Volunteer96345.Common.Background;

namespace Volunteer96345.Tests.Common.Background;

/// <summary>Background jobs wait until the app serves, then start; a stop before that never starts them.</summary>
public sealed class BackgroundJobsTests
{
    [Fact]
    public async Task A_job_starts_when_the_app_has_started_and_stops_with_it()
    {
        var (host, job, lifetime) = Build();

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
        var (host, job, lifetime) = Build();

        await host.StartAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);
        lifetime.NotifyStarted();

        Assert.False(job.Started.Task.IsCompleted);
        Assert.False(job.Stopped);
    }

    private static (IHostedService Host, RecordingJob Job, ApplicationLifetime Lifetime) Build()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var services = new ServiceCollection();
        services.AddSingleton<IHostApplicationLifetime>(lifetime);
        services.AddSingleton<RecordingJob>();
        services.AddBackgroundJob<RecordingJob>();
        var provider = services.BuildServiceProvider();
        return (provider.GetServices<IHostedService>().Single(), provider.GetRequiredService<RecordingJob>(), lifetime);
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
