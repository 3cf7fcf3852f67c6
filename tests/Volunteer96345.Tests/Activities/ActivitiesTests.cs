using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Attend;
using Volunteer96345.Activities.Calendar;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Activities.SignUps;
using Volunteer96345.Common.Errors;
using Volunteer96345.People;
using Volunteer96345.Points;

namespace Volunteer96345.Tests.Activities;

/// <summary>Planning, the Pioneer Service Day template, sign-up with its wait list, check-in and check-out with hours and points.</summary>
[Trait("Category", "Integration")]
public sealed class ActivitiesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_demo_seed_has_the_types_and_the_next_25th_for_some_branches()
    {
        var (types, serviceDays) = await app.Db(async db => (
            await db.Set<ActivityType>().Select(t => t.Name).ToListAsync(),
            await db.Set<Activity>().IgnoreQueryFilters().Where(a => a.OccasionDate == new DateOnly(2026, 12, 25)).CountAsync()));

        Assert.Contains("河道保洁", types);
        Assert.True(serviceDays >= 2);
    }

    [Fact]
    public async Task The_demo_seed_held_the_last_25th_so_the_compliance_page_is_not_empty()
    {
        // The fixture's seed ran on 2026-11-29, after that month's 25th.
        var report = await app.As<Volunteer96345.Activities.Compliance.ComplianceHandler, Volunteer96345.Activities.Compliance.ComplianceReport>(
            ActivitySteps.Admin, h => h.Month(2026, 11, None));

        Assert.True(report.HeldCount >= 2, $"held: {report.HeldCount}");
        Assert.Contains(report.Branches, b => b.Held && b.Rate > 0 && b.Rate < 100);
        var demo = await app.DemoVolunteer();
        Assert.Empty(await app.Db(db => db.Set<SignUp>().IgnoreQueryFilters().Where(s => s.VolunteerId == demo && s.CheckedOutAt != null && s.CheckedOutAt < new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc)).ToListAsync()));
    }

    [Fact]
    public async Task A_quota_of_zero_or_an_end_before_the_start_is_refused_and_changes_nothing()
    {
        var before = await app.ActivityCounts();
        var zero = await app.Input(quota: 0);
        var backwards = await app.Input();
        backwards.EndsAt = backwards.StartsAt!.Value.AddHours(-1);

        var refusedZero = await app.As<ManageActivitiesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Create(zero, None));
        var refusedBackwards = await app.As<ManageActivitiesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Create(backwards, None));

        Assert.Contains("名额", refusedZero.Error!.For("quota"));
        Assert.Equal("结束时间必须晚于开始时间", refusedBackwards.Error!.For("endsAt"));
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task The_api_refuses_a_bad_activity_with_a_localized_problem()
    {
        var client = await app.ClientFor(ActivitySteps.Admin, "en");
        var input = await app.Input(quota: 0);
        var before = await app.ActivityCounts();

        var response = await client.PostAsJsonAsync("/api/v1/activities", input);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Places", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task Saving_a_template_generates_the_months_ahead_and_a_year_gives_twelve_service_days_and_four_holidays()
    {
        var input = await app.Input();
        var branch = await app.Db(db => db.PartyOrganizations.OrderByDescending(p => p.Name).Where(p => p.Kind == Volunteer96345.People.PartyOrganizationKind.Branch && p.StationId != null)
            .Select(p => p.Id).FirstAsync());
        input.OrganizerKind = OrganizerKind.PartyOrganization;
        input.OrganizerId = branch;
        var template = new TemplateInput { Activity = input };

        var saved = await app.As<ServiceDaysHandler, Result<int>>(ActivitySteps.Admin, h => h.Save(template, None));
        Assert.True(saved.IsOk, saved.Error?.Message);
        var id = await app.Db(db => db.Set<ServiceDayTemplate>().Where(t => t.OrganizerId == branch).Select(t => t.Id).SingleAsync());
        var year = await app.As<ServiceDaysHandler, Result<int>>(ActivitySteps.Admin, h => h.Generate(id, 2028, None));
        var again = await app.As<ServiceDaysHandler, Result<int>>(ActivitySteps.Admin, h => h.Generate(id, 2028, None));

        Assert.True(saved.Value >= 3);
        Assert.Equal(16, year.Value);
        Assert.Equal(0, again.Value);
        var generated = await app.Db(db => db.Set<Activity>().IgnoreQueryFilters().Where(a => a.TemplateId == id && a.OccasionDate >= new DateOnly(2028, 1, 1)).ToListAsync());
        Assert.Equal(12, generated.Count(a => a.Occasion == ActivityOccasion.PioneerServiceDay));
        Assert.Contains(generated, a => a.OccasionDate == new DateOnly(2028, 1, 26) && a.Holiday == Volunteer96345.Common.Time.HolidayOccasion.SpringFestival);
        Assert.All(generated, a => Assert.Equal("08:30", Volunteer96345.Common.Time.Shanghai.ToLocal(a.StartsAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_hundred_concurrent_sign_ups_for_ten_places_give_ten_confirmed_and_ninety_wait_listed()
    {
        var activity = await app.NewActivity(quota: 10);
        var volunteers = await app.ActiveVolunteers(100);
        Assert.Equal(100, volunteers.Count);

        var results = await Task.WhenAll(volunteers.Select(v => Task.Run(() =>
            app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(v, h => h.SignUp(activity, None)))));

        Assert.All(results, r => Assert.True(r.IsOk, r.Error?.Message));
        var rows = await app.SignUps(activity);
        Assert.Equal(100, rows.Count);
        Assert.Equal(100, rows.Select(r => r.VolunteerId).Distinct().Count());
        Assert.Equal(10, rows.Count(r => r.Status == SignUpStatus.Confirmed));
        Assert.Equal(90, rows.Count(r => r.Status == SignUpStatus.WaitListed));
    }

    [Fact]
    public async Task Signing_up_twice_or_for_an_activity_already_started_is_refused_and_changes_nothing()
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(1));
        var member = (await app.ActiveVolunteers(3))[2];
        Assert.True((await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(member, h => h.SignUp(activity, None))).IsOk);
        var before = await app.ActivityCounts();

        var twice = await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(member, h => h.SignUp(activity, None));
        var pastId = await app.Db(async db =>
        {
            var input = await app.Input();
            var past = Activity.Plan(new ActivityPlan("已结束的活动", input.TypeId!.Value, CentralTasks.None, OrganizerKind.Station, input.OrganizerId!.Value, "分站",
                input.OrganizerId!.Value, "村口", null, null, app.Clock.GetUtcNow().UtcDateTime.AddDays(-2), app.Clock.GetUtcNow().UtcDateTime.AddDays(-2).AddHours(2), 5, [],
                Volunteer96345.Points.Rules.ActivityLevel.Village, null, 24), app.Clock.GetUtcNow().UtcDateTime);
            db.Add(past);
            await db.SaveChangesAsync();
            return past.Id;
        });
        before = await app.ActivityCounts();
        var past = await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(member, h => h.SignUp(pastId, None));

        Assert.Equal(ErrorKind.Conflict, twice.Error!.Kind);
        Assert.Equal("您已报名该活动", twice.Error.Message);
        Assert.Equal("活动已开始或已结束，不能再报名", past.Error!.Message);
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task Cancelling_a_confirmed_place_promotes_the_first_on_the_wait_list_and_cancelling_after_the_cutoff_is_refused()
    {
        var activity = await app.NewActivity(quota: 1, startsIn: TimeSpan.FromDays(3));
        var six = await app.ActiveVolunteers(6);
        var (first, second, third) = (six[3], six[4], six[5]);
        foreach (var v in new[] { first, second, third })
        {
            await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(v, h => h.SignUp(activity, None));
        }

        var cancelled = await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(first, h => h.Cancel(activity, None));

        Assert.True(cancelled.IsOk, cancelled.Error?.Message);
        var rows = await app.SignUps(activity);
        Assert.Equal(SignUpStatus.Confirmed, rows.Single(r => r.VolunteerId == second).Status);
        Assert.Equal(SignUpStatus.WaitListed, rows.Single(r => r.VolunteerId == third).Status);

        app.Clock.Advance(TimeSpan.FromDays(2.5));
        var before = await app.ActivityCounts();
        var late = await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(second, h => h.Cancel(activity, None));
        Assert.Equal(ErrorKind.Conflict, late.Error!.Kind);
        Assert.StartsWith("已过取消截止时间", late.Error.Message);
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task Checking_in_and_out_by_the_rotating_code_records_the_hours_and_posts_the_points_once()
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(2));
        var member = (await app.ActiveVolunteers(8))[7];
        await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(member, h => h.SignUp(activity, None));
        app.Clock.Advance(TimeSpan.FromHours(2));
        var (checkIn, checkOut) = Codes(activity);

        var inResult = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, checkIn.Token, None));
        app.Clock.Advance(TimeSpan.FromMinutes(140));
        (_, checkOut) = Codes(activity);
        var outResult = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckOut, checkOut.Code, None));

        Assert.True(inResult.IsOk, inResult.Error?.Message);
        Assert.True(outResult.IsOk, outResult.Error?.Message);
        Assert.Equal(2.5m, outResult.Value.CreditHours);
        Assert.Equal(25, outResult.Value.Points);
        var key = AttendHandler.PointsKey(activity, member);
        Assert.Equal(1, await app.Db(db => db.Postings.CountAsync(p => p.Key == key)));
        var hours = await app.AsVolunteer<AttendHandler, MyHours>(member, h => h.Mine(null, None));
        Assert.Contains(hours.Activities, r => r.ActivityId == activity && r.CreditHours == 2.5m && r.Points == 25);
    }

    [Fact]
    public async Task A_wrong_or_expired_code_a_second_check_in_and_a_check_in_outside_the_window_are_refused_and_change_nothing()
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(3));
        var member = (await app.ActiveVolunteers(10))[9];
        await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(member, h => h.SignUp(activity, None));
        var before = await app.ActivityCounts();

        var early = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, Codes(activity).In.Token, None));
        Assert.StartsWith("不在签到时间内", early.Error!.Message);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var wrong = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, "123456", None));
        var stale = Codes(activity).In.Token;
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var expired = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, stale, None));
        var checkOutCode = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, Codes(activity).Out.Token, None));
        Assert.Equal("签到码错误或已过期，请扫描现场最新的二维码", wrong.Error!.Message);
        Assert.Equal(ErrorKind.Validation, expired.Error!.Kind);
        Assert.Equal(ErrorKind.Validation, checkOutCode.Error!.Kind);
        Assert.Equal(before, await app.ActivityCounts());

        Assert.True((await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, Codes(activity).In.Code, None))).IsOk);
        before = await app.ActivityCounts();
        var twice = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, Codes(activity).In.Code, None));
        Assert.Equal("您已签到", twice.Error!.Message);
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task The_organiser_corrects_hours_with_a_reason_capped_at_the_planned_duration()
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(5));
        var member = (await app.ActiveVolunteers(12))[11];
        var added = await app.As<SignUpHandler, Result<SignUpOutcome>>(ActivitySteps.Admin, h => h.Add(activity, member, None));
        Assert.True(added.IsOk, added.Error?.Message);
        var before = await app.ActivityCounts();

        var tooMany = await app.As<AttendHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Correct(added.Value.SignUpId, new HoursCorrection { CreditHours = 3.5m, HonourHours = 0, Reason = "补录" }, None));
        var noReason = await app.As<AttendHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Correct(added.Value.SignUpId, new HoursCorrection { CreditHours = 2, HonourHours = 1 }, None));
        Assert.NotNull(tooMany.Error!.For("creditHours"));
        Assert.NotNull(noReason.Error!.For("reason"));
        Assert.Equal(before, await app.ActivityCounts());

        var corrected = await app.As<AttendHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Correct(added.Value.SignUpId, new HoursCorrection { CreditHours = 3, HonourHours = 1, Reason = "忘记签到，现场核实" }, None));
        Assert.True(corrected.IsOk, corrected.Error?.Message);
        var row = (await app.SignUps(activity)).Single();
        Assert.Equal((3m, 1m, "忘记签到，现场核实"), (row.CreditHours, row.HonourHours, row.CorrectionReason));
        Assert.NotNull(row.PostingId);
    }

    [Fact]
    public async Task Correcting_the_hours_after_the_points_were_posted_reverses_them_and_earns_for_the_corrected_hours()
    {
        var (activity, member) = await CheckedOutFor(TimeSpan.FromMinutes(140), 14);
        var startBalance = await Balance(member) - 25;
        var postings = await app.Db(db => db.Postings.CountAsync());
        var id = (await Row(activity)).Id;

        var fewer = await app.As<AttendHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Correct(id, new HoursCorrection { CreditHours = 1.5m, HonourHours = 0, Reason = "提前离场" }, None));
        Assert.True(fewer.IsOk, fewer.Error?.Message);
        Assert.Equal(startBalance + 15, await Balance(member));
        var more = await app.As<AttendHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Correct(id, new HoursCorrection { CreditHours = 3, HonourHours = 0, Reason = "核实后全程参加" }, None));
        Assert.True(more.IsOk, more.Error?.Message);
        Assert.Equal(startBalance + 30, await Balance(member));
        Assert.Equal(postings + 4, await app.Db(db => db.Postings.CountAsync()));

        var honourOnly = await app.As<AttendHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Correct(id, new HoursCorrection { CreditHours = 3, HonourHours = 1, Reason = "表彰" }, None));
        Assert.True(honourOnly.IsOk, honourOnly.Error?.Message);
        Assert.Equal(postings + 4, await app.Db(db => db.Postings.CountAsync()));
        var hours = await app.AsVolunteer<AttendHandler, MyHours>(member, h => h.Mine(null, None));
        Assert.Contains(hours.Activities, r => r.ActivityId == activity && r.CreditHours == 3 && r.HonourHours == 1 && r.Points == 30);
    }

    [Fact]
    public async Task A_correction_is_refused_and_changes_nothing_when_the_volunteer_has_spent_the_points()
    {
        var (activity, member) = await CheckedOutFor(TimeSpan.FromMinutes(140), 15);
        var spend = await app.As<Volunteer96345.Points.PointsBank, Result<Volunteer96345.Points.PostingResult>>(ActivitySteps.Admin, async b =>
        {
            var account = (await b.AccountForVolunteer(member)).Value;
            return await b.Transfer(account, await b.TownAccount(Volunteer96345.Points.AccountKind.TownFund), (await b.Balance(account))!.Value,
                Volunteer96345.Points.PostingKind.Deduction, "test-spend:" + Guid.NewGuid());
        });
        Assert.True(spend.IsOk, spend.Error?.Message);
        var before = await app.ActivityCounts();
        var row = await Row(activity);

        var refused = await app.As<AttendHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Correct(row.Id, new HoursCorrection { CreditHours = 1, HonourHours = 0, Reason = "提前离场" }, None));

        Assert.Equal(ErrorKind.Conflict, refused.Error!.Kind);
        Assert.StartsWith("无法按更正后的时长调整积分", refused.Error.Message);
        Assert.Equal(before, await app.ActivityCounts());
        Assert.Equal((2.5m, row.PostingId), ((await Row(activity)).CreditHours, (await Row(activity)).PostingId));
    }

    /// <summary>A fresh activity the <paramref name="nth"/> active volunteer attended for <paramref name="stayed"/>, checked in at the start.</summary>
    private async Task<(Guid Activity, Guid Member)> CheckedOutFor(TimeSpan stayed, int nth)
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(2));
        var member = (await app.ActiveVolunteers(nth))[nth - 1];
        await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(member, h => h.SignUp(activity, None));
        app.Clock.Advance(TimeSpan.FromHours(2));
        var checkedIn = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckIn, Codes(activity).In.Token, None));
        Assert.True(checkedIn.IsOk, checkedIn.Error?.Message);
        app.Clock.Advance(stayed);
        var checkedOut = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, AttendanceStep.CheckOut, Codes(activity).Out.Code, None));
        Assert.True(checkedOut.IsOk, checkedOut.Error?.Message);
        Assert.Equal(25, checkedOut.Value.Points);
        return (activity, member);
    }

    private async Task<SignUp> Row(Guid activity) => (await app.SignUps(activity)).Single();

    private Task<long> Balance(Guid member) => app.As<Volunteer96345.Points.PointsBank, long>(ActivitySteps.Admin, async b => (await b.Balance((await b.AccountForVolunteer(member)).Value)) ?? 0);

    private ((string Token, string Code) In, (string Token, string Code) Out) Codes(Guid activity)
    {
        using var scope = app.Services.CreateScope();
        var codes = scope.ServiceProvider.GetRequiredService<CheckInCode>();
        return ((codes.Token(activity, AttendanceStep.CheckIn), codes.Code(activity, AttendanceStep.CheckIn)),
            (codes.Token(activity, AttendanceStep.CheckOut), codes.Code(activity, AttendanceStep.CheckOut)));
    }
}
