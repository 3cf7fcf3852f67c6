using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.E2E.WorkOrders;

public sealed class CatalogueJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_finds_an_item_by_pinyin_edits_its_points_and_retires_another()
    {
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/work-orders/catalogue");
        await page.WaitInteractive();
        var table = page.Locator("[data-testid=catalogue-table]");
        await Assertions.Expect(table).ToContainTextAsync("水电维修");
        await page.Shot("c01-catalogue");

        await page.Locator(".search-box input").First.FillAsync("sdwx");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync("LA-001");
        await page.Shot("c02-pinyin-search");

        await table.GetByRole(AriaRole.Link, new() { Name = "水电维修" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=service-item-form]")).ToBeVisibleAsync();
        await page.FillAsync("#item-points input", "20");
        await page.Keyboard.PressAsync("Tab");
        await page.Shot("c03-edit-item");
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=service-item-form]")).ToBeHiddenAsync();
        Assert.Equal(20, await Db(db => db.ServiceItems.Where(s => s.Code == "LA-001").Select(s => s.Points).SingleAsync()));

        await page.Locator(".search-box input").First.FillAsync("dgyp");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table).ToContainTextAsync("代购药品");
        await table.GetByRole(AriaRole.Link, new() { Name = "停用" }).ClickAsync();
        await page.Locator(".ant-popover .ant-btn-primary").ClickAsync();
        await Assertions.Expect(table).Not.ToContainTextAsync("代购药品");
        Assert.True(await Db(db => db.ServiceItems.Where(s => s.Code == "LA-002").Select(s => s.IsRetired).SingleAsync()));

        await page.GotoAsync(app.BaseUrl + "/culture/set?culture=en&redirectUri=%2Fwork-orders%2Fcatalogue");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Service catalogue");
        await page.Shot("c04-catalogue-en");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
