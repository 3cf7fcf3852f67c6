using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Accounts;
using Volunteer96345.Demo;

namespace Volunteer96345.Tests.Accounts.TwoFactor;

/// <summary>Staff turn on TOTP with any authenticator app, then sign in with a code, or with a recovery code once.</summary>
[Trait("Category", "Integration")]
public sealed class TwoFactorTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Enrols the account and answers its base32 secret and its recovery codes.</summary>
    private async Task<(string Secret, List<string> Recovery)> Enrol(HttpClient client)
    {
        var begin = await (await client.PostAsync("/api/v1/me/two-factor", null)).Json();
        var secret = begin.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/", begin.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", begin.GetProperty("qrDataUri").GetString(), StringComparison.Ordinal);

        var confirmed = await client.PostAsJsonAsync("/api/v1/me/two-factor/confirm", new { code = app.TotpNow(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = (await confirmed.Json()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (secret, codes);
    }

    private async Task<HttpClient> NewStaff(string mobile) => (await app.ActivatedStaff("两步" + mobile[^4..], mobile, "dispatcher")).Client;

    [Fact]
    public async Task After_enrolment_sign_in_asks_for_the_code_and_accepts_the_apps_code()
    {
        var (secret, _) = await Enrol(await NewStaff("13905731001"));
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var withoutCode = await app.Anonymous().TrySignIn("13905731001", AccountSteps.GoodPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.True((await withoutCode.Json()).GetProperty("twoFactorRequired").GetBoolean());

        var wrong = await app.Anonymous().TrySignIn("13905731001", AccountSteps.GoodPassword, "000000");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull((await wrong.Json()).FieldError("code"));

        var code = app.TotpNow(secret);
        var client = await app.SignedIn("13905731001", AccountSteps.GoodPassword, code);
        var session = await (await client.GetAsync("/api/v1/session")).Json();
        Assert.Equal("pwd+totp", session.GetProperty("method").GetString());

        // The same code seen over a shoulder does not work twice.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().TrySignIn("13905731001", AccountSteps.GoodPassword, code)).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, recovery) = await Enrol(await NewStaff("13905731002"));
        Assert.Equal(10, recovery.Count);

        var client = await app.SignedIn("13905731002", AccountSteps.GoodPassword, recovery[3].ToUpperInvariant());
        Assert.Equal("pwd+recovery", (await (await client.GetAsync("/api/v1/session")).Json()).GetProperty("method").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().TrySignIn("13905731002", AccountSteps.GoodPassword, recovery[3])).StatusCode);
        // Only keyed hashes are stored.
        Assert.False(await app.Db(db => db.Set<RecoveryCode>().AnyAsync(c => c.CodeHash.Contains(recovery[0]))));
    }

    [Fact]
    public async Task A_wrong_confirmation_code_leaves_the_second_factor_off()
    {
        var client = await NewStaff("13905731003");
        await client.PostAsync("/api/v1/me/two-factor", null);

        var refused = await client.PostAsJsonAsync("/api/v1/me/two-factor/confirm", new { code = "12345x" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.Json()).FieldError("code"));
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().TrySignIn("13905731003", AccountSteps.GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task The_town_admin_resets_a_lost_second_factor_and_the_accounts_sessions_end()
    {
        var staff = await NewStaff("13905731004");
        await Enrol(staff);
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        var id = await app.Db(db => db.Users.Where(u => u.UserName == "13905731004").Select(u => u.Id).SingleAsync());
        var manager = await app.SignedIn(TestData.Chengjiao, DemoSeed.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.DeleteAsync($"/api/v1/accounts/{id}/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/accounts/{id}/two-factor")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/v1/volunteers")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().TrySignIn("13905731004", AccountSteps.GoodPassword)).StatusCode);
        Assert.False(await app.Db(db => db.Set<RecoveryCode>().AnyAsync(c => c.UserId == id)));
    }
}

/// <summary>With Security:RequireTotpForAdmins on (the default outside the demo) a town admin enrols before anything else.</summary>
[Trait("Category", "Integration")]
public sealed class RequiredTwoFactorTests : IAsyncLifetime
{
    private readonly AppFixture _app = new() { Settings = { ["Security:RequireTotpForAdmins"] = "true" } };

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_admin_without_a_second_factor_can_only_enrol_and_then_works_with_codes()
    {
        var admin = await _app.SignedIn(TestData.Admin, DemoSeed.Password);

        var blocked = await admin.GetAsync("/api/v1/volunteers");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("镇管理员须先启用两步验证。", (await blocked.Json()).GetProperty("title").GetString());
        var page = await admin.GetAsync("/network/stations");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/two-factor?required=1", page.Headers.Location!.OriginalString);

        var begin = await (await admin.PostAsync("/api/v1/me/two-factor", null)).Json();
        var secret = begin.GetProperty("secret").GetString()!;
        var confirmed = await admin.PostAsJsonAsync("/api/v1/me/two-factor/confirm", new { code = _app.TotpNow(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/volunteers")).StatusCode);
        // Dispatchers are not bound by the admins' rule.
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedIn(TestData.Dispatcher, DemoSeed.Password)).GetAsync("/api/v1/volunteers")).StatusCode);
    }
}
