using Microsoft.Playwright;

namespace Volunteer96345.E2E.Evaluation;

/// <summary>
/// The Pioneer Index's quarter in the browser: the town opens it; 张伟 declares a commendation with its certificate on his
/// phone; the secretary of his branch accepts it on hers; the town approves; the result is posted in the branch, where
/// 张伟 sees it. With a screenshot of every step.
/// </summary>
public sealed class PioneerJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_member_declares_the_branch_reviews_the_town_approves_and_the_result_is_posted()
    {
        var admin = await app.NewPageAs("admin");
        await admin.GotoAsync(app.BaseUrl + "/evaluation/pioneer");
        await admin.WaitInteractive();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("党员先锋指数");
        await admin.ClickAsync("#open-quarter");
        var zhang = admin.Locator("[data-testid=pioneer-board] tbody tr").Filter(new() { HasText = "张伟" });
        await Assertions.Expect(zhang).ToContainTextAsync("自评中");
        await admin.Shot("pioneer-01-quarter-opened");

        var member = await app.NewPageAs("volunteer", phone: true);
        await member.GotoAsync(app.BaseUrl + "/m/pioneer");
        await Assertions.Expect(member.Locator("[data-testid=my-stage]")).ToHaveTextAsync("自评中");
        await member.SelectOptionAsync("#itemCode", "commendations");
        await member.FillAsync("#units", "1");
        await member.FillAsync("#text", "获评海宁市优秀共产党员（2026年11月），附表彰文件");
        await member.SetInputFilesAsync("#evidence", new FilePayload
        {
            Name = "表彰文件.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"),
        });
        await member.Shot("pioneer-02-member-declares");
        await member.ClickAsync("[data-testid=submit-declaration]");
        await Assertions.Expect(member.Locator("[data-testid=pioneer-done]")).ToContainTextAsync("已提交申报");
        await Assertions.Expect(member.Locator("[data-testid=declaration]")).ToContainTextAsync("待认定");
        await member.Shot("pioneer-03-declared");

        var secretary = await app.NewPageAs("secretary", phone: true);
        await secretary.GotoAsync(app.BaseUrl + "/m/pioneer/branch");
        await Assertions.Expect(secretary.Locator("h1")).ToHaveTextAsync("支部评议");
        var entry = secretary.Locator("[data-testid=branch-member]").Filter(new() { HasText = "张伟" });
        await Assertions.Expect(entry).ToContainTextAsync("申报待认定1");
        await secretary.Shot("pioneer-04-branch-list");
        await entry.GetByRole(AriaRole.Link, new() { Name = "张伟" }).ClickAsync();
        var judge = secretary.Locator("[data-testid=judge]");
        await Assertions.Expect(judge).ToContainTextAsync("获评海宁市优秀共产党员");
        await judge.Locator("input[value=true]").CheckAsync();
        await secretary.Shot("pioneer-05-branch-review");
        await secretary.ClickAsync("[data-testid=submit-review]");
        await Assertions.Expect(secretary.Locator("[data-testid=review-done]")).ToContainTextAsync("评议已提交党委审核");
        await Assertions.Expect(secretary.Locator("[data-testid=review-stage]")).ToHaveTextAsync("待党委审核");

        await admin.ReloadAsync();
        await admin.WaitInteractive();
        await admin.Locator("[data-testid=pioneer-board] tbody tr").Filter(new() { HasText = "张伟" }).GetByRole(AriaRole.Link, new() { Name = "张伟" }).ClickAsync();
        await admin.WaitInteractive();
        await Assertions.Expect(admin.Locator("[data-testid=assessment-declarations]")).ToContainTextAsync("已认定");
        await Assertions.Expect(admin.Locator("[data-testid=index-lines] tr[data-code=commendations]")).ToContainTextAsync("+3");
        await admin.Shot("pioneer-06-town-review");
        await admin.ClickAsync("#approve");
        await Assertions.Expect(admin.Locator("[data-testid=assessment-stage]")).ToHaveTextAsync("公示中");
        await admin.Shot("pioneer-07-approved-posted");

        await member.GotoAsync(app.BaseUrl + "/m/pioneer");
        await Assertions.Expect(member.Locator("[data-testid=my-stage]")).ToHaveTextAsync("公示中");
        await Assertions.Expect(member.Locator("[data-testid=posted]").Filter(new() { HasText = "张伟" })).ToHaveCountAsync(1);
        await member.Shot("pioneer-08-member-sees-posted");
    }
}
