using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Integration;
using Volunteer96345.Network;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Integration.Open311;

/// <summary>Open311 GeoReport v2 at /open311/v2: services, definitions, posting and reading requests, in JSON and XML, with the spec's errors.</summary>
[Trait("Category", "Integration")]
public sealed class Open311Tests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Key = "demo-open311-key";

    private static Dictionary<string, string> Request(string phone = "13905732001", string code = "LA-001", string? description = null) => new()
    {
        ["api_key"] = Key,
        ["service_code"] = code,
        ["lat"] = "30.4101",
        ["long"] = "120.5502",
        ["address_string"] = "城郊村5组17号",
        ["description"] = description ?? "楼道灯和插座都没电了",
        ["first_name"] = "阿姨",
        ["last_name"] = "王",
        ["phone"] = phone,
        ["attribute[fault]"] = "power",
    };

    private async Task<HttpResponseMessage> Post(IEnumerable<KeyValuePair<string, string>> form, string format = "json", string culture = "en",
        string? idempotencyKey = null) =>
        await Send(HttpMethod.Post, $"/open311/v2/requests.{format}", culture, new FormUrlEncodedContent(form), idempotencyKey);

    private async Task<HttpResponseMessage> Get(string path, string culture = "en", string? apiKeyHeader = null) =>
        await Send(HttpMethod.Get, path, culture, apiKeyHeader: apiKeyHeader);

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string culture, HttpContent? content = null, string? idempotencyKey = null,
        string? apiKeyHeader = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.AcceptLanguage.ParseAdd(culture);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (apiKeyHeader is not null)
        {
            request.Headers.Add("X-Api-Key", apiKeyHeader);
        }

        return await app.CreateClient().SendAsync(request);
    }

    /// <summary>A second Open311 client besides the demo's; returns its key.</summary>
    private async Task<string> RegisterClient()
    {
        var key = "other-open311-" + Guid.NewGuid().ToString("N");
        await app.Db(db =>
        {
            db.ApiClients.Add(ApiClient.Register("另一个Open311客户端", ApiClientKind.Open311, key, null, null, app.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        return key;
    }

    private async Task<string> Submit(Dictionary<string, string> form)
    {
        var response = await Post(form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json())[0].GetProperty("service_request_id").GetString()!;
    }

    [Fact]
    public async Task The_service_list_names_every_item_in_use_with_its_category_as_the_group_in_json_and_xml()
    {
        var json = await Get("/open311/v2/services.json", "zh-CN");
        var xml = await Get("/open311/v2/services.xml", "zh-CN");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var services = (await json.Json()).EnumerateArray().ToList();
        var items = await app.Db(db => db.ServiceItems.CountAsync(s => !s.IsRetired));
        Assert.Equal(items, services.Count);
        var repair = services.Single(s => s.GetProperty("service_code").GetString() == "LA-001");
        Assert.Equal("水电维修", repair.GetProperty("service_name").GetString());
        Assert.Equal("生活求助", repair.GetProperty("group").GetString());
        Assert.True(repair.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", repair.GetProperty("type").GetString());
        Assert.Contains("sdwx", repair.GetProperty("keywords").GetString(), StringComparison.Ordinal);

        Assert.Equal("text/xml", xml.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await xml.Content.ReadAsStringAsync());
        Assert.Equal("services", document.Root!.Name.LocalName);
        Assert.Equal(items, document.Root.Elements("service").Count());
        var element = document.Root.Elements("service").Single(s => s.Element("service_code")!.Value == "LA-001");
        Assert.Equal("水电维修", element.Element("service_name")!.Value);
        Assert.Equal("true", element.Element("metadata")!.Value);
        Assert.Equal("生活求助", element.Element("group")!.Value);
    }

    [Fact]
    public async Task A_service_definition_publishes_the_extra_questions_as_attributes_in_json_and_xml()
    {
        var json = await (await Get("/open311/v2/services/LA-002.json")).Json();
        var xml = XDocument.Parse(await (await Get("/open311/v2/services/LA-002.xml")).Content.ReadAsStringAsync());

        Assert.Equal("LA-002", json.GetProperty("service_code").GetString());
        var attributes = json.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(["medicine", "prescription"], attributes.Select(a => a.GetProperty("code").GetString()));
        Assert.All(attributes, a => Assert.True(a.GetProperty("variable").GetBoolean()));
        Assert.Equal("string", attributes[0].GetProperty("datatype").GetString());
        Assert.Equal("singlevaluelist", attributes[1].GetProperty("datatype").GetString());
        Assert.True(attributes[1].GetProperty("required").GetBoolean());
        Assert.Equal(2, attributes[1].GetProperty("order").GetInt32());
        Assert.Equal(["otc", "rx"], attributes[1].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));

        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        var attribute = xml.Root.Element("attributes")!.Elements("attribute").Last();
        Assert.Equal("prescription", attribute.Element("code")!.Value);
        Assert.Equal(["otc", "rx"], attribute.Element("values")!.Elements("value").Select(v => v.Element("key")!.Value));
    }

    [Fact]
    public async Task A_request_posted_with_the_api_key_becomes_an_order_that_GET_returns_in_json_and_xml_without_the_phone()
    {
        var id = await Submit(Request("13905732002"));

        var order = await app.Db(db => db.WorkOrders.IgnoreQueryFilters().SingleAsync(o => o.TrackingCode == id));
        Assert.Equal(IntakeChannel.Open311, order.Channel);
        Assert.Equal("王阿姨", order.CallerName);
        Assert.Equal("power", order.Answers["fault"]);
        var station = await app.Db(db => db.Stations.IgnoreQueryFilters().Where(s => s.Id == order.StationId).Select(s => s.Name).SingleAsync());

        var json = await Get($"/open311/v2/requests/{id}.json");
        var text = await json.Content.ReadAsStringAsync();
        var request = JsonDocument.Parse(text).RootElement.EnumerateArray().Single();
        Assert.Equal(id, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("LA-001", request.GetProperty("service_code").GetString());
        Assert.Equal("水电维修", request.GetProperty("service_name").GetString());
        Assert.Equal(station, request.GetProperty("agency_responsible").GetString());
        Assert.Equal("2026-11-29T10:00:00+08:00", request.GetProperty("requested_datetime").GetString());
        Assert.EndsWith("+08:00", request.GetProperty("expected_datetime").GetString(), StringComparison.Ordinal);
        Assert.Equal(30.41, request.GetProperty("lat").GetDouble());
        Assert.Equal(120.55, request.GetProperty("long").GetDouble());
        Assert.Equal("城郊村", request.GetProperty("address").GetString());
        Assert.False(request.TryGetProperty("description", out _));
        Assert.DoesNotContain("13905732002", text, StringComparison.Ordinal);
        Assert.DoesNotContain("王阿姨", text, StringComparison.Ordinal);

        var xml = XDocument.Parse(await (await Get($"/open311/v2/requests/{id}.xml")).Content.ReadAsStringAsync());
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        Assert.Equal(id, xml.Root.Element("request")!.Element("service_request_id")!.Value);
        Assert.Equal("open", xml.Root.Element("request")!.Element("status")!.Value);
    }

    [Fact]
    public async Task Posting_in_xml_answers_in_xml()
    {
        var response = await Post(Request("13905732003"), "xml");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(8, xml.Root!.Element("request")!.Element("service_request_id")!.Value.Length);
        Assert.NotEmpty(xml.Root.Element("request")!.Element("service_notice")!.Value);
    }

    [Fact]
    public async Task The_request_list_filters_by_id_service_code_status_and_dates()
    {
        var repair = await Submit(Request("13905732010"));
        var medicine = Request("13905732011", "LA-002");
        medicine.Remove("attribute[fault]");
        medicine["attribute[medicine]"] = "降压药一盒";
        medicine["attribute[prescription]"] = "otc";
        var errand = await Submit(medicine);

        async Task<List<string>> Ids(string query) =>
            [.. (await (await Get("/open311/v2/requests.json?" + query)).Json()).EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];

        Assert.Contains(repair, await Ids(""));
        Assert.Contains(errand, await Ids(""));
        Assert.Equal([errand], await Ids("service_request_id=" + errand));
        Assert.Equal(new[] { errand, repair }.Order(), (await Ids($"service_request_id={repair},{errand}")).Order());
        var byCode = await Ids("service_code=LA-002");
        Assert.Contains(errand, byCode);
        Assert.DoesNotContain(repair, byCode);
        Assert.Contains(repair, await Ids("status=open"));
        Assert.DoesNotContain(repair, await Ids("status=closed"));
        Assert.Contains(repair, await Ids("start_date=2026-11-29T09:00:00%2B08:00&end_date=2026-11-29T11:00:00%2B08:00"));
        Assert.Empty(await Ids("start_date=2026-11-30T00:00:00Z"));
        Assert.Empty(await Ids("end_date=2026-11-28T00:00:00Z"));
    }

    [Fact]
    public async Task Open311_needs_no_sign_in_and_no_antiforgery_token()
    {
        var staff = await app.ClientFor(TestData.Dispatcher);

        var response = await staff.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(Request("13905732020")));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, int> Refusals() => new()
    {
        { "missing api_key", "json", 403 },
        { "wrong api_key", "json", 403 },
        { "the city key", "xml", 403 },
        { "unknown service_code", "json", 400 },
        { "no service_code", "xml", 400 },
        { "malformed lat", "json", 400 },
        { "lat out of range", "json", 400 },
        { "1 MB description", "json", 400 },
        { "attribute for an unknown code", "xml", 400 },
        { "missing required attribute", "json", 400 },
        { "bad phone", "json", 400 },
        { "not a form", "json", 400 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_request_is_refused_in_the_spec_error_format_and_changes_nothing(string refusal, string format, int status)
    {
        var form = Request("13905732099");
        switch (refusal)
        {
            case "missing api_key": form.Remove("api_key"); break;
            case "wrong api_key": form["api_key"] = "guess"; break;
            case "the city key": form["api_key"] = "demo-city-key"; break;
            case "unknown service_code": form["service_code"] = "ZZ-404"; break;
            case "no service_code": form.Remove("service_code"); break;
            case "malformed lat": form["lat"] = "thirty"; break;
            case "lat out of range": form["lat"] = "95"; break;
            case "1 MB description": form["description"] = new string('x', 1024 * 1024); break;
            case "attribute for an unknown code": form["attribute[colour]"] = "red"; break;
            case "missing required attribute": form.Remove("attribute[fault]"); break;
            case "bad phone": form["phone"] = "12345"; break;
        }

        var before = await app.Snapshot();

        var response = refusal == "not a form"
            ? await Send(HttpMethod.Post, "/open311/v2/requests.json", "en", new StringContent("{\"service_code\":\"LA-001\"}", System.Text.Encoding.UTF8, "application/json"))
            : await Post(form, format);

        Assert.True((int)response.StatusCode == status, $"{refusal}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var text = await response.Content.ReadAsStringAsync();
        if (format == "xml")
        {
            var errors = XDocument.Parse(text).Root!;
            Assert.Equal("errors", errors.Name.LocalName);
            Assert.All(errors.Elements("error"), e => Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Element("code")!.Value));
            Assert.Contains(errors.Elements("error"), e => e.Element("description")!.Value.Length > 0);
        }
        else
        {
            var errors = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal(status, e.GetProperty("code").GetInt32()));
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("description").GetString())));
        }

        Assert.Equal(before, await app.Snapshot());
    }

    [Fact]
    public async Task The_errors_name_the_Open311_parameter()
    {
        var form = Request("13905732098");
        form["attribute[colour]"] = "red";
        form["lat"] = "95";

        var errors = (await (await Post(form)).Json()).EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();

        Assert.Contains(errors, e => e.StartsWith("attribute[colour]:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("lat:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/open311/v2/services/ZZ-404.json", 404)]
    [InlineData("/open311/v2/services/ZZ-404.xml", 404)]
    [InlineData("/open311/v2/requests/NOPE2345.json", 404)]
    [InlineData("/open311/v2/requests/NOPE2345.xml", 404)]
    [InlineData("/open311/v2/requests.json?status=pending", 400)]
    [InlineData("/open311/v2/requests.xml?start_date=someday", 400)]
    [InlineData("/open311/v2/requests.json?start_date=2026-11-29T00:00:00Z&end_date=2026-11-01T00:00:00Z", 400)]
    [InlineData("/open311/v2/services.csv", 404)]
    public async Task Reading_an_unknown_service_or_request_or_with_bad_filters_answers_in_the_spec_error_format(string path, int status)
    {
        var response = await Get(path);

        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var code = path.Contains(".xml", StringComparison.Ordinal)
            ? XDocument.Parse(text).Root!.Element("error")!.Element("code")!.Value
            : JsonDocument.Parse(text).RootElement[0].GetProperty("code").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), code);
    }

    [Fact]
    public async Task Orders_from_other_channels_are_not_published()
    {
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        var hotline = await dispatcher.Receive(WorkOrderSteps.Call("13905732030"));

        var response = await Get($"/open311/v2/requests/{hotline.GetProperty("trackingCode").GetString()}.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_public_listing_in_json_and_xml_gives_service_status_dates_the_village_and_coarse_coordinates_and_no_description_or_address()
    {
        var id = await Submit(Request("13905732040", description: "独居老人家里楼道灯坏了，钥匙在门口地垫下"));

        foreach (var path in new[] { "/open311/v2/requests.json", $"/open311/v2/requests/{id}.json" })
        {
            var text = await (await Get(path)).Content.ReadAsStringAsync();
            var request = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(r => r.GetProperty("service_request_id").GetString() == id);
            Assert.Equal("open", request.GetProperty("status").GetString());
            Assert.Equal("LA-001", request.GetProperty("service_code").GetString());
            Assert.Equal("城郊村", request.GetProperty("address").GetString());
            Assert.Equal(30.41, request.GetProperty("lat").GetDouble());
            Assert.Equal(120.55, request.GetProperty("long").GetDouble());
            Assert.False(request.TryGetProperty("description", out _));
            Assert.False(request.TryGetProperty("address_string", out _));
            Assert.DoesNotContain("钥匙", text, StringComparison.Ordinal);
            Assert.DoesNotContain("5组17号", text, StringComparison.Ordinal);
            Assert.DoesNotContain("30.4101", text, StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/open311/v2/requests.xml", $"/open311/v2/requests/{id}.xml" })
        {
            var text = await (await Get(path)).Content.ReadAsStringAsync();
            var request = XDocument.Parse(text).Root!.Elements("request").Single(r => r.Element("service_request_id")!.Value == id);
            Assert.Equal("城郊村", request.Element("address")!.Value);
            Assert.Equal("30.41", request.Element("lat")!.Value);
            Assert.Equal("120.55", request.Element("long")!.Value);
            Assert.Null(request.Element("description"));
            Assert.NotEmpty(request.Element("requested_datetime")!.Value);
            Assert.DoesNotContain("钥匙", text, StringComparison.Ordinal);
            Assert.DoesNotContain("5组17号", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Away_from_a_named_village_the_public_address_is_the_responsible_points_village_and_never_the_typed_address()
    {
        var form = Request("13905732041");
        form["lat"] = "30.4299";
        form["long"] = "120.5301";
        form["address_string"] = "某某小区8幢301室";

        var id = await Submit(form);
        var text = await (await Get($"/open311/v2/requests/{id}.json")).Content.ReadAsStringAsync();
        var request = JsonDocument.Parse(text).RootElement[0];

        var village = await app.Db(db => db.WorkOrders.IgnoreQueryFilters().Where(o => o.TrackingCode == id).Select(o => o.Village).SingleAsync());
        Assert.True(await app.Db(db => db.Stations.IgnoreQueryFilters().AnyAsync(s => s.Village == village)));
        Assert.Equal(village, request.GetProperty("address").GetString());
        Assert.DoesNotContain("某某小区", text, StringComparison.Ordinal);
        Assert.Equal(30.43, request.GetProperty("lat").GetDouble());
        Assert.Equal(120.53, request.GetProperty("long").GetDouble());
    }

    [Fact]
    public async Task The_submitting_client_reading_with_its_key_sees_the_full_detail_of_its_own_requests_and_only_coarse_data_of_others()
    {
        var otherKey = await RegisterClient();
        var mine = await Submit(Request("13905732042", description: "我们提交的：水管爆裂"));
        var otherForm = Request("13905732043", description: "别人提交的：插座冒烟");
        otherForm["api_key"] = otherKey;
        var theirs = await Submit(otherForm);

        foreach (var (path, header) in new[] { ($"/open311/v2/requests.json?api_key={Key}", null), ("/open311/v2/requests.json", Key) })
        {
            var list = (await (await Get(path, apiKeyHeader: header)).Json()).EnumerateArray().ToList();
            var own = list.Single(r => r.GetProperty("service_request_id").GetString() == mine);
            Assert.Equal("我们提交的：水管爆裂", own.GetProperty("description").GetString());
            Assert.Equal("城郊村5组17号", own.GetProperty("address").GetString());
            Assert.Equal(30.4101, own.GetProperty("lat").GetDouble());
            Assert.Equal(120.5502, own.GetProperty("long").GetDouble());
            var other = list.Single(r => r.GetProperty("service_request_id").GetString() == theirs);
            Assert.False(other.TryGetProperty("description", out _));
            Assert.Equal("城郊村", other.GetProperty("address").GetString());
            Assert.Equal(30.41, other.GetProperty("lat").GetDouble());
        }

        var xml = XDocument.Parse(await (await Get($"/open311/v2/requests/{theirs}.xml?api_key={otherKey}")).Content.ReadAsStringAsync());
        Assert.Equal("别人提交的：插座冒烟", xml.Root!.Element("request")!.Element("description")!.Value);
        Assert.Equal("30.4101", xml.Root.Element("request")!.Element("lat")!.Value);
        var notTheirs = (await (await Get($"/open311/v2/requests/{mine}.json?api_key={otherKey}")).Json())[0];
        Assert.False(notTheirs.TryGetProperty("description", out _));
    }

    [Theory]
    [InlineData("/open311/v2/requests.json?api_key=guess")]
    [InlineData("/open311/v2/requests/NOPE2345.xml?api_key=demo-city-key")]
    public async Task Reading_with_a_key_that_is_no_Open311_clients_is_refused(string path)
    {
        var response = await Get(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_twice_from_one_client_records_one_order_and_answers_the_same()
    {
        var form = Request("13905732050");
        var first = await Post(form, idempotencyKey: "o311-0001");
        var outbox = await app.Db(db => db.Outbox.CountAsync());

        var again = await Post(form, idempotencyKey: "o311-0001");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync(o => o.CallerPhoneMasked == "139****2050")));
        Assert.Equal(outbox, await app.Db(db => db.Outbox.CountAsync()));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task The_same_Idempotency_Key_with_another_body_is_a_409_in_the_spec_error_format_and_changes_nothing(string format)
    {
        var key = "o311-conflict-" + format;
        Assert.Equal(HttpStatusCode.Created, (await Post(Request("13905732051"), format, idempotencyKey: key)).StatusCode);
        var before = await app.Snapshot();

        var response = await Post(Request("13905732051", description: "换了说法"), format, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var code = format == "xml"
            ? XDocument.Parse(text).Root!.Element("error")!.Element("code")!.Value
            : JsonDocument.Parse(text).RootElement[0].GetProperty("code").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("409", code);
        Assert.Equal(before, await app.Snapshot());
    }

    [Fact]
    public async Task Idempotency_Keys_belong_to_their_client_and_concurrent_copies_record_one_order()
    {
        var otherKey = await RegisterClient();
        var form = Request("13905732052");
        var otherForm = Request("13905732052");
        otherForm["api_key"] = otherKey;

        var copies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Post(form, idempotencyKey: "o311-shared"))));
        var other = await Post(otherForm, idempotencyKey: "o311-shared");

        Assert.All(copies, c => Assert.Equal(HttpStatusCode.Created, c.StatusCode));
        Assert.Single((await Task.WhenAll(copies.Select(c => c.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync(o => o.CallerPhoneMasked == "139****2052")));
    }
}

/// <summary>A town that publishes its Open311 requests in full (Open311:PublishDetails).</summary>
public sealed class Open311PublishingFixture : AppFixture
{
    public Open311PublishingFixture() => Settings["Open311:PublishDetails"] = "true";
}

[Trait("Category", "Integration")]
public sealed class Open311PublishDetailsTests(Open311PublishingFixture app) : IClassFixture<Open311PublishingFixture>
{
    [Fact]
    public async Task With_publishing_on_anyone_reads_the_description_exact_address_and_coordinates()
    {
        var posted = await app.CreateClient().PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo-open311-key",
            ["service_code"] = "LA-001",
            ["lat"] = "30.4101",
            ["long"] = "120.5502",
            ["address_string"] = "城郊村5组17号",
            ["description"] = "楼道灯和插座都没电了",
            ["phone"] = "13905732060",
            ["attribute[fault]"] = "power",
        }));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.Json())[0].GetProperty("service_request_id").GetString();

        var json = (await (await app.CreateClient().GetAsync($"/open311/v2/requests/{id}.json")).Json())[0];
        var xml = XDocument.Parse(await app.CreateClient().GetStringAsync("/open311/v2/requests.xml")).Root!.Elements("request")
            .Single(r => r.Element("service_request_id")!.Value == id);

        Assert.Equal("楼道灯和插座都没电了", json.GetProperty("description").GetString());
        Assert.Equal("城郊村5组17号", json.GetProperty("address").GetString());
        Assert.Equal(30.4101, json.GetProperty("lat").GetDouble());
        Assert.Equal("城郊村5组17号", xml.Element("address")!.Value);
        Assert.Equal("楼道灯和插座都没电了", xml.Element("description")!.Value);
        Assert.DoesNotContain("13905732060", json.GetRawText(), StringComparison.Ordinal);
    }
}
