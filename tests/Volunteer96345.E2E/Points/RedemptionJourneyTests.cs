using Microsoft.Playwright;
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
        var (volunteerId, number, _) = await app.DemoMember();
        await app.Give(volunteerId, 500);
        var balance = await app.Balance(volunteerId);
        var stock = await app.CounterStock(Rice);
        var tag = locale == "en" ? "en" : "zh";

        var desk = await app.CounterWithMember(locale, number, balance, Rice, $"redeem-{tag}-");
        var phone = await app.PhoneCard(locale, balance, $"redeem-{tag}-");
        var code = await phone.ShowConfirmationCode($"redeem-{tag}-");
        await phone.ClickAsync("[data-testid=text-size]");
        await Assertions.Expect(phone.Locator("body.m-large")).ToHaveCountAsync(1);
        await phone.Shot($"redeem-{tag}-04b-phone-large-text");

        await desk.RedeemWithCode(code, Rice, balance - 200, stock - 1, $"redeem-{tag}-");
        Assert.Equal(balance - 200, await app.Balance(volunteerId));
        Assert.Equal(stock - 1, await app.CounterStock(Rice));

        // The member takes a printed slip: the counter's receipt printer, as the browser prints it.
        var slip = await desk.Context.RunAndWaitForPageAsync(() => desk.ClickAsync("[data-testid=print-slip]"));
        await Assertions.Expect(slip.Locator("[data-testid=slip-item]")).ToContainTextAsync(Rice);
        await Assertions.Expect(slip.Locator("[data-testid=slip-points]")).ToHaveTextAsync("−200");
        await Assertions.Expect(slip.Locator("[data-testid=slip-balance]")).ToHaveTextAsync((balance - 200).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await slip.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(slip.Locator("[data-testid=print]")).ToBeHiddenAsync();
        await slip.Shot($"redeem-{tag}-05b-printed-slip");

        await phone.GotoAsync(app.BaseUrl + "/m/points/redemptions");
        await Assertions.Expect(phone.Locator("[data-testid=redemption]").First).ToContainTextAsync(Rice);
        await phone.Shot($"redeem-{tag}-06-phone-redemptions");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_mall_order_is_held_until_the_merchant_fulfils_it(string locale)
    {
        var (volunteerId, number, _) = await app.DemoMember();
        await app.Give(volunteerId, 300);
        var balance = await app.Balance(volunteerId);
        var tag = locale == "en" ? "en" : "zh";

        var phone = await app.NewPage(locale, phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/mall");
        await Assertions.Expect(phone.Locator("[data-testid=mall-balance]")).ToContainTextAsync(balance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await phone.Shot($"mall-{tag}-01-mall");
        await phone.Locator("[data-testid='listing-龙井茶一壶'] [data-testid=order]").ClickAsync();
        var code = await phone.Locator("[data-testid=order-code]").InnerTextAsync();
        Assert.Matches("^[0-9]{8}$", code);
        await phone.Shot($"mall-{tag}-02-ordered");
        Assert.Equal(balance - 40, await app.Balance(volunteerId));
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
        Assert.Equal(balance - 40, await app.Balance(volunteerId));

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
}
