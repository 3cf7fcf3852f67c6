using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.Pioneer;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// The quarter's 党员先锋指数 computed from facts made through the app (orders accepted, resolved and closed by the
/// resident's feedback, training attended, pairing visits), declarations the branch accepted or rejected, an adjustment
/// and a violation, against a fixture computed by hand for each member category under the default scheme. Its own
/// database: five new members of 城郊村's branches and their secretary, Q4 2026.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PioneerFactsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly ConcurrentDictionary<AppFixture, Lazy<Task<Arranged>>> Arrangements = new();

    private sealed record Arranged(Dictionary<PartyMemberCategory, (PioneerMember Member, Guid Assessment, JsonElement Live)> Members, PioneerMember Secretary);

    /// <summary>
    /// The hand-computed index of each category under the default scheme (base 60, max 100; 优秀 ≥ 90, 合格 ≥ 75, 基本合格 ≥ 60).
    /// </summary>
    public static TheoryData<PartyMemberCategory, decimal, PioneerGrade, string?> Expected => new()
    {
        // 在职: an order accepted 21 h before it was resolved, 2 trainings, 3 units declared of which the branch accepts 2.
        //   hours 21 × 0.5 × 1.5 = 15.75 → capped at 15; orders 1 × 1 = 1; points 15 (水电维修) × 0.01 = 0.15;
        //   training 2 × 1 = 2; declared 2 × 1 = 2.   60 + 15 + 1 + 0.15 + 2 + 2 = 80.15 → 合格.
        { PartyMemberCategory.Employed, 80.15m, PioneerGrade.Qualified, null },

        // 农村: 1 training and 2 declared units accepted, +5 adjustment, and a violation the branch records: the veto
        //   makes it 0 and 不合格, whatever the rest (60 + 1 + 2 + 5 = 68 without it).
        { PartyMemberCategory.Rural, 0m, PioneerGrade.Unqualified, "discipline" },

        // 社区: 5 trainings, 2 pairing visits on time, a commendation declared and accepted, a declared item rejected, +1.5 adjustment.
        //   training 5 × 1 = 5 → capped at 4; pairing 2 × 1 = 2; commendations 1 × 3 = 3; declared 0 (rejected);
        //   60 + 4 + 2 + 3 + 1.5 = 70.5 → 基本合格.
        { PartyMemberCategory.Community, 70.5m, PioneerGrade.BasicallyQualified, null },

        // 流动: an order of 3 h, 1 training, 2 pairing visits on time (pairing does not apply to 流动: weight 0).
        //   hours 3 × 0.5 × 2 = 3; orders 1; points 0.15; training 1; pairing 0.   60 + 3 + 1 + 0.15 + 1 = 65.15 → 基本合格.
        { PartyMemberCategory.Mobile, 65.15m, PioneerGrade.BasicallyQualified, null },

        // 老年: an order of 4 h reached 40 minutes after accepting (the 30-minute promise broken), 1 training, −3 adjustment.
        //   hours 4 × 0.5 × 1.5 = 3; orders 1; points 0.15; late 1 × 2 = −2; training 1.   60 + 3 + 1 + 0.15 − 2 + 1 − 3 = 60.15 → 基本合格.
        { PartyMemberCategory.Elderly, 60.15m, PioneerGrade.BasicallyQualified, null },
    };

    private Task<Arranged> Arrange() => Arrangements.GetOrAdd(app, _ => new Lazy<Task<Arranged>>(ArrangeOnce)).Value;

    private async Task<Arranged> ArrangeOnce()
    {
        var (branch, second, parent) = await app.ChengjiaoBranches();
        var employed = await app.NewMember("先锋在职", branch, PartyMemberCategory.Employed);
        var rural = await app.NewMember("先锋农村", branch, PartyMemberCategory.Rural);
        var community = await app.NewMember("先锋社区", second, PartyMemberCategory.Community);
        var mobile = await app.NewMember("先锋流动", branch, PartyMemberCategory.Mobile);
        var elderly = await app.NewMember("先锋老年", second, PartyMemberCategory.Elderly);
        var secretary = await app.NewMember("先锋书记", branch, null);
        await app.Appoint(parent, secretary.Id);

        // The facts, through the app's own use cases, all in Q4 2026 (the clock starts on 29 November).
        await app.ClosedOrder(employed, TimeSpan.FromHours(21));
        await app.ClosedOrder(mobile, TimeSpan.FromHours(3));
        await app.ClosedOrder(elderly, TimeSpan.FromHours(4), lateBy: TimeSpan.FromMinutes(40));
        await app.Trained(3, employed, rural, community, mobile, elderly);
        await app.Trained(4, employed, community);
        await app.Trained(5, community);
        await app.Trained(6, community);
        await app.Trained(7, community);
        await app.PairedAndVisitedTwice(community);
        await app.PairedAndVisitedTwice(mobile);

        // Preconditions of the fixture: each closed order paid its 15 points, one of them was reached late.
        Assert.Equal(15, await app.Db(db => db.Postings.Where(p => p.Kind == PostingKind.Earn)
            .Join(db.Set<PointsAccount>().Where(a => a.OwnerId == employed.Id), p => p.CreditAccountId, a => a.Id, (p, a) => p.Amount).SumAsync()));
        Assert.Equal([elderly.Id], await app.Db(db => db.WorkOrders.Where(o => o.ArrivalBreached).Select(o => o.ResponderVolunteerId!.Value).ToListAsync()));

        Assert.True(await app.OpenQuarter(2026, 4) >= 6);
        var ids = new Dictionary<PartyMemberCategory, (PioneerMember, Guid)>
        {
            [PartyMemberCategory.Employed] = (employed, await app.AssessmentOf(employed)),
            [PartyMemberCategory.Rural] = (rural, await app.AssessmentOf(rural)),
            [PartyMemberCategory.Community] = (community, await app.AssessmentOf(community)),
            [PartyMemberCategory.Mobile] = (mobile, await app.AssessmentOf(mobile)),
            [PartyMemberCategory.Elderly] = (elderly, await app.AssessmentOf(elderly)),
        };

        // 自评: the members declare on their phones.
        var e = ids[PartyMemberCategory.Employed].Item2;
        var r = ids[PartyMemberCategory.Rural].Item2;
        var c = ids[PartyMemberCategory.Community].Item2;
        var employedDeclared = await (await app.Phone(employed)).Declare(e, "declared", 3, "组织村民参加垃圾分类宣传三次");
        var ruralDeclared = await (await app.Phone(rural)).Declare(r, "declared", 2, "义务修缮村道两次");
        var communityPhone = await app.Phone(community);
        var commendation = await communityPhone.Declare(c, "commendations", 1, "获评海宁市优秀志愿者，附证书");
        var rejected = await communityPhone.Declare(c, "declared", 2, "参加小区议事会");

        // 支部评议 by the secretary of the organisation above both branches.
        var s = await app.Phone(secretary);
        await s.Reviewed(e, new { judgements = new[] { new { declarationId = employedDeclared, accept = true, units = 2m, note = (string?)"第三次无照片" } } });
        await s.Reviewed(r, new
        {
            judgements = new[] { new { declarationId = ruralDeclared, accept = true, units = 2m, note = (string?)null } },
            adjustment = 5m,
            adjustmentReason = "带头参加抗台",
            violation = "酒后驾驶被行政处罚",
        });
        await s.Reviewed(c, new
        {
            judgements = new[]
            {
                new { declarationId = commendation, accept = true, units = 1m, note = (string?)null },
                new { declarationId = rejected, accept = false, units = 0m, note = (string?)"议事会属本职工作，不予认定" },
            },
            adjustment = 1.5m,
            adjustmentReason = "主动调解邻里纠纷",
        });
        await s.Reviewed(ids[PartyMemberCategory.Mobile].Item2, new { });
        await s.Reviewed(ids[PartyMemberCategory.Elderly].Item2, new { adjustment = -3m, adjustmentReason = "两次无故不参加组织生活" });

        // The live index as the town sees it before approving, then the approval of each.
        var admin = await app.ClientFor(TestData.Admin);
        var members = new Dictionary<PartyMemberCategory, (PioneerMember, Guid, JsonElement)>();
        foreach (var (category, (member, id)) in ids)
        {
            members[category] = (member, id, await admin.View(id));
        }

        foreach (var (_, id) in ids.Values)
        {
            await app.Approved(id);
        }

        return new Arranged(members, secretary);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task The_index_from_the_platform_s_facts_equals_the_hand_computed_fixture_live_and_approved(PartyMemberCategory category, decimal score,
        PioneerGrade grade, string? vetoedBy)
    {
        var arranged = await Arrange();
        var (member, id, live) = arranged.Members[category];

        var result = live.GetProperty("result");
        Assert.Equal(score, result.GetProperty("score").GetDecimal());
        Assert.Equal(grade.ToString(), result.GetProperty("grade").GetString());
        Assert.Equal(vetoedBy, result.GetProperty("vetoedBy").GetString());

        var approved = await app.Assessment(id);
        Assert.Equal(AssessmentStatus.Approved, approved.Status);
        Assert.Equal(score, approved.Score);
        Assert.Equal(grade, approved.Grade);
        Assert.Equal(category, FrozenResult.FromJson(approved.FrozenJson!).Category);

        // The member's own page shows the same, frozen.
        var mine = await (await app.Phone(member)).GetAsync($"{PioneerSteps.Api}/mine?year=2026&quarter=4");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var row = (await mine.Json()).GetProperty("assessment").GetProperty("row");
        Assert.Equal(score, row.GetProperty("score").GetDecimal());
        Assert.True(row.GetProperty("frozen").GetBoolean());
        Assert.Equal("Posted", row.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task The_lines_show_the_caps_the_category_weights_and_the_declared_units_the_branch_accepted()
    {
        var arranged = await Arrange();
        JsonElement Line(PartyMemberCategory category, string code) =>
            arranged.Members[category].Live.GetProperty("result").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == code);

        var hours = Line(PartyMemberCategory.Employed, "hours");
        Assert.Equal(21m, hours.GetProperty("units").GetDecimal());
        Assert.Equal(1.5m, hours.GetProperty("weight").GetDecimal());
        Assert.Equal(15.75m, hours.GetProperty("uncapped").GetDecimal());
        Assert.Equal(15m, hours.GetProperty("points").GetDecimal());
        Assert.True(hours.GetProperty("capped").GetBoolean());
        Assert.Equal(2m, Line(PartyMemberCategory.Employed, "declared").GetProperty("points").GetDecimal());
        Assert.Equal(15m, Line(PartyMemberCategory.Employed, "points").GetProperty("units").GetDecimal());

        var training = Line(PartyMemberCategory.Community, "training");
        Assert.Equal(5m, training.GetProperty("units").GetDecimal());
        Assert.Equal(4m, training.GetProperty("points").GetDecimal());
        Assert.True(training.GetProperty("capped").GetBoolean());
        Assert.Equal(3m, Line(PartyMemberCategory.Community, "commendations").GetProperty("points").GetDecimal());
        Assert.Equal(0m, Line(PartyMemberCategory.Community, "declared").GetProperty("units").GetDecimal());
        Assert.Equal(2m, Line(PartyMemberCategory.Community, "pairing").GetProperty("points").GetDecimal());

        var pairing = Line(PartyMemberCategory.Mobile, "pairing");
        Assert.Equal(2m, pairing.GetProperty("units").GetDecimal());
        Assert.False(pairing.GetProperty("applies").GetBoolean());
        Assert.Equal(0m, pairing.GetProperty("points").GetDecimal());

        Assert.Equal(-2m, Line(PartyMemberCategory.Elderly, "late").GetProperty("points").GetDecimal());
        Assert.Equal(-3m, arranged.Members[PartyMemberCategory.Elderly].Live.GetProperty("result").GetProperty("adjustment").GetDecimal());

        // The evidence behind a fact links the order it came from.
        var evidence = arranged.Members[PartyMemberCategory.Employed].Live.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Contains(evidence, x => x.GetProperty("fact").GetString() == "ClosedOrders" && x.GetProperty("orderId").ValueKind == JsonValueKind.String);
        Assert.Equal(2, evidence.Count(x => x.GetProperty("fact").GetString() == "TrainingSessions"));
    }

    [Fact]
    public async Task The_approved_result_is_frozen_later_facts_do_not_move_it_and_its_json_recomputes_to_the_same_score()
    {
        var arranged = await Arrange();
        var (employed, id, _) = arranged.Members[PartyMemberCategory.Employed];
        var (community, communityId, _) = arranged.Members[PartyMemberCategory.Community];

        // Another training in the quarter after the approval: frozen it stays 80.15; the phone's "live" line (the platform's
        // facts alone, without the branch's accepted declaration) is 60 + 15 + 1 + 0.15 + 3 trainings = 79.15.
        await app.Trained(1, employed, community);

        var view = await (await app.ClientFor(TestData.Admin)).View(id);
        Assert.Equal(80.15m, view.GetProperty("result").GetProperty("score").GetDecimal());
        Assert.Equal(80.15m, view.GetProperty("row").GetProperty("score").GetDecimal());
        var mine = await (await app.Phone(employed)).GetAsync($"{PioneerSteps.Api}/mine?year=2026&quarter=4");
        var body = await mine.Json();
        Assert.Equal(79.15m, body.GetProperty("live").GetProperty("score").GetDecimal());
        Assert.Equal(80.15m, body.GetProperty("assessment").GetProperty("result").GetProperty("score").GetDecimal());

        foreach (var (_, assessmentId, _) in arranged.Members.Values)
        {
            var assessment = await app.Assessment(assessmentId);
            var frozen = FrozenResult.FromJson(assessment.FrozenJson!);
            var again = PioneerIndex.Compute(frozen.Scheme, frozen.Category, frozen.Units, frozen.Result.Adjustment);
            Assert.Equal(assessment.Score, again.Score);
            Assert.Equal(assessment.Grade, again.Grade);
            Assert.Equal(frozen.Result.Score, again.Score);
        }

        // The board (town) lists the frozen scores, not the live ones.
        var board = await (await app.ClientFor(TestData.Admin)).GetAsync($"{PioneerSteps.Api}/assessments?year=2026&quarter=4");
        var rows = (await board.Json()).GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.Equal(80.15m, rows[id].GetProperty("score").GetDecimal());
        Assert.Equal(70.5m, rows[communityId].GetProperty("score").GetDecimal());
        Assert.Equal(0m, rows[arranged.Members[PartyMemberCategory.Rural].Assessment].GetProperty("score").GetDecimal());
    }
}
