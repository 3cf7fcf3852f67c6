using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Time;
using Volunteer96345.Data.Timers;
using Volunteer96345.Evaluation;
using Volunteer96345.Tests.Common.Notifications;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// 整改 round trip: opened by an inspector (from a spot check's finding or on its own), answered by the station's
/// manager, returned or closed by the inspector; overdue when still open at the end of its due date. Its own database:
/// November 2026 drawn with two orders of 城郊村; the clock moves on by days.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RectificationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = EvaluationSteps.Api;

    private async Task Drawn()
    {
        if (await app.NovemberDraw() is null)
        {
            await app.Resolved("13905736001");
            await app.Resolved("13905736002");
            await app.Resolved("13905736003");
            await app.DrawNovember(7);
        }
    }

    /// <summary>A rectification opened on its own for 城郊村's service point, due in <paramref name="days"/> days.</summary>
    private async Task<Guid> Opened(int days = 1, string issue = "服务点值班表未按规定公示")
    {
        await Drawn();
        var inspector = await app.ClientFor(TestData.Inspector);
        var response = await inspector.PostAsJsonAsync($"{Api}/rectifications",
            new { stationId = await app.ChengjiaoPoint(), issue, dueOn = EvaluationSteps.Day(app.Today().AddDays(days)) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Json()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/evaluation/rectifications/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    private static async Task<HttpResponseMessage> Answer(HttpClient client, Guid id, string text = "已公示值班表并拍照存档") =>
        await client.PostAsJsonAsync($"{Api}/rectifications/{id}/answer", new { text, evidenceIds = Array.Empty<Guid>() });

    private static async Task<HttpResponseMessage> Review(HttpClient client, Guid id, object input) =>
        await client.PostAsJsonAsync($"{Api}/rectifications/{id}/review", input);

    private Task<int> FireTimers() => app.Services.GetRequiredService<TimerSweeper>().FireDueAsync(CancellationToken.None);

    [Fact]
    public async Task A_finding_s_rectification_goes_to_the_station_and_back_until_the_inspector_closes_it_and_keeps_its_history()
    {
        await Drawn();
        var chengjiao = await app.ChengjiaoPoint();
        var check = await app.Db(db => db.SpotChecks.AsNoTracking().Where(c => c.CheckedAt == null && c.StationId == chengjiao && c.Subject == SpotCheckSubject.WorkOrder)
            .OrderBy(c => c.Id).FirstAsync());
        var inspector = await app.ClientFor(TestData.Inspector);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var other = await app.ClientFor(TestData.Taoyuan);
        var due = app.Today().AddDays(7);

        var worked = await inspector.Work(check.Id, new
        {
            method = "Phone",
            verdict = "NotGiven",
            findings = "居民称无人上门",
            openRectification = true,
            rectificationIssue = "工单未实际服务，须上门补服务并说明",
            rectificationDueOn = EvaluationSteps.Day(due),
        });

        Assert.Equal(HttpStatusCode.OK, worked.StatusCode);
        var id = (await worked.Json()).GetProperty("rectificationId").GetGuid();
        var opened = await app.Rectification(id);
        Assert.Equal((chengjiao, check.Id, RectificationStatus.Open, due), (opened.StationId, opened.SpotCheckId, opened.Status, opened.DueOn));
        Assert.Equal((TestData.NameOf(TestData.Inspector), 0), (opened.OpenedBy, opened.Returns));
        Assert.Equal(Shanghai.StartOfDayUtc(due.AddDays(1)),
            await app.Db(db => db.Set<RectificationTimer>().Where(t => t.RectificationId == id).Select(t => t.DueAt).SingleAsync()));
        Assert.Equal([await app.UserId(TestData.Chengjiao)], (await app.NoticesAbout(id, "【整改通知】")).Select(Guid.Parse));
        await app.Drain();
        var inbox = await (await app.ClientFor(TestData.Chengjiao)).GetFromJsonAsync<JsonElement>("/api/v1/inbox?pageSize=200");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("link").GetString() == $"/evaluation/rectifications?id={id}"
            && i.GetProperty("subject").GetString()!.StartsWith("【整改通知】", StringComparison.Ordinal));

        var mine = await (await manager.GetAsync($"{Api}/rectifications")).Json();
        var theirs = await (await other.GetAsync($"{Api}/rectifications")).Json();
        var row = await (await manager.GetAsync($"{Api}/rectifications/{id}")).Json();
        Assert.Contains(mine.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(theirs.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(check.Label, row.GetProperty("spotCheckLabel").GetString());
        Assert.Equal("Open", row.GetProperty("status").GetString());
        Assert.False(row.GetProperty("overdue").GetBoolean());
        var fingerprint = await app.Fingerprint();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/rectifications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Answer(other, id)).StatusCode);
        Assert.Equal(fingerprint, await app.Fingerprint());

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(await app.ClientFor(TestData.Chengjiao), id, "已上门补服务")).StatusCode);
        Assert.Equal(RectificationStatus.Answered, (await app.Rectification(id)).Status);
        Assert.Equal([await app.UserId(TestData.Inspector)], (await app.NoticesAbout(id, "【整改反馈】")).Select(Guid.Parse));

        app.Clock.Advance(TimeSpan.FromHours(2));
        var newDue = app.Today().AddDays(14);
        Assert.Equal(HttpStatusCode.NoContent,
            (await Review(await app.ClientFor(TestData.Inspector), id, new { accept = false, note = "缺少居民签字确认", dueOn = EvaluationSteps.Day(newDue) })).StatusCode);
        var returned = await app.Rectification(id);
        Assert.Equal((RectificationStatus.Open, 1, newDue), (returned.Status, returned.Returns, returned.DueOn));
        Assert.Equal([await app.UserId(TestData.Chengjiao)], (await app.NoticesAbout(id, "【整改退回】")).Select(Guid.Parse));

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(await app.ClientFor(TestData.Chengjiao), id, "已补居民签字")).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var closedAt = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(HttpStatusCode.NoContent, (await Review(await app.ClientFor(TestData.Inspector), id, new { accept = true, note = "整改到位" })).StatusCode);

        var closed = await app.Rectification(id);
        Assert.Equal((RectificationStatus.Closed, closedAt, 1), (closed.Status, closed.ClosedAt, closed.Returns));
        var inspectorName = TestData.NameOf(TestData.Inspector);
        var managerName = TestData.NameOf(TestData.Chengjiao);
        (RectificationStepKind, string?, string?)[] steps =
        [
            (RectificationStepKind.Opened, inspectorName, null),
            (RectificationStepKind.Answered, managerName, "已上门补服务"),
            (RectificationStepKind.Returned, inspectorName, "缺少居民签字确认"),
            (RectificationStepKind.Answered, managerName, "已补居民签字"),
            (RectificationStepKind.Closed, inspectorName, "整改到位"),
        ];
        Assert.Equal(steps, closed.Steps.OrderBy(s => s.At).Select(s => (s.Kind, s.Actor, s.Text)));
        var history = await (await (await app.ClientFor(TestData.Chengjiao)).GetAsync($"{Api}/rectifications/{id}")).Json();
        Assert.Equal(["Opened", "Answered", "Returned", "Answered", "Closed"],
            history.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal("Closed", history.GetProperty("status").GetString());
        Assert.Equal(1, history.GetProperty("returns").GetInt32());
    }

    [Fact]
    public async Task Only_an_answered_rectification_is_reviewed_and_only_an_open_one_answered()
    {
        var id = await Opened(days: 10);
        var inspector = await app.ClientFor(TestData.Inspector);
        var manager = await app.ClientFor(TestData.Chengjiao);

        await Refused(() => Review(inspector, id, new { accept = true }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(manager, id)).StatusCode);
        await Refused(() => Answer(manager, id), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await Review(inspector, id, new { accept = true })).StatusCode);
        await Refused(() => Answer(manager, id), HttpStatusCode.Conflict);
        await Refused(() => Review(inspector, id, new { accept = false, note = "再看看", dueOn = EvaluationSteps.Day(app.Today().AddDays(5)) }), HttpStatusCode.Conflict);

        var closed = await app.Rectification(id);
        Assert.Equal(RectificationStatus.Closed, closed.Status);
        Assert.Equal([RectificationStepKind.Opened, RectificationStepKind.Answered, RectificationStepKind.Closed], closed.Steps.OrderBy(s => s.At).Select(s => s.Kind));
    }

    [Fact]
    public async Task The_station_answers_and_the_inspectors_open_and_review_nobody_else()
    {
        var id = await Opened(days: 10);
        var inspector = await app.ClientFor(TestData.Inspector);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);
        var open = new { stationId = await app.ChengjiaoPoint(), issue = "自查", dueOn = EvaluationSteps.Day(app.Today().AddDays(3)) };

        await Refused(() => Answer(inspector, id), HttpStatusCode.Forbidden);
        await Refused(() => Answer(dispatcher, id), HttpStatusCode.Forbidden);
        await Refused(() => manager.PostAsJsonAsync($"{Api}/rectifications", open), HttpStatusCode.Forbidden);
        await Refused(() => dispatcher.PostAsJsonAsync($"{Api}/rectifications", open), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync($"{Api}/rectifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync($"{Api}/rectifications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(manager, id)).StatusCode);
        await Refused(() => Review(manager, id, new { accept = true }), HttpStatusCode.Forbidden);
        await Refused(() => Review(dispatcher, id, new { accept = true }), HttpStatusCode.Forbidden);

        Assert.Equal(RectificationStatus.Answered, (await app.Rectification(id)).Status);
        var all = await (await dispatcher.GetAsync($"{Api}/rectifications?status=Answered")).Json();
        Assert.Contains(all.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.All(all.EnumerateArray(), r => Assert.Equal("Answered", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_rectification_still_open_when_its_due_date_ends_is_marked_overdue_once_and_the_sub_station_and_admins_are_told()
    {
        var overdue = await Opened(days: 1, issue: "消防器材过期未更换");
        var answered = await Opened(days: 1, issue: "台账缺页");
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(await app.ClientFor(TestData.Chengjiao), answered)).StatusCode);
        var due = (await app.Rectification(overdue)).DueOn;
        var end = new DateTimeOffset(Shanghai.StartOfDayUtc(due.AddDays(1)), TimeSpan.Zero);

        app.MoveTo(end.AddMinutes(-1));
        await FireTimers();
        Assert.Null((await app.Rectification(overdue)).OverdueAt);

        app.MoveTo(end.AddSeconds(1));
        await FireTimers();
        await FireTimers();

        var marked = await app.Rectification(overdue);
        Assert.Equal(end.AddSeconds(1).UtcDateTime, marked.OverdueAt);
        Assert.Single(marked.Steps, s => s.Kind == RectificationStepKind.Overdue);
        Assert.Equal(RectificationStatus.Open, marked.Status);
        var told = (await app.NoticesAbout(overdue, "【整改逾期】")).Select(Guid.Parse).ToList();
        Assert.Contains(await app.UserId(TestData.SubStationManager), told);
        Assert.Contains(await app.UserId(TestData.Admin), told);
        Assert.Contains(await app.UserId(TestData.Chengjiao), told);
        Assert.DoesNotContain(await app.UserId(TestData.Taoyuan), told);
        Assert.Equal(told.Count, told.Distinct().Count());
        var row = await (await app.ClientFor(TestData.Chengjiao)).GetAsync($"{Api}/rectifications/{overdue}");
        Assert.True((await row.Json()).GetProperty("overdue").GetBoolean());

        var untouched = await app.Rectification(answered);
        Assert.Null(untouched.OverdueAt);
        Assert.DoesNotContain(untouched.Steps, s => s.Kind == RectificationStepKind.Overdue);
        Assert.Empty(await app.NoticesAbout(answered, "【整改逾期】"));
        Assert.Equal((true, false), await app.Db(async db => (
            await db.Set<RectificationTimer>().Where(t => t.RectificationId == overdue).Select(t => t.Effective == true).SingleAsync(),
            await db.Set<RectificationTimer>().Where(t => t.RectificationId == answered).Select(t => t.Effective == true).SingleAsync())));
    }

    [Fact]
    public async Task A_returned_rectification_is_held_to_its_new_due_date_not_the_old_one()
    {
        var id = await Opened(days: 1, issue: "志愿者档案不全");
        var inspector = await app.ClientFor(TestData.Inspector);
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(await app.ClientFor(TestData.Chengjiao), id)).StatusCode);
        var newDue = app.Today().AddDays(5);
        Assert.Equal(HttpStatusCode.NoContent, (await Review(inspector, id, new { accept = false, note = "仍缺三份", dueOn = EvaluationSteps.Day(newDue) })).StatusCode);
        var firstEnd = new DateTimeOffset(Shanghai.StartOfDayUtc(app.Today().AddDays(2)), TimeSpan.Zero);

        app.MoveTo(firstEnd.AddMinutes(1));
        await FireTimers();
        Assert.Null((await app.Rectification(id)).OverdueAt);

        app.MoveTo(new DateTimeOffset(Shanghai.StartOfDayUtc(newDue.AddDays(1)), TimeSpan.Zero).AddMinutes(1));
        await FireTimers();

        var rectification = await app.Rectification(id);
        Assert.NotNull(rectification.OverdueAt);
        Assert.Equal(RectificationStepKind.Overdue, rectification.Steps.OrderBy(s => s.At).Last().Kind);
    }

    [Fact]
    public async Task The_list_puts_open_rectifications_first_then_answered_then_closed_each_by_due_date()
    {
        var closed = await Opened(days: 2, issue: "已关闭的");
        var answered = await Opened(days: 3, issue: "已反馈的");
        var open = await Opened(days: 4, issue: "未反馈的");
        var manager = await app.ClientFor(TestData.Chengjiao);
        var inspector = await app.ClientFor(TestData.Inspector);
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(manager, closed)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Review(inspector, closed, new { accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(manager, answered)).StatusCode);

        var list = await (await inspector.GetAsync($"{Api}/rectifications")).Json();

        var statuses = list.EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(statuses.OrderBy(s => Enum.Parse<RectificationStatus>(s!)), statuses);
        var ours = list.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Where(new[] { open, answered, closed }.Contains).ToList();
        Assert.Equal([open, answered, closed], ours);
    }

    [Theory]
    [InlineData("""{"issue":"x","dueOn":"{IN_7}"}""", "stationId")]
    [InlineData("""{"stationId":"{UNKNOWN}","issue":"x","dueOn":"{IN_7}"}""", "stationId")]
    [InlineData("""{"stationId":"{STATION}","dueOn":"{IN_7}"}""", "issue")]
    [InlineData("""{"stationId":"{STATION}","issue":" ","dueOn":"{IN_7}"}""", "issue")]
    [InlineData("""{"stationId":"{STATION}","issue":"{LONG}","dueOn":"{IN_7}"}""", "issue")]
    [InlineData("""{"stationId":"{STATION}","issue":"x"}""", "dueOn")]
    [InlineData("""{"stationId":"{STATION}","issue":"x","dueOn":"{TODAY}"}""", "dueOn")]
    [InlineData("""{"stationId":"{STATION}","issue":"x","dueOn":"{YESTERDAY}"}""", "dueOn")]
    [InlineData("""{"stationId":"{STATION}","issue":"x","dueOn":"{IN_91}"}""", "dueOn")]
    [InlineData("""{"stationId":"{STATION}","issue":"x","dueOn":"next week"}""", "dueOn")]
    public async Task A_bad_rectification_is_refused_with_the_field_named_and_opens_nothing(string body, string field)
    {
        await Drawn();
        var inspector = await app.ClientFor(TestData.Inspector, "en-US");
        var before = await app.Db(async db => (await db.Rectifications.CountAsync(), await db.Outbox.CountAsync()));

        await BadInput.RefusedAndUnchanged(app, inspector, "POST", $"{Api}/rectifications", body, await Placeholders(), 400, field);

        Assert.Equal(before, await app.Db(async db => (await db.Rectifications.CountAsync(), await db.Outbox.CountAsync())));
    }

    [Theory]
    [InlineData("answer", TestData.Chengjiao, """{"evidenceIds":[]}""", "text")]
    [InlineData("answer", TestData.Chengjiao, """{"text":"{LONG}"}""", "text")]
    [InlineData("answer", TestData.Chengjiao, """{"text":"已整改","evidenceIds":["{UNKNOWN}"]}""", "evidenceIds")]
    [InlineData("answer", TestData.Chengjiao, """{"text":"已整改","evidenceIds":["{OTHER_STATION}"]}""", "evidenceIds")]
    [InlineData("review", TestData.Inspector, """{"note":"x"}""", "accept")]
    [InlineData("review", TestData.Inspector, """{"accept":false,"dueOn":"{IN_7}"}""", "note")]
    [InlineData("review", TestData.Inspector, """{"accept":false,"note":"不到位"}""", "dueOn")]
    [InlineData("review", TestData.Inspector, """{"accept":false,"note":"不到位","dueOn":"{YESTERDAY}"}""", "dueOn")]
    [InlineData("review", TestData.Inspector, """{"accept":false,"note":"不到位","dueOn":"{IN_91}"}""", "dueOn")]
    [InlineData("review", TestData.Inspector, """{"accept":"yes"}""", "accept")]
    public async Task A_bad_answer_or_review_is_refused_with_the_field_named_and_changes_nothing(string action, string userName, string body, string field)
    {
        var id = await Opened(days: 10);
        if (action == "review")
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Answer(await app.ClientFor(TestData.Chengjiao), id)).StatusCode);
        }

        var client = await app.ClientFor(userName, "en-US");
        var placeholders = await Placeholders();
        var before = await app.Rectification(id);

        await BadInput.RefusedAndUnchanged(app, client, "POST", $"{Api}/rectifications/{id}/{action}", body, placeholders, 400, field);

        var after = await app.Rectification(id);
        Assert.Equal((before.Status, before.Version, before.Steps.Count, before.DueOn), (after.Status, after.Version, after.Steps.Count, after.DueOn));
    }

    [Fact]
    public async Task A_refused_review_names_a_missing_note_once()
    {
        var id = await Opened(days: 10);
        Assert.Equal(HttpStatusCode.NoContent, (await Answer(await app.ClientFor(TestData.Chengjiao), id)).StatusCode);
        var inspector = await app.ClientFor(TestData.Inspector, "en-US");

        var response = await Review(inspector, id, new { accept = false, dueOn = EvaluationSteps.Day(app.Today().AddDays(7)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single((await response.Json()).GetProperty("errors").GetProperty("note").EnumerateArray());
    }

    private async Task Refused(Func<Task<HttpResponseMessage>> send, HttpStatusCode status)
    {
        var fingerprint = await app.Fingerprint();
        var response = await send();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(fingerprint, await app.Fingerprint());
    }

    private async Task<Dictionary<string, string>> Placeholders()
    {
        var today = app.Today();
        var inspector = await app.ClientFor(TestData.Inspector);
        return new Dictionary<string, string>
        {
            ["{STATION}"] = (await app.ChengjiaoPoint()).ToString(),
            ["{UNKNOWN}"] = Guid.NewGuid().ToString(),
            ["{OTHER_STATION}"] = (await inspector.Upload(await app.TaoyuanPoint())).ToString(),
            ["{LONG}"] = new('长', 1001),
            ["{TODAY}"] = EvaluationSteps.Day(today),
            ["{YESTERDAY}"] = EvaluationSteps.Day(today.AddDays(-1)),
            ["{IN_7}"] = EvaluationSteps.Day(today.AddDays(7)),
            ["{IN_91}"] = EvaluationSteps.Day(today.AddDays(91)),
        };
    }
}
