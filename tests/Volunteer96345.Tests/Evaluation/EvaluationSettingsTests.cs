using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;
using Volunteer96345.Tests.Common.Notifications;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>The town's evaluation settings: read by all staff, changed by the town admin only, audited, and refused whole when any value is out of bounds.</summary>
[Trait("Category", "Integration")]
public sealed class EvaluationSettingsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Settings = EvaluationSteps.Api + "/settings";

    private static JsonObject Valid(double dispatchWeight = 15) => new()
    {
        ["sampleRatePercent"] = 7.5,
        ["sampleMinimum"] = 3,
        ["feedbackWeight"] = 1,
        ["callbackWeight"] = 2.5,
        ["spotCheckWeight"] = 4,
        ["priorWeight"] = 8,
        ["minimumCount"] = 5,
        ["attitudeShare"] = 20,
        ["outcomeShare"] = 50,
        ["satisfactionShare"] = 30,
        ["dispatchWeight"] = dispatchWeight,
    };

    private static double Number(JsonNode? node) => double.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> Put(HttpClient client, JsonObject body) =>
        await client.PutAsync(Settings, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    private async Task<string> Current() => await (await (await app.ClientFor(TestData.Admin)).GetAsync(Settings)).Content.ReadAsStringAsync();

    [Fact]
    public async Task Every_staff_member_reads_the_settings_and_a_volunteer_may_not()
    {
        var stored = await app.Db(db => Volunteer96345.Evaluation.Composite.EvaluationSettingsHandler.CurrentAsync(db, CancellationToken.None));
        var bodies = new List<string>();

        foreach (var userName in new[] { TestData.Admin, TestData.Inspector, TestData.Dispatcher, TestData.Chengjiao, TestData.SubStationManager })
        {
            var response = await (await app.ClientFor(userName)).GetAsync(Settings);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(bodies.Distinct());
        var read = JsonSerializer.Deserialize<EvaluationSettingsInput>(bodies[0], TestData.ApiJson)!;
        Assert.Equivalent(EvaluationSettingsInput.From(stored), read);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(PhoneSteps.Volunteer)).GetAsync(Settings)).StatusCode);
    }

    [Fact]
    public async Task The_admin_saves_the_settings_which_are_then_read_back_and_audited()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var audit = await app.Db(db => db.AuditEntries.MaxAsync(a => a.Sequence));
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var saved = await Put(admin, Valid(dispatchWeight: 17));

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        var read = JsonNode.Parse(await Current())!.AsObject();
        foreach (var (name, value) in Valid(dispatchWeight: 17))
        {
            Assert.Equal(Number(value), Number(read[name]));
        }

        var row = await app.Db(db => db.EvaluationSettings.AsNoTracking().SingleAsync());
        Assert.Equal((EvaluationSettings.RowId, TestData.NameOf(TestData.Admin), now), (row.Id, row.UpdatedBy, row.UpdatedAt));
        Assert.Equal((7.5m, 3, 2.5, 4.0, 20, 50, 30, 17.0), (row.SampleRatePercent, row.SampleMinimum, row.CallbackWeight, row.SpotCheckWeight, row.AttitudeShare,
            row.OutcomeShare, row.SatisfactionShare, row.DispatchWeight));
        var entry = Assert.Single(await app.Db(db => db.AuditEntries.Where(a => a.Sequence > audit && a.EntityType == nameof(EvaluationSettings)).ToListAsync()));
        Assert.Equal(EvaluationSettings.RowId.ToString(), entry.EntityId);
        Assert.Equal(TestData.NameOf(TestData.Admin), entry.UserName);
        Assert.Equal(await app.UserId(TestData.Admin), entry.UserId);
        Assert.Contains("DispatchWeight", entry.Changes, StringComparison.Ordinal);

        var changed = Valid(dispatchWeight: 0);
        Assert.Equal(HttpStatusCode.NoContent, (await Put(admin, changed)).StatusCode);

        var second = await app.Db(db => db.AuditEntries.Where(a => a.Sequence > entry.Sequence && a.EntityType == nameof(EvaluationSettings)).ToListAsync());
        var modified = Assert.Single(second);
        Assert.Equal("Modified", modified.Action);
        Assert.Contains("DispatchWeight", modified.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("PriorWeight", modified.Changes, StringComparison.Ordinal);
        Assert.Equal(0, Number(JsonNode.Parse(await Current())!["dispatchWeight"]));
    }

    [Theory]
    [InlineData(TestData.Inspector)]
    [InlineData(TestData.Dispatcher)]
    [InlineData(TestData.Chengjiao)]
    [InlineData("volunteer")]
    public async Task Nobody_but_the_admin_changes_the_settings(string userName)
    {
        var client = await app.ClientFor(userName);
        var before = await Current();
        var fingerprint = await app.Fingerprint();

        var response = await Put(client, Valid());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await Current());
        Assert.Equal(fingerprint, await app.Fingerprint());
    }

    [Theory]
    [InlineData("satisfactionShare", "31", "satisfactionShare")]
    [InlineData("outcomeShare", "49", "satisfactionShare")]
    [InlineData("attitudeShare", "101", "attitudeShare")]
    [InlineData("attitudeShare", "-1", "attitudeShare")]
    [InlineData("sampleRatePercent", "0.4", "sampleRatePercent")]
    [InlineData("sampleRatePercent", "100.5", "sampleRatePercent")]
    [InlineData("sampleMinimum", "51", "sampleMinimum")]
    [InlineData("sampleMinimum", "-1", "sampleMinimum")]
    [InlineData("feedbackWeight", "10.5", "feedbackWeight")]
    [InlineData("callbackWeight", "-0.1", "callbackWeight")]
    [InlineData("spotCheckWeight", "11", "spotCheckWeight")]
    [InlineData("priorWeight", "100.1", "priorWeight")]
    [InlineData("minimumCount", "0", "minimumCount")]
    [InlineData("minimumCount", "101", "minimumCount")]
    [InlineData("dispatchWeight", "50.5", "dispatchWeight")]
    [InlineData("dispatchWeight", null, "dispatchWeight")]
    [InlineData("priorWeight", null, "priorWeight")]
    [InlineData("attitudeShare", "\"thirty\"", "attitudeShare")]
    [InlineData("minimumCount", "2.5", "minimumCount")]
    public async Task A_value_out_of_bounds_refuses_the_whole_change_with_the_field_named(string name, string? value, string field)
    {
        var admin = await app.ClientFor(TestData.Admin, "en-US");
        var body = Valid();
        if (value is null)
        {
            body.Remove(name);
        }
        else
        {
            body[name] = JsonNode.Parse(value);
        }

        var before = await Current();

        await BadInput.RefusedAndUnchanged(app, () => Put(admin, body), 400, field);

        Assert.Equal(before, await Current());
    }

    [Fact]
    public async Task Switching_every_source_off_is_refused()
    {
        var admin = await app.ClientFor(TestData.Admin, "en-US");
        var body = Valid();
        body["feedbackWeight"] = 0;
        body["callbackWeight"] = 0;
        body["spotCheckWeight"] = 0;
        var before = await Current();

        await BadInput.RefusedAndUnchanged(app, () => Put(admin, body), 400, "spotCheckWeight");

        Assert.Equal(before, await Current());
    }

    [Fact]
    public async Task The_draw_takes_the_sample_rate_and_minimum_from_the_settings()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var body = Valid();
        body["sampleRatePercent"] = 100;
        body["sampleMinimum"] = 0;
        Assert.Equal(HttpStatusCode.NoContent, (await Put(admin, body)).StatusCode);
        var orders = new[] { (await app.Resolved("13905738001")).Id, (await app.Resolved("13905738002")).Id, (await app.Resolved("13905738003")).Id };
        app.MoveTo(EvaluationSteps.December);

        var draw = await (await app.ClientFor(TestData.Admin)).PostAsJsonAsync($"{EvaluationSteps.Api}/spot-checks/draws", new { year = 2026, month = 11, seed = 5 });

        Assert.Equal(HttpStatusCode.Created, draw.StatusCode);
        var row = await draw.Json();
        Assert.Equal((100m, 0), (row.GetProperty("ratePercent").GetDecimal(), row.GetProperty("minimum").GetInt32()));
        var drawn = await app.Checks(row.GetProperty("id").GetGuid());
        Assert.All(orders, id => Assert.Contains(drawn, c => c.SubjectId == id));
        Assert.Equal(TestData.NameOf(TestData.Admin), row.GetProperty("drawnBy").GetString());
    }
}
