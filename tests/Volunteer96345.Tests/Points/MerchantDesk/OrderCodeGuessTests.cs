using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Demo;
using Volunteer96345.Points;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Points.MerchantDesk;

/// <summary>
/// A mall order's 8-digit code cannot be guessed at the merchant's desk: ten wrong codes from one account, or twenty at one
/// shop from its accounts together, and the next try waits, the right code included; after the wait it fulfils the order.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OrderCodeGuessTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private static readonly GuessPolicy Policy = GuessPolicies.Defaults[GuessPurpose.ConfirmationCode];

    /// <summary>Both tests type wrong codes at the same shop: each starts after the shop's count of the other has lapsed.</summary>
    public ValueTask InitializeAsync()
    {
        app.Clock.Advance(Policy.Window + Policy.MaxWait);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Another account of the demo merchant's shop (a shop assistant), signed in.</summary>
    private async Task<HttpClient> Assistant(string userName)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var shop = await db.Users.Where(u => u.UserName == RedemptionSteps.Merchant).Select(u => u.AllianceMemberId).SingleAsync();
            // The demo's shared password, as the demo seed sets it (the password rules refuse it for new passwords).
            var user = new AppUser { UserName = userName, DisplayName = "店员", AllianceMemberId = shop };
            user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoSeed.Password);
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Merchant)).Succeeded);
        }

        return await app.ClientFor(userName, "en");
    }

    /// <summary>An open order of the demo member at the demo merchant's shop: its code.</summary>
    private async Task<string> OpenOrder()
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 100);
        var listing = await app.Db(async db =>
        {
            var shop = await db.Users.Where(u => u.UserName == RedemptionSteps.Merchant).Select(u => u.AllianceMemberId!.Value).SingleAsync();
            var created = MallListing.Create(shop, "测试商品" + Guid.NewGuid().ToString("N")[..6], null, RewardKind.Goods, 10, 10, app.Clock.GetUtcNow().UtcDateTime);
            db.Add(created);
            await db.SaveChangesAsync();
            return created.Id;
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mall/orders") { Content = JsonContent.Create(new { listingId = listing, quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await (await app.ClientFor(RedemptionSteps.Member)).SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("code").GetString()!;
    }

    private static Task<HttpResponseMessage> Fulfil(HttpClient desk, string code) => desk.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code });

    /// <summary>Eight digits that are no order's code (but for a chance of about one in ten million per order).</summary>
    private static string Unknown(int i) => (10_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task After_ten_wrong_codes_the_next_try_waits_even_with_the_right_code_while_another_account_of_the_shop_may_fulfil()
    {
        var first = await OpenOrder();
        var second = await OpenOrder();
        var merchant = await app.ClientFor(RedemptionSteps.Merchant, "en");
        var assistant = await Assistant("merchant.assistant1");
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < Policy.FreeFailures; i++)
        {
            wrong.Add(await Fulfil(merchant, Unknown(i)));
        }

        var before = await app.RedemptionFingerprint();
        var refused = await Fulfil(merchant, first);
        var page = await merchant.PostForm("/m/merchant", "fulfil", new() { ["Form.Code"] = first });

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Too many tries. Try again in a minute.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Matches("data-field=\"code\"[^§]*?Too many tries. Try again in a minute.", await page.Text());
        Assert.Equal(before, await app.RedemptionFingerprint());

        Assert.Equal(HttpStatusCode.OK, (await Fulfil(assistant, first)).StatusCode);

        app.Clock.Advance(Policy.FirstWait);
        Assert.Equal(HttpStatusCode.OK, (await Fulfil(merchant, second)).StatusCode);
    }

    [Fact]
    public async Task Twenty_wrong_codes_at_one_shop_make_all_its_accounts_wait_until_the_wait_is_over()
    {
        var code = await OpenOrder();
        var desks = new[] { await Assistant("merchant.assistant2"), await Assistant("merchant.assistant3") };
        foreach (var desk in desks)
        {
            for (var i = 0; i < Policy.FreeFailures; i++)
            {
                Assert.Equal(HttpStatusCode.BadRequest, (await Fulfil(desk, Unknown(100 + i))).StatusCode);
            }
        }

        var merchant = await app.ClientFor(RedemptionSteps.Merchant, "en");
        var before = await app.RedemptionFingerprint();
        var refused = await Fulfil(merchant, code);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(before, await app.RedemptionFingerprint());

        app.Clock.Advance(Policy.FirstWait);
        Assert.Equal(HttpStatusCode.OK, (await Fulfil(merchant, code)).StatusCode);
    }
}
