using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;
using Volunteer96345.People.Volunteers;

namespace Volunteer96345.Tests.People;

/// <summary>Arranging steps shared by the team and roster tests: volunteers of their own, skills by name, shifts through the API.</summary>
internal static class Staffing
{
    private static readonly DateOnly Adult = new(1985, 6, 15);

    public static Task<Guid> SkillId(this AppFixture app, string name) => app.Db(db => db.Skills.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    /// <summary>A new active volunteer at the station holding the named skills, registered by the admin.</summary>
    public static async Task<Guid> NewVolunteer(this AppFixture app, Guid stationId, string realName, params string[] skills)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var input = TestData.ValidVolunteer(stationId, TestData.NewIdNumber(Adult), realName);
        input.Skills = [];
        foreach (var skill in skills)
        {
            input.Skills.Add(new VolunteerSkillInput { SkillId = await app.SkillId(skill), Level = SkillLevel.Skilled });
        }

        return await admin.RegisterVolunteer(input);
    }

    public static async Task<Guid> RetiredVolunteer(this AppFixture app, Guid stationId, string realName, params string[] skills)
    {
        var id = await app.NewVolunteer(stationId, realName, skills);
        var admin = await app.ClientFor(TestData.Admin);
        var moved = await admin.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status = "Retired" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        return id;
    }

    public static object Shift(Guid stationId, DateOnly date, string start, string end, Guid volunteerId) => new
    {
        stationId,
        date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        start,
        end,
        volunteerId,
    };

    public static async Task<Guid> AddShift(this HttpClient client, object shift)
    {
        var response = await client.PostAsJsonAsync("/api/v1/rosters/shifts", shift);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> CreateTeam(this HttpClient client, object team)
    {
        var response = await client.PostAsJsonAsync("/api/v1/teams", team);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }
}
