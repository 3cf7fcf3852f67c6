using System.Net;
using System.Net.Http.Json;

namespace Volunteer96345.Tests.WorkOrders.Callbacks;

/// <summary>Inspectors read the call-backs and the pairing visits of every station, and change nothing.</summary>
[Trait("Category", "Integration")]
public sealed class InspectorReadsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_inspector_reads_the_call_backs_and_the_pairings_of_every_station_but_neither_calls_nor_records()
    {
        var inspector = await app.ClientFor(TestData.Inspector);
        var before = await app.Fingerprint();

        var callbacks = await inspector.GetAsync("/api/v1/callbacks?done=true");
        var pairings = await inspector.GetAsync("/api/v1/pairings");
        var page = await inspector.GetAsync("/people/pairings");
        var record = await inspector.PostAsJsonAsync($"/api/v1/callbacks/{Guid.NewGuid()}", new { reached = true, satisfaction = 5 });
        var reveal = await inspector.PostAsync($"/api/v1/callbacks/{Guid.NewGuid()}/reveal-phone", null);
        var pair = await inspector.PostAsJsonAsync("/api/v1/pairings", new { });

        Assert.Equal(HttpStatusCode.OK, callbacks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pairings.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var rows = (await pairings.Json()).EnumerateArray().ToList();
        Assert.True(rows.Select(r => r.GetProperty("stationId").GetGuid()).Distinct().Count() > 1, "the pairings of more than one station");
        Assert.Contains(rows, r => r.GetProperty("visits").GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.Forbidden, record.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pair.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }
}
