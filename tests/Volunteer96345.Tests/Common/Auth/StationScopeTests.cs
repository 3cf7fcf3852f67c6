using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.Network.Funding;

namespace Volunteer96345.Tests.Common.Auth;

/// <summary>A station manager sees and changes only their own stations, through every endpoint and page.</summary>
[Trait("Category", "Integration")]
public sealed class StationScopeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_manager_lists_only_their_own_stations()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var own = await app.Db(db => db.StaffStations.Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == TestData.Chengjiao))
            .Select(s => s.StationId).ToListAsync());

        var list = await (await manager.GetAsync("/api/v1/stations?pageSize=200&includeInactive=true")).Json();
        var ids = list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(own.OrderBy(x => x), ids.OrderBy(x => x));
    }

    [Fact]
    public async Task A_manager_cannot_read_or_change_another_stations_rows_through_any_endpoint()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var other = await app.TaoyuanPoint();
        var sub = await app.SubStation();
        var otherAttachment = await app.Db(db => db.Attachments.IgnoreQueryFilters().Where(a => a.StationId == other).Select(a => a.Id).FirstAsync());
        var line = await app.Db(db => db.BudgetLines.IgnoreQueryFilters().Select(b => b.Id).FirstAsync());
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/stations/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/stations/{other}/inspections")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/attachments/{otherAttachment}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/funding/lines/{line}/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await manager.PutAsJsonAsync($"/api/v1/stations/{other}", TestData.ValidStation(sub))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/v1/stations/{other}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/v1/stations/{other}/inspections", new { })).StatusCode);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/api/v1/stations/{other}/attachments", form)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await manager.PostAsJsonAsync("/api/v1/funding/lines", new { stationId = sub, year = 2026, name = "越权科目", budgeted = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/v1/funding/lines/{line}/entries",
            new { direction = "Income", amount = 1, occurredOn = "2026-06-01", description = "x", voucherId = otherAttachment })).StatusCode);

        var funding = await (await manager.GetAsync("/api/v1/funding/2026")).Json();
        Assert.Empty(funding.GetProperty("lines").EnumerateArray());
        var audit = await (await manager.GetAsync("/api/v1/audit?pageSize=200")).Json();
        Assert.DoesNotContain(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("stationId").ValueKind == System.Text.Json.JsonValueKind.Null
            || a.GetProperty("stationId").GetGuid() == other);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/audit/verify")).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task A_managers_page_for_another_station_shows_not_found_and_its_list_page_shows_only_their_stations()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var other = await app.TaoyuanPoint();

        var detail = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync($"/network/stations/{other}"));
        var list = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync("/network/stations"));

        var compliance = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync("/network/compliance"));
        var audit = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync("/audit"));
        var funding = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync("/network/funding"));

        Assert.Contains("站点不存在，或不在您的管辖范围内。", detail, StringComparison.Ordinal);
        Assert.Contains("城郊村96345党员志愿服务点", compliance, StringComparison.Ordinal);
        Assert.DoesNotContain("桃园村", compliance, StringComparison.Ordinal);
        Assert.DoesNotContain("桃园村", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("志愿服务活动经费", funding, StringComparison.Ordinal);
        Assert.DoesNotContain("桃园村96345党员志愿服务点", detail, StringComparison.Ordinal);
        Assert.Contains("城郊村96345党员志愿服务点", list, StringComparison.Ordinal);
        Assert.DoesNotContain("桃园村96345党员志愿服务点", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_save_guard_refuses_a_change_to_another_station_even_if_a_query_skipped_the_filter()
    {
        var other = await app.TaoyuanPoint();
        await using var scope = await app.ScopeFor(TestData.Chengjiao);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var station = await db.Stations.IgnoreQueryFilters().SingleAsync(s => s.Id == other);
        station.Deactivate(app.Clock.GetUtcNow().UtcDateTime);

        var refused = await Assert.ThrowsAsync<StationScopeException>(() => db.SaveChangesAsync());

        Assert.Equal(other, refused.StationId);
        Assert.True(await app.Db(d => d.Stations.Where(s => s.Id == other).Select(s => s.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task Funding_is_visible_to_the_sub_station_manager_and_not_to_a_village_manager()
    {
        var subManager = await app.As<ManageFundingHandler, FundingYear>(TestData.SubStationManager, h => h.Year(2026, CancellationToken.None));
        var villageManager = await app.As<ManageFundingHandler, FundingYear>(TestData.Chengjiao, h => h.Year(2026, CancellationToken.None));

        Assert.NotEmpty(subManager.Lines);
        Assert.Empty(villageManager.Lines);
    }
}
