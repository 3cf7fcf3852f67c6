using System.Net;
using Volunteer96345.Points;
using static Volunteer96345.Tests.Points.PointsSteps;

namespace Volunteer96345.Tests.Points.Report;

/// <summary>The town's view per month and station, and its Excel export.</summary>
[Trait("Category", "Integration")]
public sealed class PointsReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Issued_redeemed_expired_and_donated_points_add_up_per_station_and_a_reversal_counts_against_its_column()
    {
        var stationId = await app.ChengjiaoPoint();
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        var needy = await app.Bank(b => b.TownAccount(AccountKind.NeedyFund));
        var expiry = await app.Bank(b => b.TownAccount(AccountKind.Expiry));
        var at = new PostingNote("report", StationId: stationId);
        var earnKey = Key();
        await app.Bank(b => b.Earn(member, 100, EarningType.GoodDeed, earnKey, at));
        await app.Bank(b => b.Earn(member, 10, EarningType.GoodDeed, Key(), at));
        await app.Bank(b => b.Reverse(earnKey));
        await app.Bank(b => b.Earn(member, 60, EarningType.GoodDeed, Key(), at));
        await app.Bank(b => b.Transfer(member, station, 25, PostingKind.Redemption, Key(), at));
        await app.Bank(b => b.Transfer(member, needy, 5, PostingKind.Donation, Key(), at));
        await app.Bank(b => b.Transfer(member, expiry, 3, PostingKind.Expiry, Key(), at));

        var client = await app.ClientFor(TestData.Admin, "zh-CN");
        var rows = await (await client.GetAsync("/api/v1/points/report?year=2026")).Json();
        var row = rows.EnumerateArray().Single(r => r.GetProperty("stationId").GetString() == stationId.ToString());

        Assert.Equal("2026-11", row.GetProperty("month").GetString());
        Assert.Equal(70, row.GetProperty("issued").GetInt64());
        Assert.Equal(25, row.GetProperty("redeemed").GetInt64());
        Assert.Equal(5, row.GetProperty("donated").GetInt64());
        Assert.Equal(3, row.GetProperty("expired").GetInt64());
        var excel = await client.GetAsync("/api/v1/points/report.xlsx?year=2026");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.True((await excel.Content.ReadAsByteArrayAsync()).Length > 1000);
        var volunteer = await app.ClientFor("volunteer");
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync("/api/v1/points/report?year=2026")).StatusCode);
    }
}
