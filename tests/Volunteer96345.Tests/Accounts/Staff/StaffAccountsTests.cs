using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Demo;

namespace Volunteer96345.Tests.Accounts.Staff;

/// <summary>The town admin gives staff their accounts and scope; every change is audited under the admin's name.</summary>
[Trait("Category", "Integration")]
public sealed class StaffAccountsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_town_admin_creates_a_station_manager_for_Taoyuan_who_then_sees_only_Taoyuan()
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        var taoyuan = await app.TaoyuanPoint();

        var slip = await admin.CreateStaff("陶新民", "13905732001", "station-manager", taoyuan);
        Assert.Equal("139****2001", slip.GetProperty("maskedMobile").GetString());
        Assert.Equal("13905732001", slip.GetProperty("userName").GetString());
        Assert.EndsWith("/m/activate?code=" + slip.Code(), slip.GetProperty("url").GetString(), StringComparison.Ordinal);
        // A new account has no password until its person sets one.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().TrySignIn("13905732001", "")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.Activate(slip.Code(), AccountSteps.GoodPassword)).StatusCode);
        var manager = await app.SignedIn("13905732001", AccountSteps.GoodPassword);

        var stations = await (await manager.GetAsync("/api/v1/stations")).Json();
        var names = (stations.ValueKind == System.Text.Json.JsonValueKind.Array ? stations : stations.GetProperty("items")).EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["桃园村96345党员志愿服务点"], names);
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.EntityType == "AppUser" && a.Action == "Added" && a.Changes.Contains("陶新民"))
            .Select(a => a.UserName).SingleAsync());
        Assert.Equal("王建国", audit);
    }

    [Fact]
    public async Task Changing_a_role_or_scope_ends_the_accounts_sessions_so_the_new_scope_applies_at_once()
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        var (slip, dispatcher) = await app.ActivatedStaff("调度小吴", "13905732002", "dispatcher");
        var id = slip.GetProperty("userId").GetGuid();
        var chengjiao = await app.ChengjiaoPoint();

        var changed = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}",
            new { displayName = "吴站长", mobile = "13905732002", role = "station-manager", townWide = false, stationIds = new[] { chengjiao } });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dispatcher.GetAsync("/api/v1/volunteers")).StatusCode);
        var again = await app.SignedIn("13905732002", AccountSteps.GoodPassword);
        var session = await (await again.GetAsync("/api/v1/session")).Json();
        Assert.Equal(["station-manager"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([chengjiao.ToString()], session.GetProperty("stations").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_last_active_town_admin_can_be_neither_disabled_nor_demoted()
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        var second = await admin.CreateStaff("副管理员", "13905732003", "town-admin");
        await app.Activate(second.Code(), AccountSteps.GoodPassword);
        var secondAdmin = await app.SignedIn("13905732003", AccountSteps.GoodPassword);
        var first = await app.Db(db => db.Users.Where(u => u.UserName == TestData.Admin).Select(u => u.Id).SingleAsync());
        var secondId = second.GetProperty("userId").GetGuid();

        // Two admins: one may disable the other, who is then the last.
        Assert.Equal(HttpStatusCode.NoContent, (await secondAdmin.PostAsync($"/api/v1/accounts/{first}/disable", null)).StatusCode);
        var demote = await secondAdmin.PutAsJsonAsync($"/api/v1/accounts/{secondId}", new { displayName = "副管理员", mobile = "13905732003", role = "dispatcher", townWide = true });
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal("这是最后一个在用的镇管理员账号，不能停用或改为其他角色。", (await demote.Json()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await secondAdmin.PostAsync($"/api/v1/accounts/{secondId}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await secondAdmin.PostAsync($"/api/v1/accounts/{first}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().TrySignIn(TestData.Admin, DemoSeed.Password)).StatusCode);
    }

    [Theory]
    [InlineData("", "13905732010", "dispatcher", true, "displayName")]
    [InlineData("张三", "12345", "dispatcher", true, "mobile")]
    [InlineData("张三", "13905732010", "volunteer", true, "role")]
    [InlineData("张三", "13905732010", "root", true, "role")]
    [InlineData("张三", "13905732010", "station-manager", false, "stationIds")]
    [InlineData("张三", "13800000000", "dispatcher", true, "mobile")]
    public async Task Bad_staff_input_is_refused_beside_its_field_and_changes_nothing(string name, string mobile, string role, bool townWide, string field)
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        if (mobile == "13800000000" && !await app.Db(db => db.Users.AnyAsync(u => u.UserName == mobile)))
        {
            await admin.CreateStaff("已有账号", mobile, "inspector");
        }

        var before = await app.Fingerprint();
        var users = await app.Db(db => db.Users.CountAsync());

        var refused = await admin.PostAsJsonAsync("/api/v1/accounts/staff", new { displayName = name, mobile, role, townWide, stationIds = Array.Empty<Guid>() });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.Json()).FieldError(field));
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(users, await app.Db(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Unknown_stations_and_malformed_user_names_are_refused_too()
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);

        var station = await admin.PostAsJsonAsync("/api/v1/accounts/staff",
            new { displayName = "张三", mobile = "13905732011", role = "inspector", stationIds = new[] { Guid.NewGuid() } });
        var userName = await admin.PostAsJsonAsync("/api/v1/accounts/staff",
            new { displayName = "张三", mobile = "13905732011", role = "inspector", townWide = true, userName = "<script>" });
        var english = await (await app.SignedIn(TestData.Admin, DemoSeed.Password)).SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts/staff")
        {
            Content = JsonContent.Create(new { displayName = "张三", mobile = "1", role = "inspector", townWide = true }),
            Headers = { { "Accept-Language", "en" } },
        });

        Assert.NotNull((await station.Json()).FieldError("stationIds"));
        Assert.NotNull((await userName.Json()).FieldError("userName"));
        Assert.Equal("A mobile number must be an 11-digit mainland China number.", (await english.Json()).FieldError("mobile"));
    }

    [Fact]
    public async Task Only_the_town_admin_manages_staff_and_a_station_manager_only_their_own_people()
    {
        var manager = await app.SignedIn(TestData.Chengjiao, DemoSeed.Password);
        var ours = TestData.ValidVolunteer(await app.ChengjiaoPoint(), TestData.NewIdNumber(new DateOnly(1988, 8, 8)), "城郊账号");
        ours.Mobile = "13905732020";
        await manager.RegisterVolunteer(ours);
        var taoyuanManager = await app.SignedIn(TestData.Taoyuan, DemoSeed.Password);
        var theirs = TestData.ValidVolunteer(await app.TaoyuanPoint(), TestData.NewIdNumber(new DateOnly(1989, 9, 9)), "桃园账号");
        theirs.Mobile = "13905732021";
        await taoyuanManager.RegisterVolunteer(theirs);
        var dispatcher = await app.SignedIn(TestData.Dispatcher, DemoSeed.Password);
        var inspectorId = await app.Db(db => db.Users.Where(u => u.UserName == TestData.Inspector).Select(u => u.Id).SingleAsync());
        var volunteerId = await app.Db(db => db.Users.Where(u => u.UserName == "volunteer").Select(u => u.Id).SingleAsync());
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/accounts/staff", new { displayName = "x", mobile = "13905732012", role = "dispatcher", townWide = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/api/v1/accounts/{inspectorId}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/api/v1/accounts/{inspectorId}/activation-code", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await taoyuanManager.PostAsync($"/api/v1/accounts/{volunteerId}/activation-code", null)).StatusCode);
        Assert.Equal(before, await app.Fingerprint());

        var list = await (await manager.GetAsync("/api/v1/accounts")).Json();
        Assert.All(list.GetProperty("items").EnumerateArray(), a => Assert.NotEqual("Staff", a.GetProperty("kind").GetString()));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("userName").GetString() == "139****2020");
        // The demo volunteer account is of 城郊村 (its own people); 桃园村's volunteer is not.
        Assert.Contains(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("userName").GetString() == "volunteer");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("userName").GetString() == "139****2021");
    }

    [Fact]
    public async Task Bad_changes_and_unknown_accounts_are_refused_and_change_nothing()
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        var slip = await admin.CreateStaff("待修改", "13905732030", "inspector");
        var id = slip.GetProperty("userId").GetGuid();
        var volunteerId = await app.Db(db => db.Users.Where(u => u.UserName == "volunteer").Select(u => u.Id).SingleAsync());
        var before = await app.Fingerprint();
        var stamp = await app.Db(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());

        var noName = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}", new { displayName = "", role = "inspector", townWide = true });
        var badRole = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}", new { displayName = "待修改", role = "merchant", townWide = true });
        var noScope = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}", new { displayName = "待修改", role = "station-manager", townWide = false });
        var malformed = await admin.PutAsync($"/api/v1/accounts/{id}", new StringContent("{\"displayName\": 3", System.Text.Encoding.UTF8, "application/json"));

        Assert.NotNull((await noName.Json()).FieldError("displayName"));
        Assert.NotNull((await badRole.Json()).FieldError("role"));
        Assert.NotNull((await noScope.Json()).FieldError("stationIds"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        // A volunteer's account is not a staff account to edit.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/accounts/{volunteerId}", new { displayName = "x", role = "inspector", townWide = true })).StatusCode);
        foreach (var path in new[] { "disable", "enable", "activation-code", "unlock" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/accounts/{Guid.NewGuid()}/{path}", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/accounts/{Guid.NewGuid()}/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/accounts/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(stamp, await app.Db(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync()));
    }

    [Fact]
    public async Task A_stranger_cannot_check_or_use_a_code_that_is_not_one()
    {
        var visitor = app.Anonymous();
        var before = await app.Fingerprint();

        var check = await visitor.PostAsJsonAsync("/api/v1/activation/check", new { code = "1234 5678 9012" });
        var letters = await visitor.PostAsJsonAsync("/api/v1/activation/check", new { code = "<script>" });
        var english = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/activation")
        {
            Content = JsonContent.Create(new { code = "000000000000", password = AccountSteps.GoodPassword, confirm = AccountSteps.GoodPassword }),
            Headers = { { "Accept-Language", "en" } },
        });

        Assert.Equal("激活码不正确、已使用或已过期，请向站点索取新的激活码。", (await check.Json()).FieldError("code"));
        Assert.Equal("激活码为12位数字。", (await letters.Json()).FieldError("code"));
        Assert.Equal("The code is wrong, used or expired. Ask your station for a new one.", (await english.Json()).FieldError("code"));
        Assert.Equal(before, await app.Fingerprint());
    }
}
