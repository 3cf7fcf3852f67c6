using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.WalkIn;

/// <summary>来访登记: a station's desk records walk-ins for its own station and no other.</summary>
[Trait("Category", "Integration")]
public sealed class WalkInTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, object?> Visit(Guid? stationId, string village = "城郊村") => new()
    {
        ["serviceCode"] = "LA-001",
        ["description"] = "家里插座冒火花",
        ["address"] = village + "3组8号",
        ["village"] = village,
        ["callerPhone"] = "13905732001",
        ["answers"] = new Dictionary<string, string> { ["fault"] = "power" },
        ["stationId"] = stationId,
    };

    [Fact]
    public async Task A_walk_in_at_chengjiao_is_recorded_for_chengjiao()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var station = await app.ChengjiaoPoint();

        var response = await manager.PostAsJsonAsync("/api/v1/work-orders?channel=WalkIn", Visit(station), TestData.ApiJson);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await app.Load((await response.Json()).GetProperty("id").GetGuid());
        Assert.Equal(station, order.StationId);
        Assert.Equal(IntakeChannel.WalkIn, order.Channel);
    }

    [Fact]
    public async Task A_manager_cannot_record_a_walk_in_for_another_station_and_nothing_is_saved()
    {
        var manager = await app.ClientFor(TestData.Chengjiao, "en-US");
        var before = await app.Fingerprint();
        var orders = await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync());

        var other = await manager.PostAsJsonAsync("/api/v1/work-orders?channel=WalkIn", Visit(await app.TaoyuanPoint(), "桃园村"), TestData.ApiJson);
        var unnamed = await manager.PostAsJsonAsync("/api/v1/work-orders?channel=WalkIn", Visit(null, "桃园村"), TestData.ApiJson);

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("stationId", (await other.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("stationId", (await unnamed.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(orders, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync()));
    }
}
