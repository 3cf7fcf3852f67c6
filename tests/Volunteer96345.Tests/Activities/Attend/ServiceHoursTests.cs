using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Attend;
using Volunteer96345.Activities.SignUps;
using Volunteer96345.Common.Errors;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Points.Counter;

namespace Volunteer96345.Tests.Activities.Attend;

/// <summary>One service-hours figure: work orders plus activities, on the volunteer's record, for the level and at the counter.</summary>
[Trait("Category", "Integration")]
public sealed class ServiceHoursTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<decimal> Hours(Guid volunteer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Privileges>().ServiceHours(volunteer, None);
    }

    [Fact]
    public async Task An_attended_activity_adds_its_credit_hours_to_the_one_figure_the_record_and_the_counter_show()
    {
        var member = await app.DemoVolunteer();
        var before = await Hours(member);
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(2));
        Assert.True((await app.AsVolunteer<SignUpHandler, Result<SignUpOutcome>>(member, h => h.SignUp(activity, None))).IsOk);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await Step(member, activity, AttendanceStep.CheckIn);
        app.Clock.Advance(TimeSpan.FromMinutes(140));
        await Step(member, activity, AttendanceStep.CheckOut);

        var after = await Hours(member);

        Assert.Equal(before + 2.5m, after);
        var record = System.Net.WebUtility.HtmlDecode(await (await app.ClientFor(ActivitySteps.Member)).GetStringAsync("/m/me"));
        Assert.Contains($"data-testid=\"service-hours-total\">{after.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} 小时<", record);
        Assert.Contains("志愿活动", record);
        var number = await app.Db(db => db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == member).Select(v => v.Number).SingleAsync());
        var atCounter = await app.As<RedeemHandler, Result<MemberAtCounter>>(TestData.Chengjiao, h => h.LookUp(number, None));
        Assert.Equal(after, atCounter.Value.Level.Hours);
    }

    private async Task Step(Guid member, Guid activity, AttendanceStep step)
    {
        using var scope = app.Services.CreateScope();
        var code = scope.ServiceProvider.GetRequiredService<CheckInCode>().Code(activity, step);
        var result = await app.AsVolunteer<AttendHandler, Result<AttendanceOutcome>>(member, h => h.Record(activity, step, code, None));
        Assert.True(result.IsOk, result.Error?.Message);
    }
}
