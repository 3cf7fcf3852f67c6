using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Attend;
using Volunteer96345.Activities.SignUps;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Activities.Attend;

/// <summary>
/// The 6-digit check-in code cannot be guessed: five wrong codes from one volunteer, or thirty from a crowd at one
/// activity, and the next try waits, the right code included; after the wait the right code checks in.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CheckInCodeGuessTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly GuessPolicy Policy = GuessPolicies.Defaults[GuessPurpose.ActivityCheckIn];

    private string Code(Guid activity)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CheckInCode>().Code(activity, AttendanceStep.CheckIn);
    }

    /// <summary>A code that is not the right one now (nor, but for a one-in-a-million chance, the previous step's).</summary>
    private static string Wrong(string code, int i) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>An activity that has just begun, with the volunteers confirmed on it.</summary>
    private async Task<Guid> Begun(params Guid[] volunteers)
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(2));
        foreach (var volunteer in volunteers)
        {
            var added = await app.As<SignUpHandler, Result<SignUpOutcome>>(ActivitySteps.Admin, h => h.Add(activity, volunteer, None));
            Assert.True(added.IsOk, added.Error?.Message);
        }

        app.Clock.Advance(TimeSpan.FromHours(2));
        return activity;
    }

    private Task<bool> CheckedIn(Guid activity, Guid volunteer) =>
        app.Db(db => db.Set<SignUp>().IgnoreQueryFilters().AnyAsync(s => s.ActivityId == activity && s.VolunteerId == volunteer && s.CheckedInAt != null));

    private static Task<HttpResponseMessage> Attend(HttpClient client, Guid activity, string code) =>
        client.PostAsJsonAsync($"/api/v1/my/activities/{activity}/attendance", new { step = "CheckIn", code });

    [Fact]
    public async Task After_five_wrong_codes_the_sixth_try_waits_even_with_the_right_code_and_after_the_wait_the_right_code_checks_in()
    {
        var me = await app.DemoVolunteer();
        var other = (await app.ActiveVolunteers(3))[2];
        var activity = await Begun(me, other);
        var phone = await app.ClientFor(ActivitySteps.Member, "en");
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < Policy.FreeFailures; i++)
        {
            wrong.Add(await Attend(phone, activity, Wrong(Code(activity), i)));
        }

        var before = (await app.ActivityCounts(), await app.Fingerprint());
        var sixth = await Attend(phone, activity, Code(activity));
        var page = await phone.PostForm($"/m/activities/{activity}", "code", new() { ["Code"] = Code(activity) });

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal("60", sixth.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Too many tries. Try again in a minute.", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many tries. Try again in a minute.", await page.Text(), StringComparison.Ordinal);
        Assert.Equal(before, (await app.ActivityCounts(), await app.Fingerprint()));
        Assert.False(await CheckedIn(activity, me));

        // Another volunteer is not held up by this one's wrong codes.
        var theirs = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(other, h => h.Record(activity, AttendanceStep.CheckIn, Code(activity), None));
        Assert.True(theirs.IsOk, theirs.Error?.Message);

        app.Clock.Advance(Policy.FirstWait);
        var afterWait = await Attend(phone, activity, Code(activity));

        Assert.Equal(HttpStatusCode.OK, afterWait.StatusCode);
        Assert.True(await CheckedIn(activity, me));
    }

    [Fact]
    public async Task Thirty_wrong_codes_from_thirty_people_make_the_activity_wait_for_everyone_until_the_wait_is_over()
    {
        var member = (await app.ActiveVolunteers(6))[5];
        var activity = await Begun(member);

        // Each call is a different account (ActivitySteps.AsVolunteer): one wrong code each, so no one person reaches five.
        var wrong = new List<Result<AttendanceOutcome>>();
        for (var i = 0; i < Policy.TargetFreeFailures; i++)
        {
            wrong.Add(await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(Guid.NewGuid(),
                h => h.Record(activity, AttendanceStep.CheckIn, Wrong(Code(activity), i), None)));
        }

        var before = await app.ActivityCounts();
        var refused = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, Code(activity), None));

        Assert.All(wrong, r => Assert.Equal(ErrorKind.Validation, r.Error!.Kind));
        Assert.Equal(ErrorKind.TooManyAttempts, refused.Error!.Kind);
        Assert.Equal("尝试次数过多，请 1 分钟后再试。", refused.Error.For("code"));
        Assert.Equal(before, await app.ActivityCounts());
        var key = GuessKeys.Target("activity", activity);
        Assert.Equal(1, await app.Db(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == nameof(GuessBlock) && a.Changes.Contains(key))));

        app.Clock.Advance(Policy.FirstWait);
        var afterWait = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, Code(activity), None));

        Assert.True(afterWait.IsOk, afterWait.Error?.Message);
        Assert.True(await CheckedIn(activity, member));
    }
}
