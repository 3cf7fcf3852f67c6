using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Time;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points;

namespace Volunteer96345.Tests.Activities;

/// <summary>Steps of the activity tests: an activity planned by the sub-station, volunteers acting on their phones.</summary>
internal static class ActivitySteps
{
    public const string Admin = "admin";
    public const string Member = "volunteer";

    /// <summary>A valid activity input of the sub-station, starting <paramref name="startsIn"/> from the fixture's clock and lasting 3 hours.</summary>
    public static async Task<ActivityInput> Input(this AppFixture app, int quota = 10, TimeSpan? startsIn = null)
    {
        var typeId = await app.Db(db => db.Set<ActivityType>().OrderBy(t => t.Name).Select(t => t.Id).FirstAsync());
        var stationId = await app.Db(db => db.Stations.IgnoreQueryFilters().Where(s => s.Kind == Volunteer96345.Network.StationKind.SubStation).Select(s => s.Id).FirstAsync());
        var start = Shanghai.ToLocal(app.Clock.GetUtcNow().UtcDateTime + (startsIn ?? TimeSpan.FromDays(2)));
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Unspecified);
        return new ActivityInput
        {
            Title = "河道保洁 " + Guid.NewGuid().ToString("N")[..6],
            TypeId = typeId,
            Tasks = [CentralTasks.FiveWaters],
            OrganizerKind = OrganizerKind.Station,
            OrganizerId = stationId,
            Place = "上河埠头",
            Latitude = 30.4,
            Longitude = 120.55,
            StartsAt = start,
            EndsAt = start.AddHours(3),
            Quota = quota,
            Level = Volunteer96345.Points.Rules.ActivityLevel.Village,
            CancelCutoffHours = 24,
        };
    }

    public static async Task<Guid> NewActivity(this AppFixture app, int quota = 10, TimeSpan? startsIn = null)
    {
        var input = await app.Input(quota, startsIn);
        var result = await app.As<ManageActivitiesHandler, Result<Guid>>(Admin, h => h.Create(input, CancellationToken.None));
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value;
    }

    /// <summary>Active volunteers other than the demo account's, by number.</summary>
    public static Task<List<Guid>> ActiveVolunteers(this AppFixture app, int count) => app.Db(async db =>
    {
        var demo = await db.Users.Where(u => u.UserName == Member).Select(u => u.VolunteerId).SingleAsync();
        return await db.Volunteers.IgnoreQueryFilters().Where(v => v.Status == VolunteerStatus.Active && v.Id != demo).OrderBy(v => v.Number)
            .Select(v => v.Id).Take(count).ToListAsync();
    });

    public static Task<Guid> DemoVolunteer(this AppFixture app) =>
        app.Db(db => db.Users.Where(u => u.UserName == Member).Select(u => u.VolunteerId!.Value).SingleAsync());

    /// <summary>Runs a handler as the volunteer's own phone session would.</summary>
    public static async Task<T> AsVolunteer<THandler, T>(this AppFixture app, Guid volunteerId, Func<THandler, Task<T>> work)
        where THandler : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Name, "v-" + volunteerId), new Claim(ClaimTypes.Role, Roles.Volunteer),
             new Claim(CurrentUser.VolunteerClaim, volunteerId.ToString())], "test")));
        return await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    public static Task<List<SignUp>> SignUps(this AppFixture app, Guid activityId) =>
        app.Db(db => db.Set<SignUp>().IgnoreQueryFilters().AsNoTracking().Where(s => s.ActivityId == activityId).ToListAsync());

    /// <summary>Rows the activity use cases could change, with the audit head.</summary>
    public static Task<string> ActivityCounts(this AppFixture app) => app.Db(async db => string.Join('|',
        await db.Set<Activity>().IgnoreQueryFilters().CountAsync(), await db.Set<SignUp>().IgnoreQueryFilters().CountAsync(),
        await db.Set<SignUp>().IgnoreQueryFilters().CountAsync(s => s.Status == SignUpStatus.Confirmed),
        await db.Set<SignUp>().IgnoreQueryFilters().CountAsync(s => s.CheckedInAt != null),
        await db.Set<SignUp>().IgnoreQueryFilters().CountAsync(s => s.CheckedOutAt != null),
        await db.Set<ServiceDayTemplate>().IgnoreQueryFilters().CountAsync(), await db.Set<HolidayAdjustment>().CountAsync(), await db.Postings.CountAsync()));
}
