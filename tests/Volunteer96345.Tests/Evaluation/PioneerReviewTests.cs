using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Volunteer96345.Evaluation;
using Volunteer96345.People;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// Who may act on a quarter's assessment in each state (自评 → 支部评议 → 党委审核), what a branch secretary sees, and
/// bad input refused with field errors in Chinese or English with nothing changed. Its own database; the clock stays on
/// 29 November 2026 (Q4). Each test registers its own members; 城郊村's first branch (甲), its second (乙) under the
/// same committee, and a branch of 桃园村 outside it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PioneerReviewTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = PioneerSteps.Api;

    /// <summary>Members of the three branches, the first branch's secretary, and every assessment of Q4 2026 opened.</summary>
    private sealed record Branches(PioneerMember Secretary, PioneerMember A, PioneerMember B, PioneerMember Sibling, PioneerMember Outsider,
        Guid AId, Guid BId, Guid SiblingId, Guid OutsiderId, Guid SecretaryId, Guid Branch, Guid SecondBranch, Guid Parent);

    private async Task<Branches> Arrange(string tag)
    {
        var (branch, second, parent) = await app.ChengjiaoBranches();
        var secretary = await app.NewMember(tag + "书记", branch, PartyMemberCategory.Rural);
        var a = await app.NewMember(tag + "甲", branch, PartyMemberCategory.Rural);
        var b = await app.NewMember(tag + "乙", branch, PartyMemberCategory.Employed);
        var sibling = await app.NewMember(tag + "丙", second, PartyMemberCategory.Community);
        var outsider = await app.NewMember(tag + "丁", await app.TaoyuanBranch(), PartyMemberCategory.Rural);
        await app.Appoint(branch, secretary.Id);
        await app.OpenQuarter(2026, 4);
        return new Branches(secretary, a, b, sibling, outsider, await app.AssessmentOf(a), await app.AssessmentOf(b), await app.AssessmentOf(sibling),
            await app.AssessmentOf(outsider), await app.AssessmentOf(secretary), branch, second, parent);
    }

    [Fact]
    public async Task A_member_declares_and_withdraws_only_on_their_own_assessment_and_only_while_it_is_open()
    {
        var x = await Arrange("申报");
        var a = await app.Phone(x.A);
        var b = await app.Phone(x.B);

        var declared = await a.Declare(x.AId, "declared", 2);
        var other = await b.PostAsJsonAsync($"{Api}/assessments/{x.AId}/declarations", new { itemCode = "declared", units = 1, text = "替别人申报" });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"{Api}/assessments/{x.AId}/declarations/{declared}")).StatusCode);
        var staff = await app.ClientFor(TestData.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"{Api}/assessments/{x.AId}/declarations",
            new { itemCode = "declared", units = 1, text = "管理员代报" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"{Api}/assessments/{x.AId}/declarations/{declared}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await a.DeleteAsync($"{Api}/assessments/{x.AId}/declarations/{declared}")).StatusCode);
        var kept = await a.Declare(x.AId, "commendations", 1, "获评优秀党员");
        var assessment = await app.Assessment(x.AId);
        Assert.Equal([DeclarationStatus.Withdrawn, DeclarationStatus.Pending], assessment.Declarations.OrderBy(d => d.DeclaredAt).ThenBy(d => d.Id).Select(d => d.Status));

        // Reviewed: nothing more to declare or withdraw.
        await (await app.Phone(x.Secretary)).Reviewed(x.AId, new { judgements = new[] { new { declarationId = kept, accept = true, units = 1m } } });
        var late = await a.PostAsJsonAsync($"{Api}/assessments/{x.AId}/declarations", new { itemCode = "declared", units = 1, text = "补报" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await a.DeleteAsync($"{Api}/assessments/{x.AId}/declarations/{kept}")).StatusCode);
        Assert.Equal(DeclarationStatus.Accepted, (await app.Assessment(x.AId)).Declarations.Single(d => d.Id == kept).Status);
    }

    [Fact]
    public async Task A_branch_secretary_reviews_the_members_of_their_branch_and_below_but_not_their_own_nor_another_branch()
    {
        var x = await Arrange("评议");
        var secretary = await app.Phone(x.Secretary);

        Assert.Equal(HttpStatusCode.NotFound, (await secretary.Review(x.SiblingId, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.Review(x.OutsiderId, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.Review(x.SecretaryId, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Phone(x.B)).Review(x.AId, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor(TestData.Chengjiao)).Review(x.AId, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor(TestData.Inspector)).Review(x.AId, new { })).StatusCode);
        Assert.All(await Task.WhenAll(new[] { x.SiblingId, x.OutsiderId, x.SecretaryId, x.AId }.Select(app.Assessment)),
            a => Assert.Equal(AssessmentStatus.Open, a.Status));

        await secretary.Reviewed(x.AId, new { });
        Assert.Equal(AssessmentStatus.Reviewed, (await app.Assessment(x.AId)).Status);
        Assert.Equal(x.Secretary.Name, (await app.Assessment(x.AId)).ReviewedBy);
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.Review(x.AId, new { })).StatusCode);

        // The secretary of the committee above both branches reviews the second branch's member; the first branch's secretary's own is reviewed from above.
        var chief = await app.NewMember("评议总书记", x.SecondBranch, null);
        await app.Appoint(x.Parent, chief.Id);
        var above = await app.Phone(chief);
        await above.Reviewed(x.SiblingId, new { });
        await above.Reviewed(x.SecretaryId, new { });
        Assert.Equal(HttpStatusCode.NotFound, (await above.Review(x.OutsiderId, new { })).StatusCode);
    }

    [Fact]
    public async Task The_town_admin_approves_or_returns_only_a_reviewed_assessment_and_only_the_town_admin()
    {
        var x = await Arrange("审核");
        var admin = await app.ClientFor(TestData.Admin);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.Approve(x.AId)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"{Api}/assessments/{x.AId}/return", new { reason = "材料不全" })).StatusCode);

        var declared = await (await app.Phone(x.A)).Declare(x.AId, "declared", 3);
        await (await app.Phone(x.Secretary)).Reviewed(x.AId, new { judgements = new[] { new { declarationId = declared, accept = true, units = 1m } } });
        foreach (var client in new[] { await app.Phone(x.Secretary), await app.ClientFor(TestData.Inspector), await app.ClientFor(TestData.Chengjiao), await app.Phone(x.A) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Approve(x.AId)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/assessments/{x.AId}/return", new { reason = "退回" })).StatusCode);
        }

        Assert.Equal(AssessmentStatus.Reviewed, (await app.Assessment(x.AId)).Status);

        // Returned: open again with the judgements kept; the member may add to it and the branch reviews again.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"{Api}/assessments/{x.AId}/return", new { reason = "认定分值偏高，请复核" })).StatusCode);
        var returned = await app.Assessment(x.AId);
        Assert.Equal(AssessmentStatus.Open, returned.Status);
        Assert.Equal(1m, returned.Declarations.Single().AcceptedUnits);
        Assert.Equal(AssessmentStepKind.Returned, returned.Steps.OrderBy(s => s.At).Last().Kind);
        await (await app.Phone(x.Secretary)).Reviewed(x.AId, new { judgements = new[] { new { declarationId = declared, accept = false, note = "无佐证材料" } } });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Approve(x.AId)).StatusCode);
        var approved = await app.Assessment(x.AId);
        Assert.Equal(AssessmentStatus.Approved, approved.Status);
        Assert.Equal(60m, approved.Score);
        Assert.NotNull(approved.FrozenJson);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Approve(x.AId)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"{Api}/assessments/{x.AId}/return", new { reason = "再退回" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Review(x.AId, new { })).StatusCode);
    }

    [Fact]
    public async Task A_secretary_s_board_and_reads_are_their_branch_only_and_a_plain_member_sees_only_their_own()
    {
        var x = await Arrange("看板");
        var secretary = await app.Phone(x.Secretary);

        var board = await secretary.GetAsync($"{Api}/assessments?year=2026&quarter=4");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        var rows = (await board.Json()).GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(x.Branch, r.GetProperty("organizationId").GetGuid()));
        var ids = rows.Select(r => r.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Superset(new HashSet<Guid> { x.AId, x.BId, x.SecretaryId }, ids);
        Assert.DoesNotContain(x.SiblingId, ids);
        Assert.DoesNotContain(x.OutsiderId, ids);
        var elsewhere = await secretary.GetAsync($"{Api}/assessments?year=2026&quarter=4&organizationId={await app.TaoyuanBranch()}");
        Assert.Empty((await elsewhere.Json()).GetProperty("rows").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync($"{Api}/assessments/{x.AId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"{Api}/assessments/{x.SiblingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"{Api}/assessments/{x.OutsiderId}")).StatusCode);

        var member = await app.Phone(x.B);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"{Api}/assessments?year=2026&quarter=4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"{Api}/assessments/{x.AId}")).StatusCode);
        var own = await member.View(x.BId);
        Assert.True(own.GetProperty("canDeclare").GetBoolean());
        Assert.False(own.GetProperty("canReview").GetBoolean());

        // The town sees every branch.
        var town = await (await app.ClientFor(TestData.Inspector)).GetAsync($"{Api}/assessments?year=2026&quarter=4");
        var all = (await town.Json()).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Superset(new HashSet<Guid> { x.AId, x.SiblingId, x.OutsiderId }, all);
    }

    [Fact]
    public async Task Only_the_town_admin_appoints_a_secretary_and_only_a_full_member_of_the_organisation_or_one_below()
    {
        var x = await Arrange("任命");
        var path = $"/api/v1/party-organizations/{x.Branch}/secretary";
        var before = await app.PioneerFingerprint();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(TestData.Chengjiao)).PutAsJsonAsync(path, new { volunteerId = x.B.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(TestData.Inspector)).PutAsJsonAsync(path, new { volunteerId = x.B.Id })).StatusCode);
        Assert.Equal(before, await app.PioneerFingerprint());

        var probationary = await app.NewMember("任命预备", x.Branch, null, PoliticalStatus.ProbationaryMember);
        foreach (var (culture, wrong) in new[] { ("zh-CN", x.Outsider.Id), ("en", x.Sibling.Id), ("zh-CN", probationary.Id) })
        {
            before = await app.PioneerFingerprint();
            var admin = await app.ClientFor(TestData.Admin, culture);
            var refused = await admin.PutAsJsonAsync(path, new { volunteerId = wrong });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(culture == "en" ? "The secretary must be an active full party member of this organisation or one under it." : "书记须是本组织或下级组织中在册的正式党员。",
                (await refused.Json()).GetProperty("errors").GetProperty("volunteerId")[0].GetString());
            Assert.Equal(before, await app.PioneerFingerprint());
        }
    }

    public static TheoryData<string, string, string, string> BadRequests => new()
    {
        // name, method + path (placeholders {a} the member's assessment, {b} another's), body, field
        { "not-declarable", "POST member {a}/declarations", """{"itemCode":"hours","units":2,"text":"服务时长"}""", "itemCode" },
        { "unknown-item", "POST member {a}/declarations", """{"itemCode":"nothing","units":2,"text":"服务"}""", "itemCode" },
        { "units-zero", "POST member {a}/declarations", """{"itemCode":"declared","units":0,"text":"服务"}""", "units" },
        { "units-too-many", "POST member {a}/declarations", """{"itemCode":"declared","units":101,"text":"服务"}""", "units" },
        { "no-text", "POST member {a}/declarations", """{"itemCode":"declared","units":1,"text":"  "}""", "text" },
        { "long-text", "POST member {a}/declarations", """{"itemCode":"declared","units":1,"text":"LONG"}""", "text" },
        { "unknown-evidence", "POST member {a}/declarations", """{"itemCode":"declared","units":1,"text":"服务","evidenceIds":["GUID"]}""", "evidenceIds" },
        { "adjustment-too-big", "POST secretary {b}/review", """{"adjustment":10.5,"adjustmentReason":"表现突出"}""", "adjustment" },
        { "adjustment-too-low", "POST secretary {b}/review", """{"adjustment":-11,"adjustmentReason":"表现差"}""", "adjustment" },
        { "adjustment-without-reason", "POST secretary {b}/review", """{"adjustment":2}""", "adjustmentReason" },
        { "declaration-not-judged", "POST secretary {a}/review", """{}""", "judgements" },
        { "rejected-without-note", "POST secretary {a}/review", """{"judgements":[{"declarationId":"DECL","accept":false}]}""", "note" },
        { "accepted-beyond-declared", "POST secretary {a}/review", """{"judgements":[{"declarationId":"DECL","accept":true,"units":3}]}""", "units" },
        { "long-violation", "POST secretary {b}/review", """{"violation":"LONG"}""", "violation" },
        { "return-without-reason", "POST admin {r}/return", """{"reason":""}""", "reason" },
        { "decision-without-uphold", "POST admin {a}/objections/GUID/decision", """{"decision":"驳回"}""", "uphold" },
        { "quarter-5", "POST admin quarters", """{"year":2026,"quarter":5}""", "quarter" },
        { "year-2019", "POST admin quarters", """{"year":2019,"quarter":1}""", "year" },
        { "year-not-begun", "POST admin quarters", """{"year":2027,"quarter":1}""", "year" },
        { "quarter-missing", "POST admin quarters", """{"year":2026}""", "quarter" },
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<AppFixture, Lazy<Task<Branches>>> BadInputArranged = new();

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_refused_with_the_field_s_error_in_chinese_or_english_and_nothing_changes(string name, string call, string body, string field)
    {
        var x = await BadInputArranged.GetOrAdd(app, _ => new Lazy<Task<Branches>>(BadInputBranches)).Value;
        var assessment = await app.Assessment(x.AId);
        var declaration = assessment.Declarations.Single(d => d.Status == DeclarationStatus.Pending).Id;
        var parts = call.Split(' ');
        var (method, who, target) = (parts[0], parts[1], parts[2]);
        var path = $"{Api}/" + (target.StartsWith('{') ? "assessments/" : "") + target.Replace("{a}", x.AId.ToString(), StringComparison.Ordinal)
            .Replace("{b}", x.BId.ToString(), StringComparison.Ordinal).Replace("{r}", x.SiblingId.ToString(), StringComparison.Ordinal)
            .Replace("GUID", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var json = body.Replace("LONG", new string('长', 501), StringComparison.Ordinal).Replace("DECL", declaration.ToString(), StringComparison.Ordinal)
            .Replace("GUID", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        var messages = new List<string>();
        foreach (var language in new[] { "default", "accept-language", "cookie" })
        {
            var client = who switch
            {
                "member" => await app.Phone(x.A, language == "accept-language" ? "en" : null),
                "secretary" => await app.Phone(x.Secretary, language == "accept-language" ? "en" : null),
                _ => await app.ClientFor(TestData.Admin, language == "accept-language" ? "en" : null),
            };
            if (language == "cookie")
            {
                Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture/set?culture=en&redirectUri=%2F")).StatusCode);
            }

            var before = await app.PioneerFingerprint();
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name} ({language}): {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var message), $"{name} ({language}): {text}");
            messages.Add(message[0].GetString()!);
            Assert.Equal(before, await app.PioneerFingerprint());
        }

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0]);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", messages[1]);
        Assert.Equal(messages[1], messages[2]);
    }

    /// <summary>A's assessment open with one pending declaration of 2 units; B's open without; the sibling's reviewed (for a return).</summary>
    private async Task<Branches> BadInputBranches()
    {
        var x = await Arrange("坏输入");
        await (await app.Phone(x.A)).Declare(x.AId, "declared", 2);
        var chief = await app.NewMember("坏输入总书记", x.SecondBranch, null);
        await app.Appoint(x.Parent, chief.Id);
        await app.Appoint(x.Branch, x.Secretary.Id);
        await (await app.Phone(chief)).Reviewed(x.SiblingId, new { });
        return x;
    }

    /// <summary>
    /// Reading an index gathers the platform's facts; on SQLite the training query (PioneerFacts.GatherAsync) needs an
    /// APPLY that SQLite lacks, so every read of an open index failed with 500 there.
    /// </summary>
    [Fact]
    public async Task A_member_reads_their_live_index_on_the_phone_and_the_town_reads_the_board()
    {
        var x = await Arrange("读取");

        var mine = await (await app.Phone(x.A)).GetAsync($"{Api}/mine?year=2026&quarter=4");
        Assert.True(mine.StatusCode == HttpStatusCode.OK, await mine.Content.ReadAsStringAsync());
        var body = await mine.Json();
        Assert.Equal(60m, body.GetProperty("live").GetProperty("score").GetDecimal());
        Assert.Equal(x.AId, body.GetProperty("assessment").GetProperty("row").GetProperty("id").GetGuid());
        var board = await (await app.ClientFor(TestData.Admin)).GetAsync($"{Api}/assessments?year=2026&quarter=4&organizationId={x.Branch}");
        Assert.True(board.StatusCode == HttpStatusCode.OK, await board.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_declaration_s_error_reads_in_chinese_by_default_and_in_english_when_asked()
    {
        var x = await Arrange("语言");
        var body = new { itemCode = "hours", units = 2, text = "服务时长" };

        var zh = await (await app.Phone(x.A)).PostAsJsonAsync($"{Api}/assessments/{x.AId}/declarations", body);
        var en = await (await app.Phone(x.A, "en")).PostAsJsonAsync($"{Api}/assessments/{x.AId}/declarations", body);

        Assert.Equal("请选择可以自评申报的项目。", (await zh.Json()).GetProperty("errors").GetProperty("itemCode")[0].GetString());
        Assert.Equal("Choose an item that can be declared.", (await en.Json()).GetProperty("errors").GetProperty("itemCode")[0].GetString());
        Assert.Empty((await app.Assessment(x.AId)).Declarations);
    }
}
