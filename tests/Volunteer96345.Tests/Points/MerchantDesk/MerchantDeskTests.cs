using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Points.MerchantDesk;

/// <summary>A merchant keeps their own listings on the phone and reaches no other shop's.</summary>
[Trait("Category", "Integration")]
public sealed class MerchantDeskTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_merchant_lists_goods_on_the_phone_and_members_see_them_in_the_mall()
    {
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);

        var response = await merchant.PostForm("/m/merchant/listings", "new",
            new() { ["Form.Name"] = "桂花糕", ["Form.Kind"] = "Goods", ["Form.Price"] = "25", ["Form.Stock"] = "12" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已保存", await response.Text());
        var listing = await app.Db(db => db.Set<MallListing>().SingleAsync(l => l.Name == "桂花糕"));
        Assert.Equal((25, 12), (listing.Price, listing.Stock));
        var mall = await (await app.ClientFor(RedemptionSteps.Member)).GetStringAsync("/m/mall");
        Assert.Contains($"order-{listing.Id}", mall);
    }

    [Fact]
    public async Task A_merchant_looking_up_a_member_gets_the_masked_name_the_card_number_and_the_level_and_nothing_else()
    {
        var (id, number) = await app.DemoMember();
        var member = await app.Db(db => db.Volunteers.IgnoreQueryFilters().SingleAsync(v => v.Id == id));
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);

        var response = await merchant.GetAsync($"/api/v1/merchant/members?code=V96345:{number}");
        var page = await merchant.PostForm("/m/merchant", "scan", new() { ["Form.Member"] = number });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Json();
        Assert.Equal(["levelKey", "levelName", "maskedName", "number", "perks"], json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(number, json.GetProperty("number").GetString());
        Assert.Equal(member.RealName[..1] + "*", json.GetProperty("maskedName").GetString()![..2]);
        var html = await page.Text();
        Assert.Contains(number, html, StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("maskedName").GetString()!, html, StringComparison.Ordinal);
        foreach (var text in new[] { await response.Content.ReadAsStringAsync(), html })
        {
            Assert.DoesNotContain(member.RealName, text, StringComparison.Ordinal);
            Assert.DoesNotContain(member.Mobile, text, StringComparison.Ordinal);
            Assert.DoesNotContain(member.Address, text, StringComparison.Ordinal);
            Assert.DoesNotContain(member.IdNumberMasked, text, StringComparison.Ordinal);
            Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_merchant_cannot_touch_another_shops_listing()
    {
        var other = await app.Db(db => db.Set<MallListing>().Where(l => l.Name == "理发一次").Select(l => l.Id).SingleAsync());
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);
        var before = await app.RedemptionFingerprint();

        var update = await merchant.PutAsJsonAsync($"/api/v1/merchant/listings/{other}", new { name = "理发一次", kind = "Service", price = 1, stock = 999 });
        var withdraw = await merchant.PostAsync($"/api/v1/merchant/listings/{other}/withdraw", null);

        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.Equal(before, await app.RedemptionFingerprint());
        Assert.DoesNotContain(await merchant.GetFromJsonAsync<List<ListingView>>("/api/v1/merchant/listings") ?? [], l => l.Id == other);
    }

    [Fact]
    public async Task A_withdrawn_listing_leaves_the_mall_and_cannot_be_ordered()
    {
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);
        var created = await merchant.PostAsJsonAsync("/api/v1/merchant/listings", new { name = "菊花茶", kind = "Goods", price = 10, stock = 5 });
        var id = (await created.Json()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"/api/v1/merchant/listings/{id}/withdraw", null)).StatusCode);
        var member = await app.ClientFor(RedemptionSteps.Member);

        var order = await member.PostAsJsonAsync("/api/v1/mall/orders", new { listingId = id, quantity = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, order.StatusCode);
        Assert.DoesNotContain(await member.GetFromJsonAsync<List<ListingView>>("/api/v1/mall/listings") ?? [], l => l.Id == id);
    }

    private sealed record ListingView(Guid Id, string Name);
}
