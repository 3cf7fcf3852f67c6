using System.Net;
using System.Net.Http.Json;
using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.Pioneer;
using Volunteer96345.People;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// 公示 and 定格: an approved result is posted in the branch for 5 working days, when the branch's members (not the
/// member) may object; an upheld objection re-opens it; after the period with no objection open it is final, and the
/// year's grade is fixed with the fourth final quarter. One test, on its own database, because it moves the clock:
/// approved on Tuesday 1 December 2026, posted until the start of Wednesday 9 December (Shanghai).
/// </summary>
[Trait("Category", "Integration")]
public sealed class PioneerPostingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = PioneerSteps.Api;

    /// <summary>10:00 in Shanghai on Tuesday 1 December 2026.</summary>
    private static readonly DateTimeOffset Tuesday = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The start of Wednesday 9 December in Shanghai: 5 working days after 1 December (2, 3, 4, 7, 8) are over.</summary>
    private static readonly DateTime PostedUntil = new(2026, 12, 8, 16, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Posted_for_five_working_days_objections_by_the_branch_only_an_upheld_one_reopens_then_final_and_the_year_is_graded()
    {
        var (branch, second, _) = await app.ChengjiaoBranches();
        var secretary = await app.NewMember("公示书记", branch, null);
        var member = await app.NewMember("公示党员", branch, PartyMemberCategory.Rural);
        var neighbour = await app.NewMember("公示同支部", branch, PartyMemberCategory.Rural);
        var stranger = await app.NewMember("公示他支部", second, PartyMemberCategory.Rural);
        await app.Appoint(branch, secretary.Id);

        // Q1 to Q3 of 2026 are over and opened late; each reviewed with an adjustment: 70, 65 and 60.
        foreach (var (quarter, adjustment) in new[] { (1, 10m), (2, 5m), (3, 0m), (4, -4m) })
        {
            await app.OpenQuarter(2026, quarter);
            var id = await app.AssessmentOf(member, 2026, quarter);
            await (await app.Phone(secretary)).Reviewed(id, adjustment == 0 ? new { } : new { adjustment, adjustmentReason = "支部评议" });
        }

        var q4 = await app.AssessmentOf(member);
        app.MoveTo(Tuesday);
        foreach (var quarter in new[] { 1, 2, 3, 4 })
        {
            await app.Approved(await app.AssessmentOf(member, 2026, quarter));
        }

        var approved = await app.Assessment(q4);
        Assert.Equal(PostedUntil, approved.PublicUntil);
        Assert.Equal(56m, approved.Score); // 60 − 4
        Assert.Equal(AssessmentStage.Posted, approved.StageAt(app.Clock.GetUtcNow().UtcDateTime));

        // Posted: the branch's members see it on their phones and may object; not the member, not another branch.
        var mine = await (await (await app.Phone(neighbour)).GetAsync($"{Api}/mine?year=2026&quarter=4")).Json();
        Assert.Contains(mine.GetProperty("posted").EnumerateArray(), r => r.GetProperty("id").GetGuid() == q4);
        var own = await (await app.Phone(member)).Object(q4, "我的分数偏低");
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal("不能对自己的考评结果提出异议，请与支部书记沟通。", (await own.Json()).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Phone(stranger)).Object(q4)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor(TestData.Admin)).Object(q4)).StatusCode);
        var empty = await (await app.Phone(neighbour)).Object(q4, " ");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Empty((await app.Assessment(q4)).Objections);

        // An objection upheld: the frozen result is void and the branch reviews it again.
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.Phone(neighbour)).Object(q4, "评议调整理由与事实不符")).StatusCode);
        var objected = await app.Assessment(q4);
        var objection = Assert.Single(objected.Objections);
        Assert.Equal(ObjectionOutcome.Open, objection.Outcome);
        Assert.Equal(neighbour.Id, objection.ByVolunteerId);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.Phone(secretary)).PostAsJsonAsync($"{Api}/assessments/{q4}/objections/{objection.Id}/decision",
            new { uphold = true, decision = "异议成立" })).StatusCode);
        var decided = await (await app.ClientFor(TestData.Admin)).PostAsJsonAsync($"{Api}/assessments/{q4}/objections/{objection.Id}/decision",
            new { uphold = true, decision = "异议成立，退回支部重新评议" });
        Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);
        var reopened = await app.Assessment(q4);
        Assert.Equal(AssessmentStatus.Open, reopened.Status);
        Assert.Null(reopened.FrozenJson);
        Assert.Null(reopened.Score);
        Assert.Null(reopened.PublicUntil);
        Assert.Equal(ObjectionOutcome.Upheld, reopened.Objections.Single().Outcome);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ClientFor(TestData.Admin)).PostAsJsonAsync($"{Api}/assessments/{q4}/objections/{objection.Id}/decision",
            new { uphold = false, decision = "再议" })).StatusCode);

        // Reviewed again without the adjustment and approved the same Tuesday: 60, posted until the same moment.
        await (await app.Phone(secretary)).Reviewed(q4, new { });
        await app.Approved(q4);
        Assert.Equal(60m, (await app.Assessment(q4)).Score);
        Assert.Equal(PostedUntil, (await app.Assessment(q4)).PublicUntil);

        // An objection dismissed leaves it as it is; one still open at the end of the period keeps it posted.
        app.MoveTo(PostedUntil.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.Phone(neighbour)).Object(q4, "最后一分钟的异议")).StatusCode);
        app.MoveTo(PostedUntil);
        var late = await app.Assessment(q4);
        Assert.Equal(AssessmentStage.Posted, late.StageAt(app.Clock.GetUtcNow().UtcDateTime));
        var afterPeriod = await (await app.Phone(neighbour)).Object(q4, "期满后的异议");
        Assert.True(afterPeriod.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound, afterPeriod.StatusCode.ToString());
        Assert.Single((await app.Assessment(q4)).Objections, o => o.Outcome == ObjectionOutcome.Open);
        var year = await (await app.ClientFor(TestData.Admin)).View(q4);
        Assert.False(year.GetProperty("yearResult").GetProperty("fixed").GetBoolean());

        var open = (await app.Assessment(q4)).Objections.Single(o => o.Outcome == ObjectionOutcome.Open);
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientFor(TestData.Admin)).PostAsJsonAsync($"{Api}/assessments/{q4}/objections/{open.Id}/decision",
            new { uphold = false, decision = "经核实，评议结果无误" })).StatusCode);
        var final = await app.Assessment(q4);
        Assert.Equal(AssessmentStatus.Approved, final.Status);
        Assert.Equal(AssessmentStage.Final, final.StageAt(app.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(60m, final.Score);
        var finalView = await (await app.ClientFor(TestData.Admin)).View(q4);
        Assert.Equal("Final", finalView.GetProperty("row").GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Phone(neighbour)).Object(q4, "定格后的异议")).StatusCode);

        // The year: the mean of the four final quarters (70 + 65 + 60 + 60) / 4 = 63.75 → 基本合格, fixed.
        var result = finalView.GetProperty("yearResult");
        Assert.True(result.GetProperty("fixed").GetBoolean());
        Assert.Equal(63.75m, result.GetProperty("score").GetDecimal());
        Assert.Equal("BasicallyQualified", result.GetProperty("grade").GetString());
        Assert.Equal([70m, 65m, 60m, 60m], result.GetProperty("quarters").EnumerateArray().Select(q => q.GetProperty("score").GetDecimal()));
    }

    [Fact]
    public void The_year_waits_for_four_final_quarters_and_a_vetoed_quarter_makes_it_unqualified()
    {
        var scheme = PioneerScheme.Default(2026);
        var now = new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var quarters = PioneerYear(scheme, now, (95m, null), (92m, null), (90m, null), (93m, null));

        var year = PioneerHandler.YearOf(scheme, quarters, now);
        Assert.True(year.Fixed);
        Assert.Equal(92.5m, year.Score); // (95 + 92 + 90 + 93) / 4
        Assert.Equal(PioneerGrade.Excellent, year.Grade);

        var three = PioneerHandler.YearOf(scheme, [.. quarters.Take(3)], now);
        Assert.False(three.Fixed);
        Assert.Null(three.Score);

        var vetoed = PioneerHandler.YearOf(scheme, PioneerYear(scheme, now, (95m, null), (0m, "违纪"), (95m, null), (95m, null)), now);
        Assert.True(vetoed.Fixed);
        Assert.Equal(71.25m, vetoed.Score);
        Assert.Equal(PioneerGrade.Unqualified, vetoed.Grade);
    }

    /// <summary>Four quarters reviewed (with the violation, if any) and approved with the given score, posted until well before <paramref name="now"/>.</summary>
    private static List<PioneerAssessment> PioneerYear(PioneerScheme scheme, DateTime now, params (decimal Score, string? Violation)[] scores)
    {
        var member = Guid.NewGuid();
        var list = new List<PioneerAssessment>();
        for (var q = 1; q <= scores.Length; q++)
        {
            var (score, violation) = scores[q - 1];
            var a = PioneerAssessment.Open(member, Guid.NewGuid(), 2026, q, "t", now.AddDays(-60));
            Assert.True(a.Review(new Dictionary<Guid, (bool, decimal, string?)>(), 0, null, violation, "t", now.AddDays(-50)));
            Assert.True(a.Approve("{}", score, PioneerIndex.GradeOf(scheme, score), now.AddDays(-30), "t", now.AddDays(-40)));
            list.Add(a);
        }

        return list;
    }
}
