using System.Net;
using System.Net.Http.Json;
using Volunteer96345.Common.Time;
using Volunteer96345.Points;
using Volunteer96345.Points.Training;
using Volunteer96345.Tests.People;
using Volunteer96345.Tests.People.Training;

namespace Volunteer96345.Tests.Points.Training;

/// <summary>The app of a town that pays points for attended training (<c>Points:Training:Enabled</c>).</summary>
public sealed class TrainingPointsFixture : AppFixture
{
    public TrainingPointsFixture() => Settings["Points:Training:Enabled"] = "true";
}

/// <summary>Attended training earns VolunteerService points per hour once, and removing the attendance takes them back.</summary>
[Trait("Category", "Integration")]
public sealed class TrainingPointsTests(TrainingPointsFixture app) : IClassFixture<TrainingPointsFixture>
{
    private object Session(Guid stationId, decimal hours) => new
    {
        kind = "MondayEveningStudy",
        stationId,
        topic = "周一夜学：垃圾分类" + Guid.NewGuid().ToString("N")[..4],
        date = Shanghai.Format(Shanghai.Today(app.Clock).AddDays(-1)),
        place = "城郊村文化礼堂",
        trainer = "支部书记",
        hours,
    };

    private async Task<long> Account(Guid volunteerId) => await app.Bank(async b => (await b.AccountForVolunteer(volunteerId)).Value);

    [Fact]
    public async Task Recorded_attendance_earns_the_hours_points_once_and_removing_it_reverses_them()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var learner = await app.NewVolunteer(point, "培训学员");
        var session = await admin.CreateSession(Session(point, 2m));
        var account = await Account(learner);

        var added = await admin.PostAsJsonAsync($"/api/v1/training/{session}/attendees", new { volunteerId = learner });
        var again = await admin.PostAsJsonAsync($"/api/v1/training/{session}/attendees", new { volunteerId = learner });

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(20, await app.BalanceOf(account)); // the seeded VolunteerService rule: 10 per hour
        var posting = await app.Bank(b => b.Find(TrainingPoints.Key(session, learner)));
        Assert.Equal(EarningType.VolunteerService, posting!.EarningType);

        var removed = await admin.DeleteAsync($"/api/v1/training/{session}/attendees/{learner}");

        Assert.True(removed.IsSuccessStatusCode, removed.StatusCode.ToString());
        Assert.Equal(0, await app.BalanceOf(account));
        Assert.NotNull(await app.Bank(b => b.Find("reversal:" + TrainingPoints.Key(session, learner))));
        PointsSteps.AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task Removing_an_attendance_that_was_never_recorded_is_refused_and_changes_nothing()
    {
        var admin = await app.ClientFor(TestData.Admin, "zh-CN");
        var point = await app.ChengjiaoPoint();
        var learner = await app.NewVolunteer(point, "培训学员乙");
        var session = await admin.CreateSession(Session(point, 1m));
        var before = await app.RedemptionFingerprint();

        var removed = await admin.DeleteAsync($"/api/v1/training/{session}/attendees/{learner}");

        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Equal(before, await app.RedemptionFingerprint());
    }
}

/// <summary>Where the town has not turned it on, training earns nothing.</summary>
[Trait("Category", "Integration")]
public sealed class TrainingWithoutPointsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Recorded_attendance_earns_nothing_by_default()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var learner = await app.NewVolunteer(point, "培训学员丙");
        var session = await admin.CreateSession(new
        {
            kind = "Skill",
            stationId = point,
            topic = "应急救护",
            date = Shanghai.Format(Shanghai.Today(app.Clock).AddDays(-1)),
            place = "城郊村文化礼堂",
            trainer = "红十字会",
            hours = 3m,
        });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/training/{session}/attendees", new { volunteerId = learner })).StatusCode);

        Assert.Null(await app.Bank(b => b.Find(TrainingPoints.Key(session, learner))));
    }
}
