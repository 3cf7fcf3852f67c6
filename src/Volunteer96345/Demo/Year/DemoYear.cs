using System.Diagnostics;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;
using Volunteer96345.Data.Timers;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// The demo town's past twelve months, lived through the real handlers under a moved clock: once the demo seed has filled
/// an empty database and the app answers, this job plays the year day by day: each part (orders, activities, points,
/// station services) puts the day's acts on the stage, the acts play in the order of their moments, each at its moment
/// (<see cref="TravelClock"/>), and before each act the timers due by then fire, so a late accept breaches its deadline as
/// it would have. At each day's end the periodic sweepers (expiry, holds, claims' publicity, stored items) sweep, at that
/// moment, and the day's outbox is delivered beside the next day's acts. The background jobs wait
/// (<see cref="BackgroundHold"/>) and the app shell says 演示数据生成中 until the year is done. Deterministic in what it asks: the parts draw from seeded random streams, so the
/// same start plans the same year (which volunteer the ranking puts first may differ when two tie, since ids are random).
/// Demo:Year (default true) switches it off; the test suites do, except the year's own tests.
/// If the app stops mid-way, the months played so far stay, and the rest is not played again (delete the database to
/// seed anew).
/// </summary>
internal sealed class DemoYear(IServiceProvider services, IHostApplicationLifetime lifetime, BackgroundHold hold, ILogger<DemoYear> logger)
    : IHostedService
{
    public const string Note = "DemoYear.Generating";

    private IDisposable? _hold;
    private Task? _playing;

    /// <summary>Set by the demo seed when it has just filled an empty database: only then is there a year to play.</summary>
    public bool Pending { get; set; }

    /// <summary>The year's end: the seed's now.</summary>
    public DateTime? EndUtc { get; set; }

    /// <summary>The finished year's figures (acts played, refused), for the log and the tests.</summary>
    public Task<YearPlayed?> Played => _playing is Task<YearPlayed?> played ? played : Task.FromResult<YearPlayed?>(null);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Pending && EndUtc is { } end)
        {
            _hold = hold.Hold(Note);
            var done = new TaskCompletionSource<YearPlayed?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _playing = done.Task;
            lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
            {
                try
                {
                    done.SetResult(await PlayAsync(end, lifetime.ApplicationStopping));
                }
                catch (Exception e)
                {
                    if (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "The demo year stopped before its end; the months played so far stay.");
                    }

                    done.SetResult(null);
                }
                finally
                {
                    TravelClock.Set(null);
                    _hold?.Dispose();
                }
            }));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Plays the twelve months that end at <paramref name="endUtc"/>.</summary>
    public async Task<YearPlayed> PlayAsync(DateTime endUtc, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var lastDay = DateOnly.FromDateTime(Shanghai.ToLocal(endUtc));
        var firstDay = lastDay.AddYears(-1);
        var stage = new YearStage(services.GetRequiredService<IServiceScopeFactory>(), Shanghai.StartOfDayUtc(firstDay), endUtc);
        var parts = services.GetServices<YearPart>().ToList();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("demo");
            foreach (var part in parts)
            {
                await part.PrepareAsync(scope.ServiceProvider, stage, cancellationToken);
            }
        }

        var timers = services.GetRequiredService<TimerSweeper>();
        var sweepers = services.GetServices<PeriodicSweeper>().Where(s => !s.Housekeeping).ToList();
        var outbox = services.GetRequiredService<OutboxDispatcher>();
        var connections = services.GetRequiredService<Data.DatabaseConnections>();
        var spent = new Dictionary<string, TimeSpan>();
        async Task Timed(string what, Func<Task> work)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            spent[what] = spent.GetValueOrDefault(what) + Stopwatch.GetElapsedTime(started);
        }

        // When the next deadline falls: read after each sweep; in between, an act can only bring it forward by adding a timer,
        // or put it back by meeting a milestone (MetDeadlines), so it is read again before a sweep.
        var added = services.GetRequiredService<TimerWatch>();
        using var watching = added.Watch();
        async Task<DateTime?> NextDueAsync()
        {
            added.TakeEarliestAdded();
            return await timers.NextDueAsync(cancellationToken);
        }

        var nextDue = await NextDueAsync();
        var delivering = Task.CompletedTask;
        try
        {
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                hold.Progress = day;
                TravelClock.Set(Shanghai.StartOfDayUtc(day));
                foreach (var part in parts)
                {
                    part.PlanDay(day, stage);
                }

                var dayEnd = Shanghai.StartOfDayUtc(day.AddDays(1));
                var until = dayEnd < endUtc ? dayEnd : endUtc;
                while (stage.TryNext(until, out var act))
                {
                    TravelClock.Set(act.At);
                    stage.Now = act.At;
                    // The deadlines due by this moment fire first.
                    if (nextDue is { } due && due <= act.At)
                    {
                        await Timed("timers", async () =>
                        {
                            if ((nextDue = await NextDueAsync()) <= act.At)
                            {
                                await timers.FireDueAsync(cancellationToken);
                                nextDue = await NextDueAsync();
                            }
                        });
                    }

                    AppError? error = null;
                    await Timed(act.What, async () => error = await act.Run(cancellationToken));
                    if (added.TakeEarliestAdded() is { } earlier && (nextDue is null || earlier < nextDue))
                    {
                        nextDue = earlier;
                    }

                    stage.Count(act.What, error);
                    if (error is not null)
                    {
                        logger.LogDebug("Demo year, {At:O}: {What} refused ({Error} {Fields}).", act.At, act.What, error.Message,
                            string.Join("; ", error.Fields.Select(f => f.Key + ": " + string.Join(" ", f.Value))));
                    }
                }

                // The night's housekeeping, at the day's end: deadlines, expiry and holds, the publicity of claims, the outbox.
                TravelClock.Set(until.AddTicks(-1));
                await Timed("timers", () => timers.FireDueAsync(cancellationToken));
                foreach (var sweeper in sweepers)
                {
                    await Timed(sweeper.GetType().Name, () => sweeper.SweepNowAsync(cancellationToken));
                }

                nextDue = await NextDueAsync();
                // The day's messages are delivered on the other core while the next day plays (the inbox dates a notice by
                // when it was raised, so the delivery's moment does not show); one day's delivery ends before the next starts.
                // After a Sunday's, the WAL is truncated too: a writer that never pauses keeps the periodic checkpoint from ever
                // catching up.
                await Timed("outbox", () => delivering);
                var sunday = day.DayOfWeek == DayOfWeek.Sunday;
                delivering = Task.Run(async () =>
                {
                    while (await outbox.DrainOnceAsync(cancellationToken) >= OutboxDispatcher.BatchSize)
                    {
                    }

                    if (sunday)
                    {
                        await connections.RewindLogAsync(cancellationToken);
                    }
                }, cancellationToken);
            }

        }
        catch
        {
            // A failed act ends the year; the day's delivery is not left running behind it (its failure, if any, is not
            // the one to report).
            await delivering.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        await Timed("outbox", () => delivering);
        TravelClock.Set(null);
        var played = new YearPlayed(stage.Played, stage.Refused);
        logger.LogInformation("Demo year played in {Milliseconds} ms: {Played} acts, {Refused} refused ({Which}).", watch.ElapsedMilliseconds, played.Played,
            played.Refused.Values.Sum(), string.Join(", ", played.Refused.Select(r => $"{r.Key} {r.Value}")));
        logger.LogInformation("Demo year, where the time went: {Spent}.",
            string.Join(", ", spent.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value.TotalMilliseconds:F0} ms")));
        return played;
    }
}

/// <summary>What the year came to: the acts played and, by name, those the platform refused.</summary>
internal sealed record YearPlayed(int Played, IReadOnlyDictionary<string, int> Refused);
