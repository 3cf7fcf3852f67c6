using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Points;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Points.MyCard;

/// <summary>The member's phone pages: the card with level and QR code, the confirmation code, the mall and the orders with their codes.</summary>
[Trait("Category", "Integration")]
public sealed partial class MyCardTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_card_shows_the_QR_code_the_balance_and_the_level_reached_by_lifetime_points()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 6_000); // the national star scale's third level, by points: 6,000 earned
        var phone = await app.ClientFor(RedemptionSteps.Member);

        var page = System.Net.WebUtility.HtmlDecode(await phone.GetStringAsync("/m/points/card"));

        Assert.Contains("data:image/png;base64,", page);
        Assert.Contains(number, page);
        Assert.Matches("data-testid=\"level\">[三四五]星志愿者<", page);
        Assert.Contains("服务点窗口优先办理", page);
        Assert.DoesNotContain("confirmation-code", page);
    }

    [Fact]
    public async Task Asking_for_a_confirmation_code_shows_six_digits_and_stores_only_their_hash()
    {
        var (member, _) = await app.DemoMember();
        var phone = await app.ClientFor(RedemptionSteps.Member);
        var auditedBefore = await app.Db(db => db.AuditEntries.MaxAsync(a => a.Sequence));

        var response = await phone.PostForm("/m/points/card", "code", []);

        var page = await response.Text();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = CodePattern().Match(page).Groups[1].Value;
        Assert.Matches("^[0-9]{6}$", code);
        var hashes = await app.Db(db => db.Set<ConfirmationCode>().Where(c => c.VolunteerId == member).Select(c => c.CodeHash).ToListAsync());
        Assert.Contains(ConfirmationCode.Hash(member, code), hashes);
        // What the request wrote to the audit (the town's older rows hold phone numbers that may end in the same six digits).
        var audited = await app.Db(db => db.AuditEntries.Where(a => a.Sequence > auditedBefore).Select(a => a.Changes).ToListAsync());
        Assert.NotEmpty(audited);
        Assert.DoesNotContain(audited, c => c.Contains(code + "\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_orders_in_the_mall_on_the_phone_and_sees_the_order_code()
    {
        var (member, _) = await app.DemoMember();
        await app.Give(member, 200);
        var phone = await app.ClientFor(RedemptionSteps.Member, "en");
        var listing = await app.Db(db => db.Set<MallListing>().Where(l => l.Name == "龙井茶一壶").Select(l => l.Id).SingleAsync());

        var response = await phone.PostForm("/m/mall", $"order-{listing}", new() { ["Form.Quantity"] = "1", ["Form.Key"] = Guid.NewGuid().ToString("N") });

        var page = await response.Text();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("40 points are held", page);
        var code = OrderCodePattern().Match(page).Groups[1].Value;
        Assert.Matches("^[0-9]{8}$", code);
        Assert.Contains(code, await phone.GetStringAsync("/m/points/redemptions"));
    }

    [Fact]
    public async Task A_phone_order_of_zero_is_refused_with_a_message_and_changes_nothing()
    {
        var phone = await app.ClientFor(RedemptionSteps.Member);
        var listing = await app.Db(db => db.Set<MallListing>().Where(l => l.Name == "茶点套餐").Select(l => l.Id).SingleAsync());
        var before = await app.RedemptionFingerprint();

        var response = await phone.PostForm("/m/mall", $"order-{listing}", new() { ["Form.Quantity"] = "0", ["Form.Key"] = "k" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("数量", await response.Text());
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Fact]
    public async Task The_merchant_sees_the_members_level_when_scanning_their_code()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 15_000);
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);

        var response = await merchant.PostForm("/m/merchant", "scan", new() { ["Form.Member"] = "V96345:" + number });

        var page = await response.Text();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("五星志愿者", page);
        Assert.Contains(RedemptionSeed.DemoMerchant, page);
    }

    [Fact]
    public async Task A_merchant_opening_the_phone_start_page_is_sent_to_the_merchant_desk()
    {
        var merchant = await app.ClientFor(RedemptionSteps.Merchant);

        var response = await merchant.GetAsync("/m/me");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/m/merchant", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_town_starts_with_the_national_star_scale_reached_by_hours_or_by_lifetime_points()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var privileges = scope.ServiceProvider.GetRequiredService<Privileges>();
        async Task<PrivilegeLevel> At(long points, decimal hours) => await privileges.For(points, hours, CancellationToken.None);

        Assert.Null((await At(999, 99.9m)).Key);
        Assert.Equal("Star1", (await At(1_000, 0)).Key);
        Assert.Equal("Star1", (await At(0, 100)).Key);
        Assert.Equal("Star2", (await At(0, 300)).Key);
        Assert.Equal("Star3", (await At(5_999, 600)).Key);
        Assert.Equal("Star4", (await At(0, 1_000)).Key);
        Assert.Equal("Star5", (await At(15_000, 0)).Key);
        Assert.Equal(3_000, (await At(1_000, 0)).NextPoints);
        Assert.Equal(300, (await At(1_000, 0)).NextHours);
    }

    [GeneratedRegex("data-testid=\"confirmation-code\">([0-9]+)<")]
    private static partial Regex CodePattern();

    [GeneratedRegex("data-testid=\"order-code\">([0-9]+)<")]
    private static partial Regex OrderCodePattern();
}
