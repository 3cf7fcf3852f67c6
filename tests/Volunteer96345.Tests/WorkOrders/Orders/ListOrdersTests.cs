using System.Net;
using System.Text.Json;

namespace Volunteer96345.Tests.WorkOrders.Orders;

/// <summary>The order list: every filter narrows it, a station manager sees their stations' orders only.</summary>
[Trait("Category", "Integration")]
public sealed class ListOrdersTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private static int _phone = 3000;

    // Each test arranges its own two orders, told apart from the others' by a tag in their descriptions.
    private readonly string _tag = "T" + Guid.NewGuid().ToString("N")[..8];
    private string _chengjiaoCall = "";
    private string _taoyuanConsult = "";

    public async ValueTask InitializeAsync()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        _chengjiaoCall = (await dispatcher.Receive(WorkOrderSteps.Call($"1390573{Interlocked.Increment(ref _phone):D4}", description: "卫生间水管漏水 " + _tag))).GetProperty("trackingCode").GetString()!;
        app.Clock.Advance(TimeSpan.FromSeconds(30)); // the list is newest first
        _taoyuanConsult = (await dispatcher.Receive(WorkOrderSteps.Call($"1390573{Interlocked.Increment(ref _phone):D4}", item: "PC-003", description: "咨询养老保险缴费 " + _tag, village: "桃园村")))
            .GetProperty("trackingCode").GetString()!;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<List<string>> Codes(string user, string query)
    {
        var client = await app.ClientFor(user);
        var response = await client.GetAsync($"/api/v1/work-orders?q={_tag}&{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Json()).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("trackingCode").GetString()!)];
    }

    [Fact]
    public async Task Each_filter_narrows_the_list()
    {
        Assert.Equal([_taoyuanConsult, _chengjiaoCall], await Codes(WorkOrderSteps.Dispatcher, ""));
        Assert.Equal([_taoyuanConsult], await Codes(WorkOrderSteps.Dispatcher, "category=PolicyConsultation"));
        Assert.Equal([_chengjiaoCall], await Codes(WorkOrderSteps.Dispatcher, $"stationId={await app.ChengjiaoPoint()}"));
        Assert.Empty(await Codes(WorkOrderSteps.Dispatcher, "channel=WalkIn"));
        Assert.Equal(2, (await Codes(WorkOrderSteps.Dispatcher, "channel=Hotline")).Count);
        Assert.Equal(2, (await Codes(WorkOrderSteps.Dispatcher, "from=2026-11-29&to=2026-11-29")).Count);
        Assert.Empty(await Codes(WorkOrderSteps.Dispatcher, "from=2026-11-30"));
        Assert.Empty(await Codes(WorkOrderSteps.Dispatcher, "to=2026-11-28"));
        Assert.Empty(await Codes(WorkOrderSteps.Dispatcher, "status=Closed"));
    }

    [Fact]
    public async Task The_search_finds_an_order_by_its_tracking_code()
    {
        var client = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var body = await (await client.GetAsync("/api/v1/work-orders?q=" + _chengjiaoCall.ToLowerInvariant())).Json();

        Assert.Equal([_chengjiaoCall], body.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("trackingCode").GetString()!).ToList());
    }

    [Fact]
    public async Task A_station_manager_sees_only_their_stations_orders()
    {
        Assert.Equal([_chengjiaoCall], await Codes(TestData.Chengjiao, ""));
        Assert.Equal([_taoyuanConsult], await Codes(TestData.Taoyuan, ""));
    }

    [Theory]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("status=Nope", null)]
    [InlineData("from=yesterday", null)]
    [InlineData("stationId=not-a-guid", null)]
    public async Task A_bad_filter_is_refused_and_changes_nothing(string query, string? field)
    {
        var client = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var before = await app.Fingerprint();

        var response = await client.GetAsync("/api/v1/work-orders?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field is not null)
        {
            var errors = (await response.Json()).GetProperty("errors");
            Assert.Equal(JsonValueKind.Array, errors.GetProperty(field).ValueKind);
        }

        Assert.Equal(before, await app.Fingerprint());
    }
}
