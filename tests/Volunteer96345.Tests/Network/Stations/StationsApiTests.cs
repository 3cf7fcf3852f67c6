using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Network;

namespace Volunteer96345.Tests.Network.Stations;

[Trait("Category", "Integration")]
public sealed class StationsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_demo_network_lists_the_sub_station_17_service_points_and_at_least_30_outposts()
    {
        var admin = await app.ClientFor(TestData.Admin);

        var page = await (await admin.GetAsync("/api/v1/stations?pageSize=200")).Json();
        var kinds = page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ToList();

        Assert.Equal(1, kinds.Count(k => k == "SubStation"));
        Assert.Equal(17, kinds.Count(k => k == "ServicePoint"));
        Assert.True(kinds.Count(k => k == "Outpost") >= 30);
    }

    [Fact]
    public async Task A_created_station_appears_in_the_list_filtered_by_kind_and_village()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var parent = await app.ChengjiaoPoint();

        var created = await admin.PostAsJsonAsync("/api/v1/stations", TestData.ValidStation(parent, "城郊村菜场红立方"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var list = await (await admin.GetAsync("/api/v1/stations?kind=Outpost&outpostKind=RedCube&village=城郊村")).Json();
        var names = list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("城郊村菜场红立方", names);
        Assert.All(list.GetProperty("items").EnumerateArray(), s => Assert.Equal("城郊村", s.GetProperty("village").GetString()));
    }

    [Fact]
    public async Task Editing_a_station_changes_its_fields_and_the_audit_records_old_and_new_values()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var parent = await app.ChengjiaoPoint();
        var id = (await (await admin.PostAsJsonAsync("/api/v1/stations", TestData.ValidStation(parent, "改名前"))).Json()).GetProperty("id").GetGuid();

        var edit = TestData.ValidStation(parent, "改名后");
        var response = await admin.PutAsJsonAsync($"/api/v1/stations/{id}", edit);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var station = await (await admin.GetAsync($"/api/v1/stations/{id}")).Json();
        Assert.Equal("改名后", station.GetProperty("station").GetProperty("name").GetString());
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Action == "Modified").ToListAsync());
        var row = Assert.Single(audit);
        Assert.Contains("改名前", row.Changes, StringComparison.Ordinal);
        Assert.Contains("改名后", row.Changes, StringComparison.Ordinal);
        Assert.Equal(TestData.NameOf(TestData.Admin), row.UserName);
        Assert.Equal(id, row.StationId);
    }

    [Fact]
    public async Task A_station_with_active_children_cannot_be_deactivated_until_they_are()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var parent = await app.ChengjiaoPoint();
        var child = (await (await admin.PostAsJsonAsync("/api/v1/stations", TestData.ValidStation(parent, "子驿站"))).Json()).GetProperty("id").GetGuid();

        var refused = await admin.PostAsync($"/api/v1/stations/{parent}/deactivate", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/stations/{child}/deactivate", null)).StatusCode);
        var active = await (await admin.GetAsync("/api/v1/stations?pageSize=200")).Json();
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == child);
        var all = await (await admin.GetAsync("/api/v1/stations?pageSize=200&includeInactive=true")).Json();
        Assert.Contains(all.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == child && !s.GetProperty("isActive").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/stations/{child}/reactivate", null)).StatusCode);
    }

    [Fact]
    public async Task Assigning_a_manager_puts_the_station_in_their_scope_at_their_next_sign_in()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var parent = await app.TaoyuanPoint();
        var taoyuan = await app.Db(db => db.Users.Where(u => u.UserName == TestData.Taoyuan).Select(u => u.Id).SingleAsync());
        var id = (await (await admin.PostAsJsonAsync("/api/v1/stations", TestData.ValidStation(parent, "桃园新驿站"))).Json()).GetProperty("id").GetGuid();

        var before = await app.ClientFor(TestData.Taoyuan);
        Assert.Equal(HttpStatusCode.NotFound, (await before.GetAsync($"/api/v1/stations/{id}")).StatusCode);

        var input = TestData.ValidStation(parent, "桃园新驿站");
        var withManager = System.Text.Json.JsonSerializer.SerializeToNode(input)!.AsObject();
        withManager["managerIds"] = new System.Text.Json.Nodes.JsonArray(taoyuan.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/stations/{id}", withManager)).StatusCode);

        var after = await app.ClientFor(TestData.Taoyuan);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync($"/api/v1/stations/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_station_manager_may_edit_their_own_station_but_not_create_one()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var own = await app.ChengjiaoPoint();
        var sub = await app.SubStation();
        var details = await (await manager.GetAsync($"/api/v1/stations/{own}")).Json();
        var station = details.GetProperty("station");
        var edit = new
        {
            name = station.GetProperty("name").GetString(),
            kind = "ServicePoint",
            parentId = sub,
            village = "城郊村",
            address = "城郊村便民服务中心二楼",
            latitude = station.GetProperty("latitude").GetDouble(),
            longitude = station.GetProperty("longitude").GetDouble(),
            openingHours = "周一至周六 8:30-17:00",
            phone = "0573-87602002",
            services = new[] { "红色代办" },
        };

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PutAsJsonAsync($"/api/v1/stations/{own}", edit)).StatusCode);
        Assert.Equal("城郊村便民服务中心二楼",
            await app.Db(db => db.Stations.Where(s => s.Id == own).Select(s => s.Address).SingleAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/stations", TestData.ValidStation(own))).StatusCode);
    }
}
