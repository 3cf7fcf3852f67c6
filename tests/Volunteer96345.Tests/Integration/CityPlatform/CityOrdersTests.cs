using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Integration;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Integration.CityPlatform;

/// <summary>The city platform's signed dispatch: who may send, what arrives, what it starts, and what goes back.</summary>
[Trait("Category", "Integration")]
public sealed class CityOrdersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Key = "demo-city-key";
    private const string Secret = "demo-city-secret";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Order(string cityOrderId, DateTimeOffset dispatchedAt, string serviceCode = "LA-001", string description = "城郊村5组停电，老人独居",
        string phone = "13905731001") => JsonSerializer.Serialize(new
        {
            cityOrderId,
            dispatchedAt = dispatchedAt.ToString("o", CultureInfo.InvariantCulture),
            serviceCode,
            description,
            address = "城郊村5组17号",
            village = "城郊村",
            callerName = "李大伯",
            callerPhone = phone,
            answers = new Dictionary<string, string> { ["fault"] = "power" },
        });

    private static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + body)));

    private async Task<HttpResponseMessage> Post(string body, TimeSpan? age = null, string? key = Key, string secret = Secret, string? signature = null,
        string? timestamp = null, string culture = "en")
    {
        var client = app.CreateClient();
        var ts = timestamp ?? (app.Clock.GetUtcNow() - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/city/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        request.Headers.Add("X-Timestamp", ts);
        request.Headers.Add("X-Signature", signature ?? Sign(secret, ts, body));
        request.Headers.AcceptLanguage.ParseAdd(culture);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_signed_city_order_is_recorded_on_the_city_channel_with_the_clock_started_at_the_city_dispatch_time()
    {
        var dispatchedAt = app.Clock.GetUtcNow().AddMinutes(-3);

        var response = await Post(Order("HN-2026-000101", dispatchedAt));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Json();
        Assert.Equal("HN-2026-000101", body.GetProperty("cityOrderId").GetString());
        var trackingCode = body.GetProperty("orderId").GetString();
        Assert.Equal(8, trackingCode!.Length);
        var order = await app.Load(body.GetProperty("id").GetGuid());
        Assert.Equal(trackingCode, order.TrackingCode);
        Assert.Equal(IntakeChannel.CityPlatform, order.Channel);
        Assert.Equal("HN-2026-000101", order.ExternalId);
        Assert.Equal(dispatchedAt.UtcDateTime, order.ReceivedAt);
        Assert.Equal(dispatchedAt.UtcDateTime.AddMinutes(30), order.ArriveDue);
        var city = await app.Db(db => db.ApiClients.SingleAsync(c => c.Kind == ApiClientKind.CityPlatform));
        Assert.Equal(city.Id, order.ApiClientId);
        Assert.Equal(await app.ChengjiaoPoint(), order.StationId);
    }

    [Fact]
    public async Task A_repeated_city_order_answers_200_with_the_same_body_and_records_one_order()
    {
        var body = Order("HN-2026-000102", app.Clock.GetUtcNow().AddMinutes(-1), phone: "13905731002");
        var first = await Post(body);
        var firstBody = await first.Content.ReadAsStringAsync();

        var again = await Post(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync(o => o.ExternalId == "HN-2026-000102")));
    }

    [Fact]
    public async Task Fifty_concurrent_deliveries_of_one_city_order_record_exactly_one_order()
    {
        var body = Order("HN-2026-000150", app.Clock.GetUtcNow().AddMinutes(-1), phone: "13905731050");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Post(body))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Json()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync(o => o.ExternalId == "HN-2026-000150")));
    }

    [Fact]
    public async Task A_known_city_order_id_with_another_body_is_a_409_problem_and_changes_nothing()
    {
        var first = await Post(Order("HN-2026-000103", app.Clock.GetUtcNow().AddMinutes(-1), phone: "13905731003"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await app.Snapshot();

        var changed = await Post(Order("HN-2026-000103", app.Clock.GetUtcNow().AddMinutes(-1), phone: "13905731003", description: "改了：漏水不是停电"));

        Assert.True(changed.StatusCode == HttpStatusCode.Conflict, await changed.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("HN-2026-000103", (await changed.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Snapshot());
        var order = await app.Load((await first.Json()).GetProperty("id").GetGuid());
        Assert.Equal("城郊村5组停电，老人独居", order.Description);
    }

    [Fact]
    public async Task The_same_city_order_with_its_fields_in_another_order_and_other_spacing_is_still_a_repeat()
    {
        var dispatchedAt = app.Clock.GetUtcNow().AddMinutes(-1);
        var body = Order("HN-2026-000104", dispatchedAt, phone: "13905731004");
        var first = await Post(body);
        var reordered = JsonSerializer.Serialize(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!.Reverse().ToDictionary(),
            Indented);

        var again = await Post(reordered);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(-2 * 24 * 60, "hours in the past")]
    [InlineData(60, "minutes ahead")]
    public async Task A_dispatch_time_two_days_old_or_an_hour_ahead_is_refused_on_dispatchedAt_and_creates_nothing(int minutesAhead, string says)
    {
        var id = "HN-TIME-" + minutesAhead.ToString(CultureInfo.InvariantCulture);
        var before = await app.Snapshot();

        var response = await Post(Order(id, app.Clock.GetUtcNow().AddMinutes(minutesAhead), phone: "13905731005"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var errors = (await response.Json()).GetProperty("errors").GetProperty("dispatchedAt");
        Assert.Contains(says, errors[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Snapshot());
        Assert.Equal(0, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync(o => o.ExternalId == id)));
    }

    [Fact]
    public async Task A_dispatch_time_refusal_is_explained_in_Chinese_by_default()
    {
        var response = await Post(Order("HN-TIME-ZH", app.Clock.GetUtcNow().AddDays(-2)), culture: "zh-CN");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("24 小时", (await response.Json()).GetProperty("errors").GetProperty("dispatchedAt")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dispatch_time_a_day_old_or_a_few_minutes_ahead_is_accepted_and_a_time_ahead_starts_the_clock_at_receipt()
    {
        var now = app.Clock.GetUtcNow();

        var old = await Post(Order("HN-TIME-OLD", now.AddHours(-23), phone: "13905731006"));
        var ahead = await Post(Order("HN-TIME-AHEAD", now.AddMinutes(5), phone: "13905731007"));

        Assert.True(old.StatusCode == HttpStatusCode.Created, await old.Content.ReadAsStringAsync());
        Assert.True(ahead.StatusCode == HttpStatusCode.Created, await ahead.Content.ReadAsStringAsync());
        Assert.Equal(now.AddHours(-23).UtcDateTime, (await app.Load((await old.Json()).GetProperty("id").GetGuid())).ReceivedAt);
        Assert.Equal(now.UtcDateTime, (await app.Load((await ahead.Json()).GetProperty("id").GetGuid())).ReceivedAt);
    }

    [Fact]
    public async Task A_known_city_order_sent_again_after_its_dispatch_time_went_out_of_bounds_still_gets_its_receipt()
    {
        var body = Order("HN-2026-000105", app.Clock.GetUtcNow().AddHours(-23).AddMinutes(-59), phone: "13905731008");
        var first = await Post(body);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var again = await Post(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, int> Refusals() => new()
    {
        { "no key", 401 },
        { "unknown key", 401 },
        { "the Open311 key", 401 },
        { "bad signature", 401 },
        { "signed with another secret", 401 },
        { "signature over another body", 401 },
        { "timestamp 6 minutes old", 401 },
        { "timestamp 6 minutes ahead", 401 },
        { "timestamp not a number", 401 },
        { "malformed JSON", 400 },
        { "wrong types", 400 },
        { "unknown service code", 400 },
        { "no city order id", 400 },
        { "no dispatch time", 400 },
        { "dispatched in the future", 400 },
        { "1 MB description", 413 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_city_order_that_cannot_be_trusted_or_read_is_refused_with_a_problem_and_changes_nothing(string refusal, int status)
    {
        var now = app.Clock.GetUtcNow();
        var valid = Order("HN-BAD-" + refusal.GetHashCode(StringComparison.Ordinal), now.AddMinutes(-1));
        var before = await app.Snapshot();

        var response = refusal switch
        {
            "no key" => await Post(valid, key: null),
            "unknown key" => await Post(valid, key: "not-a-key"),
            "the Open311 key" => await Post(valid, key: "demo-open311-key"),
            "bad signature" => await Post(valid, signature: new string('0', 64)),
            "signed with another secret" => await Post(valid, secret: "guessed-secret"),
            "signature over another body" => await Post(valid, signature: Sign(Secret, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), valid + " ")),
            "timestamp 6 minutes old" => await Post(valid, age: TimeSpan.FromMinutes(6)),
            "timestamp 6 minutes ahead" => await Post(valid, age: TimeSpan.FromMinutes(-6)),
            "timestamp not a number" => await Post(valid, timestamp: "yesterday"),
            "malformed JSON" => await Post("{\"cityOrderId\": \"HN-1\", "),
            "wrong types" => await Post(valid.Replace("\"callerPhone\":\"13905731001\"", "\"callerPhone\":13905731001", StringComparison.Ordinal)),
            "unknown service code" => await Post(Order("HN-BAD-CODE", now.AddMinutes(-1), serviceCode: "ZZ-999")),
            "no city order id" => await Post(Order("", now.AddMinutes(-1))),
            "no dispatch time" => await Post(valid.Replace("\"dispatchedAt\"", "\"dispatched\"", StringComparison.Ordinal)),
            "dispatched in the future" => await Post(Order("HN-BAD-FUTURE", now.AddMinutes(11))),
            _ => await Post(Order("HN-BAD-HUGE", now.AddMinutes(-1), description: new string('x', 1024 * 1024))),
        };

        Assert.True((int)response.StatusCode == status, $"{refusal}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotMatch("[\u4e00-\u9fff]", problem.GetProperty("title").GetString()!);
        Assert.Equal(before, await app.Snapshot());
    }

    [Fact]
    public async Task A_refusal_is_explained_in_Chinese_by_default()
    {
        var response = await Post(Order("HN-ZH", app.Clock.GetUtcNow()), age: TimeSpan.FromMinutes(6), culture: "zh-CN");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("防重放", (await response.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_arriving_and_resolving_a_city_order_queue_signed_status_callbacks_for_the_city()
    {
        var created = await Post(Order("HN-2026-000200", app.Clock.GetUtcNow().AddMinutes(-2), phone: "13905731200"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Json()).GetProperty("id").GetGuid();
        var admin = await app.ClientFor(TestData.Admin);
        var offer = (await admin.Order(id)).GetProperty("offers").EnumerateArray().First(o => o.GetProperty("status").GetString() == "Open");

        var accept = await admin.PostAsync($"/api/v1/work-orders/{id}/offers/{offer.GetProperty("id").GetGuid()}/accept", null);
        var arrive = await admin.PostAsJsonAsync($"/api/v1/work-orders/{id}/arrive", new { });
        var resolve = await admin.PostAsJsonAsync($"/api/v1/work-orders/{id}/resolve", new { resolution = "更换了跳闸的空气开关，已恢复供电" });

        Assert.True(accept.IsSuccessStatusCode, await accept.Content.ReadAsStringAsync());
        Assert.True(arrive.IsSuccessStatusCode, await arrive.Content.ReadAsStringAsync());
        Assert.True(resolve.IsSuccessStatusCode, await resolve.Content.ReadAsStringAsync());
        var city = await app.Db(db => db.ApiClients.SingleAsync(c => c.Kind == ApiClientKind.CityPlatform));
        var callbacks = await app.Db(db => db.Outbox.Where(m => m.Channel == NotificationChannel.CityCallback && m.Body.Contains("HN-2026-000200"))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());
        Assert.Equal(["accepted", "arrived", "resolved"], callbacks.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("status").GetString()));
        Assert.All(callbacks, c => Assert.Equal(city.Id.ToString(), c.Recipient));
        var trackingCode = (await app.Load(id)).TrackingCode;
        var resolved = JsonDocument.Parse(callbacks[^1].Body).RootElement;
        Assert.Equal("HN-2026-000200", resolved.GetProperty("cityOrderId").GetString());
        Assert.Equal(trackingCode, resolved.GetProperty("orderId").GetString());
        Assert.Equal("更换了跳闸的空气开关，已恢复供电", resolved.GetProperty("resolution").GetString());
        Assert.Equal(JsonValueKind.String, resolved.GetProperty("at").ValueKind);
    }

    [Fact]
    public void The_documented_signature_example_holds()
    {
        const string body = """{"cityOrderId":"HN-2026-000101","dispatchedAt":"2026-11-29T09:57:00+08:00","serviceCode":"LA-001","description":"城郊村5组停电，老人独居","address":"城郊村5组17号","village":"城郊村","callerName":"李大伯","callerPhone":"13905731001","answers":{"fault":"power"}}""";

        var signature = Volunteer96345.Integration.CityPlatform.CityOrdersHandler.Sign(Secret, "1796004000", Encoding.UTF8.GetBytes(body));

        Assert.Equal("9ec4df831444808fef4c6da34dde900012163b3f6a7799c26de527d0a5573b00", signature);
        Assert.Contains(signature, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "../../../../../docs/integration/city-platform.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_registers_the_city_platform_with_its_callback_address_and_an_encrypted_secret()
    {
        var city = await app.Db(db => db.ApiClients.SingleAsync(c => c.Kind == ApiClientKind.CityPlatform));

        Assert.Equal(DemoApiClients.CityCallbackUrl, city.CallbackUrl);
        Assert.Equal(ApiClient.HashKey(Key), city.KeyHash);
        Assert.DoesNotContain(Secret, city.SecretCipher, StringComparison.Ordinal);
    }
}

/// <summary>A town that takes city orders up to three days old and none ahead of its clock.</summary>
public sealed class CityDispatchBoundsFixture : AppFixture
{
    public CityDispatchBoundsFixture()
    {
        Settings["CityPlatform:MaxDispatchAgeHours"] = "72";
        Settings["CityPlatform:MaxDispatchAheadMinutes"] = "0";
    }
}

[Trait("Category", "Integration")]
public sealed class CityDispatchBoundsTests(CityDispatchBoundsFixture app) : IClassFixture<CityDispatchBoundsFixture>
{
    private async Task<HttpResponseMessage> Post(string cityOrderId, DateTimeOffset dispatchedAt)
    {
        var body = JsonSerializer.Serialize(new
        {
            cityOrderId,
            dispatchedAt = dispatchedAt.ToString("o", CultureInfo.InvariantCulture),
            serviceCode = "LA-001",
            description = "城郊村5组停电",
            address = "城郊村5组17号",
            village = "城郊村",
            callerPhone = "13905731090",
            answers = new Dictionary<string, string> { ["fault"] = "power" },
        });
        var ts = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/city/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", "demo-city-key");
        request.Headers.Add("X-Timestamp", ts);
        request.Headers.Add("X-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("demo-city-secret"), Encoding.UTF8.GetBytes(ts + "\n" + body))));
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task The_dispatch_time_bounds_are_the_towns_settings()
    {
        var now = app.Clock.GetUtcNow();

        var twoDaysOld = await Post("HN-BOUNDS-OLD", now.AddDays(-2));
        var aMinuteAhead = await Post("HN-BOUNDS-AHEAD", now.AddMinutes(1));

        Assert.True(twoDaysOld.StatusCode == HttpStatusCode.Created, await twoDaysOld.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, aMinuteAhead.StatusCode);
        Assert.Contains("0 minutes", (await aMinuteAhead.Json()).GetProperty("errors").GetProperty("dispatchedAt")[0].GetString(), StringComparison.Ordinal);
    }
}
