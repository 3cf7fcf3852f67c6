using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Network;
using Volunteer96345.People.Rosters;

namespace Volunteer96345.Tests.People.Rosters;

/// <summary>An outpost (红立方 驿站) is staffed by its village: the village's service-point volunteers may be rostered there.</summary>
[Trait("Category", "Integration")]
public sealed class OutpostStaffingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_volunteer_of_the_villages_service_point_is_rostered_at_its_outpost_and_one_from_another_village_is_not()
    {
        var outpost = await app.Db(db => db.Stations.IgnoreQueryFilters().Where(s => s.Kind == StationKind.Outpost && s.Village == "城郊村").Select(s => s.Id).FirstAsync());
        var chengjiao = await app.ChengjiaoPoint();
        var local = await app.NewVolunteer(chengjiao, "驿站甲");
        var stranger = await app.NewVolunteer(await app.TaoyuanPoint(), "驿站乙");
        var admin = await app.ClientFor(TestData.Admin);
        var date = DateOnly.FromDateTime(AppFixture.Start.UtcDateTime).AddDays(40);

        var candidates = (await app.As<DutyRosterHandler, Result<List<RosterCandidate>>>(TestData.Admin, h => h.Candidates(outpost, CancellationToken.None))).Value;
        await admin.AddShift(Staffing.Shift(outpost, date, "09:00:00", "12:00:00", local));
        var before = await app.Fingerprint();
        var refused = await admin.PostAsJsonAsync("/api/v1/rosters/shifts", Staffing.Shift(outpost, date, "13:00:00", "16:00:00", stranger));

        Assert.Contains(candidates, c => c.Id == local);
        Assert.DoesNotContain(candidates, c => c.Id == stranger);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }
}
