using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Points;
using Volunteer96345.Points.Mall;

namespace Volunteer96345.Tests.Points.Mall;

/// <summary>The mall: an order's points are held until the merchant fulfils it, the member cancels it, or the hold expires.</summary>
[Trait("Category", "Integration")]
public sealed class MallTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> Listing(int price, int stock) => await app.Db(async db =>
    {
        var merchant = await db.Users.Where(u => u.UserName == RedemptionSteps.Merchant).Select(u => u.AllianceMemberId!.Value).SingleAsync();
        var listing = MallListing.Create(merchant, "测试商品" + Guid.NewGuid().ToString("N")[..6], null, RewardKind.Goods, price, stock, app.Clock.GetUtcNow().UtcDateTime);
        db.Add(listing);
        await db.SaveChangesAsync();
        return listing.Id;
    });

    private Task<int> Stock(Guid listing) => app.Db(db => db.Set<MallListing>().Where(l => l.Id == listing).Select(l => l.Stock).SingleAsync());

    private Task<long> MerchantBalance() => app.Db(async db => await db.Set<PointsAccount>().Where(a => a.Kind == AccountKind.Merchant)
        .Join(db.Users.Where(u => u.AllianceMemberId != null), a => a.OwnerId, m => m.AllianceMemberId, (a, m) => (long?)a.Balance).SumAsync() ?? 0);

    private static async Task<(Guid Id, string Code)> Order(HttpClient member, Guid listing, int quantity, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mall/orders") { Content = JsonContent.Create(new { listingId = listing, quantity }) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        var response = await member.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var order = await response.Json();
        return (order.GetProperty("id").GetGuid(), order.GetProperty("code").GetString()!);
    }

    [Fact]
    public async Task An_order_holds_the_points_until_the_merchant_fulfils_it()
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 300);
        var balance = await app.Balance(memberId);
        var listing = await Listing(price: 40, stock: 10);
        var merchantBefore = await MerchantBalance();
        var member = await app.ClientFor(RedemptionSteps.Member);

        var (id, code) = await Order(member, listing, 2);

        Assert.Equal(balance - 80, await app.Balance(memberId));
        Assert.Equal(8, await Stock(listing));
        Assert.Equal(merchantBefore, await MerchantBalance());

        var merchant = await app.ClientFor(RedemptionSteps.Merchant);
        var fulfil = await merchant.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code });

        Assert.Equal(HttpStatusCode.OK, fulfil.StatusCode);
        Assert.Equal("Fulfilled", (await fulfil.Json()).GetProperty("status").GetString());
        Assert.Equal(merchantBefore + 80, await MerchantBalance());
        Assert.Equal(balance - 80, await app.Balance(memberId));
        Assert.Equal(MallOrderStatus.Fulfilled, await app.Db(db => db.Set<MallOrder>().Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));
        await app.AssertInvariants();
    }

    [Fact]
    public async Task Fulfilling_an_order_twice_is_refused_and_posts_nothing()
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 100);
        var listing = await Listing(price: 10, stock: 10);
        var (_, code) = await Order(await app.ClientFor(RedemptionSteps.Member), listing, 1);
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code })).StatusCode);
        var before = await app.RedemptionFingerprint();

        var again = await merchant.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已核销", await again.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Fact]
    public async Task Two_fulfilments_of_one_order_at_once_capture_it_once()
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 100);
        var listing = await Listing(price: 10, stock: 10);
        var (_, code) = await Order(await app.ClientFor(RedemptionSteps.Member), listing, 1);
        var merchantBefore = await MerchantBalance();
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => merchant.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(merchantBefore + 10, await MerchantBalance());
        await app.AssertInvariants();
    }

    [Fact]
    public async Task An_expired_hold_is_released_by_the_sweeper_and_cannot_be_fulfilled()
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 100);
        var balance = await app.Balance(memberId);
        // The member's orders left open by the class's other tests expire with this one and give their points back too.
        var heldBefore = await app.Db(db => db.Set<MallOrder>().Where(o => o.VolunteerId == memberId && o.Status == MallOrderStatus.Held).SumAsync(o => o.Points));
        var listing = await Listing(price: 25, stock: 4);
        var (id, code) = await Order(await app.ClientFor(RedemptionSteps.Member), listing, 2);
        Assert.Equal(balance - 50, await app.Balance(memberId));

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);
        var before = await app.RedemptionFingerprint();
        var early = await merchant.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("已过期", await early.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RedemptionFingerprint());

        var expired = await app.Services.GetRequiredService<HoldSweeper>().ExpireDueAsync(CancellationToken.None);

        Assert.True(expired >= 1);
        Assert.Equal(MallOrderStatus.Expired, await app.Db(db => db.Set<MallOrder>().Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));
        Assert.Equal(balance + heldBefore, await app.Balance(memberId));
        Assert.Equal(4, await Stock(listing));
        Assert.Equal(0, await app.Services.GetRequiredService<HoldSweeper>().ExpireDueAsync(CancellationToken.None));
        var late = await merchant.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        await app.AssertInvariants();
    }

    [Fact]
    public async Task Cancelling_an_order_gives_back_the_points_and_the_stock()
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 100);
        var balance = await app.Balance(memberId);
        var listing = await Listing(price: 30, stock: 3);
        var member = await app.ClientFor(RedemptionSteps.Member);
        var (id, _) = await Order(member, listing, 3);
        Assert.Equal(0, await Stock(listing));

        var cancel = await member.PostAsync($"/api/v1/mall/orders/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(balance, await app.Balance(memberId));
        Assert.Equal(3, await Stock(listing));
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsync($"/api/v1/mall/orders/{id}/cancel", null)).StatusCode);
        await app.AssertInvariants();
    }

    [Fact]
    public async Task The_same_order_sent_five_times_with_one_key_holds_once()
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 100);
        var balance = await app.Balance(memberId);
        var listing = await Listing(price: 20, stock: 10);
        var member = await app.ClientFor(RedemptionSteps.Member);
        var key = "order-" + listing;

        var orders = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Order(member, listing, 1, key)));

        Assert.Single(orders.Select(o => o.Id).Distinct());
        Assert.Equal(balance - 20, await app.Balance(memberId));
        Assert.Equal(9, await Stock(listing));
        await app.AssertInvariants();
    }

    public static TheoryData<string, string, string, int> BadInput() => new()
    {
        { "/api/v1/mall/orders", """{"listingId":"{LISTING}","quantity":0}""", RedemptionSteps.Member, 400 },
        { "/api/v1/mall/orders", """{"listingId":"{LISTING}","quantity":-1}""", RedemptionSteps.Member, 400 },
        { "/api/v1/mall/orders", """{"listingId":"{LISTING}","quantity":100000}""", RedemptionSteps.Member, 400 },
        { "/api/v1/mall/orders", """{"listingId":"{UNKNOWN}","quantity":1}""", RedemptionSteps.Member, 400 },
        { "/api/v1/mall/orders", """{"listingId":"{LISTING}","quantity":20}""", RedemptionSteps.Member, 409 },
        { "/api/v1/merchant/fulfil", """{"code":"99999999"}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/fulfil", """{"code":"12ab"}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/fulfil", """{"code":""}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/listings", """{"name":"x","kind":"Goods","price":0,"stock":1}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/listings", """{"name":"x","kind":"Goods","price":5,"stock":-1}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/listings", """{"name":"","kind":"Goods","price":5,"stock":1}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/listings", """{"name":"x","kind":"Nope","price":5,"stock":1}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/listings", """{"name":"x","kind":"Goods","price":1000001,"stock":1}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/listings", """{"name":"x","kind":"Goods","price":5,"stock":100001}""", RedemptionSteps.Merchant, 400 },
        { "/api/v1/merchant/fulfil", """{"code":"12345678"}""", RedemptionSteps.Manager, 403 },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_clear_error_and_changes_nothing(string url, string body, string user, int status)
    {
        var (memberId, _) = await app.DemoMember();
        await app.Give(memberId, 50);
        var listing = await Listing(price: 10, stock: 5);
        var client = await app.ClientFor(user);
        var before = await app.RedemptionFingerprint();
        var json = body.Replace("{LISTING}", listing.ToString(), StringComparison.Ordinal).Replace("{UNKNOWN}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        var response = await client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode == status, $"{url} {json}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Fact]
    public async Task The_monthly_settlement_lists_the_fulfilled_orders_and_exports_them_to_Excel()
    {
        var (memberId, number) = await app.DemoMember();
        await app.Give(memberId, 100);
        var listing = await Listing(price: 15, stock: 5);
        var (_, code) = await Order(await app.ClientFor(RedemptionSteps.Member), listing, 1);
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsJsonAsync("/api/v1/merchant/fulfil", new { code })).StatusCode);
        var now = Volunteer96345.Common.Time.Shanghai.Today(app.Clock);

        var statement = await (await merchant.GetAsync($"/api/v1/settlements/statement?year={now.Year}&month={now.Month}")).Json();
        var exportsBefore = await app.Db(db => db.DataExports.Select(e => e.Id).ToListAsync());
        var export = await merchant.GetAsync($"/api/v1/settlements/statement/export?year={now.Year}&month={now.Month}");
        var admin = await app.ClientFor("admin");
        var summary = await (await admin.GetAsync($"/api/v1/settlements?year={now.Year}&month={now.Month}")).Json();

        Assert.Equal(RedemptionSeed.DemoMerchant, statement.GetProperty("merchantName").GetString());
        Assert.Contains(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("code").GetString() == code && l.GetProperty("memberNumber").GetString() == number);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => Equals(r["兑换码"], code));
        // The statement names members by card number: its export is recorded, with the merchant's display name.
        var recorded = Assert.Single(await app.Db(db => db.DataExports.Where(e => !exportsBefore.Contains(e.Id)).ToListAsync()));
        Assert.Equal(("SettlementStatement", rows.Count - 1, "周德明"), (recorded.Kind, recorded.Rows, recorded.UserName));
        Assert.Contains(summary.EnumerateArray(), r => r.GetProperty("merchantName").GetString() == RedemptionSeed.DemoMerchant
            && r.GetProperty("totalPoints").GetInt64() == statement.GetProperty("totalPoints").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await merchant.GetAsync("/api/v1/settlements/statement?year=2026&month=13")).StatusCode);
    }
}
