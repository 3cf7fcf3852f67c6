using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.StationServices;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.Intake;

/// <summary>
/// Hotline, walk-in and online requests for an item an errand type takes over (HA-004 低保申请代办 → 低保申请) become a
/// 红色代办 errand at the responsible service point with every original still to collect, not a work order; the city and
/// Open311 still get orders.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ErrandHandOverTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Originals = ["身份证", "户口簿"];

    [Fact]
    public async Task A_hotline_call_for_a_low_income_application_becomes_an_errand_at_the_village_point_with_its_originals_to_collect()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var orders = await app.Db(db => db.WorkOrders.CountAsync());

        var response = await dispatcher.PostAsJsonAsync("/api/v1/work-orders", WorkOrderSteps.Call("13905736001", "HA-004", "家里老人生病，想申请低保"), TestData.ApiJson);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Json();
        var handed = receipt.GetProperty("handedOver");
        Assert.Equal("Errand", handed.GetProperty("kind").GetString());
        var id = receipt.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/errands/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(orders, await app.Db(db => db.WorkOrders.CountAsync()));
        var errand = await app.Db(db => db.Set<ProxyErrand>().Include(e => e.Documents).SingleAsync(e => e.Id == id));
        Assert.Equal("低保申请", errand.TypeName);
        Assert.Equal(await app.ChengjiaoPoint(), errand.StationId);
        Assert.Equal(ErrandStatus.Received, errand.Status);
        Assert.Equal("王阿姨", errand.ResidentName);
        Assert.Equal("139****6001", errand.ResidentPhoneMasked);
        Assert.Equal(handed.GetProperty("trackingCode").GetString(), errand.TrackingCode);
        Assert.All(errand.Documents, d => Assert.Equal(DocumentCustody.NotReceived, d.Custody));
        Assert.Contains("身份证", handed.GetProperty("documents").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("家里老人生病，想申请低保", errand.Note);

        // The point collects the originals on the errand's page, as for any errand.
        var manager = await app.ClientFor("manager.chengjiao");
        var collected = await manager.PostAsJsonAsync($"/api/v1/errands/{id}/documents", new { documents = Originals }, TestData.ApiJson);
        Assert.True(collected.IsSuccessStatusCode, await collected.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_the_callers_name_the_hand_over_is_refused_in_the_users_language_and_nothing_is_recorded()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en");
        var before = await app.Fingerprint();
        var call = new
        {
            serviceCode = "HA-004",
            description = "想申请低保",
            address = "城郊村5组17号",
            village = "城郊村",
            callerPhone = "13905736002",
        };

        var response = await dispatcher.PostAsJsonAsync("/api/v1/work-orders", call, TestData.ApiJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        Assert.Contains("enter the resident's name", problem.GetProperty("errors").GetProperty("callerName")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Fingerprint());
        Assert.False(await app.Db(db => db.Set<ProxyErrand>().AnyAsync(e => e.ResidentPhoneMasked == "139****6002")));
    }

    [Fact]
    public async Task A_resident_asking_online_gets_the_errands_code_and_the_originals_to_prepare()
    {
        var form = new Dictionary<string, string>
        {
            ["Form.Description"] = "我家是困难户，想申请低保",
            ["Form.Village"] = "桃园村",
            ["Form.Address"] = "桃园村3组8号",
            ["Form.Phone"] = "13905736003",
            ["Form.Name"] = "李大爷",
        };

        var response = await app.CreateClient().PostForm("/m/help?category=HardshipAssistance&item=HA-004", "help", form);

        var page = await response.Text();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errand = await app.Db(db => db.Set<ProxyErrand>().SingleAsync(e => e.ResidentPhoneMasked == "139****6003"));
        Assert.Equal(await app.TaoyuanPoint(), errand.StationId);
        Assert.Contains("data-testid=\"help-errand\"", page, StringComparison.Ordinal);
        Assert.Contains(errand.TrackingCode, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"errands/{errand.TrackingCode}\"", page, StringComparison.Ordinal);
        Assert.Contains("家庭收入情况说明", page, StringComparison.Ordinal);
        Assert.False(await app.Db(db => db.WorkOrders.AnyAsync(o => o.CallerPhoneMasked == "139****6003")));
    }

    [Fact]
    public async Task An_item_no_errand_type_takes_over_stays_a_work_order_and_the_admin_can_link_one()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var receipt = await dispatcher.Receive(WorkOrderSteps.Call("13905736004", "HA-005", "特困供养咨询"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, receipt.GetProperty("handedOver").ValueKind);

        var admin = await app.ClientFor("admin");
        var taken = await admin.PostAsJsonAsync("/api/v1/errands/types", new
        {
            name = "特困供养申请",
            office = "CivilAffairs",
            documents = Originals,
            deadlineWorkingDays = 20,
            serviceCode = "HA-004",
        }, TestData.ApiJson);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("低保申请", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var linked = await admin.PostAsJsonAsync("/api/v1/errands/types", new
        {
            name = "特困供养申请",
            office = "CivilAffairs",
            documents = Originals,
            deadlineWorkingDays = 20,
            serviceCode = "HA-005",
        }, TestData.ApiJson);
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        var again = await dispatcher.PostAsJsonAsync("/api/v1/work-orders", WorkOrderSteps.Call("13905736005", "HA-005", "特困供养申请"), TestData.ApiJson);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("Errand", (await again.Json()).GetProperty("handedOver").GetProperty("kind").GetString());
        Assert.Equal("特困供养申请", await app.Db(db => db.Set<ProxyErrand>().Where(e => e.ResidentPhoneMasked == "139****6005").Select(e => e.TypeName).SingleAsync()));
    }
}
