using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Auth;
using Volunteer96345.Demo;

namespace Volunteer96345.Tests.Accounts.SignIn;

/// <summary>The app with a password hasher that counts its checks, to see that every sign-in does the same work.</summary>
public sealed class CountingHasherFixture : AppFixture
{
    internal CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
    }

    internal sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new(Options.Create(new PasswordHasherOptions { IterationCount = PasswordIterations }));
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>
/// Sign-in gives nothing away and cannot be turned against its users: an unknown name is answered exactly as a wrong
/// password, guesses slow down per address and per name, ten lock the name for 15 minutes, and the right password with
/// the right TOTP code (or an admin) ends the lock. Its own app, since the tests move the clock and fill the throttle.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SignInGuardTests : IAsyncLifetime
{
    private readonly CountingHasherFixture _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>The answer without its per-request trace id.</summary>
    private static async Task<string> Answer(HttpResponseMessage response)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync())!;
        body.Remove("traceId");
        return (int)response.StatusCode + " " + JsonSerializer.Serialize(body);
    }

    /// <summary>Wrong guesses for <paramref name="userName"/> until <paramref name="counted"/> have counted, waiting out each delay on the clock.</summary>
    private async Task Guess(string userName, int counted)
    {
        var client = _app.Anonymous();
        for (var done = 0; done < counted;)
        {
            var response = await client.TrySignIn(userName, "Wrong-guess-" + done);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                _app.Clock.Advance(response.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromSeconds(1));
                continue;
            }

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            done++;
        }
    }

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_answer_and_the_same_work_as_a_wrong_password()
    {
        var client = _app.Anonymous();
        var before = _app.Hasher.Verifications;

        var unknown = await Answer(await client.TrySignIn("nobody-here", "Wrong-Pass-1"));
        var wrong = await Answer(await client.TrySignIn(TestData.Dispatcher, "Wrong-Pass-1"));
        var waiting = await _app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Users.Where(u => u.PasswordHash == null).Select(u => u.UserName!)));
        var noPassword = await Answer(await client.TrySignIn(waiting, "Wrong-Pass-1"));

        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, noPassword);
        Assert.StartsWith("400 ", unknown, StringComparison.Ordinal);
        // One password hash check each: the unknown name is checked against a stand-in, so the time says nothing either.
        Assert.Equal(3, _app.Hasher.Verifications - before);
    }

    [Fact]
    public async Task Guesses_at_one_name_slow_down_the_same_whether_or_not_it_exists()
    {
        var client = _app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await client.TrySignIn(TestData.Inspector, "Wrong-guess-" + i);
            await client.TrySignIn("no-such-inspector", "Wrong-guess-" + i);
        }

        var existing = await client.TrySignIn(TestData.Inspector, DemoSeed.Password);
        var missing = await client.TrySignIn("no-such-inspector", DemoSeed.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, existing.StatusCode);
        Assert.Equal(await Answer(existing), await Answer(missing));
        Assert.Equal(TimeSpan.FromSeconds(30), existing.Headers.RetryAfter!.Delta);
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.NoContent, (await client.TrySignIn(TestData.Inspector, DemoSeed.Password)).StatusCode);
    }

    [Fact]
    public async Task Ten_failures_lock_the_name_for_15_minutes_and_an_admins_unlock_ends_it()
    {
        await Guess(TestData.Chengjiao, 10);
        var waited = TimeSpan.FromMinutes(3);
        _app.Clock.Advance(waited);

        var locked = await _app.Anonymous().TrySignIn(TestData.Chengjiao, DemoSeed.Password);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("临时锁定", (await locked.Json()).FieldError("userName"), StringComparison.Ordinal);
        Assert.Single(await _app.Db(db => System.Threading.Tasks.Task.FromResult(db.Set<GuessBlock>().Where(b => b.Purpose == GuessPurpose.SignInLockout).ToList())));

        var admin = await _app.SignedIn(TestData.Admin, DemoSeed.Password);
        var id = await _app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.UserName == TestData.Chengjiao).Select(u => u.Id)));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/accounts/{id}/unlock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _app.Anonymous().TrySignIn(TestData.Chengjiao, DemoSeed.Password)).StatusCode);
    }

    [Fact]
    public async Task The_lock_ends_by_itself_after_15_minutes()
    {
        await Guess(TestData.Taoyuan, 10);

        var block = await _app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<GuessBlock>().Where(b => b.Purpose == GuessPurpose.SignInLockout)));
        Assert.Equal(TimeSpan.FromMinutes(15), block.Until - block.At);
        _app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Anonymous().TrySignIn(TestData.Taoyuan, DemoSeed.Password)).StatusCode);
    }

    [Fact]
    public async Task The_right_password_with_the_right_TOTP_code_ends_a_lock_an_attacker_started()
    {
        var (_, staff) = await _app.ActivatedStaff("锁定测试", "13905735001", "dispatcher");
        var secret = (await (await staff.PostAsync("/api/v1/me/two-factor", null)).Json()).GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/me/two-factor/confirm",
            System.Net.Http.Json.JsonContent.Create(new { code = _app.TotpNow(secret) }))).StatusCode);

        await Guess("13905735001", 10);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        // While locked, the right password alone learns nothing (not even that a code is due) …
        var passwordOnly = await _app.Anonymous().TrySignIn("13905735001", AccountSteps.GoodPassword);
        Assert.Equal(HttpStatusCode.BadRequest, passwordOnly.StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        // … but the password with the authenticator's code signs in and ends the lock.
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Anonymous().TrySignIn("13905735001", AccountSteps.GoodPassword, _app.TotpNow(secret))).StatusCode);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().TrySignIn("13905735001", AccountSteps.GoodPassword)).StatusCode);
    }
}
