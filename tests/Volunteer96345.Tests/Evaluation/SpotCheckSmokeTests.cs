using System.Net;
using System.Net.Http.Json;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

[Trait("Category", "Integration")]
public sealed class SpotCheckSmokeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_month_is_drawn_worked_and_rated()
    {
        var (id, code, token) = await app.Resolved("13905734001");
        var response = await app.CreateClient().PostForm($"/m/feedback/{code}?t={token}", "feedback", new()
        {
            ["Form.Satisfaction"] = "2",
            ["Form.Attitude"] = "Fair",
            ["Form.Outcome"] = "PartlySolved",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(5));
        var inspector = await app.ClientFor("inspector");
        var draw = await inspector.PostAsJsonAsync("/api/v1/evaluation/spot-checks/draws", new { year = 2026, month = 11, seed = 42 });
        Assert.True(draw.StatusCode == HttpStatusCode.Created, await draw.Content.ReadAsStringAsync());
        var drawId = (await draw.Json()).GetProperty("id").GetGuid();
        var list = await (await inspector.GetAsync($"/api/v1/evaluation/spot-checks?drawId={drawId}")).Json();
        var check = list.EnumerateArray().Single(c => c.GetProperty("subjectId").GetGuid() == id);
        var work = await inspector.PostAsJsonAsync($"/api/v1/evaluation/spot-checks/{check.GetProperty("id").GetGuid()}",
            new { method = "Phone", verdict = "Confirmed", attitude = 4, outcome = "Solved", satisfaction = 5, findings = "回访确认已修好" });
        Assert.True(work.IsSuccessStatusCode, await work.Content.ReadAsStringAsync());
        var table = await inspector.GetAsync("/api/v1/evaluation/standings?period=2026-Q4&kind=Volunteer");
        Assert.True(table.IsSuccessStatusCode, await table.Content.ReadAsStringAsync());
        var replay = await (await inspector.PostAsync($"/api/v1/evaluation/spot-checks/draws/{drawId}/replay", null)).Json();
        Assert.True(replay.GetProperty("same").GetBoolean(), replay.ToString());
    }
}
