using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.Composite;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// The composite in the dispatch ranking, end to end: ratings in the database, the standings refreshed, a new hotline
/// order's offers. Its own database: the demo volunteer's two orders of 29 November rated Good/solved/5 and
/// Fair/partly/2, and on 1 December, after November's draw, one attendance found not given.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DispatchEvaluationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task Rated()
    {
        if (await app.NovemberDraw() is null)
        {
            await app.RatedOrder("13905739001", 5, "Good", "Solved");
            await app.RatedOrder("13905739002", 2, "Fair", "PartlySolved");
            var drawId = (await app.DrawNovember(3)).GetProperty("id").GetGuid();
            var attendance = (await app.Checks(drawId)).Where(c => c.Subject == SpotCheckSubject.Attendance).OrderBy(c => c.Id).First();
            var worked = await (await app.ClientFor(TestData.Inspector)).Work(attendance.Id, new { method = "OnSite", verdict = "NotGiven", findings = "签到无人" });
            Assert.Equal(HttpStatusCode.OK, worked.StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private async Task SaveDispatchWeight(double weight)
    {
        var body = new JsonObject
        {
            ["sampleRatePercent"] = 5,
            ["sampleMinimum"] = 2,
            ["feedbackWeight"] = 1,
            ["callbackWeight"] = 2,
            ["spotCheckWeight"] = 3,
            ["priorWeight"] = 5,
            ["minimumCount"] = 3,
            ["attitudeShare"] = 30,
            ["outcomeShare"] = 40,
            ["satisfactionShare"] = 30,
            ["dispatchWeight"] = weight,
        };
        var response = await (await app.ClientFor(TestData.Admin)).PutAsync(EvaluationSteps.Api + "/settings",
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<Volunteer96345.WorkOrders.Dispatch.VolunteerStanding> Refresh() =>
        app.Services.GetRequiredService<DispatchStandings>().RefreshAsync(CancellationToken.None);

    private async Task<List<Offer>> Offers(string phone)
    {
        var receipt = await (await app.ClientFor(WorkOrderSteps.Dispatcher)).Receive(WorkOrderSteps.Call(phone, item: "LA-009", description: "帮忙到驿站取个快递"));
        return [.. (await app.Load(receipt.GetProperty("id").GetGuid())).Offers.Where(o => o.Kind == ResponderKind.Volunteer)];
    }

    private static string? Evaluation(Offer offer) => offer.Reasons.Split(';').SingleOrDefault(r => r.StartsWith("eval:", StringComparison.Ordinal));

    [Fact]
    public async Task The_offers_carry_each_volunteer_s_composite_or_the_town_s_mean_and_the_dispatch_weight_decides_its_points()
    {
        await Rated();
        var demo = await app.DemoVolunteerId();
        await SaveDispatchWeight(10);
        var standing = await Refresh();

        var weighted = await Offers("13905739011");

        // Town: attitude (100 + 50 + 3·0) / 5 = 30, outcome 30, satisfaction (100 + 25 + 0) / 5 = 25: composite 28.5. The demo volunteer:
        // (150 + 5·30) / 7 = 42.86 twice and (125 + 5·25) / 7 = 35.71: composite .3·42.9 + .4·42.9 + .3·35.7 = 40.7.
        Assert.Equal(10, standing.Weight);
        Assert.Equal(28.5, standing.Default);
        Assert.Equal(40.7, standing.Scores[demo]);
        Assert.Contains(weighted, o => o.CandidateId == demo);
        Assert.All(weighted, o => Assert.Equal(
            $"eval:{(standing.Scores.TryGetValue(o.CandidateId, out var score) ? score : standing.Default):0}", Evaluation(o)));

        await SaveDispatchWeight(0);
        var unweighted = await Refresh();
        var plain = await Offers("13905739012");

        Assert.Equal(0, unweighted.Weight);
        Assert.NotEmpty(plain);
        Assert.All(plain, o => Assert.Null(Evaluation(o)));
        var before = weighted.Single(o => o.CandidateId == demo).Score;
        var after = plain.Single(o => o.CandidateId == demo).Score;
        Assert.InRange(before - after, 4.07 - 0.11, 4.07 + 0.11);
    }

    [Fact]
    public async Task A_volunteer_without_ratings_ranks_at_the_town_s_mean_neither_helped_nor_hurt()
    {
        await Rated();
        await SaveDispatchWeight(20);
        var standing = await Refresh();

        var offers = await Offers("13905739013");

        var unrated = offers.Where(o => !standing.Scores.ContainsKey(o.CandidateId)).ToList();
        Assert.NotEmpty(unrated);
        Assert.All(unrated, o => Assert.Equal($"eval:{standing.Default:0}", Evaluation(o)));
        Assert.Equal(20, standing.Weight);
        Assert.Equal(standing.Default * 20 / 100, standing.Of(Guid.NewGuid()) * standing.Weight / 100);
    }
}
