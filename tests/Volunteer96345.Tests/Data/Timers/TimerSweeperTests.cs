using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Data;
using Volunteer96345.Data.Timers;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Data.Timers;

/// <summary>
/// The sweeper with batches of two, and a save observer that makes any save touching one chosen order's timers fail as a
/// lost race would (<see cref="DbUpdateConcurrencyException"/>).
/// </summary>
public sealed class SmallBatchFixture : AppFixture
{
    public SmallBatchFixture() => Settings = new() { ["Timers:BatchSize"] = "2" };

    internal Saboteur Sabotage { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ISaveObserver>(Sabotage));
    }

    internal sealed class Saboteur : ISaveObserver
    {
        public Guid? Order { get; set; }

        public bool BeforeSave(ChangeTracker changes) =>
            Order is { } id && changes.Entries<SlaTimer>().Any(e => e.State == EntityState.Modified && e.Entity.WorkOrderId == id)
                ? throw new DbUpdateConcurrencyException("The order changed while its timers fired (a test's sabotage).")
                : false;

        public void Committed()
        {
        }
    }
}

/// <summary>The one sweeper's batches: oldest first across batches, each timer once, and a failed batch fired one at a time.</summary>
[Trait("Category", "Integration")]
public sealed class TimerSweeperTests(SmallBatchFixture app) : IClassFixture<SmallBatchFixture>
{
    private TimerSweeper Sweeper => app.Services.GetRequiredService<TimerSweeper>();

