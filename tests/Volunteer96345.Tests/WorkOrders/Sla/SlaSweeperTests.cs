using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Notifications;
using Volunteer96345.WorkOrders;
using Volunteer96345.Data.Timers;

namespace Volunteer96345.Tests.WorkOrders.Sla;

/// <summary>The sweeper on the fake clock: never early, at the deadline, exactly once, and only while the milestone is unmet.</summary>
[Trait("Category", "Integration")]
public sealed class SlaSweeperTests(AppFixture app) : IClassFixture<AppFixture>
{
    private TimerSweeper Sweeper => app.Services.GetRequiredService<TimerSweeper>();

    private async Task<WorkOrder> NewOrder(string phone)
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var receipt = await dispatcher.Receive(WorkOrderSteps.Call(phone));
        return await app.Load(receipt.GetProperty("id").GetGuid());
    }

    private void AdvanceTo(DateTime moment)
    {
        var by = moment - app.Clock.GetUtcNow().UtcDateTime;
        if (by > TimeSpan.Zero)
        {
            app.Clock.Advance(by);
        }
    }

    private Task<List<SlaTimer>> Timers(Guid orderId) => app.Db(db => db.SlaTimers.AsNoTracking().Where(t => t.WorkOrderId == orderId).ToListAsync());

    private Task<int> EventCount(Guid orderId, WorkOrderEventKind kind) =>
        app.Db(async db => (await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Id == orderId)).Events.Count(e => e.Kind == kind));

    [Fact]
    public async Task The_accept_deadline_fires_at_its_moment_not_a_millisecond_before_and_only_once()
    {
        var order = await NewOrder("13905731001");

        AdvanceTo(order.AcceptDue.AddMilliseconds(-1));
        await Sweeper.FireDueAsync(CancellationToken.None);
        Assert.Null((await Timers(order.Id)).Single(t => t.Kind == SlaTimerKind.AcceptDeadline).FiredAt);

        AdvanceTo(order.AcceptDue);
        await Sweeper.FireDueAsync(CancellationToken.None);
        await Sweeper.FireDueAsync(CancellationToken.None);

        var timer = (await Timers(order.Id)).Single(t => t.Kind == SlaTimerKind.AcceptDeadline);
        Assert.Equal(order.AcceptDue, timer.FiredAt);
        Assert.True(timer.Effective);
        Assert.Equal(1, await EventCount(order.Id, WorkOrderEventKind.AcceptOverdue));
        // Each manager hears it once: as the deadline passed with the offers widened, or, when that spent the last round, as
        // the order going back to the dispatcher.
        var managers = (await app.Db(db => db.StaffStations.Where(s => s.StationId == order.StationId).Select(s => s.UserId).ToListAsync())).Select(u => u.ToString());
        var told = await app.Db(db => db.Outbox.Where(m => m.Channel == NotificationChannel.Inbox && m.Subject.Contains(order.TrackingCode)
            && (m.Subject.StartsWith("【超时未接单】") || m.Subject.StartsWith("【无人接单】"))).Select(m => m.Recipient).ToListAsync());
        Assert.NotEmpty(managers);
        Assert.All(managers, manager => Assert.Single(told, manager));
        // A timer's creation is not audited (its order's row says it), its firing is.
        var audited = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityType == nameof(SlaTimer) && a.EntityId == timer.Id.ToString())
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(["Modified"], audited);
    }

    [Fact]
    public async Task Concurrent_sweeps_fire_every_timer_of_an_order_exactly_once()
    {
        var order = await NewOrder("13905731002");
        AdvanceTo(order.ResolveDue.AddSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Sweeper.FireDueAsync(CancellationToken.None))));
        await Sweeper.FireDueAsync(CancellationToken.None);

        // Every timer due by the sweep fired; a round the sweep offered may have set the next round's timer, due later
        // (one only: a round fired twice would have set two).
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var timers = await Timers(order.Id);
        Assert.All(timers.Where(t => t.DueAt <= now), t => Assert.NotNull(t.FiredAt));
        Assert.InRange(timers.Count(t => t.DueAt > now), 0, 1);
        Assert.All(timers.Where(t => t.DueAt > now), t => Assert.Equal(SlaTimerKind.NextRound, t.Kind));
        foreach (var kind in new[] { WorkOrderEventKind.AcceptOverdue, WorkOrderEventKind.ArrivalWarning, WorkOrderEventKind.ArrivalBreach,
                     WorkOrderEventKind.ResolveOverdue })
        {
            Assert.Equal(1, await EventCount(order.Id, kind));
        }

        Assert.True((await app.Load(order.Id)).ArrivalBreached);
    }

    [Fact]
    public async Task A_met_milestone_spends_its_deadlines_at_once_and_a_deadline_already_passed_keeps_its_effect()
    {
        var order = await NewOrder("13905731003");
        var offer = order.Offers.First(o => o.Status == OfferStatus.Open);
        Assert.True(order.AcceptDue.AddSeconds(1) < order.ArriveDue!.Value.AddMinutes(-WorkOrder.WarningBeforeArrival));

        // Accepted late: the accept deadline has fired with effect, and accepting does not undo that.
        var sweptAt = order.AcceptDue.AddSeconds(1);
        AdvanceTo(sweptAt);
        await Sweeper.FireDueAsync(CancellationToken.None);
        Assert.True(await app.As<Volunteer96345.WorkOrders.Respond.RespondHandler, bool>(WorkOrderSteps.Dispatcher, async h =>
            (await h.Accept(order.Id, offer.Id, CancellationToken.None)).IsOk));
        var timers = await Timers(order.Id);
        var accept = timers.Single(t => t.Kind == SlaTimerKind.AcceptDeadline);
        Assert.Equal(sweptAt, accept.FiredAt);
        Assert.True(accept.Effective);
        Assert.All(timers.Where(t => t.Kind is SlaTimerKind.ArrivalWarning or SlaTimerKind.ArrivalBreach or SlaTimerKind.ResolveDeadline), t => Assert.Null(t.FiredAt));

        // Arrived in time: both arrival deadlines are spent at the arrival, before they fall due, without effect.
        var arrivedAt = app.Clock.GetUtcNow().UtcDateTime;
        Assert.True(await app.As<Volunteer96345.WorkOrders.Respond.RespondHandler, bool>(WorkOrderSteps.Dispatcher, async h =>
            (await h.Arrive(order.Id, new(), CancellationToken.None)).IsOk));
        timers = await Timers(order.Id);
        Assert.All(timers.Where(t => t.Kind is SlaTimerKind.ArrivalWarning or SlaTimerKind.ArrivalBreach), t =>
        {
            Assert.Equal(arrivedAt, t.FiredAt);
            Assert.True(t.FiredAt < t.DueAt);
            Assert.False(t.Effective);
        });
        Assert.Null(timers.Single(t => t.Kind == SlaTimerKind.ResolveDeadline).FiredAt);

        // The sweep past the arrival deadline finds nothing to do: no breach.
        AdvanceTo(order.ArriveDue!.Value.AddSeconds(1));
        await Sweeper.FireDueAsync(CancellationToken.None);
        Assert.Equal(0, await EventCount(order.Id, WorkOrderEventKind.ArrivalBreach));
        Assert.Equal(0, await EventCount(order.Id, WorkOrderEventKind.ArrivalWarning));
        Assert.False((await app.Load(order.Id)).ArrivalBreached);
        Assert.Equal(arrivedAt, (await Timers(order.Id)).Single(t => t.Kind == SlaTimerKind.ArrivalBreach).FiredAt);
    }
}
