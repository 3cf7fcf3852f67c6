using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Activities;
using Volunteer96345.Evaluation;
using Volunteer96345.Tests.Common.Notifications;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// November 2026 drawn once in this database (four orders of the demo volunteer at 城郊村, one rated low, and the
/// seed's attendances of the 25th at two stations), then listed, replayed and worked through the API.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SpotCheckDrawTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = EvaluationSteps.Api;
    private const int Seed = 20261201;

    /// <summary>The November draw; the first test to ask makes the month's orders and draws it.</summary>
    private async Task<Guid> Drawn()
    {
        if (await app.NovemberDraw() is { } id)
        {
            return id;
        }

        await app.RatedOrder("13905735001", 1, "Poor", "NotSolved");
        await app.RatedOrder("13905735002", 5, "Good", "Solved");
        await app.Resolved("13905735003");
        await app.Resolved("13905735004");
        return (await app.DrawNovember(Seed)).GetProperty("id").GetGuid();
    }

    private async Task<SpotCheck> Unworked(Func<SpotCheck, bool>? where = null)
    {
        var checks = await app.Checks(await Drawn());
        return checks.Where(c => c.CheckedAt == null && (where?.Invoke(c) ?? true)).OrderBy(c => c.Subject).ThenBy(c => c.Id).First();
    }

    [Fact]
    public async Task The_draw_takes_at_least_the_minimum_of_every_station_s_services_of_the_month_per_subject_with_their_weights()
    {
        var drawId = await Drawn();
        var from = new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc);
        var orders = await app.Db(db => db.WorkOrders.AsNoTracking()
            .Where(o => o.ResolvedAt >= from && o.ResolvedAt < to && (o.Status == WorkOrderStatus.Resolved || o.Status == WorkOrderStatus.Closed)).ToListAsync());
        var drawnAt = await app.Db(db => db.SpotCheckDraws.Where(d => d.Id == drawId).Select(d => d.DrawnAt).SingleAsync());
        var low = await app.Db(db => db.Feedback.Where(f => f.Satisfaction <= 2 && f.SubmittedAt <= drawnAt).Select(f => f.WorkOrderId).ToListAsync());
        var attended = await app.Db(db => db.Set<SignUp>().AsNoTracking().Where(s => s.CheckedInAt >= from && s.CheckedInAt < to)
            .Select(s => new { s.Id, s.StationId }).ToListAsync());
        var demo = await app.DemoVolunteerId();
        var inspector = await app.ClientFor(TestData.Inspector);

        var list = await (await inspector.GetAsync($"{Api}/spot-checks?drawId={drawId}")).Json();
        var checks = await app.Checks(drawId);

        Assert.Equal(4, orders.Count(o => o.ResponderId == demo));
        Assert.NotEmpty(attended);
        var groups = orders.Select(o => (o.StationId, Subject: SpotCheckSubject.WorkOrder, o.Id))
            .Concat(attended.Select(s => (s.StationId, Subject: SpotCheckSubject.Attendance, s.Id)))
            .GroupBy(x => (x.StationId, x.Subject)).ToList();
        foreach (var group in groups)
        {
            var n = group.Count();
            var drawn = checks.Where(c => c.StationId == group.Key.StationId && c.Subject == group.Key.Subject).ToList();
            Assert.Equal(Math.Min(n, Math.Max(2, (int)Math.Ceiling(n * 0.05))), drawn.Count);
            Assert.All(drawn, c => Assert.Contains(c.SubjectId, group.Select(x => x.Id)));
        }

        Assert.Equal(groups.Sum(g => Math.Min(g.Count(), 2)), checks.Count);
        Assert.Equal(checks.Count, list.GetArrayLength());
        Assert.All(checks, c => Assert.InRange(c.ServedAt, from, to));
        foreach (var check in checks.Where(c => c.Subject == SpotCheckSubject.WorkOrder))
        {
            var order = orders.Single(o => o.Id == check.SubjectId);
            Assert.StartsWith(order.TrackingCode + " ", check.Label, StringComparison.Ordinal);
            Assert.Equal((ResponderKind.Volunteer, demo, "张伟"), (check.RatedKind, check.RatedId, check.RatedName));
            var expected = low.Contains(order.Id) ? (9.0, DrawReasons.LowRating | DrawReasons.LongUnchecked) : (3.0, DrawReasons.LongUnchecked);
            Assert.Equal(expected, (check.Weight, check.Reasons));
        }

        Assert.All(checks.Where(c => c.Subject == SpotCheckSubject.Attendance),
            c => Assert.Equal((ResponderKind.Volunteer, 3.0, DrawReasons.LongUnchecked), (c.RatedKind, c.Weight, c.Reasons)));
        var row = list.EnumerateArray().First(r => r.GetProperty("subject").GetString() == "WorkOrder");
        Assert.Equal("2026-11", row.GetProperty("month").GetString());
        Assert.Equal("城郊村96345党员志愿服务点", row.GetProperty("stationName").GetString());
    }

    [Fact]
    public async Task The_draw_is_listed_with_its_seed_settings_and_progress_and_a_second_draw_of_the_month_is_a_conflict()
    {
        var drawId = await Drawn();
        var inspector = await app.ClientFor(TestData.Inspector);
        var count = (await app.Checks(drawId)).Count;
        var fingerprint = await app.Fingerprint();

        var again = await inspector.PostAsJsonAsync($"{Api}/spot-checks/draws", new { year = 2026, month = 11, seed = Seed + 1 });
        var admin = await (await app.ClientFor(TestData.Admin)).PostAsJsonAsync($"{Api}/spot-checks/draws", new { year = 2026, month = 11 });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, admin.StatusCode);
        Assert.Equal(fingerprint, await app.Fingerprint());
        Assert.Equal(1, await app.Db(db => db.SpotCheckDraws.CountAsync()));
        Assert.Equal(count, await app.Db(db => db.SpotChecks.CountAsync()));
        var draws = await (await inspector.GetAsync($"{Api}/spot-checks/draws")).Json();
        var draw = Assert.Single(draws.EnumerateArray());
        Assert.Equal(drawId, draw.GetProperty("id").GetGuid());
        Assert.Equal("2026-11", draw.GetProperty("month").GetString());
        Assert.Equal(Seed, draw.GetProperty("seed").GetInt32());
        Assert.Equal(5m, draw.GetProperty("ratePercent").GetDecimal());
        Assert.Equal(2, draw.GetProperty("minimum").GetInt32());
        Assert.Equal(TestData.NameOf(TestData.Inspector), draw.GetProperty("drawnBy").GetString());
        Assert.Equal(count, draw.GetProperty("count").GetInt32());
        Assert.Equal(await app.Db(db => db.SpotChecks.CountAsync(c => c.CheckedAt != null)), draw.GetProperty("done").GetInt32());
    }

    [Fact]
    public async Task Replaying_a_draw_gives_the_same_sample_even_after_checks_were_worked_and_residents_rated_since()
    {
        var drawId = await Drawn();
        var inspector = await app.ClientFor(TestData.Inspector);
        var check = await Unworked(c => c.Subject == SpotCheckSubject.Attendance);
        Assert.True((await inspector.Work(check.Id, EvaluationSteps.Confirmed())).IsSuccessStatusCode);
        var later = await app.Db(db => db.WorkOrders.Where(o => !db.Set<Feedback>().Any(f => f.WorkOrderId == o.Id)).Select(o => o.TrackingCode).FirstAsync());
        var token = await app.FeedbackToken(later);
        var feedback = await app.CreateClient().PostForm($"/m/feedback/{later}?t={token}", "feedback", new()
        {
            ["Form.Satisfaction"] = "1",
            ["Form.Attitude"] = "Poor",
            ["Form.Outcome"] = "NotSolved",
        });
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);

        var replay = await inspector.PostAsync($"{Api}/spot-checks/draws/{drawId}/replay", null);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = await replay.Json();
        var count = (await app.Checks(drawId)).Count;
        Assert.True(result.GetProperty("same").GetBoolean(), result.ToString());
        Assert.Equal(count, result.GetProperty("drawn").GetInt32());
        Assert.Equal(count, result.GetProperty("replayed").GetInt32());
    }

    [Fact]
    public async Task Working_a_check_records_the_inspector_s_verdict_ratings_and_evidence_once()
    {
        await Drawn();
        var check = await Unworked();
        var inspector = await app.ClientFor(TestData.Inspector);
        var evidence = await inspector.Upload(check.StationId, "回访记录.png");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var response = await inspector.Work(check.Id, new
        {
            method = "OnSite",
            verdict = "Confirmed",
            attitude = 4,
            outcome = "PartlySolved",
            satisfaction = 3,
            findings = "  现场查看，活动签到属实  ",
            evidenceIds = new[] { evidence },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await response.Json();
        Assert.Equal(check.Id, row.GetProperty("id").GetGuid());
        Assert.Equal("Confirmed", row.GetProperty("verdict").GetString());
        Assert.Equal("OnSite", row.GetProperty("method").GetString());
        Assert.Equal(TestData.NameOf(TestData.Inspector), row.GetProperty("inspectorName").GetString());
        Assert.Equal([evidence], row.GetProperty("evidenceIds").EnumerateArray().Select(e => e.GetGuid()));
        var stored = await app.Db(db => db.SpotChecks.AsNoTracking().SingleAsync(c => c.Id == check.Id));
        Assert.Equal(now, stored.CheckedAt);
        Assert.Equal(await app.UserId(TestData.Inspector), stored.InspectorId);
        Assert.Equal((SpotCheckMethod.OnSite, SpotCheckVerdict.Confirmed), (stored.Method!.Value, stored.Verdict!.Value));
        Assert.Equal((4, Outcome.PartlySolved, 3), (stored.Attitude!.Value, stored.Outcome!.Value, stored.Satisfaction!.Value));
        Assert.Equal("现场查看，活动签到属实", stored.Findings);
        Assert.Equal([evidence], stored.EvidenceIds);
        Assert.Equal(1, stored.Version);
        var done = await (await inspector.GetAsync($"{Api}/spot-checks?done=true")).Json();
        var open = await (await inspector.GetAsync($"{Api}/spot-checks?done=false")).Json();
        Assert.Contains(done.EnumerateArray(), c => c.GetProperty("id").GetGuid() == check.Id);
        Assert.DoesNotContain(open.EnumerateArray(), c => c.GetProperty("id").GetGuid() == check.Id);
        Assert.Equal(now, (await (await inspector.GetAsync($"{Api}/spot-checks/{check.Id}")).Json()).GetProperty("checkedAt").GetDateTime());

        var fingerprint = await app.Fingerprint();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await inspector.Work(check.Id, EvaluationSteps.Confirmed(attitude: 1, satisfaction: 1));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(fingerprint, await app.Fingerprint());
        var after = await app.Db(db => db.SpotChecks.AsNoTracking().SingleAsync(c => c.Id == check.Id));
        Assert.Equal((now, 4, 3, 1), (after.CheckedAt, after.Attitude, after.Satisfaction, after.Version));
    }

    [Theory]
    [InlineData("NotGiven", 1, "NotSolved", 1)]
    [InlineData("Unreachable", null, null, null)]
    public async Task A_service_not_given_rates_lowest_whatever_was_typed_and_an_unreachable_one_rates_nothing(string verdict, int? attitude, string? outcome,
        int? satisfaction)
    {
        await Drawn();
        var check = await Unworked();
        var inspector = await app.ClientFor(TestData.Inspector);

        var response = await inspector.Work(check.Id, new { method = "Phone", verdict, attitude = 5, outcome = "Solved", satisfaction = 5, findings = "电话核实" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.Db(db => db.SpotChecks.AsNoTracking().SingleAsync(c => c.Id == check.Id));
        Assert.Equal(verdict, stored.Verdict.ToString());
        Assert.Equal(attitude, stored.Attitude);
        Assert.Equal(outcome, stored.Outcome?.ToString());
        Assert.Equal(satisfaction, stored.Satisfaction);
    }

    [Theory]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","outcome":"Solved","satisfaction":5}""", "attitude")]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","attitude":6,"outcome":"Solved","satisfaction":5}""", "attitude")]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","attitude":0,"outcome":"Solved","satisfaction":5}""", "attitude")]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","attitude":4,"satisfaction":5}""", "outcome")]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","attitude":4,"outcome":"Fixed","satisfaction":5}""", "outcome")]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","attitude":4,"outcome":"Solved"}""", "satisfaction")]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","attitude":4,"outcome":"Solved","satisfaction":6}""", "satisfaction")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven"}""", "findings")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"   "}""", "findings")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"{LONG}"}""", "findings")]
    [InlineData("""{"verdict":"Unreachable"}""", "method")]
    [InlineData("""{"method":"Pigeon","verdict":"Unreachable"}""", "method")]
    [InlineData("""{"method":"Phone"}""", "verdict")]
    [InlineData("""{"method":"Phone","verdict":"Maybe"}""", "verdict")]
    [InlineData("""{"method":"Phone","verdict":7}""", "verdict")]
    [InlineData("""{"method":"Phone","verdict":"Unreachable","evidenceIds":["{UNKNOWN}"]}""", "evidenceIds")]
    [InlineData("""{"method":"Phone","verdict":"Unreachable","evidenceIds":["{OTHER_STATION}"]}""", "evidenceIds")]
    [InlineData("""{"method":"Phone","verdict":"Unreachable","evidenceIds":["{OWN}","{OWN}","{OWN}","{OWN}","{OWN}","{OWN}","{OWN}"]}""", "evidenceIds")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"无人服务","openRectification":true,"rectificationDueOn":"{IN_7}"}""", "rectificationIssue")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"无人服务","openRectification":true,"rectificationIssue":"{LONG}","rectificationDueOn":"{IN_7}"}""", "rectificationIssue")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"无人服务","openRectification":true,"rectificationIssue":"补服务"}""", "rectificationDueOn")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"无人服务","openRectification":true,"rectificationIssue":"补服务","rectificationDueOn":"{YESTERDAY}"}""", "rectificationDueOn")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"无人服务","openRectification":true,"rectificationIssue":"补服务","rectificationDueOn":"{TODAY}"}""", "rectificationDueOn")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"无人服务","openRectification":true,"rectificationIssue":"补服务","rectificationDueOn":"{IN_91}"}""", "rectificationDueOn")]
    [InlineData("""{"method":"Phone","verdict":"NotGiven","findings":"无人服务","openRectification":true,"rectificationIssue":"补服务","rectificationDueOn":"soon"}""", "rectificationDueOn")]
    [InlineData("""{"method":"Phone","verdict":"Confirmed","attitude":4,"outcome":"Solved","satisfaction":5,"openRectification":true,"rectificationIssue":"补服务","rectificationDueOn":"{IN_7}"}""", "findings")]
    public async Task A_bad_spot_check_record_is_refused_with_the_field_named_and_records_nothing(string body, string field)
    {
        await Drawn();
        var check = await Unworked();
        var inspector = await app.ClientFor(TestData.Inspector, "en-US");
        var today = app.Today();
        var placeholders = new Dictionary<string, string>
        {
            ["{LONG}"] = new('长', 2001),
            ["{UNKNOWN}"] = Guid.NewGuid().ToString(),
            ["{TODAY}"] = EvaluationSteps.Day(today),
            ["{YESTERDAY}"] = EvaluationSteps.Day(today.AddDays(-1)),
            ["{IN_7}"] = EvaluationSteps.Day(today.AddDays(7)),
            ["{IN_91}"] = EvaluationSteps.Day(today.AddDays(91)),
        };
        if (body.Contains("{OTHER_STATION}", StringComparison.Ordinal))
        {
            placeholders["{OTHER_STATION}"] = (await inspector.Upload(await app.TaoyuanPoint())).ToString();
        }

        if (body.Contains("{OWN}", StringComparison.Ordinal))
        {
            placeholders["{OWN}"] = (await inspector.Upload(check.StationId)).ToString();
        }

        var counts = await app.Db(async db => (await db.Rectifications.CountAsync(), await db.Attachments.CountAsync(), await db.Outbox.CountAsync()));

        await BadInput.RefusedAndUnchanged(app, inspector, "POST", $"{Api}/spot-checks/{check.Id}", body, placeholders, 400, field);

        var after = await app.Db(db => db.SpotChecks.AsNoTracking().SingleAsync(c => c.Id == check.Id));
        Assert.Equal((null, null, 0), (after.CheckedAt, after.Verdict, after.Version));
        Assert.Equal(counts, await app.Db(async db => (await db.Rectifications.CountAsync(), await db.Attachments.CountAsync(), await db.Outbox.CountAsync())));
    }

    [Fact]
    public async Task The_checks_are_listed_by_draw_and_the_draw_is_dated_when_it_was_made()
    {
        var drawId = await Drawn();
        var inspector = await app.ClientFor(TestData.Inspector);

        var all = await (await inspector.GetAsync($"{Api}/spot-checks")).Json();
        var other = await (await inspector.GetAsync($"{Api}/spot-checks?drawId={Guid.NewGuid()}")).Json();

        Assert.All(all.EnumerateArray(), c => Assert.Equal(drawId, c.GetProperty("drawId").GetGuid()));
        Assert.Equal(0, other.GetArrayLength());
        Assert.Equal(
            DateTime.Parse("2026-12-01T02:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            await app.Db(db => db.SpotCheckDraws.Where(d => d.Id == drawId).Select(d => d.DrawnAt).SingleAsync()));
    }
}
