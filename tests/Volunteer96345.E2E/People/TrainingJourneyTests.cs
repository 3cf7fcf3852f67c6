using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.E2E.People;

public sealed class TrainingJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_records_attendance_of_a_town_session_and_the_volunteers_record_shows_it()
    {
        var session = await Db(db => db.TrainingSessions.AsNoTracking().Where(t => t.Kind == TrainingKind.Skill).OrderByDescending(t => t.Date).FirstAsync());
        var attended = session.Attendees.Select(a => a.VolunteerId).ToList();
        var volunteer = await Db(db => db.Volunteers.AsNoTracking().Where(v => v.Status == VolunteerStatus.Active && !attended.Contains(v.Id))
            .OrderBy(v => v.Number).FirstAsync());
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/people/training");
        await page.WaitInteractive();
        await page.Shot("t01-training");

        await page.GetByRole(AriaRole.Link, new() { Name = session.Topic }).ClickAsync();
        await page.WaitForURLAsync("**/people/training/*");
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=training-hours]")).ToHaveTextAsync($"{session.Hours.ToString(CultureInfo.InvariantCulture)} 小时");
        var rows = page.Locator("[data-testid=attendee-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(session.Attendees.Count);
        await page.Search("volunteerId", volunteer.Number);
        await page.ClickAsync("#add-attendee");
        await Assertions.Expect(rows).ToHaveCountAsync(session.Attendees.Count + 1);
        await Assertions.Expect(page.Locator("[data-testid=attendee-table]")).ToContainTextAsync(volunteer.Number);
        await page.Shot("t02-attendance-recorded");

        var minutes = await Db(db => db.TrainingSessions.Where(t => t.Attendees.Any(a => a.VolunteerId == volunteer.Id)).SumAsync(t => t.Minutes));
        await page.GotoAsync($"{app.BaseUrl}/people/volunteers/{volunteer.Id}");
        await page.WaitInteractive();
        var record = page.Locator("[data-testid=training-record]");
        await Assertions.Expect(record).ToContainTextAsync(session.Topic);
        await Assertions.Expect(record).ToContainTextAsync($"{TrainingSession.ToHours(minutes).ToString(CultureInfo.InvariantCulture)} 小时");
        await page.Shot("t03-volunteer-training-record");
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
