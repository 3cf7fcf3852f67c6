using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data;

namespace Volunteer96345.Tests.Common.Web;

/// <summary>
/// The app as a town runs it: Production, behind one trusted proxy (10.0.0.5), with a public base URL and small limits.
/// The test server has no network peer, so the X-Test-Peer header plays the address a connection came from.
/// </summary>
public sealed class ProxiedAppFixture : AppFixture
{
    public const string Proxy = "10.0.0.5";
    public const string PublicBase = "https://v96345.example.gov.cn";

    public ProxiedAppFixture()
    {
        Settings = new()
        {
            ["ReverseProxy:KnownProxies:0"] = Proxy,
            ["App:PublicBaseUrl"] = PublicBase,
            ["RateLimits:Submit:PermitLimit"] = "2",
            ["RateLimits:Guess:PermitLimit"] = "3",
            ["RateLimits:Read:PermitLimit"] = "25",
            ["RateLimits:ApiSubmit:PermitLimit"] = "2",
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFilter>());
    }

    /// <summary>A request as it reaches the app from <paramref name="peer"/>, claiming to be for <paramref name="forwardedFor"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string peer, string? forwardedFor = null, string? accept = "text/html")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(PeerAddressFilter.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" });
        }

        return request;
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header].ToString() is { Length: > 0 } peer)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[Trait("Category", "Integration")]
public sealed class PublicDeploymentTests(ProxiedAppFixture app) : IClassFixture<ProxiedAppFixture>
{
    /// <summary>The inline event handlers AntDesign writes into its markup (a tab's ondragover, a click that stops propagating).</summary>
    private static readonly string[] AntDesignInlineHandlers = ["event.preventDefault();", "event.stopPropagation()"];

    private const string Proxy = ProxiedAppFixture.Proxy;

    private static HttpRequestMessage Request(HttpMethod method, string path, string peer, string? forwardedFor = null, string? accept = "text/html") =>
        ProxiedAppFixture.Request(method, path, peer, forwardedFor, accept);

