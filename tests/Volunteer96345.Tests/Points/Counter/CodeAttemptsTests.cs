using System.Net;
using Volunteer96345.Common.Auth;
using Volunteer96345.Points;

namespace Volunteer96345.Tests.Points.Counter;

/// <summary>
/// A member's counter confirmation code is void after five wrong guesses; the member must ask for a new one. Beyond that,
/// ten wrong codes from one manager or twenty for one member make the next try wait (GuessThrottle), the right code included.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CodeAttemptsTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    /// <summary>
    /// Every test here has the same managers type wrong codes; each starts after the throttle's counts of the others have
    /// lapsed (a window after the longest wait), so that each sees only its own wrong codes.
    /// </summary>
    public ValueTask InitializeAsync()
    {
        var policy = GuessPolicies.Defaults[GuessPurpose.ConfirmationCode];
        app.Clock.Advance(policy.Window + policy.MaxWait);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string WrongFor(string code, int i) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1 + i) % 1_000_000)
        .ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task After_five_wrong_codes_the_sixth_attempt_with_the_right_code_is_refused_and_changes_nothing()
    {
        var (member, number) = await app.OtherMember(5);
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var code = await app.CodeFor(member);
        var manager = await app.ClientFor(RedemptionSteps.Manager, "zh-CN");
        var before = await app.RedemptionFingerprint();

        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < ConfirmationCode.MaxFailedAttempts; i++)
        {
            wrong.Add(await manager.Redeem(new { itemId = item, member = number, quantity = 1, code = WrongFor(code, i) }));
        }

        var sixth = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("确认码错误或已过期", await wrong[3].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("已作废", await wrong[4].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        Assert.Contains("请志愿者在手机上重新获取确认码", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.RedemptionFingerprint());
        Assert.Equal(5, await app.Stock(item));
    }

    [Fact]
    public async Task A_new_code_fetched_after_the_old_one_went_void_redeems()
    {
        var (member, number) = await app.OtherMember(6);
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var old = await app.CodeFor(member);
        var manager = await app.ClientFor(RedemptionSteps.Manager, "en");
        for (var i = 0; i < ConfirmationCode.MaxFailedAttempts; i++)
        {
            await manager.Redeem(new { itemId = item, member = number, quantity = 1, code = WrongFor(old, i) });
        }

        var refused = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code = old });
        var fresh = await app.CodeFor(member);
        var redeemed = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code = fresh });

        Assert.Contains("must get a new code", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        Assert.Equal(4, await app.Stock(item));
    }

    [Fact]
    public async Task Four_wrong_codes_still_leave_the_right_code_usable()
    {
        var (member, number) = await app.OtherMember(7);
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var code = await app.CodeFor(member);
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        for (var i = 0; i < ConfirmationCode.MaxFailedAttempts - 1; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await manager.Redeem(new { itemId = item, member = number, quantity = 1, code = WrongFor(code, i) })).StatusCode);
        }

        var redeemed = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        Assert.Equal(4, await app.Stock(item));
    }

    [Fact]
    public async Task After_ten_wrong_codes_from_one_manager_the_next_try_waits_even_with_the_right_code_while_another_manager_may_redeem()
    {
        var policy = GuessPolicies.Defaults[GuessPurpose.ConfirmationCode];
        var (_, first) = await app.OtherMember(20);
        var (_, second) = await app.OtherMember(21);
        var (member, number) = await app.OtherMember(22);
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var theirs = await app.CounterItem(price: 10, stock: 5, village: "桃园村");
        var manager = await app.ClientFor(RedemptionSteps.Manager, "en");

        // Wrong codes spread over two members with no code outstanding: the manager reaches ten, neither member does.
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < policy.FreeFailures; i++)
        {
            wrong.Add(await manager.Redeem(new { itemId = item, member = i % 2 == 0 ? first : second, quantity = 1, code = $"{i:D6}" }));
        }

        var code = await app.CodeFor(member);
        var before = await app.RedemptionFingerprint();
        var refused = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Too many tries. Try again in a minute.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.RedemptionFingerprint());
        Assert.Equal(5, await app.Stock(item));

        var other = await app.ClientFor(RedemptionSteps.OtherManager);
        Assert.Equal(HttpStatusCode.Created, (await other.Redeem(new { itemId = theirs, member = number, quantity = 1, code })).StatusCode);

        app.Clock.Advance(policy.FirstWait);
        var afterWait = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code = await app.CodeFor(member) });

        Assert.Equal(HttpStatusCode.Created, afterWait.StatusCode);
        Assert.Equal(4, await app.Stock(item));
    }

    [Fact]
    public async Task Twenty_wrong_codes_for_one_member_make_every_counter_wait_for_that_member_even_with_the_right_code()
    {
        var policy = GuessPolicies.Defaults[GuessPurpose.ConfirmationCode];
        var (member, number) = await app.OtherMember(23);
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var theirs = await app.CounterItem(price: 10, stock: 5, village: "桃园村");

        // Two managers, ten wrong codes each for the same member: each manager waits now, and so does the member's code.
        foreach (var (userName, itemId) in new[] { (RedemptionSteps.Manager, item), (RedemptionSteps.OtherManager, theirs) })
        {
            var client = await app.ClientFor(userName);
            for (var i = 0; i < policy.FreeFailures; i++)
            {
                Assert.Equal(HttpStatusCode.BadRequest, (await client.Redeem(new { itemId, member = number, quantity = 1, code = $"{i:D6}" })).StatusCode);
            }
        }

        var code = await app.CodeFor(member);
        var admin = await app.ClientFor(TestData.Admin);
        var before = await app.RedemptionFingerprint();
        var refused = await admin.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(before, await app.RedemptionFingerprint());

        app.Clock.Advance(policy.FirstWait);
        var afterWait = await admin.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.Equal(HttpStatusCode.Created, afterWait.StatusCode);
        Assert.Equal(4, await app.Stock(item));
    }
}
