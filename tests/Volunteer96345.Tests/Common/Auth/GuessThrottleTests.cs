using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;

namespace Volunteer96345.Tests.Common.Auth;

/// <summary>An empty database (the throttle needs no demo) with the SMS reset's policy configured: 2 free, 10 s, at most 1 min.</summary>
public sealed class GuessThrottleFixture : AppFixture
{
    public GuessThrottleFixture()
    {
        SeedDemo = false;
        Settings["Security:Guess:SmsReset:FreeFailures"] = "2";
        Settings["Security:Guess:SmsReset:TargetFreeFailures"] = "3";
        Settings["Security:Guess:SmsReset:WindowMinutes"] = "5";
        Settings["Security:Guess:SmsReset:FirstWaitSeconds"] = "10";
        Settings["Security:Guess:SmsReset:MaxWaitMinutes"] = "1";
    }
}

/// <summary>
/// A few wrong guesses per key, then a wait that doubles with each further wrong guess up to a cap; the count lapses a
/// window after the last wrong guess or wait; a right guess clears it; every block is audited once. Each test has keys of
/// its own (a fresh address or target), so that the tests of this class, which share one clock, do not meet.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GuessThrottleTests(GuessThrottleFixture app) : IClassFixture<GuessThrottleFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly GuessPolicy Activity = GuessPolicies.Defaults[GuessPurpose.ActivityCheckIn];

    private static int _addresses;

    /// <summary>An address no other test uses, in 10.0.0.0/8 (the audit test uses 192.0.2.0/24 alone).</summary>
    private static string FreshAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256}";
    }

    /// <summary>The throttle of a request from <paramref name="address"/> with nobody signed in.</summary>
    private async Task<T> From<T>(string address, Func<GuessThrottle, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ClientAddress = address;
        return await work(scope.ServiceProvider.GetRequiredService<GuessThrottle>());
    }

    private Task<TimeSpan?> Fail(string purpose, params string[] keys) => From(FreshAddress(), t => t.FailedAsync(purpose, keys, None));

    private Task<TimeSpan?> Wait(string purpose, params string[] keys) => From(FreshAddress(), t => t.WaitAsync(purpose, keys, None));

    private static string Person() => "ip:" + FreshAddress();

    private static string Target() => GuessKeys.Target("activity", Guid.NewGuid());

    private Task<List<string>> BlocksAudited(string maskedKey) => app.Db(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
        .Where(a => a.EntityType == nameof(GuessBlock) && a.Changes.Contains(maskedKey)).OrderBy(a => a.Sequence).Select(a => a.Changes).ToListAsync());

    [Fact]
    public async Task The_free_wrong_guesses_wait_for_nothing_and_the_last_of_them_starts_the_first_wait()
    {
        var key = Person();
        for (var i = 1; i < Activity.FreeFailures; i++)
        {
            Assert.Null(await Fail(GuessPurpose.ActivityCheckIn, key));
            Assert.Null(await Wait(GuessPurpose.ActivityCheckIn, key));
        }

        Assert.Equal(Activity.FirstWait, await Fail(GuessPurpose.ActivityCheckIn, key));
        Assert.Equal(Activity.FirstWait, await Wait(GuessPurpose.ActivityCheckIn, key));
        app.Clock.Advance(Activity.FirstWait - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), await Wait(GuessPurpose.ActivityCheckIn, key));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Wait(GuessPurpose.ActivityCheckIn, key));
    }

    [Fact]
    public async Task Each_wrong_guess_after_a_wait_doubles_the_next_wait_up_to_the_cap()
    {
        var key = Person();
        for (var i = 1; i < Activity.FreeFailures; i++)
        {
            await Fail(GuessPurpose.ActivityCheckIn, key);
        }

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 6; i++)
        {
            waits.Add(await Fail(GuessPurpose.ActivityCheckIn, key));
            app.Clock.Advance(waits[^1]!.Value);
        }

        // 1, 2, 4, 8 minutes, then the 15-minute cap instead of 16 and 32.
        Assert.Equal(new double[] { 1, 2, 4, 8, 15, 15 }, waits.Select(w => w!.Value.TotalMinutes).ToArray());
        Assert.Equal(Activity.MaxWait, waits[^1]);
    }

    [Fact]
    public async Task A_count_lapses_a_window_after_the_last_wrong_guess_or_the_end_of_the_last_wait()
    {
        var quiet = Person();
        for (var i = 1; i < Activity.FreeFailures; i++)
        {
            await Fail(GuessPurpose.ActivityCheckIn, quiet);
        }

        app.Clock.Advance(Activity.Window);
        Assert.Null(await Fail(GuessPurpose.ActivityCheckIn, quiet)); // the count starts again at 1

        var blocked = Person();
        for (var i = 0; i < Activity.FreeFailures; i++)
        {
            await Fail(GuessPurpose.ActivityCheckIn, blocked);
        }

        app.Clock.Advance(Activity.FirstWait + Activity.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(2 * Activity.FirstWait, await Fail(GuessPurpose.ActivityCheckIn, blocked)); // still counted: doubled

        app.Clock.Advance(2 * Activity.FirstWait + Activity.Window);
        for (var i = 1; i < Activity.FreeFailures; i++)
        {
            Assert.Null(await Fail(GuessPurpose.ActivityCheckIn, blocked)); // lapsed: free again
        }

        Assert.Equal(0, await app.Db(db => db.Set<GuessCounter>().CountAsync(c => c.CountedUntil <= app.Clock.GetUtcNow().UtcDateTime)));
    }

    [Fact]
    public async Task A_right_guess_clears_the_count_but_not_a_running_wait()
    {
        var key = Person();
        for (var i = 1; i < Activity.FreeFailures; i++)
        {
            await Fail(GuessPurpose.ActivityCheckIn, key);
        }

        await From(FreshAddress(), async t =>
        {
            await t.SucceededAsync(GuessPurpose.ActivityCheckIn, [key], None);
            return 0;
        });
        for (var i = 1; i < Activity.FreeFailures; i++)
        {
            Assert.Null(await Fail(GuessPurpose.ActivityCheckIn, key));
        }

        Assert.NotNull(await Fail(GuessPurpose.ActivityCheckIn, key));
        await From(FreshAddress(), async t =>
        {
            await t.SucceededAsync(GuessPurpose.ActivityCheckIn, [key], None);
            return 0;
        });
        Assert.Equal(Activity.FirstWait, await Wait(GuessPurpose.ActivityCheckIn, key));
        app.Clock.Advance(Activity.FirstWait);
    }

    [Fact]
    public async Task A_target_has_its_own_larger_allowance_and_the_longest_wait_among_the_keys_applies()
    {
        var target = Target();
        var people = Enumerable.Range(0, Activity.TargetFreeFailures).Select(_ => Person()).ToList();

        // Thirty people, one wrong guess each: none of them is held up, and the thirtieth blocks the activity for everyone.
        for (var i = 0; i < people.Count - 1; i++)
        {
            Assert.Null(await Fail(GuessPurpose.ActivityCheckIn, people[i], target));
        }

        Assert.Equal(Activity.FirstWait, await Fail(GuessPurpose.ActivityCheckIn, people[^1], target));
        var someoneElse = Person();
        Assert.Null(await Wait(GuessPurpose.ActivityCheckIn, someoneElse));
        Assert.Equal(Activity.FirstWait, await Wait(GuessPurpose.ActivityCheckIn, someoneElse, target));
        app.Clock.Advance(Activity.FirstWait);
    }

    [Fact]
    public async Task Wrong_guesses_at_the_same_moment_all_count()
    {
        var key = Target();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Fail(GuessPurpose.ActivityCheckIn, key))));

        var counter = await app.Db(db => db.Set<GuessCounter>().AsNoTracking().SingleAsync(c => c.Purpose == GuessPurpose.ActivityCheckIn && c.Key == key));
        Assert.Equal(12, counter.Failures);
        Assert.Null(counter.BlockedUntil);
    }

    [Fact]
    public async Task A_block_is_audited_once_when_it_starts_with_the_purpose_the_masked_address_and_until_when()
    {
        const string address = "192.0.2.77";
        var key = "ip:" + address;
        const string masked = "ip:192.0.2.*";
        Assert.Equal(masked, GuessKeys.Masked(key));
        for (var i = 1; i < Activity.FreeFailures; i++)
        {
            await Fail(GuessPurpose.ActivityCheckIn, key);
        }

        Assert.Empty(await BlocksAudited(masked));

        // The guess that starts the block and, at the same moment, more that lengthen it: one audit row, with the wait that
        // the guess which started it set (1, 2, 4 or 8 minutes, depending on which of them came first).
        var started = app.Clock.GetUtcNow().UtcDateTime;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Fail(GuessPurpose.ActivityCheckIn, key))));
        var first = Assert.Single(await BlocksAudited(masked));
        Assert.Contains(GuessPurpose.ActivityCheckIn, first, StringComparison.Ordinal);
        Assert.DoesNotContain(address, first, StringComparison.Ordinal);
        var until = await app.Db(db => db.Set<GuessBlock>().AsNoTracking().Where(b => b.Key == masked).Select(b => b.Until).SingleAsync());
        Assert.Contains((until - started).TotalMinutes, new double[] { 1, 2, 4, 8 });

        // After the wait, the next wrong guess starts a new (doubled) block: a second row.
        var running = await Wait(GuessPurpose.ActivityCheckIn, key);
        app.Clock.Advance(running!.Value);
        Assert.NotNull(await Fail(GuessPurpose.ActivityCheckIn, key));
        Assert.Equal(2, (await BlocksAudited(masked)).Count);
        app.Clock.Advance(Activity.MaxWait);
    }

    [Fact]
    public async Task Each_purpose_has_its_own_policy_from_configuration_and_its_own_counts()
    {
        var policy = app.Services.GetRequiredService<GuessPolicies>().For(GuessPurpose.SmsReset);
        Assert.Equal(new GuessPolicy(2, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), 3), policy);
        Assert.Equal(GuessPolicies.Defaults[GuessPurpose.Track], app.Services.GetRequiredService<GuessPolicies>().For(GuessPurpose.Track));

        var key = Person();
        Assert.Null(await Fail(GuessPurpose.SmsReset, key));
        Assert.Equal(TimeSpan.FromSeconds(10), await Fail(GuessPurpose.SmsReset, key));
        Assert.Null(await Wait(GuessPurpose.Track, key));
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(20), await Fail(GuessPurpose.SmsReset, key));
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(40), await Fail(GuessPurpose.SmsReset, key));
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.FromMinutes(1), await Fail(GuessPurpose.SmsReset, key));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_policy_that_cannot_work_stops_the_app_with_a_message_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:Guess:Track:FreeFailures"] = "0" }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => new GuessPolicies(configuration));

        Assert.Contains("Security:Guess:Track", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_person_is_the_signed_in_user_else_the_address_an_IPv6_address_counts_by_its_network_and_the_audit_masks_addresses_and_mobiles()
    {
        var id = Guid.NewGuid();
        var signedIn = new CurrentUser { ClientAddress = "203.0.113.9" };
        signedIn.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString())], "test")));

        Assert.Equal("user:" + id, GuessKeys.Person(signedIn));
        Assert.Equal("ip:203.0.113.9", GuessKeys.Person(new CurrentUser { ClientAddress = "203.0.113.9" }));
        Assert.Equal("ip:2001:db8:1:2::/64", GuessKeys.Person(new CurrentUser { ClientAddress = "2001:db8:1:2:aaaa:bbbb:cccc:dddd" }));
        Assert.Equal("ip:2001:db8:1::/48", GuessKeys.Masked("ip:2001:db8:1:2::/64"));
        Assert.Equal("mobile:139****0002", GuessKeys.Masked("mobile:13905730002"));
        Assert.Equal("ip:unknown", GuessKeys.Person(new CurrentUser()));
        Assert.True(GuessKeys.IsPerson("ip:unknown"));
        Assert.False(GuessKeys.IsPerson(GuessKeys.Target("tracking", "AB23CD45")));
    }

    [Fact]
    public async Task A_refusal_is_a_429_with_the_wait_in_minutes_and_in_Retry_After_seconds()
    {
        var refusal = await From(FreshAddress(), t => Task.FromResult(t.Refusal("code", TimeSpan.FromSeconds(150))));

        Assert.Equal(ErrorKind.TooManyAttempts, refusal.Kind);
        Assert.Equal("尝试次数过多，请 3 分钟后再试。", refusal.For("code"));
        Assert.Equal("150", refusal.RetryAfterSeconds);
    }

    [Fact]
    public async Task Counting_inside_the_callers_transaction_is_refused_rather_than_waiting_for_itself()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Volunteer96345.Data.AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<GuessThrottle>()
            .FailedAsync(GuessPurpose.ActivityCheckIn, [Person()], None));
    }
}
