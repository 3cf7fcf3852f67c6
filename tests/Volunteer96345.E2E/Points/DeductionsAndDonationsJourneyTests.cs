using System.Globalization;
using Microsoft.Playwright;

namespace Volunteer96345.E2E.Points;

/// <summary>
/// 扣分 and 积分捐赠, a screenshot per step, in Chinese and in English: the station manager deducts a no-show from the
/// volunteer with a reason on the back office, the volunteer reads it on their statement, and gives points to the needy fund.
/// </summary>
public sealed class DeductionsAndDonationsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_manager_deducts_a_no_show_and_the_volunteer_reads_it_then_donates(string locale)
    {
        var (volunteerId, number, _) = await app.DemoMember();
        await app.Give(volunteerId, 100);
        var balance = await app.Balance(volunteerId);
        var tag = locale == "en" ? "en" : "zh";
        var reason = locale == "en" ? "Tree planting on 28 Nov" : "11月28日植树活动报名未到";

        var admin = await app.NewPage(locale);
        await admin.SignIn(app, "admin");
        await admin.GotoAsync(app.BaseUrl + "/points/deductions");
        await admin.WaitInteractive();
        await Assertions.Expect(admin.Locator("[data-testid=deduction-items-table]")).ToContainTextAsync("NoShow");
        await admin.Shot($"deduct-{tag}-01-items");
        await admin.ClickAsync("#new-deduction");
        await admin.Search("volunteerId", number);
        await admin.FillAsync("#deduction-reason", reason);
        await admin.Shot($"deduct-{tag}-02-form");
        await admin.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=deductions-table]")).ToContainTextAsync(reason);
        await admin.Shot($"deduct-{tag}-03-posted");
        Assert.Equal(balance - 5, await app.Balance(volunteerId));

        var phone = await app.NewPage(locale, phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/points?kind=Deduction");
        await Assertions.Expect(phone.Locator("[data-testid=my-statement]")).ToContainTextAsync(reason);
        await phone.Shot($"deduct-{tag}-04-my-statement");

        await phone.ClickAsync("[data-testid=donate-link]");
        await phone.FillAsync("[data-testid=amount]", "10");
        await phone.Shot($"donate-{tag}-01-form");
        await phone.ClickAsync("[data-testid=donate-submit]");
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToHaveClassAsync("m-ok");
        await Assertions.Expect(phone.Locator("[data-testid=balance]")).ToHaveTextAsync((balance - 15).ToString(CultureInfo.InvariantCulture));
        await phone.Shot($"donate-{tag}-02-done");
        await phone.FillAsync("[data-testid=amount]", "0");
        await phone.EvaluateAsync("document.querySelector('[data-testid=amount]').removeAttribute('min')");
        await phone.ClickAsync("[data-testid=donate-submit]");
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToHaveClassAsync("m-alert");
        await phone.Shot($"donate-{tag}-03-refused");
        Assert.Equal(balance - 15, await app.Balance(volunteerId));
    }
}
