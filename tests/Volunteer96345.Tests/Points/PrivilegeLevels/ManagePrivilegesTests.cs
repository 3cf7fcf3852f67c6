using System.Net;
using System.Net.Http.Json;

namespace Volunteer96345.Tests.Points.PrivilegeLevels;

/// <summary>志愿者礼遇 kept by the town admin in the app: thresholds in order, names unique, nobody else may edit.</summary>
[Trait("Category", "Integration")]
public sealed class ManagePrivilegesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Level(string name, decimal hours, long? points) => new
    {
        name,
        nameEn = "Three-star volunteer",
        minHours = hours,
        minLifetimePoints = points,
        perks = new[] { "服务点窗口优先办理" },
        perksEn = Array.Empty<string>(),
    };

    private static async Task<Guid> Star3(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/points/privileges")).Json()).EnumerateArray().Single(l => l.GetProperty("key").GetString() == "Star3")
            .GetProperty("id").GetGuid();

    [Fact]
    public async Task The_admin_changes_a_levels_threshold_and_the_level_card_follows()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var id = await Star3(admin);

        var response = await admin.PutAsJsonAsync($"/api/v1/points/privileges/{id}", Level("三星志愿者", 500, 5_000));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var star3 = (await (await admin.GetAsync("/api/v1/points/privileges")).Json()).EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == id);
        Assert.Equal(500m, star3.GetProperty("minHours").GetDecimal());
        Assert.Equal(5_000, star3.GetProperty("minLifetimePoints").GetInt64());
    }

    [Theory]
    [InlineData("三星志愿者", 250, null, "minHours")] // below 二星's 300 hours
    [InlineData("三星志愿者", 1_200, null, "minHours")] // above 四星's 1,000 hours
    [InlineData("三星志愿者", 600, 20_000L, "minLifetimePoints")] // above 四星's 10,000 points
    [InlineData("五星志愿者", 600, null, "name")] // another level's name
    [InlineData("", 600, null, "name")]
    [InlineData("三星志愿者", -1, null, "minHours")]
    public async Task A_level_out_of_order_or_badly_named_is_refused_beside_the_field_and_changes_nothing(string name, decimal hours, long? points, string field)
    {
        var admin = await app.ClientFor(TestData.Admin, "en-US");
        var id = await Star3(admin);
        var before = await app.Fingerprint();

        var response = await admin.PutAsJsonAsync($"/api/v1/points/privileges/{id}", Level(name, hours, points));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task Only_the_town_admin_edits_the_levels()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var id = await Star3(manager);
        var before = await app.Fingerprint();

        var response = await manager.PutAsJsonAsync($"/api/v1/points/privileges/{id}", Level("三星志愿者", 650, null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }
}
