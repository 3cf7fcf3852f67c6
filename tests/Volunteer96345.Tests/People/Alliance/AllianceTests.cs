using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Alliance;

[Trait("Category", "Integration")]
public sealed class AllianceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_registers_a_merchant_and_finds_it_by_name_licence_status_and_village()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var code = Merchants.NewCode();
        var id = await admin.RegisterMerchant(Merchants.Valid(point, "城郊村", "城郊测试茶馆", code.ToLowerInvariant()));

        var view = await (await admin.GetAsync($"/api/v1/alliance/{id}")).Json();
        var row = view.GetProperty("row");
        Assert.Equal("城郊测试茶馆", row.GetProperty("name").GetString());
        Assert.Equal(code, row.GetProperty("licenceNumber").GetString());
        Assert.Equal("13957312345", row.GetProperty("contactPhone").GetString());
        Assert.Equal("Applied", row.GetProperty("status").GetString());
        Assert.Equal("城郊村96345党员志愿服务点", row.GetProperty("stationName").GetString());
        Assert.Equal(["理发", "上门理发"], row.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["Active", "Withdrawn"], view.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal([id], await Ids(admin, "?search=测试茶"));
        Assert.Equal([id], await Ids(admin, $"?search={code[^8..].ToLowerInvariant()}"));
        Assert.Contains(id, await Ids(admin, "?status=Applied&village=城郊村"));
        Assert.DoesNotContain(id, await Ids(admin, "?status=Active"));
        Assert.DoesNotContain(id, await Ids(admin, "?village=桃园村"));
        Assert.True((await Ids(admin, "?status=Active")).Count >= 8, "the demo seed's active merchants");
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Activation_needs_an_agreement_and_the_status_moves_follow_the_rules()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var id = await admin.RegisterMerchant(Merchants.Valid(point, "城郊村", "城郊测试药房"));
        var before = await app.Fingerprint();

        var refused = await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Active" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("agreementId", out _));
        Assert.Equal(before, await app.Fingerprint());

        var elsewhere = await admin.UploadAgreement(await app.TaoyuanPoint());
        var wrongStation = await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Active", agreementId = elsewhere });
        Assert.Equal(HttpStatusCode.BadRequest, wrongStation.StatusCode);

        var agreement = await admin.UploadAgreement(point, "城郊测试药房协议.pdf");
        var activated = await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Active", agreementId = agreement, note = "协议已签" });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal("Active", (await activated.Json()).GetProperty("status").GetString());
        var view = await (await admin.GetAsync($"/api/v1/alliance/{id}")).Json();
        Assert.Equal(agreement, view.GetProperty("agreementId").GetGuid());
        Assert.Equal("城郊测试药房协议.pdf", view.GetProperty("agreementName").GetString());
        var download = await admin.GetAsync($"/api/v1/attachments/{agreement}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);

        var backwards = await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Applied" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.True((await backwards.Json()).GetProperty("errors").TryGetProperty("status", out _));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Suspended", note = "整改" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Active" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Withdrawn" })).StatusCode);
        var final = await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Active" });
        Assert.Equal(HttpStatusCode.BadRequest, final.StatusCode);
        Assert.Equal(AllianceStatus.Withdrawn, await app.Db(db => db.AllianceMembers.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_agreement_filed_beforehand_allows_activation()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var id = await admin.RegisterMerchant(Merchants.Valid(point, "城郊村", "城郊测试超市"));

        var filed = await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/agreement", new { agreementId = await admin.UploadAgreement(point) });

        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Active" })).StatusCode);
    }

    [Fact]
    public async Task A_licence_number_already_registered_is_refused()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var code = Merchants.NewCode();
        var first = await admin.RegisterMerchant(Merchants.Valid(point, "城郊村", "城郊测试五金", code));
        var other = await admin.RegisterMerchant(Merchants.Valid(point, "城郊村", "城郊测试洗衣"));
        var before = await app.Fingerprint();

        var again = await admin.PostAsJsonAsync("/api/v1/alliance", Merchants.Valid(await app.SubStation(), "盐官镇", "另一家店", code.ToLowerInvariant()));
        var taken = await admin.PutAsJsonAsync($"/api/v1/alliance/{other}", Merchants.Valid(point, "城郊村", "城郊测试洗衣", code));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await again.Json()).GetProperty("errors").TryGetProperty("licenceNumber", out _));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.True((await taken.Json()).GetProperty("errors").TryGetProperty("licenceNumber", out _));
        Assert.Equal(before, await app.Fingerprint());
        var kept = await admin.PutAsJsonAsync($"/api/v1/alliance/{first}", Merchants.Valid(point, "城郊村", "城郊测试五金（更名）", code));
        Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
    }

    [Fact]
    public async Task A_village_manager_neither_sees_nor_changes_a_merchant_of_another_village()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var taoyuan = await app.TaoyuanPoint();
        var id = await admin.RegisterMerchant(Merchants.Valid(taoyuan, "桃园村", "桃园测试理发店"));
        var manager = await app.ClientFor(TestData.Chengjiao);
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/alliance/{id}")).StatusCode);
        Assert.DoesNotContain(id, await Ids(manager, ""));
        Assert.Empty(await Ids(manager, "?village=桃园村"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/v1/alliance/{id}", Merchants.Valid(taoyuan, "桃园村", "改名"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Withdrawn" })).StatusCode);
        var create = await manager.PostAsJsonAsync("/api/v1/alliance", Merchants.Valid(taoyuan, "桃园村", "桃园越权商家"));
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.True((await create.Json()).GetProperty("errors").TryGetProperty("stationId", out _));
        Assert.Equal(before, await app.Fingerprint());

        var own = await manager.RegisterMerchant(Merchants.Valid(await app.ChengjiaoPoint(), "城郊村", "城郊经理登记的店"));
        Assert.Contains(own, await Ids(manager, ""));
    }

    [Fact]
    public async Task A_dispatcher_reads_the_registry_but_cannot_change_it()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var id = await admin.RegisterMerchant(Merchants.Valid(point, "城郊村", "城郊测试修理铺"));
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/v1/alliance/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync("/api/v1/alliance", Merchants.Valid(point, "城郊村", "调度员的店"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PutAsJsonAsync($"/api/v1/alliance/{id}", Merchants.Valid(point, "城郊村", "改名"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Withdrawn" })).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task The_station_must_be_the_point_of_the_village_or_the_sub_station()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var before = await app.Fingerprint();

        var wrong = await admin.PostAsJsonAsync("/api/v1/alliance", Merchants.Valid(await app.ChengjiaoPoint(), "桃园村", "错站商家"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Json()).GetProperty("errors").TryGetProperty("stationId", out _));
        Assert.Equal(before, await app.Fingerprint());
        await admin.RegisterMerchant(Merchants.Valid(await app.SubStation(), "桃园村", "分站登记的桃园商家"));
    }

    private static async Task<List<Guid>> Ids(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/alliance" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Json()).EnumerateArray().Select(m => m.GetProperty("id").GetGuid())];
    }
}
