using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;
using Volunteer96345.People;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// The standings through the API against numbers computed by hand. Its own database, where the only ratings of the
/// quarter are these: on 29 November the demo volunteer's two orders at 城郊村 rated low (Fair, not solved, 1 star) and
/// high (Good, solved, 5 stars) and the low one's call-back (reached, 2 stars, not re-opened); on 1 December, after
/// November's draw, the inspector's check of the high order (attitude 4, solved, 5) and of one attendance of the 25th
/// (attitude 5, solved, 4).
/// </summary>
[Trait("Category", "Integration")]
public sealed class CompositeStandingsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = EvaluationSteps.Api;

    private sealed record Arranged(Guid Demo, Guid Low, Guid High, Guid Attendee, Guid AttendeeStation, Guid Chengjiao);

    private async Task<Arranged> Rated()
    {
        if (await app.NovemberDraw() is null)
        {
            var low = await app.RatedOrder("13905737001", 1, "Fair", "NotSolved");
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var callback = await app.Db(db => db.Callbacks.Where(c => c.WorkOrderId == low && c.Reason == CallbackReason.LowRating).Select(c => c.Id).SingleAsync());
            var dispatcher = await app.ClientFor(TestData.Dispatcher);
            var done = await dispatcher.PostAsJsonAsync($"/api/v1/callbacks/{callback}",
                new { reached = true, satisfaction = 2, comment = "居民说修得慢", reopen = false });
            Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var high = await app.RatedOrder("13905737002", 5, "Good", "Solved");
            var drawId = (await app.DrawNovember(11)).GetProperty("id").GetGuid();
            var inspector = await app.ClientFor(TestData.Inspector);
            Assert.Equal(HttpStatusCode.OK, (await inspector.Work(await app.CheckOf(high), EvaluationSteps.Confirmed(4, "Solved", 5))).StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var attendance = (await app.Checks(drawId)).Where(c => c.Subject == SpotCheckSubject.Attendance).OrderBy(c => c.StationId).ThenBy(c => c.Id).First();
            Assert.Equal(HttpStatusCode.OK, (await inspector.Work(attendance.Id, EvaluationSteps.Confirmed(5, "Solved", 4, "现场核实签到"))).StatusCode);
        }

        return await app.Db(async db =>
        {
            var orders = await db.Feedback.Select(f => new { f.WorkOrderId, f.Satisfaction }).ToListAsync();
            var attendee = await db.SpotChecks.Where(c => c.Subject == SpotCheckSubject.Attendance && c.CheckedAt != null)
                .Select(c => new { c.RatedId, c.StationId }).SingleAsync();
            return new Arranged(await app.DemoVolunteerId(), orders.Single(o => o.Satisfaction == 1).WorkOrderId, orders.Single(o => o.Satisfaction == 5).WorkOrderId,
                attendee.RatedId, attendee.StationId, await app.ChengjiaoPoint());
        });
    }

    private static async Task<JsonElement> Table(HttpClient client, string period, string kind)
    {
        var response = await client.GetAsync($"{Api}/standings?period={period}&kind={kind}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static JsonElement Row(JsonElement table, Guid id) => table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    private static void AssertDimension(JsonElement row, string dimension, double score, double? raw, int count)
    {
        var d = row.GetProperty(dimension);
        Assert.Equal((score, raw, count), (d.GetProperty("score").GetDouble(), Number(d.GetProperty("raw")), d.GetProperty("count").GetInt32()));
    }

    private static (double? Attitude, double? Outcome, double? Satisfaction) Scores(JsonElement rating) =>
        (Number(rating.GetProperty("attitude")), Number(rating.GetProperty("outcome")), Number(rating.GetProperty("satisfaction")));

    private static (int Count, int Feedback, int Callbacks, int SpotChecks, bool Enough) Counts(JsonElement row) =>
        (row.GetProperty("count").GetInt32(), row.GetProperty("feedback").GetInt32(), row.GetProperty("callbacks").GetInt32(), row.GetProperty("spotChecks").GetInt32(),
            row.GetProperty("enough").GetBoolean());

    [Fact]
    public async Task The_quarter_s_volunteer_standings_are_the_hand_computed_shrunk_scores_with_their_counts()
    {
        var arranged = await Rated();
        var inspector = await app.ClientFor(TestData.Inspector);

        var table = await Table(inspector, "2026-Q4", "Volunteer");

        // Town: attitude (50 + 100 + 3·75 + 3·100) / 8 = 84.375; outcome (0 + 2·100 + 100 + 3·100 + 3·100) / 10 = 90;
        // satisfaction (0 + 2·25 + 100 + 3·100 + 3·75) / 10 = 67.5; composite .3·84.375 + .4·90 + .3·67.5 = 81.56.
        Assert.Equal("2026-Q4", table.GetProperty("period").GetString());
        Assert.Equal((84.4, 90, 67.5, 81.6), (table.GetProperty("meanAttitude").GetDouble(), table.GetProperty("meanOutcome").GetDouble(),
            table.GetProperty("meanSatisfaction").GetDouble(), table.GetProperty("meanComposite").GetDouble()));
        Assert.Equal(3, table.GetProperty("minimumCount").GetInt32());
        Assert.Equal(2, table.GetProperty("rows").GetArrayLength());

        // The demo volunteer: attitude raw 375/5 = 75, (375 + 5·84.375) / 10 = 79.69; outcome raw 600/7 = 85.71, (600 + 5·90) / 12 = 87.5;
        // satisfaction raw 450/7 = 64.29, (450 + 5·67.5) / 12 = 65.63; composite .3·79.7 + .4·87.5 + .3·65.6 = 78.59.
        var demo = Row(table, arranged.Demo);
        Assert.Equal("张伟", demo.GetProperty("name").GetString());
        Assert.Equal("城郊村96345党员志愿服务点", demo.GetProperty("stationName").GetString());
        AssertDimension(demo, "attitude", 79.7, 75, 3);
        AssertDimension(demo, "outcome", 87.5, 85.7, 4);
        AssertDimension(demo, "satisfaction", 65.6, 64.3, 4);
        Assert.Equal(78.6, demo.GetProperty("composite").GetDouble());
        Assert.Equal((4, 2, 1, 1, true), Counts(demo));

        // The attendee, checked once: (300 + 5·84.375) / 8 = 90.23, (300 + 5·90) / 8 = 93.75, (225 + 5·67.5) / 8 = 70.31; one rating is not enough.
        var attendee = Row(table, arranged.Attendee);
        AssertDimension(attendee, "attitude", 90.2, 100, 1);
        AssertDimension(attendee, "outcome", 93.8, 100, 1);
        AssertDimension(attendee, "satisfaction", 70.3, 75, 1);
        Assert.Equal(85.7, attendee.GetProperty("composite").GetDouble());
        Assert.Equal((1, 0, 0, 1, false), Counts(attendee));

        Assert.Equal([arranged.Demo, arranged.Attendee], table.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_rating_counts_in_the_month_it_was_given()
    {
        var arranged = await Rated();
        var admin = await app.ClientFor(TestData.Admin);

        var november = Row(await Table(admin, "2026-11", "Volunteer"), arranged.Demo);
        var december = await Table(admin, "2026-12", "Volunteer");
        var year = Row(await Table(admin, "2026", "Volunteer"), arranged.Demo);
        var earlier = await Table(admin, "2026-Q3", "Volunteer");

        Assert.Equal((3, 2, 1, 0, true), Counts(november));
        AssertDimension(november, "satisfaction", 37.5, 37.5, 3);
        Assert.Equal(63.8, november.GetProperty("composite").GetDouble());
        Assert.Equal((1, 0, 0, 1, false), Counts(Row(december, arranged.Demo)));
        Assert.Equal((1, 0, 0, 1, false), Counts(Row(december, arranged.Attendee)));
        Assert.Equal((4, 2, 1, 1, true), Counts(year));
        Assert.Equal(0, earlier.GetProperty("rows").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, earlier.GetProperty("meanComposite").ValueKind);
    }

    [Fact]
    public async Task A_volunteer_s_ratings_are_listed_with_their_source_weight_and_comment()
    {
        var arranged = await Rated();
        var codes = await app.Db(db => db.WorkOrders.Where(o => o.Id == arranged.Low || o.Id == arranged.High).ToDictionaryAsync(o => o.Id, o => o.TrackingCode));
        var manager = await app.ClientFor(TestData.Chengjiao);

        var response = await manager.GetAsync($"{Api}/standings/Volunteer/{arranged.Demo}?period=2026-Q4");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json();
        Assert.Equal("2026-Q4", body.GetProperty("period").GetString());
        Assert.Equal(78.6, body.GetProperty("standing").GetProperty("composite").GetDouble());
        var ratings = body.GetProperty("ratings").EnumerateArray().ToList();
        Assert.Equal(["SpotCheck", "Feedback", "Callback", "Feedback"], ratings.Select(r => r.GetProperty("source").GetString()));
        Assert.Equal([3.0, 1.0, 2.0, 1.0], ratings.Select(r => r.GetProperty("weight").GetDouble()));
        Assert.Equal([codes[arranged.High], codes[arranged.High], codes[arranged.Low], codes[arranged.Low]], ratings.Select(r => r.GetProperty("orderCode").GetString()));
        Assert.Equal([arranged.High, arranged.High, arranged.Low, arranged.Low], ratings.Select(r => r.GetProperty("subjectId").GetGuid()));
        Assert.Equal("电话回访，居民确认已修好", ratings[0].GetProperty("comment").GetString());
        Assert.Equal("居民说修得慢", ratings[2].GetProperty("comment").GetString());
        Assert.Equal((75, 100, 100), Scores(ratings[0]));
        Assert.Equal((100, 100, 100), Scores(ratings[1]));
        Assert.Equal((null, 100, 25), Scores(ratings[2]));
        Assert.Equal((50, 0, 0), Scores(ratings[3]));
        Assert.All(ratings, r => Assert.Equal("城郊村96345党员志愿服务点", r.GetProperty("stationName").GetString()));
    }

    [Fact]
    public async Task Stations_are_evaluated_on_every_rating_given_there_and_a_station_manager_sees_only_their_own()
    {
        var arranged = await Rated();
        var admin = await Table(await app.ClientFor(TestData.Admin), "2026-Q4", "Station");
        var scope = await app.Db(db => db.StaffStations.Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { u.UserName, s.StationId }).ToListAsync());

        var chengjiao = await Table(await app.ClientFor(TestData.Chengjiao), "2026-Q4", "Station");
        var taoyuan = await Table(await app.ClientFor(TestData.Taoyuan), "2026-Q4", "Station");

        var station = Row(admin, arranged.Chengjiao);
        Assert.Equal("城郊村96345党员志愿服务点", station.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, station.GetProperty("stationName").ValueKind);
        Assert.Equal((4, 2, 1, 1, true), Counts(station));
        Assert.Equal(78.6, station.GetProperty("composite").GetDouble());
        Assert.Equal((1, 0, 0, 1, false), Counts(Row(admin, arranged.AttendeeStation)));
        Assert.Equal(2, admin.GetProperty("rows").GetArrayLength());
        Assert.Equal([arranged.Chengjiao], chengjiao.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.All(chengjiao.GetProperty("rows").EnumerateArray(),
            r => Assert.Contains(scope, s => s.UserName == TestData.Chengjiao && s.StationId == r.GetProperty("id").GetGuid()));
        Assert.Equal(0, taoyuan.GetProperty("rows").GetArrayLength());
        Assert.Equal(admin.GetProperty("meanComposite").GetDouble(), taoyuan.GetProperty("meanComposite").GetDouble());
    }

    [Fact]
    public async Task A_station_manager_sees_the_volunteers_of_their_stations_and_not_the_others_ratings()
    {
        var arranged = await Rated();
        var homes = await app.Db(db => db.Volunteers.Where(v => v.Id == arranged.Demo || v.Id == arranged.Attendee).ToDictionaryAsync(v => v.Id, v => v.StationId));
        var taoyuanScope = await app.Db(db => db.StaffStations.Join(db.Users.Where(u => u.UserName == TestData.Taoyuan), s => s.UserId, u => u.Id, (s, u) => s.StationId)
            .ToListAsync());
        var taoyuan = await app.ClientFor(TestData.Taoyuan);
        var chengjiao = await app.ClientFor(TestData.Chengjiao);

        var theirs = await Table(taoyuan, "2026-Q4", "Volunteer");
        var mine = await Table(chengjiao, "2026-Q4", "Volunteer");

        Assert.DoesNotContain(theirs.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetGuid() == arranged.Demo);
        Assert.Contains(mine.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetGuid() == arranged.Demo);
        Assert.Equal(HttpStatusCode.NotFound, (await taoyuan.GetAsync($"{Api}/standings/Volunteer/{arranged.Demo}?period=2026-Q4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await taoyuan.GetAsync($"{Api}/standings/Station/{arranged.Chengjiao}?period=2026-Q4")).StatusCode);
        Assert.Equal(taoyuanScope.Contains(homes[arranged.Attendee]),
            theirs.GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("id").GetGuid() == arranged.Attendee));
    }

    [Theory]
    [InlineData("/standings?period=2026-13&kind=Volunteer", "period")]
    [InlineData("/standings?period=Q4&kind=Volunteer", "period")]
    [InlineData("/standings?kind=Volunteer", "period")]
    [InlineData("/standings?period=2026-Q4", "kind")]
    [InlineData("/standings/Volunteer/{DEMO}?period=2026-Q5", "period")]
    [InlineData("/standings/Volunteer/{DEMO}", "period")]
    public async Task A_bad_period_or_a_missing_kind_is_refused_with_the_field_named(string path, string field)
    {
        var arranged = await Rated();
        var inspector = await app.ClientFor(TestData.Inspector, "en-US");

        await BadInput.RefusedAndUnchanged(app, inspector, "GET", Api + path, "", new Dictionary<string, string> { ["{DEMO}"] = arranged.Demo.ToString() }, 400, field);
    }

    [Fact]
    public async Task A_missing_kind_is_named_once()
    {
        await Rated();
        var inspector = await app.ClientFor(TestData.Inspector, "en-US");

        var response = await inspector.GetAsync($"{Api}/standings?period=2026-Q4");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single((await response.Json()).GetProperty("errors").GetProperty("kind").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_kind_or_subject_is_refused_and_a_volunteer_may_not_see_the_standings()
    {
        var arranged = await Rated();
        var inspector = await app.ClientFor(TestData.Inspector);
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);

        Assert.Equal(HttpStatusCode.BadRequest, (await inspector.GetAsync($"{Api}/standings?period=2026-Q4&kind=Robot")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"{Api}/standings/Volunteer/{Guid.NewGuid()}?period=2026-Q4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"{Api}/standings/Volunteer/{arranged.Chengjiao}?period=2026-Q4")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync($"{Api}/standings?period=2026-Q4&kind=Volunteer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync($"{Api}/standings/Volunteer/{arranged.Demo}?period=2026-Q4")).StatusCode);
    }
}
