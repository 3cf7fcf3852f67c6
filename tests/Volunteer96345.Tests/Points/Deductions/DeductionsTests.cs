using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Errors;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Points.Deductions;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Points.Deductions;

/// <summary>扣分: items the town admin manages, and deductions posted as member → town fund transfers with a reason, once per key.</summary>
[Trait("Category", "Integration")]
public sealed class DeductionsTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>An active volunteer of the station (skipping the first <paramref name="skip"/>), with no special role in other tests.</summary>
    private Task<Guid> MemberOf(Guid stationId, int skip = 0) => app.Db(db => db.Volunteers.IgnoreQueryFilters()
        .Where(v => v.StationId == stationId && v.Status == Volunteer96345.People.VolunteerStatus.Active)
        .OrderByDescending(v => v.Number).Skip(skip).Select(v => v.Id).FirstAsync());

    private async Task<string> NewItem(int points, bool active = true) => await app.Db(async db =>
    {
        var item = DeductionItem.Create("T" + Guid.NewGuid().ToString("N")[..10], "测试扣分", "Test deduction", points, app.Clock.GetUtcNow().UtcDateTime);
        if (!active)
        {
            item.Retire();
        }

        db.Add(item);
        await db.SaveChangesAsync();
        return item.Code;
    });

    private Task<string> Unchanged() => app.Db(async db => await app.RedemptionFingerprint() + "|" + string.Join(',',
        await db.Set<DeductionItem>().OrderBy(i => i.Code).Select(i => i.Code + i.NameZh + i.NameEn + i.Points + i.IsActive).ToListAsync()));

    /// <summary>Another module's background job calls the handler as the system.</summary>
    private async Task<Result<DeductionReceipt>> AsSystem(Func<DeductionHandler, Task<Result<DeductionReceipt>>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Volunteer96345.Common.Auth.CurrentUser>().ActAsSystem("activities");
        return await work(scope.ServiceProvider.GetRequiredService<DeductionHandler>());
    }

    private static async Task<HttpResponseMessage> Deduct(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/points/deductions") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_station_manager_deducts_an_items_points_from_a_member_of_their_station_with_a_reason()
    {
        var member = await MemberOf(await app.ChengjiaoPoint());
        await app.Give(member, 50);
        var balance = await app.Balance(member);
        var code = await NewItem(points: 8);
        var manager = await app.ClientFor(TestData.Chengjiao);

        var response = await Deduct(manager, new { volunteerId = member, itemCode = code, reason = "借用物品未归还" }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(balance - 8, await app.Balance(member));
        var posting = await app.Db(db => db.Postings.Where(p => p.Kind == PostingKind.Deduction).OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal(8, posting.Amount);
        Assert.Contains("借用物品未归还", posting.Reason, StringComparison.Ordinal);
        Assert.Equal(await app.Db(db => db.PointsAccounts.Where(a => a.Kind == AccountKind.TownFund).Select(a => a.Id).SingleAsync()), posting.CreditAccountId);
        await app.AssertInvariants();
    }

    [Fact]
    public async Task The_same_key_sent_twice_deducts_once()
    {
        var member = await MemberOf(await app.ChengjiaoPoint(), skip: 1);
        await app.Give(member, 40);
        var balance = await app.Balance(member);
        var code = await NewItem(points: 5);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var key = Guid.NewGuid().ToString();

        var first = await Deduct(manager, new { volunteerId = member, itemCode = code, reason = "重复提交" }, key);
        var again = await Deduct(manager, new { volunteerId = member, itemCode = code, reason = "重复提交" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Json()).GetProperty("replayed").GetBoolean());
        Assert.Equal(balance - 5, await app.Balance(member));
    }

    [Fact]
    public async Task A_balance_below_the_items_points_is_refused_and_nothing_changes()
    {
        var member = await MemberOf(await app.ChengjiaoPoint(), skip: 2);
        var balance = await app.Balance(member);
        var code = await NewItem(points: (int)balance + 1);
        var manager = await app.ClientFor(TestData.Chengjiao, "zh-CN");
        var before = await Unchanged();

        var response = await Deduct(manager, new { volunteerId = member, itemCode = code, reason = "未到" }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("积分余额不足", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Unchanged());
    }

    [Fact]
    public async Task A_station_manager_cannot_deduct_from_another_stations_member()
    {
        var member = await MemberOf(await app.TaoyuanPoint());
        await app.Give(member, 30);
        var manager = await app.ClientFor(TestData.Chengjiao, "zh-CN");
        var before = await Unchanged();

        var response = await Deduct(manager, new { volunteerId = member, itemCode = DeductionItem.NoShow, reason = "未到" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("只能对本站点的志愿者扣分", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Unchanged());
    }

    [Fact]
    public async Task Another_module_deducts_a_no_show_by_the_items_code_once_per_key()
    {
        var member = await MemberOf(await app.TaoyuanPoint(), skip: 1);
        await app.Give(member, 30);
        var balance = await app.Balance(member);
        var noShow = await app.Db(db => db.Set<DeductionItem>().SingleAsync(i => i.Code == DeductionItem.NoShow));
        var key = $"activity:{Guid.NewGuid()}:no-show:{member}";

        var first = await AsSystem(h => h.Post(member, DeductionItem.NoShow, "植树活动报名未到", key));
        var again = await AsSystem(h => h.Post(member, DeductionItem.NoShow, "植树活动报名未到", key));

        Assert.True(first.IsOk, first.Error?.Message);
        Assert.Equal("报名未到", noShow.NameZh);
        Assert.False(first.Value.Replayed);
        Assert.True(again.Value.Replayed);
        Assert.Equal(balance - noShow.Points, await app.Balance(member));
    }

    [Fact]
    public async Task The_member_reads_the_deduction_and_its_reason_on_their_statement()
    {
        var (member, _) = await app.DemoMember();
        await app.Give(member, 20);
        var admin = await app.ClientFor(TestData.Admin);
        var reason = "服务承诺未履行" + Guid.NewGuid().ToString("N")[..4];
        var deducted = await Deduct(admin, new { volunteerId = member, itemCode = DeductionItem.NoShow, reason });
        Assert.Equal(HttpStatusCode.Created, deducted.StatusCode);
        var phone = await app.ClientFor(RedemptionSteps.Member, "zh-CN");

        var page = await (await phone.GetAsync("/m/points?kind=Deduction")).Text();

        Assert.Contains(reason, page, StringComparison.Ordinal);
        Assert.Contains("报名未到", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadDeductions => new()
    {
        { "no member", """{"itemCode":"NoShow","reason":"未到"}""", "volunteerId" },
        { "unknown member", """{"volunteerId":"00000000-0000-0000-0000-000000000001","itemCode":"NoShow","reason":"未到"}""", "volunteerId" },
        { "no item", """{"volunteerId":"{MEMBER}","reason":"未到"}""", "itemCode" },
        { "unknown item", """{"volunteerId":"{MEMBER}","itemCode":"NoSuchItem","reason":"未到"}""", "itemCode" },
        { "retired item", """{"volunteerId":"{MEMBER}","itemCode":"{RETIRED}","reason":"未到"}""", "itemCode" },
        { "no reason", """{"volunteerId":"{MEMBER}","itemCode":"NoShow","reason":"  "}""", "reason" },
        { "reason too long", """{"volunteerId":"{MEMBER}","itemCode":"NoShow","reason":"{LONG}"}""", "reason" },
    };

    [Theory]
    [MemberData(nameof(BadDeductions))]
    public async Task A_bad_deduction_is_refused_with_a_message_and_changes_nothing(string because, string body, string field)
    {
        var member = await MemberOf(await app.ChengjiaoPoint(), skip: 3);
        await app.Give(member, 30);
        var retired = await NewItem(points: 1, active: false);
        var manager = await app.ClientFor(TestData.Chengjiao, "zh-CN");
        var before = await Unchanged();
        body = body.Replace("{MEMBER}", member.ToString(), StringComparison.Ordinal).Replace("{RETIRED}", retired, StringComparison.Ordinal)
            .Replace("{LONG}", new string('长', DeductionHandler.ReasonLength + 1), StringComparison.Ordinal);

        var response = await manager.PostAsync("/api/v1/points/deductions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {response.StatusCode}");
        var problem = await response.Json();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty(field)[0].GetString()), because);
        Assert.Equal(before, await Unchanged());
    }

    [Fact]
    public async Task A_volunteer_cannot_post_a_deduction()
    {
        var member = await MemberOf(await app.ChengjiaoPoint());
        var volunteer = await app.ClientFor(RedemptionSteps.Member);
        var before = await Unchanged();

        var response = await Deduct(volunteer, new { volunteerId = member, itemCode = DeductionItem.NoShow, reason = "未到" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await Unchanged());
    }

    [Fact]
    public async Task The_town_admin_adds_revises_retires_and_restores_an_item_and_a_retired_item_stays_listed()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var code = "Late" + Guid.NewGuid().ToString("N")[..6];

        var created = await admin.PostAsJsonAsync("/api/v1/points/deduction-items", new { code, nameZh = "迟到", nameEn = "Late", points = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/points/deduction-items/{id}", new { nameZh = "迟到半小时以上", nameEn = "Late", points = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/points/deduction-items/{id}/retire", null)).StatusCode);

        var active = await admin.GetStringAsync("/api/v1/points/deduction-items");
        var all = await admin.GetStringAsync("/api/v1/points/deduction-items?includeRetired=true");
        Assert.DoesNotContain(code, active, StringComparison.Ordinal);
        Assert.Contains(code, all, StringComparison.Ordinal);
        var item = await app.Db(db => db.Set<DeductionItem>().SingleAsync(i => i.Code == code));
        Assert.Equal(("迟到半小时以上", 3, false), (item.NameZh, item.Points, item.IsActive));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/points/deduction-items/{id}/restore", null)).StatusCode);
        Assert.True(await app.Db(db => db.Set<DeductionItem>().Where(i => i.Code == code).Select(i => i.IsActive).SingleAsync()));
    }

    public static TheoryData<string, string, HttpStatusCode> BadItems => new()
    {
        { "no code", """{"nameZh":"迟到","nameEn":"Late","points":2}""", HttpStatusCode.BadRequest },
        { "code with spaces", """{"code":"a b","nameZh":"迟到","nameEn":"Late","points":2}""", HttpStatusCode.BadRequest },
        { "code taken", """{"code":"NoShow","nameZh":"迟到","nameEn":"Late","points":2}""", HttpStatusCode.Conflict },
        { "no Chinese name", """{"code":"X1","nameEn":"Late","points":2}""", HttpStatusCode.BadRequest },
        { "no English name", """{"code":"X1","nameZh":"迟到","points":2}""", HttpStatusCode.BadRequest },
        { "zero points", """{"code":"X1","nameZh":"迟到","nameEn":"Late","points":0}""", HttpStatusCode.BadRequest },
        { "negative points", """{"code":"X1","nameZh":"迟到","nameEn":"Late","points":-5}""", HttpStatusCode.BadRequest },
        { "enormous points", """{"code":"X1","nameZh":"迟到","nameEn":"Late","points":100000001}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task A_bad_item_is_refused_with_a_message_and_changes_nothing(string because, string body, HttpStatusCode expected)
    {
        var admin = await app.ClientFor(TestData.Admin, "zh-CN");
        var before = await Unchanged();

        var response = await admin.PostAsync("/api/v1/points/deduction-items", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == expected, $"{because}: {response.StatusCode}");
        Assert.False(string.IsNullOrWhiteSpace((await response.Json()).GetProperty("title").GetString()), because);
        Assert.Equal(before, await Unchanged());
    }

    [Fact]
    public async Task An_items_code_cannot_be_changed_and_a_station_manager_cannot_edit_items()
    {
        var noShow = await app.Db(db => db.Set<DeductionItem>().Where(i => i.Code == DeductionItem.NoShow).Select(i => i.Id).SingleAsync());
        var admin = await app.ClientFor(TestData.Admin, "zh-CN");
        var manager = await app.ClientFor(TestData.Chengjiao, "zh-CN");
        var before = await Unchanged();

        var recode = await admin.PutAsJsonAsync($"/api/v1/points/deduction-items/{noShow}", new { code = "Other", nameZh = "报名未到", nameEn = "No-show", points = 5 });
        var byManager = await manager.PostAsJsonAsync("/api/v1/points/deduction-items", new { code = "Mine", nameZh = "迟到", nameEn = "Late", points = 2 });
        var retireByManager = await manager.PostAsync($"/api/v1/points/deduction-items/{noShow}/retire", null);
        var unknown = await admin.PostAsync($"/api/v1/points/deduction-items/{Guid.NewGuid()}/retire", null);

        Assert.Equal(HttpStatusCode.BadRequest, recode.StatusCode);
        Assert.Contains("编码不能修改", await recode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retireByManager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before, await Unchanged());
    }

    [Theory]
    [InlineData("zh-CN", "积分扣分", "报名未到")]
    [InlineData("en", "Deductions", "Signed up, did not come")]
    public async Task A_station_manager_opens_the_deductions_page(string culture, string title, string item)
    {
        var manager = await app.ClientFor(TestData.Chengjiao, culture);

        var response = await manager.GetAsync("/points/deductions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Text();
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(item, page, StringComparison.Ordinal);
    }
}
