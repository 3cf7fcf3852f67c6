using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// A rating belongs to whoever gave the service it rates. A call-back that finds the problem unsolved re-opens the order
/// and clears its responder for the next round: the low feedback and the call-back of the first round must still count
/// against the volunteer who served it. Its own database, where these are the only ratings.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReopenedOrderRatingsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> Reopened()
    {
        if (await app.Db(db => db.WorkOrders.Where(o => o.Reopens > 0).Select(o => (Guid?)o.Id).SingleOrDefaultAsync()) is { } id)
        {
            return id;
        }

        var order = await app.RatedOrder("13905734201", 1, "Poor", "NotSolved");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var callback = await app.Db(db => db.Callbacks.Where(c => c.WorkOrderId == order && c.Reason == CallbackReason.LowRating).Select(c => c.Id).SingleAsync());
        var done = await (await app.ClientFor(TestData.Dispatcher)).PostAsJsonAsync($"/api/v1/callbacks/{callback}",
            new { reached = true, satisfaction = 1, comment = "水管还在漏", reopen = true });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        return order;
    }

    private async Task<JsonElement> Table(string kind)
    {
        var response = await (await app.ClientFor(TestData.Inspector)).GetAsync($"{EvaluationSteps.Api}/standings?period=2026-Q4&kind={kind}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    [Fact]
    public async Task The_station_keeps_the_ratings_of_a_re_opened_order()
    {
        await Reopened();

        var station = Assert.Single((await Table("Station")).GetProperty("rows").EnumerateArray());

        Assert.Equal(await app.ChengjiaoPoint(), station.GetProperty("id").GetGuid());
        Assert.Equal((2, 1, 1), (station.GetProperty("count").GetInt32(), station.GetProperty("feedback").GetInt32(), station.GetProperty("callbacks").GetInt32()));
        Assert.Equal(0, station.GetProperty("outcome").GetProperty("raw").GetDouble());
    }

    [Fact]
    public async Task The_volunteer_who_served_a_re_opened_order_keeps_its_low_feedback_and_the_call_back_that_re_opened_it()
    {
        var order = await Reopened();
        var demo = await app.DemoVolunteerId();
        Assert.Null((await app.Load(order)).ResponderId);

        var rows = (await Table("Volunteer")).GetProperty("rows").EnumerateArray().ToList();

        var row = Assert.Single(rows, r => r.GetProperty("id").GetGuid() == demo);
        Assert.Equal((2, 1, 1), (row.GetProperty("count").GetInt32(), row.GetProperty("feedback").GetInt32(), row.GetProperty("callbacks").GetInt32()));
        Assert.Equal(0, row.GetProperty("outcome").GetProperty("raw").GetDouble());
    }
}
