using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Activities;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.E2E.Activities;

/// <summary>
/// The activity pages, a screenshot each, in Chinese and in English: the administrator's list, month view, an activity
/// with its rotating check-in codes, the Pioneer Service Day templates and the compliance page; the volunteer signs up for
/// the seeded 25th on the phone; the public notices.
/// </summary>
public sealed class ActivityPagesJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_manager_sees_the_25th_and_a_volunteer_signs_up_for_it_on_the_phone(string locale)
    {
        var tag = locale == "en" ? "en" : "zh";
        var activity = await NextServiceDay(tag == "en" ? 1 : 0);

        var desk = await app.NewPage(locale);
        await desk.SignIn(app, "admin");
        await desk.GotoAsync(app.BaseUrl + "/activities/service-days");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("[data-testid=template-table]")).ToContainTextAsync(locale == "en" ? "Keep the 25th" : "照常举行");
        await desk.Shot($"activities-{tag}-01-service-days");
        await desk.GotoAsync(app.BaseUrl + "/activities");
        await desk.WaitInteractive();
        await desk.Locator("#next-month").ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=activity-table]")).ToContainTextAsync("25");
        await desk.Shot($"activities-{tag}-02-list");
        await desk.Locator("#show-grid").ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=month-grid]")).ToBeVisibleAsync();
        await desk.Shot($"activities-{tag}-03-month");
        await desk.GotoAsync(app.BaseUrl + "/activities/compliance");
        await desk.WaitInteractive();
        await desk.Shot($"activities-{tag}-04-compliance");

        var phone = await app.NewPage(locale, phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + "/m/activities");
        await phone.Shot($"activities-{tag}-05-phone-list");
        await phone.GotoAsync(app.BaseUrl + $"/m/activities/{activity}");
        await phone.Locator("[data-testid=sign-up]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToBeVisibleAsync();
        await phone.Shot($"activities-{tag}-06-phone-signed-up");
        await phone.GotoAsync(app.BaseUrl + "/m/activities/hours");
        await phone.Shot($"activities-{tag}-07-phone-hours");

        await desk.GotoAsync(app.BaseUrl + $"/activities/{activity}");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("[data-testid=participant-table]")).ToContainTextAsync(locale == "en" ? "Confirmed" : "已确认");
        await desk.Shot($"activities-{tag}-08-detail");

        var visitor = await app.NewPage(locale, phone: true);
        await visitor.GotoAsync(app.BaseUrl + "/activities/notices");
        await Assertions.Expect(visitor.Locator("[data-testid=notice]").First).ToBeVisibleAsync();
        await visitor.Shot($"activities-{tag}-09-notices");
    }

    /// <summary>A seeded Pioneer Service Day activity in 城郊村 (the manager's scope), a different one per language.</summary>
    private async Task<Guid> NextServiceDay(int skip)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var chengjiao = await db.Stations.Where(s => s.Name.StartsWith("城郊村")).Select(s => s.Id).ToListAsync();
        var ids = await db.Set<Activity>().Where(a => a.Occasion == ActivityOccasion.PioneerServiceDay).OrderBy(a => a.StartsAt)
            .Select(a => new { a.Id, a.StationId }).ToListAsync();
        var inScope = ids.Where(a => chengjiao.Contains(a.StationId)).Select(a => a.Id).ToList();
        return (inScope.Count > skip ? inScope : ids.Select(a => a.Id).ToList())[skip];
    }
}
