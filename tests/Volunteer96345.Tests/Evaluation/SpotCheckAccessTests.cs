using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// Who may draw and see the spot-check sample, and which months may be drawn. Its own database, whose clock stays in
/// November 2026 and where no month is ever drawn.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SpotCheckAccessTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Api = EvaluationSteps.Api;

    public static TheoryData<string> NotInspectors => [TestData.Chengjiao, TestData.SubStationManager, TestData.Dispatcher, "volunteer"];

    [Theory]
    [MemberData(nameof(NotInspectors))]
    public async Task Only_the_town_s_inspectors_and_admins_see_or_draw_the_sample(string userName)
    {
        var client = await app.ClientFor(userName);
        var fingerprint = await app.Fingerprint();
        var someId = Guid.NewGuid();

        HttpResponseMessage[] responses =
        [
            await client.GetAsync($"{Api}/spot-checks/draws"),
            await client.PostAsJsonAsync($"{Api}/spot-checks/draws", new { year = 2026, month = 10, seed = 1 }),
            await client.PostAsync($"{Api}/spot-checks/draws/{someId}/replay", null),
            await client.GetAsync($"{Api}/spot-checks"),
            await client.GetAsync($"{Api}/spot-checks/{someId}"),
            await client.PostAsJsonAsync($"{Api}/spot-checks/{someId}", EvaluationSteps.Confirmed()),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(0, await app.Db(db => db.SpotCheckDraws.CountAsync()));
        Assert.Equal(fingerprint, await app.Fingerprint());
    }

    [Theory]
    [InlineData(TestData.Inspector)]
    [InlineData(TestData.Admin)]
    public async Task An_inspector_or_admin_lists_draws_and_checks_and_gets_404_for_an_unknown_one(string userName)
    {
        var client = await app.ClientFor(userName);
        var someId = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/spot-checks/draws")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/spot-checks?done=false")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/spot-checks/{someId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"{Api}/spot-checks/draws/{someId}/replay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"{Api}/spot-checks/{someId}", EvaluationSteps.Confirmed())).StatusCode);
    }

    [Theory]
    [InlineData("{\"year\":2026,\"month\":11}", "month")]
    [InlineData("{\"year\":2026,\"month\":12}", "month")]
    [InlineData("{\"year\":2027,\"month\":1}", "year")]
    [InlineData("{\"year\":2016,\"month\":12}", "year")]
    [InlineData("{\"year\":2026,\"month\":13}", "month")]
    [InlineData("{\"year\":2026,\"month\":0}", "month")]
    [InlineData("{\"month\":10}", "year")]
    [InlineData("{\"year\":2026}", "month")]
    [InlineData("{\"year\":2026,\"month\":\"October\"}", "month")]
    public async Task The_current_month_a_month_to_come_or_a_bad_one_is_not_drawn(string body, string field)
    {
        var inspector = await app.ClientFor(TestData.Inspector, "en-US");

        await BadInput.RefusedAndUnchanged(app, inspector, "POST", $"{Api}/spot-checks/draws", body, new Dictionary<string, string>(), 400, field);

        Assert.Equal(0, await app.Db(db => db.SpotCheckDraws.CountAsync()));
        Assert.Equal(0, await app.Db(db => db.SpotChecks.CountAsync()));
    }
}
