using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Activities;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.E2E.Activities;

/// <summary>After the activity the organiser adds a photo and writes the summary; both show on its page and on the public notices.</summary>
public sealed class ActivitySummaryJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_organiser_adds_a_photo_and_a_summary_and_the_public_sees_them()
    {
        var activity = await StartedActivity();
        const string summary = "清理上河埠头垃圾 12 袋，劝导乱扔垃圾 5 人次。";

        var desk = await app.NewPage("zh-CN");
        await desk.SignIn(app, "admin");
        await desk.GotoAsync(app.BaseUrl + $"/activities/{activity}");
        await desk.WaitInteractive();
        await desk.Locator("[data-testid=summary-photo]").PickFile(new FilePayload { Name = "河道.png", MimeType = "image/png", Buffer = Png(320, 240) },
            desk.Locator(".file-picked"));
        await desk.Locator("#activity-summary").FillAsync(summary);
        await desk.Locator("#save-summary").ClickAsync();

        var photo = desk.Locator("[data-testid=activity-photo] img");
        await Assertions.Expect(photo).ToHaveCountAsync(1);
        await Assertions.Expect(photo).ToHaveJSPropertyAsync("naturalWidth", 320);
        await desk.Locator("[data-testid=activity-photos]").ScrollIntoViewIfNeededAsync();
        await desk.Shot("activities-zh-10-summary");

        var visitor = await app.NewPage("zh-CN", phone: true);
        await visitor.GotoAsync(app.BaseUrl + "/activities/notices#recaps");
        var recap = visitor.Locator($"#recap-{activity:N}");
        await Assertions.Expect(recap).ToContainTextAsync(summary);
        await Assertions.Expect(recap.Locator("[data-testid=recap-photo]")).ToHaveJSPropertyAsync("naturalWidth", 320);
        await recap.ScrollIntoViewIfNeededAsync();
        await visitor.Shot("activities-zh-11-recap");
    }

    /// <summary>A patrol of the sub-station that started an hour ago (planning refuses a start in the past, so it is stored directly).</summary>
    private async Task<Guid> StartedActivity()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var type = await db.Set<ActivityType>().OrderBy(t => t.Name).Select(t => t.Id).FirstAsync();
        var station = await db.Stations.Where(s => s.Kind == StationKind.SubStation).Select(s => new { s.Id, s.Name }).FirstAsync();
        var activity = Activity.Plan(new ActivityPlan("上河埠头河道保洁", type, CentralTasks.FiveWaters, OrganizerKind.Station, station.Id, station.Name, station.Id,
            "上河埠头", null, null, now.AddHours(-1), now.AddHours(1), 10, [], ActivityLevel.Village, null, 24), now.AddDays(-3));
        db.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    /// <summary>A real PNG: a green river under a pale sky, so the thumbnail is visibly a picture.</summary>
    private static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                var river = y > height / 2 + (int)(12 * Math.Sin(x / 20.0));
                raw[row + 1 + x * 3] = (byte)(river ? 40 : 200);
                raw[row + 2 + x * 3] = (byte)(river ? 140 + y / 4 : 225);
                raw[row + 3 + x * 3] = (byte)(river ? 90 : 250);
            }
        }

        return Volunteer96345.Common.Files.PngEncoder.Encode(width, height, Volunteer96345.Common.Files.PngEncoder.Rgb, raw);
    }
}