    [Theory]
    [InlineData("/account/login", "203.0.113.1")]
    [InlineData("/m", "203.0.113.2")]
    [InlineData("/open311/v2/services.json", "203.0.113.3")]
    [InlineData("/api/v1/no-such-thing", "203.0.113.4")]
    public async Task Security_headers_are_on_back_office_pages_phone_pages_and_the_api(string path, string client)
    {
        var response = await app.CreateClient().SendAsync(Request(HttpMethod.Get, path, Proxy, client, accept: null));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        // Scripts from the app only; the two inline handlers AntDesign writes are allowed by their hashes, nothing else inline.
        var allowed = AntDesignInlineHandlers.Select(code => $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code)))}'");
        Assert.Equal(["script-src", "'self'", "'unsafe-hashes'", .. allowed], scripts.Split(' '));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_two_residents_are_limited_separately()
    {
        var client = app.CreateClient();
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await client.SendAsync(Request(HttpMethod.Post, "/m/help", Proxy, "198.18.0.10"))).StatusCode);
        }

        var second = await client.SendAsync(Request(HttpMethod.Post, "/m/help", Proxy, "198.18.0.11"));

        Assert.All(first.Take(2), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[2]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task A_forwarded_for_header_from_an_address_that_is_not_a_known_proxy_is_ignored()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            // A client that writes a new X-Forwarded-For each time is still one client.
            statuses.Add((await client.SendAsync(Request(HttpMethod.Post, "/m/help", "198.51.100.7", $"192.0.2.{i + 1}"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    [Fact]
    public async Task Page_views_are_not_submissions_and_a_resident_who_used_up_submissions_can_still_read()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Get, "/m/help", Proxy, "198.18.1.1"))).StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(Request(HttpMethod.Post, "/m/help", Proxy, "198.18.1.1"))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(Request(HttpMethod.Post, "/m/help", Proxy, "198.18.1.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Request(HttpMethod.Post, "/m/help", Proxy, "198.18.1.1"))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Get, "/m", Proxy, "198.18.1.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Request(HttpMethod.Get, "/m/help", Proxy, "198.18.1.1"))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_reading_has_its_own_larger_limit()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 26; i++)
        {
            statuses.Add((await client.SendAsync(Request(HttpMethod.Get, "/m", Proxy, "198.18.2.1"))).StatusCode);
        }

        Assert.All(statuses.Take(25), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[25]);
    }

    [Fact]
    public async Task A_refused_resident_gets_a_chinese_page_that_says_when_to_try_again_and_to_call_96345()
    {
        var client = app.CreateClient();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 3; i++)
        {
            response = await client.SendAsync(Request(HttpMethod.Post, "/m/help", Proxy, "198.18.3.1"));
        }

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("操作太频繁了", html, StringComparison.Ordinal);
        Assert.Matches(@"请在 \d{2}:\d{2} 之后再试", html);
        Assert.Contains("tel:96345", html, StringComparison.Ordinal);
        Assert.Contains("m-header", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_past_the_guess_limit_get_a_back_office_page_or_problem_details_on_the_api()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(Request(HttpMethod.Post, "/account/login", Proxy, "198.18.4.1"));
        }

        var page = await client.SendAsync(Request(HttpMethod.Post, "/account/login", Proxy, "198.18.4.1"));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("操作太频繁了", html, StringComparison.Ordinal);
        Assert.DoesNotContain("m-header", html, StringComparison.Ordinal);

        for (var i = 0; i < 3; i++)
        {
            var api = Request(HttpMethod.Post, "/api/v1/session", Proxy, "198.18.4.2", accept: "application/json");
            api.Content = JsonContent.Create(new { userName = "nobody", password = "wrong-password" });
            await client.SendAsync(api);
        }

        var refused = Request(HttpMethod.Post, "/api/v1/session", Proxy, "198.18.4.2", accept: "application/json");
        refused.Content = JsonContent.Create(new { userName = "nobody", password = "wrong-password" });
        refused.Headers.AcceptLanguage.ParseAdd("en");
        var problem = await client.SendAsync(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many requests", await problem.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Systems_are_limited_per_api_key_and_get_problem_details()
    {
        var client = app.CreateClient();
        Task<HttpResponseMessage> Post(string key)
        {
            var request = Request(HttpMethod.Post, "/open311/v2/requests.json", Proxy, "198.18.7.1", accept: "application/json");
            request.Headers.Add("X-Api-Key", key);
            return client.SendAsync(request);
        }

        var first = new[] { await Post("key-of-system-a"), await Post("key-of-system-a"), await Post("key-of-system-a") };
        var other = await Post("key-of-system-b");

        Assert.All(first.Take(2), r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[2].StatusCode);
        Assert.Equal("application/problem+json", first[2].Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task Behind_tls_the_cookies_are_secure_and_hsts_is_sent()
    {
        var request = Request(HttpMethod.Get, "/account/login", Proxy, "198.18.5.1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "v96345.example.gov.cn");
        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        var plain = await app.CreateClient().SendAsync(Request(HttpMethod.Get, "/account/login", Proxy, "198.18.5.2"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/activities/notices.rss")]
    [InlineData("/activities/notices.json")]
    public async Task Feed_links_come_from_the_public_base_url_never_from_the_host_header(string path)
    {
        var request = Request(HttpMethod.Get, path, Proxy, "198.18.6.1", accept: null);
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        var response = await app.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Contains(ProxiedAppFixture.PublicBase, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_message_carries_an_absolute_link_a_phone_can_open()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        scope.ServiceProvider.GetRequiredService<Notifier>().ToPhone("cipher", "【新任务】", "body", "/m/orders/0b7e0c0e-0000-0000-0000-000000000001");

        var message = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity;
        Assert.Equal(ProxiedAppFixture.PublicBase + "/m/orders/0b7e0c0e-0000-0000-0000-000000000001", message.Link);
    }
}
