using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Time;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Training;

[Trait("Category", "Integration")]
public sealed class TrainingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private DateOnly Today => Shanghai.Today(app.Clock);

    private object Session(Guid stationId, string topic, string kind = "MondayEveningStudy", decimal hours = 1.5m, int daysAgo = 3) => new
    {
        kind,
        stationId,
        topic,
        date = Shanghai.Format(Today.AddDays(-daysAgo)),
        place = "城郊村文化礼堂",
        trainer = "支部书记",
        hours,
    };

    [Fact]
    public async Task An_admin_holds_sessions_records_attendance_and_the_volunteers_record_sums_the_hours()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var learner = await app.NewVolunteer(point, "学员甲");
        var other = await app.NewVolunteer(point, "学员乙");
        var study = await admin.CreateSession(Session(point, "周一夜学：村规民约", hours: 1.5m));
        var skill = await admin.CreateSession(Session(await app.SubStation(), "应急救护技能培训", "Skill", 2.5m, daysAgo: 10));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/training/{study}/attendees", new { volunteerId = learner })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/training/{study}/attendees", new { volunteerId = other })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/training/{skill}/attendees", new { volunteerId = learner })).StatusCode);

        var view = await (await admin.GetAsync($"/api/v1/training/{study}")).Json();
        Assert.Equal(1.5m, view.GetProperty("row").GetProperty("hours").GetDecimal());
        Assert.Equal("MondayEveningStudy", view.GetProperty("row").GetProperty("kind").GetString());
        Assert.Equal(["学员甲", "学员乙"], view.GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("realName").GetString()));
        var record = await (await admin.GetAsync($"/api/v1/training/volunteers/{learner}")).Json();
        Assert.Equal(4m, record.GetProperty("totalHours").GetDecimal());
        Assert.Equal(["周一夜学：村规民约", "应急救护技能培训"], record.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("topic").GetString()));
        var list = await (await admin.GetAsync($"/api/v1/training?stationId={point}&kind=MondayEveningStudy")).Json();
        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("id").GetGuid() == study && t.GetProperty("attendeeCount").GetInt32() == 2);
        Assert.DoesNotContain(list.EnumerateArray(), t => t.GetProperty("id").GetGuid() == skill);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.EntityId == study.ToString())));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/training/{study}/attendees/{learner}")).StatusCode);
        record = await (await admin.GetAsync($"/api/v1/training/volunteers/{learner}")).Json();
        Assert.Equal(2.5m, record.GetProperty("totalHours").GetDecimal());
    }

    [Fact]
    public async Task A_duplicate_attendee_and_a_retired_volunteer_are_refused_by_name_and_nothing_changes()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var learner = await app.NewVolunteer(point, "重复丙");
        var retired = await app.RetiredVolunteer(point, "退休丁");
        var id = await admin.CreateSession(Session(point, "周一夜学：重复登记"));
        await admin.PostAsJsonAsync($"/api/v1/training/{id}/attendees", new { volunteerId = learner });
        var before = await app.Fingerprint();

        var twice = await admin.PostAsJsonAsync($"/api/v1/training/{id}/attendees", new { volunteerId = learner });
        var old = await admin.PostAsJsonAsync($"/api/v1/training/{id}/attendees", new { volunteerId = retired });

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        Assert.Contains("重复丙", (await twice.Json()).GetProperty("errors").GetProperty("volunteerId")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("退休丁", (await old.Json()).GetProperty("errors").GetProperty("volunteerId")[0].GetString());
        Assert.Equal(before, await app.Fingerprint());
        Assert.Single((await app.Db(db => db.TrainingSessions.AsNoTracking().SingleAsync(t => t.Id == id))).Attendees);
    }

    [Fact]
    public async Task A_session_may_be_planned_ahead_but_attendance_waits_for_its_day()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var learner = await app.NewVolunteer(point, "预约戊");
        var id = await admin.CreateSession(Session(point, "周一夜学：下周预告", daysAgo: -7));
        var before = await app.Fingerprint();

        var early = await admin.PostAsJsonAsync($"/api/v1/training/{id}/attendees", new { volunteerId = learner });

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains(Shanghai.Format(Today.AddDays(7)), (await early.Json()).GetProperty("errors").GetProperty("volunteerId")[0].GetString());
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task A_manager_cannot_see_or_change_another_villages_sessions_nor_enrol_a_volunteer_from_elsewhere()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var taoyuan = await app.TaoyuanPoint();
        var theirs = await app.NewVolunteer(taoyuan, "桃园己");
        var id = await admin.CreateSession(Session(taoyuan, "“三五”活动日：桃园村", "ThreeFiveDay"));
        await admin.PostAsJsonAsync($"/api/v1/training/{id}/attendees", new { volunteerId = theirs });
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/training/{id}")).StatusCode);
        Assert.DoesNotContain((await (await manager.GetAsync("/api/v1/training")).Json()).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/v1/training/{id}/attendees", new { volunteerId = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/v1/training/{id}/attendees/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/training/volunteers/{theirs}")).StatusCode);
        var elsewhere = await manager.PostAsJsonAsync("/api/v1/training", Session(taoyuan, "越界培训"));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.True((await elsewhere.Json()).GetProperty("errors").TryGetProperty("stationId", out _));
        Assert.Equal(before, await app.Fingerprint());

        var own = await manager.CreateSession(Session(await app.ChengjiaoPoint(), "周一夜学：城郊村自办"));
        var stranger = await manager.PostAsJsonAsync($"/api/v1/training/{own}/attendees", new { volunteerId = theirs });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Empty((await app.Db(db => db.TrainingSessions.AsNoTracking().SingleAsync(t => t.Id == own))).Attendees);
    }

    [Fact]
    public async Task A_dispatcher_reads_sessions_but_may_not_change_them()
    {
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        var session = await app.Db(db => db.TrainingSessions.AsNoTracking().FirstAsync(t => t.Attendees.Count > 0));
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/v1/training/{session.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync("/api/v1/training", Session(session.StationId, "调度员培训"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.DeleteAsync($"/api/v1/training/{session.Id}/attendees/{session.Attendees[0].VolunteerId}")).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task The_demo_has_sessions_of_every_kind_with_attendance()
    {
        var sessions = await app.Db(db => db.TrainingSessions.AsNoTracking().ToListAsync());

        Assert.All(Enum.GetValues<TrainingKind>(), kind => Assert.True(sessions.Count(s => s.Kind == kind && s.Attendees.Count > 0 && s.Date < Today) >= 3, kind.ToString()));
    }

    [Fact]
    public async Task The_volunteer_sees_their_training_and_total_hours_on_the_phone()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var own = await app.Db(db => db.Volunteers.OrderBy(v => v.Number).Select(v => v.Id).FirstAsync());
        var id = await admin.CreateSession(Session(await app.SubStation(), "党员轮训：手机端核对", "Rotation", 3.5m, daysAgo: 1));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/training/{id}/attendees", new { volunteerId = own })).StatusCode);
        var minutes = await app.Db(db => db.TrainingSessions.IgnoreQueryFilters().Where(t => t.Attendees.Any(a => a.VolunteerId == own)).SumAsync(t => t.Minutes));
        var total = TrainingSession.ToHours(minutes).ToString(CultureInfo.InvariantCulture);

        var page = WebUtility.HtmlDecode(await (await app.ClientFor("volunteer")).GetStringAsync("/m/me"));

        Assert.True(minutes > 210, "the demo gives the volunteer earlier sessions too");
        Assert.Contains("党员轮训：手机端核对", page, StringComparison.Ordinal);
        Assert.Contains($"{total} 小时", page, StringComparison.Ordinal);
        Assert.Contains("培训记录", page, StringComparison.Ordinal);
    }
}

internal static class TrainingRequests
{
    public static async Task<Guid> CreateSession(this HttpClient client, object session)
    {
        var response = await client.PostAsJsonAsync("/api/v1/training", session);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }
}
