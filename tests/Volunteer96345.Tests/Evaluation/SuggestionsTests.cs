using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>意见建议: a resident suggests without signing in; the station's manager sees it (another station's does not); the town assigns an owner who answers; the public sees the answer without a name.</summary>
public sealed class SuggestionsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = "/api/v1/evaluation/suggestions";

    [Fact]
    public async Task A_resident_s_suggestion_is_answered_by_its_owner_and_published_without_their_name()
    {
        var chengjiao = await app.ChengjiaoPoint();
        var text = "建议在城郊村文化礼堂增设老年人助餐点 " + Guid.NewGuid().ToString("N")[..6];
        var resident = app.CreateClient();
        var created = await resident.PostAsJsonAsync(Api, new { stationId = chengjiao, topic = "Livelihood", text, name = "沈阿姨", mobile = "13905739999" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json()).GetProperty("id").GetGuid();

        var manager = await app.ClientFor(TestData.Chengjiao);
        var mine = await manager.GetFromJsonAsync<JsonElement>($"{Api}?status=Open");
        var row = mine.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(("沈阿姨", "13905739999", "Phone"), (row.GetProperty("submitterName").GetString(), row.GetProperty("submitterMobile").GetString(), row.GetProperty("source").GetString()));
        var other = await (await app.ClientFor(TestData.Taoyuan)).GetFromJsonAsync<JsonElement>(Api);
        Assert.DoesNotContain(other.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(await Public(), s => s.Contains(text, StringComparison.Ordinal));

        var admin = await app.ClientFor(TestData.Admin);
        var ownerId = await app.Db(db => db.Users.Where(u => u.UserName == TestData.Chengjiao).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"{Api}/{id}/owner", new { ownerUserId = ownerId })).StatusCode);
        var answered = await manager.PostAsJsonAsync($"{Api}/{id}/answer", new { adopted = true, answer = "已在文化礼堂设助餐点，每周一至周五供应午餐", isPublic = true });
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);

        var published = (await Public()).Single(s => s.Contains(text, StringComparison.Ordinal));
        Assert.Contains("已在文化礼堂设助餐点", published, StringComparison.Ordinal);
        Assert.DoesNotContain("沈阿姨", published, StringComparison.Ordinal);
        Assert.DoesNotContain("13905739999", published, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await resident.GetStringAsync("/m/suggestions"));
        Assert.Contains(text, page, StringComparison.Ordinal);
        Assert.DoesNotContain("沈阿姨", page, StringComparison.Ordinal);

        // Kept private on a second answer, it leaves the public page.
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"{Api}/{id}/answer", new { adopted = true, answer = "已办", isPublic = false })).StatusCode);
        Assert.DoesNotContain(await Public(), s => s.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_staff_read_the_register_and_only_managers_or_the_owner_answer()
    {
        var id = await Submit();
        var volunteer = await app.ClientFor("volunteer");
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync(Api)).StatusCode);
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync($"{Api}/{id}/answer", new { adopted = true, answer = "好" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync($"{Api}/{id}/owner", new { ownerUserId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(SuggestionStatus.Open, await app.Db(db => db.Set<Suggestion>().IgnoreQueryFilters().Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    public static TheoryData<string, string, string, string> BadSuggestions => new()
    {
        { """{"topic":"Service","text":"建议"}""", "stationId", "请填写", "required" },
        { """{"stationId":"STATION","topic":"Service","text":""}""", "suggestion", "请填写", "required" },
        { """{"stationId":"STATION","topic":"Nonsense","text":"建议"}""", "topic", "", "" },
        { """{"stationId":"STATION","topic":"Service","text":"建议","mobile":"12345"}""", "mobile", "手机号", "mobile number" },
        { """{"stationId":"00000000-0000-0000-0000-000000000001","topic":"Service","text":"建议"}""", "stationId", "", "" },
    };

    [Theory]
    [MemberData(nameof(BadSuggestions))]
    public async Task A_bad_suggestion_is_refused_in_the_reader_s_language_and_nothing_is_saved(string body, string field, string zh, string en)
    {
        var json = body.Replace("STATION", (await app.ChengjiaoPoint()).ToString(), StringComparison.Ordinal);
        var before = await app.Db(db => db.Set<Suggestion>().IgnoreQueryFilters().CountAsync());
        foreach (var (culture, word) in new[] { ("zh-CN", zh), ("en", en) })
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
            var response = await client.PostAsync(Api, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.BadRequest && field == "topic" && !text.Contains("\"topic\"", StringComparison.Ordinal))
            {
                continue; // an unknown enum name is refused by the JSON binder before the handler, with nothing saved either
            }

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            var errors = (await response.Json()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), text);
            Assert.Contains(word, messages[0].GetString()!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, await app.Db(db => db.Set<Suggestion>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task The_phone_form_takes_a_suggestion_without_a_name()
    {
        var text = "希望先锋服务日多安排一些晚上的活动 " + Guid.NewGuid().ToString("N")[..6];
        var response = await app.CreateClient().PostForm("/m/suggest", "suggest", new()
        {
            ["Form.StationId"] = (await app.TaoyuanPoint()).ToString(),
            ["Form.Topic"] = "Service",
            ["Form.Text"] = text,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已收到您的意见建议", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var saved = await app.Db(db => db.Set<Suggestion>().IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Text == text));
        Assert.Equal((SuggestionSource.Phone, (string?)null, (string?)null), (saved.Source, saved.SubmitterName, saved.SubmitterMobile));
    }

    private async Task<Guid> Submit()
    {
        var created = await app.CreateClient().PostAsJsonAsync(Api, new { stationId = await app.ChengjiaoPoint(), topic = "Service", text = "建议增加夜间值班志愿者" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Json()).GetProperty("id").GetGuid();
    }

    private async Task<List<string>> Public() =>
        [.. (await app.CreateClient().GetFromJsonAsync<JsonElement>($"{Api}/public")).EnumerateArray().Select(s => s.GetRawText())];
}
