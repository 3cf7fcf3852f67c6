using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Demo;
using Volunteer96345.Network;

namespace Volunteer96345.Tests.Demo;

/// <summary>The demo seeded by this fixture's own first start, not copied from the test run's template.</summary>
public sealed class FreshlySeededFixture : AppFixture
{
    public FreshlySeededFixture() => FreshDatabase = true;
}

[Trait("Category", "Integration")]
public sealed class DemoSeedTests(FreshlySeededFixture app) : IClassFixture<FreshlySeededFixture>
{
    [Fact]
    public async Task The_demo_has_the_yanguan_network_inside_the_town()
    {
        var stations = await app.Db(db => db.Stations.ToListAsync());

        Assert.Single(stations, s => s.Kind == StationKind.SubStation);
        Assert.Equal(17, stations.Count(s => s.Kind == StationKind.ServicePoint));
        Assert.Equal(17, stations.Where(s => s.Kind == StationKind.ServicePoint).Select(s => s.Village).Distinct().Count());
        Assert.True(stations.Count(s => s.Kind == StationKind.Outpost) >= 30);
        Assert.All(Enum.GetValues<OutpostKind>(), k => Assert.Contains(stations, s => s.OutpostKind == k));
        Assert.All(stations, s => Assert.InRange(s.Latitude, 30.33, 30.49));
        Assert.All(stations, s => Assert.InRange(s.Longitude, 120.45, 120.65));
    }

    [Fact]
    public async Task Every_five_has_state_is_represented()
    {
        var summary = await app.As<Volunteer96345.Network.Inspections.InspectionQueriesHandler, Volunteer96345.Network.Inspections.ComplianceSummary>(
            TestData.Admin, h => h.Compliance(CancellationToken.None));

        Assert.All(summary.Items, i => Assert.True(i.Failing > 0, $"{i.Item} never fails"));
        Assert.Contains(summary.Stations, s => s.LastInspectedOn is null);
        Assert.Contains(summary.Stations, s => s.LastInspectedOn is not null && s.FailedItems.Count == 0);
        Assert.Contains(summary.Stations, s => s.FailedItems.Count == 1);
        Assert.Contains(summary.Stations, s => s.FailedItems.Count > 1);
        Assert.True(await app.Db(db => db.Inspections.GroupBy(i => i.StationId).AnyAsync(g => g.Count() > 1)), "no re-inspection");
    }

    [Fact]
    public async Task There_is_one_demo_account_per_role()
    {
        var roles = await app.Db(db => (from u in db.Users
                                        join ur in db.UserRoles on u.Id equals ur.UserId
                                        join r in db.Roles on ur.RoleId equals r.Id
                                        select r.Name).ToListAsync());

        Assert.All(Roles.All, role => Assert.Contains(role, roles));
    }

    [Fact]
    public async Task Seeding_twice_gives_the_same_network_and_does_not_duplicate()
    {
        await using var second = new AppFixture { FreshDatabase = true };
        await second.InitializeAsync();

        static Task<List<string>> Describe(AppFixture f) => f.Db(db => db.Stations.OrderBy(s => s.Name)
            .Select(s => s.Name + "|" + s.Village + "|" + s.Latitude + "|" + s.Longitude + "|" + s.Kind).ToListAsync());

        Assert.Equal(await Describe(app), await Describe(second));
        await using var scope = second.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var before = await second.Fingerprint();
        await DemoSeed.RunAsync(scope.ServiceProvider);
        Assert.Equal(before, await second.Fingerprint());
    }
}

[Trait("Category", "Integration")]
public sealed class FirstAdminTests
{
    [Fact]
    public async Task Without_the_demo_an_empty_database_gets_only_the_configured_admin()
    {
        await using var app = new AppFixture
        {
            SeedDemo = false,
            Settings = { ["Admin:UserName"] = "townadmin", ["Admin:Password"] = "Yanguan2026Admin" },
        };
        await app.InitializeAsync();

        var users = await app.Db(db => db.Users.Select(u => u.UserName).ToListAsync());
        Assert.Equal(["townadmin"], users);
        Assert.Equal(0, await app.Db(db => db.Stations.CountAsync()));
        var client = app.CreateClient();
        var login = await client.PostAsync("/api/v1/session",
            System.Net.Http.Json.JsonContent.Create(new { userName = "townadmin", password = "Yanguan2026Admin" }));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, login.StatusCode);
    }
}
