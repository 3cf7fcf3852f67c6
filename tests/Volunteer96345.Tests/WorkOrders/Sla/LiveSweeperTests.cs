using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.Sla;

/// <summary>The app with the machine's clock and its SLA sweeper running, as in production.</summary>
public sealed class LiveSweeperFixture : AppFixture
{
    protected override bool RealClock => true;
}

/// <summary>
/// The real sweeper against the real clock: every timer fires after its deadline, promptly, once. On
/// PostgreSQL a second app instance sweeps the same database at the same time, and still every timer fires once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiveSweeperTests(LiveSweeperFixture app) : IClassFixture<LiveSweeperFixture>
{
    private const int TimerCount = 24;

    [Fact]
    public async Task Real_timers_fire_no_earlier_than_their_deadline_and_within_a_second_of_it()
    {
        var (orderId, timers) = await ArrangeTimers();

        var fired = await WaitForAll(timers);

        AssertOnTime(fired);
        Assert.Equal(TimerCount, await ResolveOverdueEvents(orderId));
    }

    [Fact]
    public async Task Two_instances_on_one_postgresql_fire_every_timer_exactly_once()
    {
        Assert.SkipUnless(app.IsPostgres, "Two instances share a database server; SQLite is one process's file.");
        await using var second = new SecondInstance(app);
        _ = second.Server;
        var (orderId, timers) = await ArrangeTimers();

        var fired = await WaitForAll(timers);

        AssertOnTime(fired);
        Assert.Equal(TimerCount, await ResolveOverdueEvents(orderId));
    }

    private async Task<(Guid OrderId, List<Guid> Timers)> ArrangeTimers()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var receipt = await dispatcher.Receive(WorkOrderSteps.Call($"1390573{Random.Shared.Next(1000, 9999)}"));
        var orderId = receipt.GetProperty("id").GetGuid();
        var timers = await app.Db(async db =>
        {
            var order = await db.WorkOrders.SingleAsync(o => o.Id == orderId);
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var added = Enumerable.Range(0, TimerCount)
                .Select(i => SlaTimer.For(order, SlaTimerKind.ResolveDeadline, now.AddMilliseconds(1500 + (i * 100)))).ToList();
            db.SlaTimers.AddRange(added);
            await db.SaveChangesAsync();
            return added.Select(t => t.Id).ToList();
        });
        return (orderId, timers);
    }

    private async Task<List<SlaTimer>> WaitForAll(List<Guid> ids)
    {
        for (var i = 0; i < 100; i++)
        {
            var timers = await app.Db(db => db.SlaTimers.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync());
            if (timers.All(t => t.FiredAt is not null))
            {
                return timers;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("the timers did not all fire within 10 s");
        return [];
    }

    private static void AssertOnTime(List<SlaTimer> fired)
    {
        var lags = fired.Select(t => (t.FiredAt!.Value - t.DueAt).TotalMilliseconds).Order().ToList();
        Assert.All(lags, lag => Assert.True(lag >= 0, $"fired {lag} ms early"));
        // The 1 s p99 bar is measured by the benchmark on a quiet machine; a test only bounds gross lateness, because the
        // suite shares two cores with itself.
        Assert.True(lags[^1] <= 5000, $"the slowest fired {lags[^1]:0} ms late");
    }

    private Task<int> ResolveOverdueEvents(Guid orderId) =>
        app.Db(async db => (await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Id == orderId)).Events.Count(e => e.Kind == WorkOrderEventKind.ResolveOverdue));

    /// <summary>A second app instance on the first one's database: no migration, no seed, its own sweeper.</summary>
    private sealed class SecondInstance(AppFixture first) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", first.Provider);
            builder.UseSetting("ConnectionStrings:Default", first.ConnectionString);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Notifications:Enabled", "false");
            builder.UseSetting("Background:StartDelaySeconds", "0");
            builder.UseSetting("Privacy:KeyFile", Path.Combine(Path.GetTempPath(), $"v96345-second-{Guid.NewGuid():N}.key"));
        }
    }
}
