using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// Two people acting on the same thing at the same moment: one wins, the other is told it has been done (409), as the
/// rest of the app answers a lost race; never a server error. Its own database: November 2026 drawn by two at once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConcurrentChangeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = EvaluationSteps.Api;

    private async Task<Guid> Drawn()
    {
        if (await app.NovemberDraw() is { } id)
        {
            return id;
        }

        await app.Resolved("13905734101");
        await app.Resolved("13905734102");
        return (await app.DrawNovember(1)).GetProperty("id").GetGuid();
    }

    private static async Task<HttpStatusCode[]> Statuses(HttpResponseMessage[] responses)
    {
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, await response.Content.ReadAsStringAsync());
        }

        return [.. responses.Select(r => r.StatusCode).Order()];
    }

    private async Task<Guid> Opened()
    {
        var response = await (await app.ClientFor(TestData.Inspector)).PostAsJsonAsync($"{Api}/rectifications",
            new { stationId = await app.ChengjiaoPoint(), issue = "服务台账不全", dueOn = EvaluationSteps.Day(app.Today().AddDays(5)) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Two_drawing_the_same_month_at_once_make_one_draw()
    {
        await Drawn();
        var inspector = await app.ClientFor(TestData.Inspector);
        var admin = await app.ClientFor(TestData.Admin);

        var responses = await Task.WhenAll(
            inspector.PostAsJsonAsync($"{Api}/spot-checks/draws", new { year = 2026, month = 10, seed = 1 }),
            admin.PostAsJsonAsync($"{Api}/spot-checks/draws", new { year = 2026, month = 10, seed = 2 }));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], await Statuses(responses));
        Assert.Equal(1, await app.Db(db => db.SpotCheckDraws.CountAsync(d => d.Year == 2026 && d.Month == 10)));
    }

    [Fact]
    public async Task Two_inspectors_working_the_same_check_at_once_record_it_once()
    {
        var checks = await app.Checks(await Drawn());
        var inspector = await app.ClientFor(TestData.Inspector);
        var admin = await app.ClientFor(TestData.Admin);

        foreach (var check in checks.Where(c => c.CheckedAt == null))
        {
            var responses = await Task.WhenAll(inspector.Work(check.Id, EvaluationSteps.Confirmed()), admin.Work(check.Id, EvaluationSteps.Confirmed(1, "NotSolved", 1)));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], await Statuses(responses));
        }
    }

    [Fact]
    public async Task The_station_and_the_admin_answering_at_once_answer_once_and_two_reviews_at_once_review_once()
    {
        await Drawn();
        var manager = await app.ClientFor(TestData.Chengjiao);
        var admin = await app.ClientFor(TestData.Admin);
        var inspector = await app.ClientFor(TestData.Inspector);

        for (var i = 0; i < 3; i++)
        {
            var id = await Opened();
            var answers = await Task.WhenAll(
                manager.PostAsJsonAsync($"{Api}/rectifications/{id}/answer", new { text = "站点已整改" }),
                admin.PostAsJsonAsync($"{Api}/rectifications/{id}/answer", new { text = "代站点反馈" }));
            var reviews = await Task.WhenAll(
                inspector.PostAsJsonAsync($"{Api}/rectifications/{id}/review", new { accept = true }),
                admin.PostAsJsonAsync($"{Api}/rectifications/{id}/review", new { accept = false, note = "不到位", dueOn = EvaluationSteps.Day(app.Today().AddDays(3)) }));

            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], await Statuses(answers));
            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], await Statuses(reviews));
            Assert.Equal(3, (await app.Rectification(id)).Steps.Count);
        }
    }
}
