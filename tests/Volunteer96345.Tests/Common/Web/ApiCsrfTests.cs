using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Demo;
using Volunteer96345.People;

namespace Volunteer96345.Tests.Common.Web;

/// <summary>
/// Cross-site request forgery on the cookie-authenticated API: a state-changing call made with the session cookie goes
/// through only from the app's own origin or with a valid antiforgery header; key-authenticated clients are untouched.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApiCsrfTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Evil = "http://evil.example";

    /// <summary>The admin's session cookie in a client that sends no Origin of its own: what a foreign page or a script holds.</summary>
    private async Task<HttpClient> AdminCookieOnly(string? culture = "zh-CN")
    {
        var client = await app.ClientFor(TestData.Admin, culture);
        client.DefaultRequestHeaders.Remove("Origin");
        return client;
    }

    private async Task<(Guid Id, string IdNumber)> Volunteer()
    {
        var idNumber = TestData.NewIdNumber(new DateOnly(1985, 6, 15));
        var admin = await app.ClientFor(TestData.Admin);
        return (await admin.RegisterVolunteer(TestData.ValidVolunteer(await app.ChengjiaoPoint(), idNumber, "防伪测试")), idNumber);
    }

    private Task<(int Reveals, long Audit)> Trail() => app.Db(async db =>
        (await db.Reveals.IgnoreQueryFilters().CountAsync(), await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence)));

    private static async Task<HttpResponseMessage> Reveal(HttpClient client, Guid id, string? origin = null, string? referer = null, string? token = null)
    {
        // A form post, as a foreign page's auto-submitting form sends it: no body the endpoint needs.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/volunteers/{id}/reveal-id-number")
        {
            Content = new FormUrlEncodedContent([]),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        if (token is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", token);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_cross_origin_post_with_the_victims_cookie_is_refused_and_reveals_and_audits_nothing()
    {
        var (id, idNumber) = await Volunteer();
        var client = await AdminCookieOnly();
        var before = await Trail();

        var response = await Reveal(client, id, origin: Evil);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(idNumber, body, StringComparison.OrdinalIgnoreCase);
        var problem = await response.Json();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains(Evil, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("其他网站", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Trail());
    }

    [Fact]
    public async Task A_cross_origin_referer_without_an_origin_is_refused_too()
    {
        var (id, _) = await Volunteer();
        var client = await AdminCookieOnly();
        var before = await Trail();

        var response = await Reveal(client, id, referer: Evil + "/page.html");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await Trail());
    }

    [Fact]
    public async Task The_same_call_from_the_apps_own_origin_or_referer_reveals_the_number_and_audits_it()
    {
        var (id, idNumber) = await Volunteer();
        var client = await AdminCookieOnly();
        var before = await Trail();

        var byOrigin = await Reveal(client, id, origin: AppFixture.Origin);
        var byReferer = await Reveal(client, id, referer: AppFixture.Origin + "/people/volunteers/" + id);

        foreach (var response in new[] { byOrigin, byReferer })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(idNumber, (await response.Json()).GetProperty("idNumber").GetString());
        }

        var after = await Trail();
        Assert.Equal(before.Reveals + 2, after.Reveals);
        Assert.True(after.Audit >= before.Audit + 2);
    }

    [Fact]
    public async Task Behind_a_proxy_the_public_base_url_is_the_apps_origin_too()
    {
        await using var proxied = new AppFixture { Settings = { ["App:PublicBaseUrl"] = "https://96345.yanguan.example/" } };
        await proxied.InitializeAsync();
        var client = await proxied.ClientFor(TestData.Admin);
        client.DefaultRequestHeaders.Remove("Origin");
        var id = await proxied.Db(db => db.Volunteers.OrderBy(v => v.Number).Select(v => v.Id).FirstAsync());

        var fromPublic = await Reveal(client, id, origin: "https://96345.yanguan.example");
        var fromOtherPort = await Reveal(client, id, origin: "https://96345.yanguan.example:8443");

        Assert.Equal(HttpStatusCode.OK, fromPublic.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromOtherPort.StatusCode);
    }

    [Fact]
    public async Task Without_an_origin_a_valid_antiforgery_header_from_the_session_csrf_endpoint_lets_the_call_through()
    {
        var (id, idNumber) = await Volunteer();
        var client = await AdminCookieOnly();

        var csrf = await (await client.GetAsync("/api/v1/session/csrf")).Json();
        var response = await Reveal(client, id, token: csrf.GetProperty("token").GetString());

        Assert.Equal("X-CSRF-TOKEN", csrf.GetProperty("headerName").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(idNumber, (await response.Json()).GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task Without_an_origin_and_without_a_token_or_with_a_forged_one_the_call_is_refused_saying_what_is_missing()
    {
        var (id, _) = await Volunteer();
        var client = await AdminCookieOnly(culture: "en");
        var before = await Trail();

        var none = await Reveal(client, id);
        var forged = await Reveal(client, id, token: "forged-token");
        var evilWithForged = await Reveal(client, id, origin: Evil, token: "forged-token");

        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        var missing = (await none.Json()).GetProperty("title").GetString()!;
        Assert.Contains("Origin", missing, StringComparison.Ordinal);
        Assert.Contains("X-CSRF-TOKEN", missing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("not valid", (await forged.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, evilWithForged.StatusCode);
        Assert.Equal(before, await Trail());
    }

    [Fact]
    public async Task A_token_issued_to_another_account_does_not_vouch_for_this_one()
    {
        var (id, _) = await Volunteer();
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        var theirs = (await (await dispatcher.GetAsync("/api/v1/session/csrf")).Json()).GetProperty("token").GetString();
        var client = await AdminCookieOnly();
        var before = await Trail();

        var response = await Reveal(client, id, token: theirs);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await Trail());
    }

    [Fact]
    public async Task Reads_are_not_checked_and_the_csrf_endpoint_needs_a_session()
    {
        var client = await AdminCookieOnly();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/volunteers?pageSize=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/session/csrf")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_from_a_foreign_origin_is_refused_but_without_an_origin_or_from_the_app_it_works()
    {
        var foreign = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session")
        {
            Content = JsonContent.Create(new { userName = TestData.Dispatcher, password = DemoSeed.Password }),
        };
        request.Headers.Add("Origin", Evil);
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var refused = await foreign.SendAsync(request);
        var plain = await app.CreateClient().PostAsJsonAsync("/api/v1/session", new { userName = TestData.Dispatcher, password = DemoSeed.Password });
        var own = app.CreateClient();
        own.DefaultRequestHeaders.Add("Origin", AppFixture.Origin);
        var fromApp = await own.PostAsJsonAsync("/api/v1/session", new { userName = TestData.Dispatcher, password = DemoSeed.Password });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("v96345.auth=", StringComparison.Ordinal)));
        Assert.Contains("登录", (await refused.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, fromApp.StatusCode);
    }

    [Fact]
    public async Task An_open311_post_with_its_api_key_and_no_origin_still_works_even_from_a_client_holding_a_session()
    {
        var client = await AdminCookieOnly();
        var form = new Dictionary<string, string>
        {
            ["api_key"] = "demo-open311-key",
            ["service_code"] = "LA-001",
            ["lat"] = "30.4101",
            ["long"] = "120.5502",
            ["address_string"] = "城郊村5组18号",
            ["description"] = "楼道灯不亮了",
            ["phone"] = "13905738001",
            ["attribute[fault]"] = "power",
        };

        var anonymous = await app.CreateClient().PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        form["phone"] = "13905738002";
        var withSession = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));

        Assert.True(anonymous.StatusCode == HttpStatusCode.Created, await anonymous.Content.ReadAsStringAsync());
        Assert.True(withSession.StatusCode == HttpStatusCode.Created, await withSession.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_city_platform_signed_post_without_an_origin_still_works()
    {
        var body = JsonSerializer.Serialize(new
        {
            cityOrderId = "HN-CSRF-000001",
            dispatchedAt = app.Clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
            serviceCode = "LA-001",
            description = "城郊村5组停电",
            address = "城郊村5组19号",
            village = "城郊村",
            callerName = "李大伯",
            callerPhone = "13905738003",
            answers = new Dictionary<string, string> { ["fault"] = "power" },
        });
        var ts = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/city/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", "demo-city-key");
        request.Headers.Add("X-Timestamp", ts);
        request.Headers.Add("X-Signature",
            Convert.ToHexStringLower(HMACSHA256.HashData("demo-city-secret"u8, Encoding.UTF8.GetBytes(ts + "\n" + body))));

        var response = await app.CreateClient().SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
