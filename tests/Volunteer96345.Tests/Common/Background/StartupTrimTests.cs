using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Volunteer96345.Common.Background;

namespace Volunteer96345.Tests.Common.Background;

/// <summary>One collection that gives start-up's garbage back, Background:TrimAfterStartSeconds after the app serves; never when 0 or when the app stops first.</summary>
public sealed class StartupTrimTests
{
    [Fact]
    public async Task The_trim_runs_once_after_the_app_serves_and_the_delay()
    {
        var (trim, lifetime, log) = Build(0.2);
        await trim.StartAsync(CancellationToken.None);
        await Task.Delay(400);
        Assert.Empty(log);

        lifetime.NotifyStarted();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (log.IsEmpty && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(0.15));
        Assert.Contains("Start-up garbage returned", Assert.Single(log), StringComparison.Ordinal);
        await trim.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task No_trim_when_it_is_turned_off_or_the_app_stops_within_the_delay()
    {
        var (off, offLifetime, offLog) = Build(0);
        await off.StartAsync(CancellationToken.None);
        offLifetime.NotifyStarted();

        var (early, earlyLifetime, earlyLog) = Build(0.3);
        await early.StartAsync(CancellationToken.None);
        earlyLifetime.NotifyStarted();
        earlyLifetime.StopApplication();
        await early.StopAsync(CancellationToken.None);

        await Task.Delay(800);
        Assert.Empty(offLog);
        Assert.Empty(earlyLog);
    }

    private static (StartupTrim Trim, ApplicationLifetime Lifetime, ConcurrentQueue<string> Log) Build(double seconds)
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Background:TrimAfterStartSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build();
        var log = new ConcurrentQueue<string>();
        return (new StartupTrim(lifetime, configuration, new ListLogger(log)), lifetime, log);
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger<StartupTrim>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
