using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Points;

namespace Volunteer96345.E2E.Points;

/// <summary>
/// Spending points, a screenshot per step, in Chinese and in English: a member with points redeems at 城郊村's service
/// point counter (the manager types the number, the member's phone shows the code, the manager enters it; the balance
/// and the stock change), and orders tea in the mall, which the merchant fulfils from the code on the member's phone.
/// </summary>
public sealed class RedemptionJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Rice = "大米（5公斤）";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_member_redeems_at_the_counter_with_the_code_from_their_phone(string locale)
    {
        var (volunteerId, number) = await DemoMember();
        await Give(volunteerId, 500);
        var balance = await Balance(volunteerId);
        var stock = await RiceStock();
        var tag = locale == "en" ? "en" : "zh";

        var desk = await app.NewPage(locale);
        await desk.SignIn(app, "manager.chengjiao");
        await desk.GotoAsync(app.BaseUrl + "/points/counter");
        await desk.WaitInteractive();
        await desk.Shot($"redeem-{tag}-01-counter");
        await desk.FillAsync("#counter-member", number);
        await desk.ClickAsync("#counter-lookup");
        await Assertions.Expect(desk.Locator("[data-testid=member-balance]")).ToHaveTextAsync(balance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await desk.Choose("itemId", Rice);
        await desk.Shot($"redeem-{tag}-02-member-found");

        var phone = await app.NewPage(locale, phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/points/card");
        await Assertions.Expect(phone.Locator("[data-testid=balance]")).ToHaveTextAsync(balance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await phone.Shot($"redeem-{tag}-03-phone-card");
        await phone.ClickAsync("[data-testid=issue-code]");
        var code = await phone.Locator("[data-testid=confirmation-code]").InnerTextAsync();
        Assert.Matches("^[0-9]{6}$", code);
        await phone.Shot($"redeem-{tag}-04-phone-code");
        await phone.ClickAsync("[data-testid=text-size]");
        await Assertions.Expect(phone.Locator("body.m-large")).ToHaveCountAsync(1);
        await phone.Shot($"redeem-{tag}-04b-phone-large-text");

        await desk.FillAsync("#counter-code", code);
        await desk.ClickAsync("#counter-redeem");
        await Assertions.Expect(desk.Locator("[data-testid=receipt]")).ToContainTextAsync((balance - 200).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(desk.Locator($"[data-testid='stock-{Rice}']")).ToHaveTextAsync((stock - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await desk.Shot($"redeem-{tag}-05-redeemed");
        Assert.Equal(balance - 200, await Balance(volunteerId));
        Assert.Equal(stock - 1, await RiceStock());

        await phone.GotoAsync(app.BaseUrl + "/m/points/redemptions");
        await Assertions.Expect(phone.Locator("[data-testid=redemption]").First).ToContainTextAsync(Rice);
        await phone.Shot($"redeem-{tag}-06-phone-redemptions");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_mall_order_is_held_until_the_merchant_fulfils_it(string locale)
    {
        var (volunteerId, number) = await DemoMember();
        await Give(volunteerId, 300);
        var balance = await Balance(volunteerId);
        var tag = locale == "en" ? "en" : "zh";

        var phone = await app.NewPage(locale, phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/mall");
        await phone.Shot($"mall-{tag}-01-mall");
        await phone.Locator("[data-testid='listing-龙井茶一壶'] [data-testid=order]").ClickAsync();
        var code = await phone.Locator("[data-testid=order-code]").InnerTextAsync();
        Assert.Matches("^[0-9]{8}$", code);
        await phone.Shot($"mall-{tag}-02-ordered");
        Assert.Equal(balance - 40, await Balance(volunteerId));
        await phone.GotoAsync(app.BaseUrl + "/m/points/redemptions");
        await Assertions.Expect(phone.Locator($"[data-testid=order-{code}] [data-testid=status]")).ToHaveTextAsync(locale == "en" ? "Awaiting fulfilment" : "待核销");
        await phone.Shot($"mall-{tag}-03-order-code");

        var merchant = await app.NewPage(locale, phone: true);
        await merchant.SignIn(app, "merchant");
        await merchant.GotoAsync(app.BaseUrl + "/m/merchant");
        await merchant.FillAsync("#member-code", "V96345:" + number);
        await merchant.ClickAsync("[data-testid=scan]");
        await Assertions.Expect(merchant.Locator("[data-testid=member-level]")).ToBeVisibleAsync();
        await merchant.Shot($"mall-{tag}-04-merchant-scans-member");
        await merchant.FillAsync("#order-code", code);
        await merchant.ClickAsync("[data-testid=fulfil]");
        await Assertions.Expect(merchant.Locator("[data-testid=message]")).ToHaveClassAsync("m-ok");
        await merchant.Shot($"mall-{tag}-05-fulfilled");
        await merchant.FillAsync("#order-code", code);
        await merchant.ClickAsync("[data-testid=fulfil]");
        await Assertions.Expect(merchant.Locator("[data-testid=message]")).ToHaveClassAsync("m-alert");
        await merchant.Shot($"mall-{tag}-06-fulfilled-twice-refused");

        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator($"[data-testid=order-{code}] [data-testid=status]")).ToHaveTextAsync(locale == "en" ? "Fulfilled" : "已核销");
        await phone.Shot($"mall-{tag}-07-phone-fulfilled");
        Assert.Equal(balance - 40, await Balance(volunteerId));

        await merchant.GotoAsync(app.BaseUrl + "/m/merchant/settlement");
        await Assertions.Expect(merchant.Locator("[data-testid=settlement]")).ToBeVisibleAsync();
        await merchant.Shot($"mall-{tag}-08-settlement");

        var admin = await app.NewPage(locale);
        await admin.SignIn(app, "admin");
        await admin.GotoAsync(app.BaseUrl + "/points/settlements");
        await admin.WaitInteractive();
        await Assertions.Expect(admin.Locator("[data-testid=settlement-summary]")).ToContainTextAsync(RedemptionSeed.DemoMerchant);
        await admin.Locator("[data-testid=settlement-summary] a", new() { HasText = RedemptionSeed.DemoMerchant }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=settlement-lines]")).ToContainTextAsync(code);
        await admin.Shot($"mall-{tag}-09-town-settlements");
        await admin.GotoAsync(app.BaseUrl + "/points/counter-items");
        await admin.WaitInteractive();
        await Assertions.Expect(admin.Locator("[data-testid=counter-items-table]")).ToContainTextAsync(Rice);
        await admin.Shot($"mall-{tag}-10-counter-items");
    }

    private async Task<(Guid Id, string Number)> DemoMember()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Users.Where(u => u.UserName == "volunteer").Select(u => u.VolunteerId!.Value).SingleAsync();
        return (id, await db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == id).Select(v => v.Number).SingleAsync());
    }

    /// <summary>Points given through the ledger, as an earning posts them.</summary>
    private async Task Give(Guid volunteerId, long amount)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
        var result = await bank.Earn((await bank.AccountForVolunteer(volunteerId)).Value, amount, EarningType.GoodDeed, "e2e:" + Guid.NewGuid());
        Assert.True(result.IsOk, result.Error?.Message);
    }

    private async Task<long> Balance(Guid volunteerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
        return await bank.Balance((await bank.AccountForVolunteer(volunteerId)).Value) ?? 0;
    }

    private async Task<int> RiceStock()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<CounterItem>().IgnoreQueryFilters()
            .Join(db.Stations.IgnoreQueryFilters().Where(s => s.Village == "城郊村" && s.Kind == Volunteer96345.Network.StationKind.ServicePoint),
                i => i.StationId, s => s.Id, (i, s) => i)
            .Where(i => i.Name == Rice).Select(i => i.Stock).SingleAsync();
    }
}
