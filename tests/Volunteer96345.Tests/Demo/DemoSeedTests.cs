using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Demo;
using Volunteer96345.Network;
using Volunteer96345.People;

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
    public async Task The_demo_people_have_plausible_names_ages_and_party_standing()
    {
        var today = Shanghai.Today(app.Clock);
        var volunteers = await app.Db(db => db.Volunteers.IgnoreQueryFilters().OrderBy(v => v.Number).ToListAsync());
        var branches = await app.Db(db => db.PartyOrganizations.IgnoreQueryFilters().ToDictionaryAsync(p => p.Id));
        var stations = await app.Db(db => db.Stations.IgnoreQueryFilters().ToDictionaryAsync(s => s.Id));
        int Age(Volunteer v) => Volunteer.AgeOn(v.BirthDate, today);

        // Names: a common surname and a whole given name that fits the recorded sex; nobody twice.
        Assert.All(volunteers, v => Assert.True(DemoNames.IsSurname(v.RealName[..1]) && DemoNames.IsGivenName(v.RealName[1..], v.Gender),
            $"{v.Number} {v.RealName} ({v.Gender})"));
        Assert.Equal(volunteers.Count, volunteers.Select(v => v.RealName).Distinct().Count());
        Assert.Contains(volunteers, v => v.RealName.Length == 2);
        Assert.Contains(volunteers, v => v.RealName.Length == 3);

        // Party standing: a little over half full members, far more than the probationary ones; league members 14–28;
        // party members adults in a branch of their own village; minors only league members or masses, with a guardian
        // of their surname.
        var full = volunteers.Count(v => v.PoliticalStatus == PoliticalStatus.PartyMember);
        var probationary = volunteers.Count(v => v.PoliticalStatus == PoliticalStatus.ProbationaryMember);
        Assert.InRange(full, volunteers.Count * 45 / 100, volunteers.Count * 65 / 100);
        Assert.InRange(probationary, 1, full / 8);
        Assert.Contains(volunteers, v => v.PoliticalStatus == PoliticalStatus.LeagueMember);
        Assert.Contains(volunteers, v => v.PoliticalStatus == PoliticalStatus.Masses);
        Assert.All(volunteers.Where(v => v.PoliticalStatus == PoliticalStatus.LeagueMember), v => Assert.InRange(Age(v), 14, 28));
        Assert.All(volunteers.Where(v => v.IsPartyMember), v =>
        {
            Assert.InRange(Age(v), 18, 80);
            var branch = branches[v.PartyOrganizationId!.Value];
            Assert.Equal(PartyOrganizationKind.Branch, branch.Kind);
            Assert.Equal(v.StationId, branch.StationId);
        });
        Assert.Contains(volunteers, v => v.IsPartyMember && Age(v) >= 60);
        Assert.Contains(volunteers, v => v.IsPartyMember && Age(v) < 60);
        var minors = volunteers.Where(v => Age(v) < Volunteer.AdultAge).ToList();
        Assert.NotEmpty(minors);
        Assert.All(minors, v =>
        {
            Assert.Contains(v.PoliticalStatus, new[] { PoliticalStatus.LeagueMember, PoliticalStatus.Masses });
            Assert.NotNull(v.GuardianName);
            Assert.Equal(v.RealName[..1], v.GuardianName[..1]);
            Assert.True(DemoNames.IsGivenName(v.GuardianName[1..], Gender.Male), v.GuardianName);
        });

        // The demo volunteer account reads YG000001: 张伟, a full party member of working age in a branch of 城郊村.
        var first = volunteers[0];
        Assert.Equal("YG000001", first.Number);
        Assert.Equal(TestData.DisplayNames["volunteer"], first.RealName);
        Assert.Equal(Gender.Male, first.Gender);
        Assert.Equal(PoliticalStatus.PartyMember, first.PoliticalStatus);
        Assert.InRange(Age(first), 35, 50);
        Assert.Equal("城郊村", stations[first.StationId].Village);
        Assert.Equal(StationKind.ServicePoint, stations[first.StationId].Kind);
        Assert.Contains("城郊村", branches[first.PartyOrganizationId!.Value].Name, StringComparison.Ordinal);
        var account = await app.Db(db => db.Users.SingleAsync(u => u.UserName == "volunteer"));
        Assert.Equal(first.Id, account.VolunteerId);
        Assert.Equal(first.RealName, account.DisplayName);

        // Care recipients: old people's (or the disabled's) real names, their family contacts real names too.
        var recipients = await app.Db(db => db.CareRecipients.IgnoreQueryFilters().ToListAsync());
        Assert.NotEmpty(recipients);
        Assert.All(recipients, r => Assert.True(DemoNames.IsSurname(r.Name[..1]) && DemoNames.IsGivenName(r.Name[1..], r.Gender), r.Name));
        Assert.All(recipients.Where(r => r.GuardianName is not null), r => Assert.True(DemoNames.IsSurname(r.GuardianName![..1])
            && (DemoNames.IsGivenName(r.GuardianName[1..], Gender.Male) || DemoNames.IsGivenName(r.GuardianName[1..], Gender.Female)), r.GuardianName));
        Assert.Empty(recipients.Select(r => r.Name).Intersect(volunteers.Select(v => v.RealName)));
    }

    [Fact]
    public async Task Seeded_activities_fall_on_the_days_they_claim()
    {
        var activities = await app.Db(db => db.Set<Volunteer96345.Activities.Activity>().IgnoreQueryFilters().ToListAsync());

        Assert.Contains(activities, a => a.Description.Contains("周末", StringComparison.Ordinal));
        Assert.All(activities, a =>
        {
            var day = DateOnly.FromDateTime(Shanghai.ToLocal(a.StartsAt));
            var text = a.Title + " " + a.Description;
            var because = $"{a.Title} on {day:yyyy-MM-dd} ({day.DayOfWeek})";
            if (text.Contains("周末", StringComparison.Ordinal) || text.Contains("观潮节", StringComparison.Ordinal))
            {
                Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, because);
            }

            Assert.True(a.Holiday switch
            {
                Volunteer96345.Common.Time.HolidayOccasion.NewYear => day == new DateOnly(day.Year, 1, 1) && a.Title.StartsWith("元旦", StringComparison.Ordinal),
                Volunteer96345.Common.Time.HolidayOccasion.SpringFestival => day == HolidayCalendar.SpringFestival(day.Year) && a.Title.StartsWith("春节", StringComparison.Ordinal),
                Volunteer96345.Common.Time.HolidayOccasion.LabourDay => day == new DateOnly(day.Year, 5, 1) && a.Title.StartsWith("五一", StringComparison.Ordinal),
                Volunteer96345.Common.Time.HolidayOccasion.PartyFoundingDay => day == new DateOnly(day.Year, 7, 1) && a.Title.StartsWith("七一", StringComparison.Ordinal),
                _ => a.Occasion != Volunteer96345.Activities.ActivityOccasion.PioneerServiceDay || day.Day == 25,
            }, because);
            if (text.Contains("重阳", StringComparison.Ordinal))
            {
                Assert.Equal(HolidayCalendar.LunarDate(day.Year, 9, 9), day);
            }
        });
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
