using Microsoft.Playwright;

namespace Volunteer96345.E2E.Network;

/// <summary>The town admin's journey through the network module, in Chinese, with a screenshot of every step.</summary>
public sealed class NetworkJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_logs_in_creates_a_station_records_an_inspection_and_finds_it_in_the_list()
    {
        var page = await app.NewPage();

        await page.GotoAsync(app.BaseUrl + "/account/login");
        await page.Shot("01-login");
        await page.SignIn(app, "admin");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        await page.Shot("02-dashboard");

        await page.GotoAsync(app.BaseUrl + "/network/stations");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=station-table]")).ToContainTextAsync("盐官镇96345党员志愿服务分站");
        await page.Shot("03-station-list");

        await page.ClickAsync("#new-station");
        await page.FillAsync("[data-field=name] input", "盐官老街“红立方”驿站");
        await page.Choose("kind", "志愿服务驿站");
        await page.Choose("outpostKind", "“红立方”驿站");
        await page.Choose("parentId", "城郊村96345党员志愿服务点");
        await page.FillAsync("[data-field=village] input", "城郊村");
        await page.FillAsync("[data-field=address] input", "盐官老街18号");
        await page.FillAsync("[data-field=phone] input", "0573-87608888");
        await page.Shot("04-new-station-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator(".ant-modal:visible")).ToHaveCountAsync(0);

        await page.FillAsync("input[placeholder='按名称或地址搜索']", "老街");
        await page.Keyboard.PressAsync("Enter");
        var row = page.Locator("[data-testid=station-table] tbody tr").Filter(new() { HasText = "盐官老街“红立方”驿站" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await page.Shot("05-station-created");

        await row.GetByRole(AriaRole.Link, new() { Name = "盐官老街“红立方”驿站" }).ClickAsync();
        await page.WaitForURLAsync("**/network/stations/*");
        await page.WaitInteractive();
        await page.ClickAsync("#record-inspection");
        foreach (var item in new[] { "Logo", "Venue", "Rules", "StaffedTeam", "Funding" })
        {
            var verdict = item == "Rules" ? "未达标" : "达标";
            await page.Locator($"[data-testid=item-{item}] label").Filter(new() { HasTextString = verdict }).First.ClickAsync();
        }

        await page.FillAsync("[data-testid=item-Rules] [data-field='items[2].note'] input", "服务制度未上墙");
        await page.SetInputFilesAsync("[data-testid=evidence-Logo]", new FilePayload
        {
            Name = "标识照片.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"),
        });
        await Assertions.Expect(page.Locator("[data-testid=item-Logo]")).ToContainTextAsync("标识照片.png");
        await page.Shot("06-inspection-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator(".ant-modal:visible")).ToHaveCountAsync(0);

        var history = page.Locator("[data-testid=inspection-history]");
        await Assertions.Expect(history).ToContainTextAsync("王建国");
        await Assertions.Expect(history).ToContainTextAsync("服务制度未上墙");
        await Assertions.Expect(history).ToContainTextAsync("标识照片.png");
        await page.Shot("07-inspection-recorded");

        await page.GotoAsync(app.BaseUrl + "/network/compliance");
        await page.WaitInteractive();
        var compliance = page.Locator("[data-testid=compliance-stations] tbody tr").Filter(new() { HasText = "盐官老街“红立方”驿站" });
        await Assertions.Expect(compliance).ToContainTextAsync("服务制度");
        await page.Shot("08-compliance");
    }

    [Fact]
    public async Task The_station_list_has_no_serious_or_critical_accessibility_findings()
    {
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/network/stations");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=station-table] tbody tr").First).ToBeVisibleAsync();

        await page.AssertAccessible();
    }

    [Fact]
    public async Task Switching_to_English_is_remembered_across_pages_and_sign_ins()
    {
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/network/stations");
        await page.WaitInteractive();

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Stations");
        await page.Shot("09-stations-english");

        await page.GotoAsync(app.BaseUrl + "/network/compliance");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Five-has compliance");
        await page.GotoAsync(app.BaseUrl + "/account/logout");
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Sign in");
        await page.Shot("10-login-english");
    }

    [Fact]
    public async Task The_sub_station_manager_records_spending_with_a_voucher_and_the_balance_falls()
    {
        var page = await app.NewPage();
        await page.SignIn(app, "manager.substation");
        await page.GotoAsync(app.BaseUrl + "/network/funding");
        await page.WaitInteractive();
        var line = page.Locator("[data-testid=budget-lines] tbody tr").Filter(new() { HasText = "志愿者培训" });
        await Assertions.Expect(line).ToContainTextAsync("¥22,300.00");

        await line.GetByRole(AriaRole.Link, new() { Name = "志愿者培训" }).ClickAsync();
        await page.ClickAsync("#new-entry");
        await page.FillAsync("[data-field=amount] input", "1234.5");
        await page.FillAsync("[data-field=description] input", "急救培训教材");
        await page.SetInputFilesAsync("[data-testid=voucher]", new FilePayload
        {
            Name = "教材发票.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.1\n%%EOF\n"u8.ToArray(),
        });
        await Assertions.Expect(page.Locator(".ant-modal:visible")).ToContainTextAsync("教材发票.pdf");
        await page.Shot("11-funding-entry-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=funding-entries]")).ToContainTextAsync("教材发票.pdf");
        await Assertions.Expect(line).ToContainTextAsync("¥21,065.50");
        await page.Shot("12-funding-recorded");
    }
}
