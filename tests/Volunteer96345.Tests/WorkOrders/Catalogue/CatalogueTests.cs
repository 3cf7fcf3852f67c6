using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.Catalogue;

/// <summary>The service catalogue: every member of staff reads and searches it; only the town admin edits, creates, retires and restores.</summary>
[Trait("Category", "Integration")]
public sealed class CatalogueTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<Guid> ItemId(string code) => app.Db(db => db.ServiceItems.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private Task<Guid> SkillId(string name) => app.Db(db => db.Skills.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    private static Dictionary<string, object?> Item(string name = "上门理发", string category = "HomeElderCare") => new()
    {
        ["name"] = name,
        ["category"] = category,
        ["description"] = "为行动不便的老人上门理发。",
        ["onSite"] = true,
        ["responder"] = "Merchant",
        ["acceptMinutes"] = 15,
        ["arriveMinutes"] = 60,
        ["resolveMinutes"] = 180,
        ["points"] = 12,
        ["requiredSkillIds"] = Array.Empty<Guid>(),
        ["questions"] = new object[]
        {
            new { code = "style", datatype = "SingleValueList", required = true, description = "发型", order = 1, values = new[] { new { key = "short", name = "短发" }, new { key = "trim", name = "修剪" } } },
            new { code = "note", datatype = "Text", required = false, description = "其他要求", order = 2 },
        },
    };

    private static async Task<List<JsonElement>> Rows(HttpClient client, string query) =>
        [.. (await (await client.GetAsync("/api/v1/service-items" + query)).Json()).EnumerateArray()];

    [Fact]
    public async Task Staff_find_an_item_by_its_pinyin_initials_its_name_or_its_code()
    {
        var inspector = await app.ClientFor(TestData.Inspector);

        var byInitials = await Rows(inspector, "?q=sdwx");
        var byName = await Rows(inspector, "?q=" + Uri.EscapeDataString("代购"));
        var byCode = await Rows(inspector, "?q=pc-001");

        Assert.Contains(byInitials, r => r.GetProperty("name").GetString() == "水电维修");
        Assert.All(byInitials, r => Assert.Contains("sdwx", r.GetProperty("nameInitials").GetString(), StringComparison.Ordinal));
        Assert.Contains(byName, r => r.GetProperty("name").GetString() == "代购药品");
        Assert.Equal(["PC-001"], byCode.Select(r => r.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_catalogue_lists_135_items_in_five_categories_and_filters_by_one()
    {
        var dispatcher = await app.ClientFor(TestData.Dispatcher);

        var all = await Rows(dispatcher, "");
        var care = await Rows(dispatcher, "?category=HomeElderCare");

        Assert.True(all.Count >= 135, all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5, all.Select(r => r.GetProperty("category").GetString()).Distinct().Count());
        Assert.NotEmpty(care);
        Assert.All(care, r => Assert.Equal("HomeElderCare", r.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task The_admin_edits_an_item_its_terms_skills_and_questions()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var id = await ItemId("LA-003");
        var item = Item("更换灯泡灯管", "LifeAssistance");
        item["requiredSkillIds"] = new[] { await SkillId("水电维修") };
        item["points"] = 8;

        var response = await admin.PutAsJsonAsync($"/api/v1/service-items/{id}", item, TestData.ApiJson);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = await (await admin.GetAsync($"/api/v1/service-items/{id}")).Json();
        Assert.Equal("LA-003", view.GetProperty("code").GetString());
        Assert.Equal("更换灯泡灯管", view.GetProperty("name").GetString());
        Assert.Equal("ghdpdg", view.GetProperty("nameInitials").GetString());
        Assert.Equal(8, view.GetProperty("points").GetInt32());
        Assert.Equal(60, view.GetProperty("arriveMinutes").GetInt32());
        Assert.Equal(["水电维修"], view.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["style", "note"], view.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("code").GetString()));
        Assert.Contains(await Rows(admin, "?q=ghdp"), r => r.GetProperty("code").GetString() == "LA-003");
    }

    [Fact]
    public async Task A_new_item_gets_the_next_code_of_its_category()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var last = await app.Db(db => db.ServiceItems.Where(s => s.Code.StartsWith("EC-")).Select(s => s.Code).ToListAsync());
        var next = last.Select(c => int.Parse(c[3..], System.Globalization.CultureInfo.InvariantCulture)).Max() + 1;

        var first = await admin.PostAsJsonAsync("/api/v1/service-items", Item(), TestData.ApiJson);
        var second = await admin.PostAsJsonAsync("/api/v1/service-items", Item("上门修脚"), TestData.ApiJson);

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.Equal($"EC-{next:D3}", (await first.Json()).GetProperty("code").GetString());
        Assert.Equal($"EC-{next + 1:D3}", (await second.Json()).GetProperty("code").GetString());
        var created = await app.Db(db => db.ServiceItems.SingleAsync(s => s.Code == $"EC-{next:D3}"));
        Assert.Equal("上门理发", created.Name);
        Assert.Equal(ResponderKind.Merchant, created.Responder);
        Assert.Equal(2, created.Attributes.Count);
    }

    [Theory]
    [InlineData("dispatcher")]
    [InlineData("manager.chengjiao")]
    [InlineData("inspector")]
    public async Task Only_the_town_admin_changes_the_catalogue(string user)
    {
        var client = await app.ClientFor(user, "en");
        var id = await ItemId("LA-005");
        var before = await app.Snapshot();

        var responses = new[]
        {
            await client.PostAsJsonAsync("/api/v1/service-items", Item(), TestData.ApiJson),
            await client.PutAsJsonAsync($"/api/v1/service-items/{id}", Item("家电修理", "LifeAssistance"), TestData.ApiJson),
            await client.PostAsync($"/api/v1/service-items/{id}/retire", null),
            await client.PostAsync($"/api/v1/service-items/{id}/restore", null),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(before, await app.Snapshot());
    }

    [Fact]
    public async Task A_retired_item_keeps_its_orders_but_takes_no_new_ones_until_restored()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var dispatcher = await app.ClientFor(TestData.Dispatcher, "en");
        var id = await ItemId("LA-001");
        var order = (await dispatcher.Receive(WorkOrderSteps.Call("13905733001"))).GetProperty("id").GetGuid();

        var retired = await admin.PostAsync($"/api/v1/service-items/{id}/retire", null);
        var refused = await dispatcher.PostAsJsonAsync("/api/v1/work-orders", WorkOrderSteps.Call("13905733002"), TestData.ApiJson);
        var open311 = await (await app.CreateClient().GetAsync("/open311/v2/services.json")).Json();
        var listed = await Rows(admin, "?q=sdwx");
        var listedWithRetired = await Rows(admin, "?q=sdwx&includeRetired=true");

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.True((await retired.Json()).GetProperty("isRetired").GetBoolean());
        Assert.Equal(id, (await app.Load(order)).ServiceItemId);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/v1/work-orders/{order}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("serviceCode", out _));
        Assert.DoesNotContain(open311.EnumerateArray(), s => s.GetProperty("service_code").GetString() == "LA-001");
        Assert.DoesNotContain(listed, r => r.GetProperty("code").GetString() == "LA-001");
        Assert.Contains(listedWithRetired, r => r.GetProperty("code").GetString() == "LA-001" && r.GetProperty("isRetired").GetBoolean());

        var restored = await admin.PostAsync($"/api/v1/service-items/{id}/restore", null);
        Assert.False((await restored.Json()).GetProperty("isRetired").GetBoolean());
        await dispatcher.Receive(WorkOrderSteps.Call("13905733003"));
    }

    public static TheoryData<string, string> BadItems() => new()
    {
        { "acceptMinutes", "accept 0" },
        { "points", "points 1001" },
        { "points", "points -1" },
        { "arriveMinutes", "arrive before accept" },
        { "arriveMinutes", "on site without arrival" },
        { "resolveMinutes", "resolve 5" },
        { "requiredSkillIds", "unknown skill" },
        { "questions[1].code", "duplicate question codes" },
        { "questions[0].values", "list question without values" },
        { "questions[1].values", "values on a text question" },
        { "questions[0].code", "question code with a space" },
        { "questions[0].values", "duplicate value keys" },
        { "name", "no name" },
        { "name", "long name" },
        { "description", "1 MB description" },
        { "category", "no category" },
        { "category", "unknown category" },
        { "acceptMinutes", "accept as text" },
        { "body", "not JSON" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task A_bad_item_is_refused_with_the_field_named_and_changes_nothing(string field, string change)
    {
        var admin = await app.ClientFor(TestData.Admin, "en");
        var item = Item();
        switch (change)
        {
            case "accept 0": item["acceptMinutes"] = 0; break;
            case "points 1001": item["points"] = 1001; break;
            case "points -1": item["points"] = -1; break;
            case "arrive before accept": item["arriveMinutes"] = 10; item["acceptMinutes"] = 20; break;
            case "on site without arrival": item["arriveMinutes"] = null; break;
            case "resolve 5": item["resolveMinutes"] = 5; break;
            case "unknown skill": item["requiredSkillIds"] = new[] { Guid.NewGuid() }; break;
            case "duplicate question codes":
                item["questions"] = new object[] { new { code = "q", datatype = "String", description = "一", order = 1 }, new { code = "q", datatype = "Number", description = "二", order = 2 } };
                break;
            case "list question without values":
                item["questions"] = new object[] { new { code = "kind", datatype = "MultiValueList", description = "种类", order = 1, values = Array.Empty<object>() } };
                break;
            case "values on a text question":
                item["questions"] = new object[]
                {
                    new { code = "a", datatype = "String", description = "一", order = 1 },
                    new { code = "b", datatype = "Text", description = "二", order = 2, values = new[] { new { key = "x", name = "X" } } },
                };
                break;
            case "question code with a space": item["questions"] = new object[] { new { code = "my code", datatype = "String", description = "一", order = 1 } }; break;
            case "duplicate value keys":
                item["questions"] = new object[] { new { code = "k", datatype = "SingleValueList", description = "一", order = 1, values = new[] { new { key = "x", name = "X" }, new { key = "x", name = "Y" } } } };
                break;
            case "no name": item["name"] = " "; break;
            case "long name": item["name"] = new string('名', 51); break;
            case "1 MB description": item["description"] = new string('x', 1024 * 1024); break;
            case "no category": item.Remove("category"); break;
            case "unknown category": item["category"] = "Gardening"; break;
            case "accept as text": item["acceptMinutes"] = "ten"; break;
        }

        var id = await ItemId("LA-004");
        var before = await app.Snapshot();

        var post = change == "not JSON"
            ? await admin.PostAsync("/api/v1/service-items", new StringContent("{name:", Encoding.UTF8, "application/json"))
            : await admin.PostAsJsonAsync("/api/v1/service-items", item, TestData.ApiJson);
        var put = change == "not JSON"
            ? await admin.PutAsync($"/api/v1/service-items/{id}", new StringContent("{name:", Encoding.UTF8, "application/json"))
            : await admin.PutAsJsonAsync($"/api/v1/service-items/{id}", item, TestData.ApiJson);

        foreach (var response in new[] { post, put })
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{change}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var errors = (await response.Json()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{change}: {errors}");
            Assert.DoesNotMatch("[\u4e00-\u9fff]", messages[0].GetString()!);
        }

        Assert.Equal(before, await app.Snapshot());
    }

    [Fact]
    public async Task Changing_an_unknown_item_is_404()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var before = await app.Snapshot();

        var put = await admin.PutAsJsonAsync($"/api/v1/service-items/{Guid.NewGuid()}", Item(), TestData.ApiJson);
        var retire = await admin.PostAsync($"/api/v1/service-items/{Guid.NewGuid()}/retire", null);
        var get = await admin.GetAsync($"/api/v1/service-items/{Guid.NewGuid()}");

        Assert.All(new[] { put, retire, get }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(before, await app.Snapshot());
    }
}
