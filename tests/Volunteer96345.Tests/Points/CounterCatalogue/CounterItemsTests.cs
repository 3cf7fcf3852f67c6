using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Network;
using Volunteer96345.Points;

namespace Volunteer96345.Tests.Points.CounterCatalogue;

/// <summary>Each service point keeps its own redemption catalogue: a station manager sees and changes only their stations' items.</summary>
[Trait("Category", "Integration")]
public sealed class CounterItemsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<Guid> Point(string village) => app.Db(db => db.Stations.IgnoreQueryFilters()
        .Where(s => s.Village == village && s.Kind == Volunteer96345.Network.StationKind.ServicePoint).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task A_station_manager_lists_an_item_at_their_point_and_only_they_see_it()
    {
        var chengjiao = await app.ClientFor(RedemptionSteps.Manager);
        var taoyuan = await app.ClientFor(RedemptionSteps.OtherManager);

        var created = await chengjiao.PostAsJsonAsync("/api/v1/points/counter-items",
            new { stationId = await Point("城郊村"), name = "雨伞一把", kind = "Goods", price = 45, stock = 12 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json()).GetProperty("id").GetGuid();
        Assert.Contains(await chengjiao.GetFromJsonAsync<List<CounterItemView>>("/api/v1/points/counter-items") ?? [], i => i.Id == id && i.Stock == 12);
        Assert.DoesNotContain(await taoyuan.GetFromJsonAsync<List<CounterItemView>>("/api/v1/points/counter-items") ?? [], i => i.Id == id);
        Assert.Equal(HttpStatusCode.NotFound, (await taoyuan.PutAsJsonAsync($"/api/v1/points/counter-items/{id}", new { name = "改名", kind = "Goods", price = 1, stock = 0 })).StatusCode);

        var counted = await chengjiao.PutAsJsonAsync($"/api/v1/points/counter-items/{id}", new { name = "雨伞一把", kind = "Goods", price = 50, stock = 9 });
        Assert.Equal(HttpStatusCode.NoContent, counted.StatusCode);
        Assert.Equal((50, 9), await app.Db(db => db.Set<CounterItem>().IgnoreQueryFilters().Where(i => i.Id == id).Select(i => new ValueTuple<int, int>(i.Price, i.Stock)).SingleAsync()));
    }

    public static TheoryData<string, string, int, string> BadInput() => new()
    {
        { "POST", """{"stationId":"{OTHER}","name":"x","kind":"Goods","price":5,"stock":1}""", 403, "" },
        { "POST", """{"stationId":"{UNKNOWN}","name":"x","kind":"Goods","price":5,"stock":1}""", 403, "" },
        { "POST", """{"stationId":"{OWN}","name":"x","kind":"Goods","price":0,"stock":1}""", 400, "price" },
        { "POST", """{"stationId":"{OWN}","name":"x","kind":"Goods","price":-5,"stock":1}""", 400, "price" },
        { "POST", """{"stationId":"{OWN}","name":"x","kind":"Goods","price":5000000,"stock":1}""", 400, "price" },
        { "POST", """{"stationId":"{OWN}","name":"x","kind":"Goods","price":5,"stock":-1}""", 400, "stock" },
        { "POST", """{"stationId":"{OWN}","name":"x","kind":"Goods","price":5,"stock":100001}""", 400, "stock" },
        { "POST", """{"stationId":"{OWN}","name":"","kind":"Goods","price":5,"stock":1}""", 400, "name" },
        { "POST", """{"stationId":"{OWN}","name":"x","kind":"Gold","price":5,"stock":1}""", 400, "kind" },
        { "POST", """{"name":"x","kind":"Goods","price":5,"stock":1}""", 400, "stationId" },
        { "PUT", """{"name":"x","kind":"Goods","price":5,"stock":-7}""", 400, "stock" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_clear_error_and_changes_nothing(string method, string body, int status, string field)
    {
        var item = await app.CounterItem(price: 10, stock: 3);
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var before = await app.RedemptionFingerprint();
        var count = await app.Db(db => db.Set<CounterItem>().IgnoreQueryFilters().CountAsync());
        var json = body.Replace("{OTHER}", (await Point("桃园村")).ToString(), StringComparison.Ordinal)
            .Replace("{OWN}", (await Point("城郊村")).ToString(), StringComparison.Ordinal)
            .Replace("{UNKNOWN}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var response = method == "POST"
            ? await manager.PostAsync("/api/v1/points/counter-items", content)
            : await manager.PutAsync($"/api/v1/points/counter-items/{item}", content);

        Assert.True((int)response.StatusCode == status, $"{json}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (field.Length > 0)
        {
            Assert.Contains(field, (await response.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(before, await app.RedemptionFingerprint());
        Assert.Equal(count, await app.Db(db => db.Set<CounterItem>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task A_merchant_looking_up_a_member_sees_the_level_but_not_the_balance()
    {
        var (_, number) = await app.DemoMember();
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);
        var manager = await app.ClientFor(RedemptionSteps.Manager);

        var seen = await (await merchant.GetAsync($"/api/v1/merchant/members?code=V96345:{number}")).Json();
        var counter = await (await manager.GetAsync($"/api/v1/points/members?code={number}")).Json();

        Assert.False(seen.TryGetProperty("balance", out _));
        Assert.True(seen.TryGetProperty("levelName", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, counter.GetProperty("balance").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await merchant.GetAsync("/api/v1/merchant/members?code=YG999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync($"/api/v1/points/members?code={number}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(RedemptionSteps.Member)).GetAsync($"/api/v1/points/members?code={number}")).StatusCode);
    }

    private sealed record CounterItemView(Guid Id, string Name, int Stock);
}
