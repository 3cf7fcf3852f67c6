using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data.Timers;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Respond;

namespace Volunteer96345.Tests.WorkOrders.Dispatch;

/// <summary>Two rounds of one candidate each, three minutes apart: the platform's alerts run out quickly.</summary>
public sealed class TwoRoundsFixture : AppFixture
{
    public TwoRoundsFixture()
    {
        Settings["Dispatch:MaxRounds"] = "2";
        Settings["Dispatch:PhaseSize"] = "1";
    }
}

/// <summary>An order nobody accepted after the last round goes back to the dispatcher, with the reason, and people are told.</summary>
[Trait("Category", "Integration")]
public sealed class GiveBackTests(TwoRoundsFixture app) : IClassFixture<TwoRoundsFixture>
{
    private TimerSweeper Sweeper => app.Services.GetRequiredService<TimerSweeper>();

    private async Task<WorkOrder> NewOrder(string phone)
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var receipt = await dispatcher.Receive(WorkOrderSteps.Call(phone));
        return await app.Load(receipt.GetProperty("id").GetGuid());
    }

    private async Task NextRound()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await Sweeper.FireDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task After_the_last_round_the_order_is_given_back_with_its_reason_and_the_managers_and_dispatchers_are_told_once()
    {
        var order = await NewOrder("13905738001");
        Assert.Equal(1, order.Round);

        await NextRound();
        var second = await app.Load(order.Id);
        Assert.Equal(2, second.Round);
        Assert.Null(second.UnansweredSince);

        await NextRound();
        await NextRound();

        var given = await app.Load(order.Id);
        Assert.Equal(2, given.Round);
        Assert.NotNull(given.UnansweredSince);
        var events = given.Events.Where(e => e.Kind == WorkOrderEventKind.Unanswered).ToList();
        Assert.Equal(nameof(UnansweredReason.LastRound), Assert.Single(events).Detail);
        Assert.Equal(2, given.Offers.Count(o => o.Status == OfferStatus.Open)); // a late accept is still welcome
        var managers = await app.Db(db => db.StaffStations.CountAsync(s => s.StationId == order.StationId));
        var told = await app.Db(db => db.Outbox.Where(m => m.Channel == NotificationChannel.Inbox && m.Subject == "【无人接单】" + order.TrackingCode)
            .CountAsync());
        Assert.True(told > managers, $"{told} notices for {managers} managers and the town's dispatchers");

        // The accept deadline passes later: the managers hear it, as an order that is back with the dispatcher.
        app.Clock.Advance(given.AcceptDue - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        await Sweeper.FireDueAsync(CancellationToken.None);
        var overdue = await app.Db(db => db.Outbox.Where(m => m.Channel == NotificationChannel.Inbox && m.Subject == "【超时未接单】" + order.TrackingCode)
            .Select(m => m.Body).ToListAsync());
        Assert.Equal(managers, overdue.Count);
        Assert.All(overdue, body => Assert.Contains("已退回人工派单", body, StringComparison.Ordinal));
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var board = await dispatcher.GetStringAsync("/api/v1/work-orders/board");
        Assert.Contains("\"unansweredSince\":\"", board);
    }

    [Fact]
    public async Task A_late_accept_takes_the_order_back_from_the_dispatchers_attention()
    {
        var order = await NewOrder("13905738002");
        await NextRound();
        await NextRound();
        var given = await app.Load(order.Id);
        Assert.NotNull(given.UnansweredSince);
        var offer = given.Offers.First(o => o.Status == OfferStatus.Open);

        var accepted = await app.As<RespondHandler, Result<WorkOrderStatus>>(WorkOrderSteps.Dispatcher,
            h => h.Accept(order.Id, offer.Id, CancellationToken.None));

        Assert.True(accepted.IsOk, accepted.Error?.Message);
        Assert.Null((await app.Load(order.Id)).UnansweredSince);
    }
}

/// <summary>No volunteer is near enough to be ranked at all.</summary>
public sealed class NobodyNearFixture : AppFixture
{
    public NobodyNearFixture() => Settings["Dispatch:MaxTravelKm"] = "-1";
}

[Trait("Category", "Integration")]
public sealed class NoCandidatesTests(NobodyNearFixture app) : IClassFixture<NobodyNearFixture>
{
    [Fact]
    public async Task An_order_with_nobody_to_alert_is_the_dispatchers_at_once()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var receipt = await dispatcher.Receive(WorkOrderSteps.Call("13905738101"));

        var order = await app.Load(receipt.GetProperty("id").GetGuid());
        Assert.Equal(0, receipt.GetProperty("offered").GetInt32());
        Assert.NotNull(order.UnansweredSince);
        Assert.Equal(nameof(UnansweredReason.NoCandidates), order.Events.Single(e => e.Kind == WorkOrderEventKind.Unanswered).Detail);
        var page = System.Net.WebUtility.HtmlDecode(await dispatcher.GetStringAsync($"/work-orders/{order.Id}"));
        Assert.Contains("没有找到可派的志愿者或队伍", page);
    }
}
