using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Time;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Rosters;

/// <summary>The demo leaves next Wednesday night open at the sub-station: the roster flags it ahead of time, and filling it clears the flag.</summary>
[Trait("Category", "Integration")]
public sealed class RosterGapTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Next_weeks_gap_is_flagged_for_the_stations_in_scope_and_cleared_by_a_shift_that_fills_it()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var sub = await app.SubStation();
        var wednesday = DutyShift.NextWeekStart(Shanghai.Today(app.Clock)).AddDays(2);

        var gaps = await (await admin.GetAsync($"/api/v1/rosters/{sub}/gaps")).Json();

        var gap = Assert.Single(gaps.EnumerateArray());
        Assert.Equal(wednesday.ToDateTime(new TimeOnly(20, 0)), gap.GetProperty("from").GetDateTime());
        Assert.Equal(wednesday.AddDays(1).ToDateTime(new TimeOnly(8, 0)), gap.GetProperty("to").GetDateTime());
        Assert.Equal(12, gap.GetProperty("hours").GetDouble());
        var summary = await (await admin.GetAsync("/api/v1/rosters/gaps")).Json();
        Assert.Equal(3, summary.GetArrayLength());
        Assert.Equal(1, summary.EnumerateArray().Sum(s => s.GetProperty("gaps").GetArrayLength()));
        var substation = await (await (await app.ClientFor(TestData.SubStationManager)).GetAsync("/api/v1/rosters/gaps")).Json();
        Assert.Equal(sub, Assert.Single(substation.EnumerateArray()).GetProperty("stationId").GetGuid());
        var taoyuan = await (await (await app.ClientFor(TestData.Taoyuan)).GetAsync("/api/v1/rosters/gaps")).Json();
        Assert.Empty(Assert.Single(taoyuan.EnumerateArray()).GetProperty("gaps").EnumerateArray());

        // The sub-station manager fills it with a volunteer of any village: the town roster draws on the whole town.
        var volunteer = await app.NewVolunteer(await app.TaoyuanPoint(), "补班庚");
        var manager = await app.ClientFor(TestData.SubStationManager);
        await manager.AddShift(Staffing.Shift(sub, wednesday, "20:00:00", "08:00:00", volunteer));

        Assert.Empty((await (await admin.GetAsync($"/api/v1/rosters/{sub}/gaps")).Json()).EnumerateArray());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.StationId == sub && a.EntityType.Contains("DutyShift"))));
    }
}
