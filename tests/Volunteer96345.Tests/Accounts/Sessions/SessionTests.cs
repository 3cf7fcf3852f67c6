using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Accounts;
using Volunteer96345.Demo;

namespace Volunteer96345.Tests.Accounts.Sessions;

/// <summary>
/// Sessions are held on the server: a sign-out, a disabled account or a reset password ends every copy of the cookie
/// at once, and a session ends after its idle time or its absolute lifetime, whichever comes first. Its own app, since
/// the tests move the clock.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SessionTests : IAsyncLifetime
{
    private readonly AppFixture _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Signs in and answers the session cookie itself, as a browser stores it (and as a thief would copy it).</summary>
    private async Task<string> SignInCookie(string userName)
    {
        var raw = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await raw.PostAsJsonAsync("/api/v1/session", new { userName, password = DemoSeed.Password });
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("v96345.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        return client;
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_is_refused()
    {
        var cookie = await SignInCookie(TestData.Admin);
        var browser = WithCookie(cookie);
        var thief = WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/v1/volunteers")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/v1/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/volunteers")).StatusCode);
        var session = await _app.Db(db => db.Set<UserSession>().OrderByDescending(s => s.StartedAt).FirstAsync());
        Assert.Equal(SessionEnd.SignedOut, session.EndReason);
    }

    [Fact]
    public async Task A_staff_session_ends_after_30_idle_minutes_and_slides_while_used()
    {
        var client = WithCookie(await SignInCookie(TestData.Dispatcher));

        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        var renewed = await client.GetAsync("/api/v1/volunteers");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        // Past half its span the cookie is renewed: the browser would keep the new one.
        var fresh = renewed.Headers.TryGetValues("Set-Cookie", out var set) ? set.Single(c => c.StartsWith("v96345.auth=", StringComparison.Ordinal)).Split(';')[0] : null;
        Assert.NotNull(fresh);
        var slid = WithCookie(fresh);

        _app.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await slid.GetAsync("/api/v1/volunteers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/volunteers")).StatusCode);

        _app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await slid.GetAsync("/api/v1/volunteers")).StatusCode);
    }

    [Fact]
    public async Task A_staff_session_ends_after_12_hours_however_busy()
    {
        var cookie = await SignInCookie(TestData.Inspector);
        for (var minutes = 0; minutes < 11 * 60 + 50; minutes += 20)
        {
            var response = await WithCookie(cookie).GetAsync("/api/v1/volunteers");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                cookie = set.Single(c => c.StartsWith("v96345.auth=", StringComparison.Ordinal)).Split(';')[0];
            }

            _app.Clock.Advance(TimeSpan.FromMinutes(20));
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/v1/volunteers")).StatusCode);
    }

    [Fact]
    public async Task A_phone_session_survives_a_week_of_use_and_ends_after_30_days()
    {
        var cookie = await SignInCookie("volunteer");
        var response = await WithCookie(cookie).GetAsync("/api/v1/my/activities");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        for (var day = 0; day < 29; day++)
        {
            _app.Clock.Advance(TimeSpan.FromDays(1));
            response = await WithCookie(cookie).GetAsync("/api/v1/my/activities");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                cookie = set.Single(c => c.StartsWith("v96345.auth=", StringComparison.Ordinal)).Split(';')[0];
            }
        }

        _app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/v1/my/activities")).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_at_once()
    {
        var manager = WithCookie(await SignInCookie(TestData.Taoyuan));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/volunteers")).StatusCode);
        var admin = await _app.SignedIn(TestData.Admin, DemoSeed.Password);
        var id = await _app.Db(db => db.Users.Where(u => u.UserName == TestData.Taoyuan).Select(u => u.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/accounts/{id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await manager.GetAsync("/api/v1/volunteers")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Anonymous().TrySignIn(TestData.Taoyuan, DemoSeed.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/accounts/{id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Anonymous().TrySignIn(TestData.Taoyuan, DemoSeed.Password)).StatusCode);
    }

    [Fact]
    public async Task Resetting_a_password_ends_the_accounts_sessions_and_its_old_password()
    {
        var volunteer = WithCookie(await SignInCookie("volunteer"));
        var admin = await _app.SignedIn(TestData.Admin, DemoSeed.Password);
        var id = await _app.Db(db => db.Users.Where(u => u.UserName == "volunteer").Select(u => u.Id).SingleAsync());

        var reset = await admin.PostAsync($"/api/v1/accounts/{id}/activation-code", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var code = (await reset.Json()).Code();

        Assert.Equal(HttpStatusCode.Unauthorized, (await volunteer.GetAsync("/api/v1/my/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Anonymous().TrySignIn("volunteer", DemoSeed.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Activate(code, AccountSteps.GoodPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Anonymous().TrySignIn("volunteer", AccountSteps.GoodPassword)).StatusCode);
    }
}
