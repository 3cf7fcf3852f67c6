using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Board;

namespace Volunteer96345.Tests.WorkOrders.Dispatch;

/// <summary>The dispatch actions of the order page, through the API the page's handlers also serve, and the board that shows them.</summary>
[Trait("Category", "Integration")]
public sealed class DispatchActionsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static int _phone = 4000;

    private async Task<Guid> NewOrder(string village = "城郊村")
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var receipt = await dispatcher.Receive(WorkOrderSteps.Call($"1390573{Interlocked.Increment(ref _phone):D4}", village: village));
        return receipt.GetProperty("id").GetGuid();
    }

    private Task<Guid> AnyVolunteer() =>
        app.Db(db => db.Volunteers.IgnoreQueryFilters().Where(v => v.Status == VolunteerStatus.Active).OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());

    [Fact]
    public async Task Assigning_a_volunteer_opens_an_offer_to_them()
    {
        var id = await NewOrder();
        var volunteer = await AnyVolunteer();
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var response = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{id}/dispatch", new { mode = "Assign", kind = "Volunteer", candidateId = volunteer });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await app.Load(id);
        Assert.Contains(order.Offers, o => o.CandidateId == volunteer && o.Status == OfferStatus.Open);
        Assert.Equal(WorkOrderStatus.Dispatched, order.Status);
    }

    [Fact]
    public async Task A_station_manager_bounces_an_order_to_the_town_and_its_deadlines_stay()
    {
        var id = await NewOrder();
        var before = await app.Load(id);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var manager = await app.ClientFor(TestData.Chengjiao);

        var response = await manager.PostAsJsonAsync($"/api/v1/work-orders/{id}/bounce", new { reason = "本村今天无人在岗" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var after = await app.Load(id);
        Assert.True(after.AwaitingTown);
        Assert.Equal(before.AcceptDue, after.AcceptDue);
        Assert.Equal(before.ArriveDue, after.ArriveDue);
        Assert.Equal(before.ResolveDue, after.ResolveDue);
        Assert.DoesNotContain(after.Offers, o => o.Status == OfferStatus.Open);
        var board = await app.As<BoardHandler, BoardView>(WorkOrderSteps.Dispatcher, async h => (await h.Get(null, null, CancellationToken.None)).Value);
        Assert.True(Assert.Single(board.Open, o => o.Id == id).AwaitingTown);
    }

    [Fact]
    public async Task Only_the_town_dispatcher_reroutes_an_order()
    {
        var id = await NewOrder();
        var taoyuan = await app.TaoyuanPoint();
        var manager = await app.ClientFor(TestData.Chengjiao);
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var refused = await manager.PostAsJsonAsync($"/api/v1/work-orders/{id}/reroute", new { stationId = taoyuan });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(await app.ChengjiaoPoint(), (await app.Load(id)).StationId);

        var rerouted = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{id}/reroute", new { stationId = taoyuan });
        Assert.Equal(HttpStatusCode.NoContent, rerouted.StatusCode);
        Assert.Equal(taoyuan, (await app.Load(id)).StationId);
    }

    [Fact]
    public async Task A_manager_of_another_station_finds_no_such_order()
    {
        var id = await NewOrder();
        var other = await app.ClientFor(TestData.Taoyuan);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/work-orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/work-orders/{id}/rank", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/work-orders/{id}/bounce", new { reason = "不是我们的" })).StatusCode);
        var board = await app.As<BoardHandler, BoardView>(TestData.Taoyuan, async h => (await h.Get(null, null, CancellationToken.None)).Value);
        Assert.DoesNotContain(board.Open, o => o.Id == id);
    }

    [Fact]
    public async Task The_board_shows_an_open_order_waiting_for_acceptance_with_its_accept_deadline()
    {
        var id = await NewOrder();

        var chengjiao = await app.ChengjiaoPoint();
        var board = await app.As<BoardHandler, BoardView>(WorkOrderSteps.Dispatcher, async h => (await h.Get(chengjiao, null, CancellationToken.None)).Value);

        var row = Assert.Single(board.Open, o => o.Id == id);
        Assert.Equal(Milestone.Accept, row.Next);
        Assert.Equal((await app.Load(id)).AcceptDue, row.NextDue);
        Assert.All(board.Open, o => Assert.Equal(chengjiao, o.StationId));
    }

    [Fact]
    public async Task A_saved_order_change_is_announced_on_the_feed()
    {
        var feed = app.Services.GetRequiredService<WorkOrderFeed>();
        var heard = 0;
        void Count() => Interlocked.Increment(ref heard);
        feed.Changed += Count;
        try
        {
            await NewOrder();
        }
        finally
        {
            feed.Changed -= Count;
        }

        Assert.True(heard >= 1);
    }

    [Theory]
    [InlineData("dispatch", """{"mode":"Assign","kind":"Volunteer"}""")]
    [InlineData("dispatch", """{"mode":"Teleport"}""")]
    [InlineData("dispatch", """{}""")]
    [InlineData("bounce", """{"reason":""}""")]
    [InlineData("reroute", """{"stationId":null}""")]
    public async Task A_dispatch_action_with_bad_input_is_refused_and_changes_nothing(string action, string body)
    {
        var id = await NewOrder();
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var before = await app.Fingerprint();
        var order = await app.Load(id);

        var response = await dispatcher.PostAsync($"/api/v1/work-orders/{id}/{action}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
        var after = await app.Load(id);
        Assert.Equal(order.Version, after.Version);
        Assert.Equal(order.Events.Count, after.Events.Count);
    }
}
