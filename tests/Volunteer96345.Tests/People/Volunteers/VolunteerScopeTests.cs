using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Volunteers;

/// <summary>A station manager sees and changes only the volunteers of their own stations; other staff roles only read.</summary>
[Trait("Category", "Integration")]
public sealed class VolunteerScopeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Adult = new(1979, 9, 9);

    [Fact]
    public async Task A_manager_lists_and_exports_only_the_volunteers_of_their_own_stations()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var own = await OwnStations();
        var ours = await admin.RegisterVolunteer(TestData.ValidVolunteer(await app.ChengjiaoPoint(), TestData.NewIdNumber(Adult), "城郊自家"));
        var theirs = await admin.RegisterVolunteer(TestData.ValidVolunteer(await app.TaoyuanPoint(), TestData.NewIdNumber(Adult), "桃园外人"));

        var page = await (await manager.GetAsync("/api/v1/volunteers?pageSize=200")).Json();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count > 1);
        Assert.All(items, v => Assert.Contains(v.GetProperty("stationId").GetGuid(), own));
        Assert.Contains(ours, items.Select(v => v.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(theirs, items.Select(v => v.GetProperty("id").GetGuid()));
        var inScope = await app.Db(db => db.Volunteers.CountAsync(v => own.Contains(v.StationId)));
        Assert.Equal(inScope, page.GetProperty("total").GetInt32());
        Assert.True(inScope < await app.Db(db => db.Volunteers.CountAsync()));

        Assert.Empty(await Items(manager, $"stationId={await app.TaoyuanPoint()}"));
        Assert.Empty(await Items(manager, "search=" + Uri.EscapeDataString("桃园外人")));
        Assert.Single(await Items(admin, "search=" + Uri.EscapeDataString("桃园外人")));

        using var export = new MemoryStream(await manager.GetByteArrayAsync("/api/v1/volunteers/export"));
        var rows = export.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(inScope, rows.Count);
        Assert.DoesNotContain(rows, r => r.Values.Any(c => c?.ToString() is "桃园外人" or "桃园村96345党员志愿服务点"));
    }

    [Fact]
    public async Task A_manager_cannot_read_reveal_move_or_edit_a_volunteer_of_another_station()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var taoyuan = await app.TaoyuanPoint();
        var branch = await app.Db(db => db.PartyOrganizations
            .Where(p => p.StationId == taoyuan && p.Kind == PartyOrganizationKind.Branch).OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());
        var input = TestData.ValidVolunteer(taoyuan, TestData.NewIdNumber(Adult), "桃园党员");
        input.PoliticalStatus = PoliticalStatus.PartyMember;
        input.PartyOrganizationId = branch;
        var id = await admin.RegisterVolunteer(input);
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/volunteers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status = "Suspended" })).StatusCode);
        input.IdNumber = null;
        input.Mobile = "13600000000";
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson)).StatusCode);
        input.StationId = await app.ChengjiaoPoint();
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson)).StatusCode);
        var members = await (await manager.GetAsync($"/api/v1/party-organizations/{branch}/members")).Json();
        Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("volunteerId").GetGuid() == id);

        Assert.Equal(before, await app.Fingerprint());
        var detail = await (await admin.GetAsync($"/api/v1/volunteers/{id}")).Json();
        Assert.Equal("Active", detail.GetProperty("row").GetProperty("status").GetString());
        Assert.Equal("13905731234", detail.GetProperty("row").GetProperty("mobile").GetString());
        Assert.Equal(taoyuan, detail.GetProperty("row").GetProperty("stationId").GetGuid());
        var adminMembers = await (await admin.GetAsync($"/api/v1/party-organizations/{branch}/members")).Json();
        Assert.Contains(adminMembers.EnumerateArray(), m => m.GetProperty("volunteerId").GetGuid() == id);
    }

    [Fact]
    public async Task A_manager_registers_and_manages_their_own_volunteers_but_cannot_place_one_at_another_station()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var taoyuan = await app.TaoyuanPoint();
        var idNumber = TestData.NewIdNumber(Adult);
        var input = TestData.ValidVolunteer(await app.ChengjiaoPoint(), idNumber, "城郊新人");

        var id = await manager.RegisterVolunteer(input);
        var revealed = await manager.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null);
        var suspended = await manager.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status = "Suspended" });

        Assert.Equal(idNumber, (await revealed.Json()).GetProperty("idNumber").GetString());
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        var before = await app.Fingerprint();
        var elsewhere = TestData.ValidVolunteer(taoyuan, TestData.NewIdNumber(Adult), "越界登记");
        var registered = await manager.PostVolunteer(elsewhere);
        Assert.Equal(HttpStatusCode.BadRequest, registered.StatusCode);
        Assert.True((await registered.Json()).GetProperty("errors").TryGetProperty("stationId", out _));
        input.IdNumber = null;
        input.StationId = taoyuan;
        var moved = await manager.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson);
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.True((await moved.Json()).GetProperty("errors").TryGetProperty("stationId", out _));
        Assert.Equal(before, await app.Fingerprint());
    }

    [Theory]
    [InlineData(TestData.Dispatcher)]
    [InlineData(TestData.Inspector)]
    public async Task Dispatchers_and_inspectors_read_the_registry_but_may_not_reveal_register_move_or_edit(string userName)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var input = TestData.ValidVolunteer(await app.TaoyuanPoint(), TestData.NewIdNumber(Adult), "只读可见");
        var id = await admin.RegisterVolunteer(input);
        var staff = await app.ClientFor(userName);
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/volunteers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status = "Suspended" })).StatusCode);
        input.IdNumber = null;
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson)).StatusCode);
        input.IdNumber = TestData.NewIdNumber(Adult);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostVolunteer(input)).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }

    private Task<List<Guid>> OwnStations() =>
        app.Db(db => db.StaffStations.Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == TestData.Chengjiao))
            .Select(s => s.StationId).ToListAsync());

    private static async Task<List<JsonElement>> Items(HttpClient client, string query) =>
        [.. (await (await client.GetAsync("/api/v1/volunteers?" + query)).Json()).GetProperty("items").EnumerateArray()];
}
