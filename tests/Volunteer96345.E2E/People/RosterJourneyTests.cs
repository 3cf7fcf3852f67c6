using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.E2E.People;

public sealed class RosterJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_sub_station_manager_sees_next_weeks_gap_fills_it_and_the_alert_clears()
    {
        // Someone on no roster at all, so the new shift cannot clash.
        var number = await Db(db => db.Volunteers.Where(v => v.Status == VolunteerStatus.Active && !db.Set<DutyShift>().Any(s => s.VolunteerId == v.Id))
            .OrderBy(v => v.Number).Select(v => v.Number).FirstAsync());
        var page = await app.NewPage();
        await page.SignIn(app, "manager.substation");
        await page.GotoAsync(app.BaseUrl + "/");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=roster-gaps]")).ToContainTextAsync("盐官镇96345党员志愿服务分站");
        await page.Shot("r01-dashboard-roster-gaps");

        await page.GotoAsync(app.BaseUrl + "/people/rosters");
        await page.WaitInteractive();
        await page.ClickAsync("#next-week");
        var alert = page.Locator("[data-testid=next-week-gaps]");
        await Assertions.Expect(alert).ToContainTextAsync("有 1 段无人值班");
        await Assertions.Expect(page.Locator("[data-testid=roster-week] [data-testid=gap]")).ToHaveCountAsync(2);
        await page.Shot("r02-next-week-gap");

        await alert.GetByRole(AriaRole.Button, new() { Name = "安排值班" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field=start] .ant-select-selection-item")).ToHaveTextAsync("20:00");
        await Assertions.Expect(page.Locator("[data-field=end] .ant-select-selection-item")).ToHaveTextAsync("08:00");
        await page.Search("volunteerId", number);
        await page.Shot("r03-fill-gap");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=next-week-covered]")).ToContainTextAsync("均已有人值班");
        await Assertions.Expect(page.Locator("[data-testid=next-week-gaps]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=roster-week] [data-testid=gap]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=roster-week]")).ToContainTextAsync("次日08:00");
        await page.Shot("r04-gap-filled");
    }

    [Fact]
    public async Task An_admin_opens_a_team_and_adds_a_member_who_holds_a_required_skill()
    {
        var team = await Db(db => db.Teams.AsNoTracking().SingleAsync(t => t.Kind == TeamKind.FirstAid && t.Name == "盐官镇应急救护志愿服务队"));
        var required = team.RequiredSkills.Select(s => s.SkillId).ToList();
        var members = team.Members.Select(m => m.VolunteerId).ToList();
        var candidates = await Db(db => db.Volunteers.AsNoTracking().Where(v => v.Status == VolunteerStatus.Active && !members.Contains(v.Id)).ToListAsync());
        var number = candidates.Where(v => v.Skills.Any(s => required.Contains(s.SkillId))).OrderBy(v => v.Number).First().Number;
        var unqualified = candidates.Where(v => !v.Skills.Any(s => required.Contains(s.SkillId))).OrderBy(v => v.Number).First().Number;
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/people/teams");
        await page.WaitInteractive();
        await page.Shot("r05-teams");

        await page.GetByRole(AriaRole.Link, new() { Name = "盐官镇应急救护志愿服务队" }).ClickAsync();
        await page.WaitForURLAsync("**/people/teams/*");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=required-skills]")).ToContainTextAsync("应急救护");
        var rows = page.Locator("[data-testid=member-table] tbody tr");
        var before = await rows.CountAsync();
        await page.Search("volunteerId", unqualified);
        await page.ClickAsync("#add-member");
        await Assertions.Expect(page.Locator("[data-field=volunteerId] [role=alert]")).ToContainTextAsync("不具备本队要求的任一技能");
        await Assertions.Expect(rows).ToHaveCountAsync(before);
        await page.ClickAsync("h1"); // closes the list so the message beside the field shows in the screenshot
        await Assertions.Expect(page.Locator(".ant-select-dropdown:visible")).ToHaveCountAsync(0);
        await page.Shot("r06-team-member-refused");

        await page.Search("volunteerId", number);
        await page.ClickAsync("#add-member");

        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        await Assertions.Expect(page.Locator("[data-testid=member-table]")).ToContainTextAsync(number);
        await page.Shot("r07-team-member-added");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
