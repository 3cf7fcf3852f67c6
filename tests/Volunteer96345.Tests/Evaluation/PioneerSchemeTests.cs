using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.Pioneer;
using Volunteer96345.People;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// The year's 党员先锋指数 scheme editor: the town admin saves it, nobody else; a bad scheme is refused with the field's
/// error and nothing saved; a saved scheme counts for results not yet approved, never for approved ones. Its own database.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PioneerSchemeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = PioneerSteps.Api;

    /// <summary>The default scheme of 2026 as the editor sends it back, with <paramref name="edit"/> applied.</summary>
    private static JsonObject Scheme(Action<JsonObject>? edit = null)
    {
        var node = JsonSerializer.SerializeToNode(SchemeInput.From(PioneerScheme.Default(2026)), TestData.ApiJson)!.AsObject();
        edit?.Invoke(node);
        return node;
    }

    private static JsonObject Item(JsonObject scheme, string code) =>
        scheme["items"]!.AsArray().Select(i => i!.AsObject()).Single(i => i["code"]!.GetValue<string>() == code);

    [Fact]
    public async Task The_town_admin_saves_the_year_s_scheme_and_it_reads_back_as_saved()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var before = await (await admin.GetAsync($"{Api}/schemes/2027")).Json();
        Assert.False(before.GetProperty("saved").GetBoolean());

        var edited = Scheme(s =>
        {
            s["baseScore"] = 55;
            Item(s, "hours")["cap"] = 20;
            Item(s, "training")["weights"] = new JsonObject { ["Elderly"] = 2 };
        });
        var saved = await admin.PutAsJsonAsync($"{Api}/schemes/2027", edited);
        Assert.True(saved.StatusCode == HttpStatusCode.NoContent, await saved.Content.ReadAsStringAsync());

        var read = await (await admin.GetAsync($"{Api}/schemes/2027")).Json();
        Assert.True(read.GetProperty("saved").GetBoolean());
        Assert.Equal(TestData.NameOf(TestData.Admin), read.GetProperty("updatedBy").GetString());
        var scheme = await app.Db(db => db.Set<PioneerSchemeYear>().AsNoTracking().SingleAsync(s => s.Year == 2027));
        Assert.Equal(55m, scheme.Scheme.BaseScore);
        Assert.Equal(2027, scheme.Scheme.Year);
        Assert.Equal(20m, scheme.Scheme.Items.Single(i => i.Code == "hours").Cap);
        Assert.Equal(2m, scheme.Scheme.Items.Single(i => i.Code == "training").WeightFor(PartyMemberCategory.Elderly));
        Assert.Equal(0, scheme.Version);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"{Api}/schemes/2027", Scheme(s => s["baseScore"] = 58))).StatusCode);
        var revised = await app.Db(db => db.Set<PioneerSchemeYear>().AsNoTracking().SingleAsync(s => s.Year == 2027));
        Assert.Equal(58m, revised.Scheme.BaseScore);
        Assert.Equal(1, revised.Version);
    }

    public static TheoryData<string> NotTheTownAdmin => [TestData.Inspector, TestData.Chengjiao, TestData.Dispatcher, "volunteer"];

    [Theory]
    [MemberData(nameof(NotTheTownAdmin))]
    public async Task Anyone_but_the_town_admin_is_refused_and_nothing_is_saved(string userName)
    {
        var client = await app.ClientFor(userName);
        var before = await app.PioneerFingerprint();

        var response = await client.PutAsJsonAsync($"{Api}/schemes/2026", Scheme(s => s["baseScore"] = 10));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.PioneerFingerprint());
    }

    [Fact]
    public async Task A_branch_secretary_on_the_phone_is_refused_too()
    {
        var (branch, _, _) = await app.ChengjiaoBranches();
        var secretary = await app.NewMember("方案书记", branch, null);
        await app.Appoint(branch, secretary.Id);
        var before = await app.PioneerFingerprint();

        var response = await (await app.Phone(secretary)).PutAsJsonAsync($"{Api}/schemes/2026", Scheme());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.PioneerFingerprint());
    }

    public static TheoryData<string, string> BadSchemes => new()
    {
        { "excellent-below-qualified", "excellent" },
        { "thresholds-equal", "excellent" },
        { "duplicate-code", "items[1].code" },
        { "weight-above-5", "items[0].weights" },
        { "weight-negative", "items[0].weights" },
        { "bad-code", "items[0].code" },
        { "no-items", "items" },
        { "points-per-unit-zero", "items[0].pointsPerUnit" },
        { "cap-above-max", "items[0].cap" },
        { "max-below-10", "maxScore" },
        { "base-above-max", "baseScore" },
        { "mark-above-100", "goodEvaluationMark" },
        { "no-name", "items[0].name" },
        { "year-too-far", "year" },
    };

    [Theory]
    [MemberData(nameof(BadSchemes))]
    public async Task A_bad_scheme_is_refused_with_the_field_s_error_in_chinese_or_english_and_nothing_is_saved(string name, string field)
    {
        var year = name == "year-too-far" ? 2028 : 2026;
        var scheme = Scheme(s =>
        {
            var items = s["items"]!.AsArray();
            var first = items[0]!.AsObject();
            switch (name)
            {
                case "excellent-below-qualified": s["excellent"] = 70; break;
                case "thresholds-equal": s["qualified"] = 90; break;
                case "duplicate-code": items[1]!["code"] = "hours"; break;
                case "weight-above-5": first["weights"] = new JsonObject { ["Mobile"] = 6 }; break;
                case "weight-negative": first["weights"] = new JsonObject { ["Rural"] = -1 }; break;
                case "bad-code": first["code"] = "1小时"; break;
                case "no-items": items.Clear(); break;
                case "points-per-unit-zero": first["pointsPerUnit"] = 0; break;
                case "cap-above-max": first["cap"] = 101; break;
                case "max-below-10": s["maxScore"] = 5; break;
                case "base-above-max": s["baseScore"] = 120; break;
                case "mark-above-100": s["goodEvaluationMark"] = 101; break;
                case "no-name": first["name"] = " "; break;
            }
        });

        var messages = new List<string>();
        foreach (var culture in new[] { (string?)null, "en" })
        {
            var admin = await app.ClientFor(TestData.Admin, culture);
            var before = await app.PioneerFingerprint();
            var response = await admin.PutAsJsonAsync($"{Api}/schemes/{year}", scheme);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var message), $"{name}: {text}");
            messages.Add(message[0].GetString()!);
            Assert.Equal(before, await app.PioneerFingerprint());
        }

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0]);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", messages[1]);
    }

    [Fact]
    public async Task The_thresholds_error_reads_as_the_issue_names_it()
    {
        var zh = await (await app.ClientFor(TestData.Admin)).PutAsJsonAsync($"{Api}/schemes/2026", Scheme(s => s["excellent"] = 70));
        var en = await (await app.ClientFor(TestData.Admin, "en")).PutAsJsonAsync($"{Api}/schemes/2026", Scheme(s => s["excellent"] = 70));

        Assert.Equal("评定等次的分数线必须是优秀＞合格＞基本合格。", (await zh.Json()).GetProperty("errors").GetProperty("excellent")[0].GetString());
        Assert.Equal("The grade thresholds must be excellent > qualified > basically qualified.", (await en.Json()).GetProperty("errors").GetProperty("excellent")[0].GetString());
    }

    /// <summary>
    /// The violation the branch records is counted under the Discipline fact, which the scheme is meant to veto
    /// (<see cref="PioneerScheme.IsBranchRecorded"/>): a scheme that makes it a plus item would reward a violation, and a
    /// declarable fact (自评) made a veto would let a member veto themselves. Such a scheme must be refused.
    /// </summary>
    [Theory]
    [InlineData("discipline-as-plus")]
    [InlineData("declared-as-veto")]
    public async Task A_scheme_that_rewards_a_violation_or_vetoes_a_declaration_is_refused(string name)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var before = await app.PioneerFingerprint();
        var scheme = Scheme(s =>
        {
            if (name == "discipline-as-plus")
            {
                var discipline = Item(s, "discipline");
                discipline["kind"] = "Plus";
                discipline["pointsPerUnit"] = 10;
                discipline["cap"] = 10;
            }
            else
            {
                Item(s, "declared")["kind"] = "Veto";
            }
        });

        var response = await admin.PutAsJsonAsync($"{Api}/schemes/2026", scheme);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(before, await app.PioneerFingerprint());
    }

    [Fact]
    public async Task A_saved_scheme_changes_the_results_not_yet_approved_and_never_an_approved_one()
    {
        var (branch, _, _) = await app.ChengjiaoBranches();
        var secretary = await app.NewMember("方案生效书记", branch, null);
        var approved = await app.NewMember("方案已审核", branch, PartyMemberCategory.Rural);
        var open = await app.NewMember("方案未审核", branch, PartyMemberCategory.Rural);
        await app.Appoint(branch, secretary.Id);
        await app.OpenQuarter(2026, 4);
        var approvedId = await app.AssessmentOf(approved);
        var openId = await app.AssessmentOf(open);
        await (await app.Phone(secretary)).Reviewed(approvedId, new { });
        await app.Approved(approvedId);
        Assert.Equal(60m, (await app.Assessment(approvedId)).Score);

        var admin = await app.ClientFor(TestData.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"{Api}/schemes/2026", Scheme(s => s["baseScore"] = 50))).StatusCode);

        // Base 50 and no facts: the open one reads 50 live, the approved one keeps 60 with its own scheme.
        Assert.Equal(50m, (await admin.View(openId)).GetProperty("result").GetProperty("score").GetDecimal());
        var frozen = await admin.View(approvedId);
        Assert.Equal(60m, frozen.GetProperty("result").GetProperty("score").GetDecimal());
        Assert.Equal(60m, frozen.GetProperty("row").GetProperty("score").GetDecimal());
        Assert.Equal(60m, FrozenResult.FromJson((await app.Assessment(approvedId)).FrozenJson!).Scheme.BaseScore);
    }
}