    private async Task<WorkOrder> NewOrder(string phone)
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var receipt = await dispatcher.Receive(WorkOrderSteps.Call(phone));
        return await app.Load(receipt.GetProperty("id").GetGuid());
    }

    private Task<List<SlaTimer>> Timers(Guid orderId) => app.Db(db => db.SlaTimers.AsNoTracking().Where(t => t.WorkOrderId == orderId).ToListAsync());

    [Fact]
    public async Task The_watch_sees_the_earliest_deadline_a_save_adds_and_forgets_it_once_taken()
    {
        var watch = app.Services.GetRequiredService<TimerWatch>();
        using var watching = watch.Watch();
        watch.TakeEarliestAdded();

        var order = await NewOrder("13905732077");

        var earliest = (await Timers(order.Id)).Min(t => t.DueAt);
        Assert.Equal(earliest, watch.TakeEarliestAdded() ?? DateTime.MinValue, TimeSpan.FromMilliseconds(1));
        Assert.Null(watch.TakeEarliestAdded());
        Assert.Equal(earliest, await Sweeper.NextDueAsync(CancellationToken.None) ?? DateTime.MinValue, TimeSpan.FromMilliseconds(1));

        // Unwatched, saves are not looked at.
        watching.Dispose();
        await NewOrder("13905732078");
        Assert.Null(watch.TakeEarliestAdded());
    }

    [Fact]
    public async Task A_backlog_fires_oldest_first_across_batches_and_every_timer_exactly_once()
    {
        var order = await NewOrder("13905732001");
        var start = app.Clock.GetUtcNow().UtcDateTime;
        // Seven more deadlines a second apart, stored newest first.
        await app.Db(async db =>
        {
            var tracked = await db.WorkOrders.SingleAsync(o => o.Id == order.Id);
            db.SlaTimers.AddRange(Enumerable.Range(1, 7).Reverse().Select(i => SlaTimer.For(tracked, SlaTimerKind.ResolveDeadline, start.AddSeconds(i))));
            return await db.SaveChangesAsync();
        });
        app.Clock.Advance(order.ResolveDue - start + TimeSpan.FromMinutes(1));
        var before = await app.Db(db => db.AuditEntries.AcrossStations("the test reads the sweeper's audit rows").MaxAsync(a => a.Sequence));

        var fired = await Sweeper.FireDueAsync(CancellationToken.None);
        var again = await Sweeper.FireDueAsync(CancellationToken.None);

        var timers = await Timers(order.Id);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.True(timers.Count >= 11, $"{timers.Count} timers");
        // Every timer due by the sweep fired; a round the sweep sent out may have set the next one, due later.
        Assert.All(timers.Where(t => t.DueAt <= now), t => Assert.NotNull(t.FiredAt));
        var pending = timers.Where(t => t.FiredAt is null).ToList();
        Assert.True(pending.Count <= 1 && pending.All(t => t.Kind == SlaTimerKind.NextRound && t.DueAt > now), string.Join(", ", pending.Select(t => $"{t.Kind} {t.DueAt:O}")));
        Assert.True(fired >= timers.Count - pending.Count, $"fired {fired} of the order's {timers.Count}");
        Assert.Equal(0, again);
        // Each firing is audited once, batch by batch (two to a transaction): every batch fired deadlines no newer than the next one's.
        var firings = await app.Db(db => db.AuditEntries.AcrossStations("the test reads the sweeper's audit rows")
            .Where(a => a.Sequence > before && a.EntityType == nameof(SlaTimer) && a.Action == "Modified").OrderBy(a => a.Sequence).Select(a => a.EntityId)
            .ToListAsync());
        Assert.Equal(firings.Count, firings.Distinct().Count());
        var batchOf = firings.Select((id, i) => (id, i / 2)).ToDictionary(x => x.id, x => x.Item2);
        var ours = timers.Where(t => t.FiredAt is not null).Select(t => (Batch: batchOf[t.Id.ToString()], t.DueAt)).ToList();
        Assert.All(ours, a => Assert.All(ours.Where(b => b.Batch > a.Batch), b => Assert.True(a.DueAt <= b.DueAt, $"batch {a.Batch} fired {a.DueAt:O} after batch {b.Batch}'s {b.DueAt:O}")));
    }

    [Fact]
    public async Task A_batch_that_fails_is_fired_one_at_a_time_and_the_timer_that_fails_stays_due_for_the_next_sweep()
    {
        var raced = await NewOrder("13905732002");
        var other = await NewOrder("13905732003");
        app.Sabotage.Order = raced.Id;
        try
        {
            app.Clock.Advance(other.AcceptDue - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
            await Sweeper.FireDueAsync(CancellationToken.None);

            Assert.NotNull((await Timers(other.Id)).Single(t => t.Kind == SlaTimerKind.AcceptDeadline).FiredAt);
            Assert.Null((await Timers(raced.Id)).Single(t => t.Kind == SlaTimerKind.AcceptDeadline).FiredAt);
            Assert.DoesNotContain((await app.Load(raced.Id)).Events, e => e.Kind == WorkOrderEventKind.AcceptOverdue);
        }
        finally
        {
            app.Sabotage.Order = null;
        }

        await Sweeper.FireDueAsync(CancellationToken.None);

        var accept = (await Timers(raced.Id)).Single(t => t.Kind == SlaTimerKind.AcceptDeadline);
        Assert.NotNull(accept.FiredAt);
        Assert.True(accept.Effective);
        Assert.Single((await app.Load(raced.Id)).Events, e => e.Kind == WorkOrderEventKind.AcceptOverdue);
        Assert.Single((await app.Load(other.Id)).Events, e => e.Kind == WorkOrderEventKind.AcceptOverdue);
    }

    [Fact]
    public async Task Deadlines_more_than_five_seconds_overdue_show_on_the_health_detail_and_the_live_board_until_they_fire()
    {
        await Sweeper.FireDueAsync(CancellationToken.None);
        var order = await NewOrder("13905732004");
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        Assert.Equal("Healthy", (await (await app.CreateClient().GetAsync("/healthz/detail")).Json()).GetProperty("status").GetString());

        app.Clock.Advance(order.AcceptDue - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(6));

        var health = await app.CreateClient().GetAsync("/healthz/detail");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        var detail = await health.Json();
        Assert.Equal("Degraded", detail.GetProperty("status").GetString());
        var timers = detail.GetProperty("checks").GetProperty("timers");
        Assert.True(timers.GetProperty("data").GetProperty("overdue").GetInt32() >= 1);
        Assert.True(timers.GetProperty("data").GetProperty("oldestLateSeconds").GetDouble() >= 6);
        Assert.Equal("Healthy", await (await app.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync());
        var board = await (await dispatcher.GetAsync("/api/v1/work-orders/board")).Json();
        Assert.True(board.GetProperty("overdueDeadlines").GetInt32() >= 1);
        var page = await dispatcher.GetAsync("/work-orders/board");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"board-backlog\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Sweeper.FireDueAsync(CancellationToken.None);

        Assert.Equal("Healthy", (await (await app.CreateClient().GetAsync("/healthz/detail")).Json()).GetProperty("status").GetString());
        Assert.Equal(0, (await (await dispatcher.GetAsync("/api/v1/work-orders/board")).Json()).GetProperty("overdueDeadlines").GetInt32());
        Assert.DoesNotContain("board-backlog", await (await dispatcher.GetAsync("/work-orders/board")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
