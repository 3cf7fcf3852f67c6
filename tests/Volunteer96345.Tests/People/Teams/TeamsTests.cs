using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Teams;

[Trait("Category", "Integration")]
public sealed class TeamsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_forms_a_team_adds_members_holding_a_required_skill_and_names_a_leader()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var medic = await app.NewVolunteer(point, "急救甲", "应急救护", "书法");
        var nurse = await app.NewVolunteer(point, "护理乙", "医疗护理");
        var id = await admin.CreateTeam(new
        {
            name = "城郊村应急救护队",
            kind = "FirstAid",
            stationId = point,
            description = "村级急救",
            requiredSkillIds = new[] { await app.SkillId("应急救护"), await app.SkillId("医疗护理") },
        });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { volunteerId = medic })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { volunteerId = nurse })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/teams/{id}/leader", new { volunteerId = nurse })).StatusCode);

        var view = await (await admin.GetAsync($"/api/v1/teams/{id}")).Json();
        Assert.Equal("护理乙", view.GetProperty("row").GetProperty("leaderName").GetString());
        Assert.Equal(2, view.GetProperty("row").GetProperty("memberCount").GetInt32());
        var members = view.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["护理乙", "急救甲"], members.Select(m => m.GetProperty("realName").GetString()));
        Assert.True(members[0].GetProperty("isLeader").GetBoolean());
        Assert.Equal(["应急救护"], members[1].GetProperty("matchingSkills").EnumerateArray().Select(s => s.GetString()));
        var list = await (await admin.GetAsync($"/api/v1/teams?stationId={point}")).Json();
        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("id").GetGuid() == id && t.GetProperty("kind").GetString() == "FirstAid");
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_volunteer_without_any_required_skill_is_refused_with_a_message_naming_them_and_the_skills()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var cook = await app.NewVolunteer(point, "厨艺丙", "理发");
        var id = await admin.CreateTeam(new { name = "城郊村法律援助队", kind = "LegalAid", stationId = point, requiredSkillIds = new[] { await app.SkillId("法律咨询") } });
        var before = await app.Fingerprint();

        var response = await admin.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { volunteerId = cook });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = (await response.Json()).GetProperty("errors").GetProperty("volunteerId")[0].GetString();
        Assert.Contains("厨艺丙", message);
        Assert.Contains("法律咨询", message);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task Removing_the_leader_leaves_the_team_without_one_and_a_retired_volunteer_cannot_join()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var carer = await app.NewVolunteer(point, "养老丁", "养老护理");
        var retired = await app.RetiredVolunteer(point, "退休戊", "养老护理");
        var id = await admin.CreateTeam(new { name = "城郊村养老服务队", kind = "ElderCare", stationId = point, requiredSkillIds = new[] { await app.SkillId("养老护理") } });
        await admin.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { volunteerId = carer });
        await admin.PostAsJsonAsync($"/api/v1/teams/{id}/leader", new { volunteerId = carer });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/teams/{id}/members/{carer}")).StatusCode);
        var joined = await admin.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { volunteerId = retired });

        var row = (await (await admin.GetAsync($"/api/v1/teams/{id}")).Json()).GetProperty("row");
        Assert.Equal(JsonValueKind.Null, row.GetProperty("leaderId").ValueKind);
        Assert.Equal(0, row.GetProperty("memberCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, joined.StatusCode);
        Assert.Contains("退休戊", (await joined.Json()).GetProperty("errors").GetProperty("volunteerId")[0].GetString());
    }

    [Fact]
    public async Task Changing_the_required_skills_is_refused_while_a_member_would_hold_none_of_them()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var point = await app.ChengjiaoPoint();
        var fixer = await app.NewVolunteer(point, "维修己", "水电维修");
        var id = await admin.CreateTeam(new { name = "城郊村维修队", kind = "Repair", stationId = point, requiredSkillIds = new[] { await app.SkillId("水电维修") } });
        await admin.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { volunteerId = fixer });
        var before = await app.Fingerprint();

        var response = await admin.PutAsJsonAsync($"/api/v1/teams/{id}",
            new { name = "城郊村维修队", kind = "Repair", requiredSkillIds = new[] { await app.SkillId("家电维修") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("维修己", (await response.Json()).GetProperty("errors").GetProperty("requiredSkillIds")[0].GetString());
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task The_demo_has_the_three_professional_teams_with_leaders_who_are_qualified_members()
    {
        var teams = await app.Db(db => db.Teams.AsNoTracking().ToListAsync());
        var skillsOf = await app.Db(db => db.Volunteers.AsNoTracking().ToDictionaryAsync(v => v.Id, v => v.Skills.Select(s => s.SkillId).ToList()));

        Assert.Equal([TeamKind.FirstAid, TeamKind.LegalAid, TeamKind.ElderCare], teams.Where(t => t.Name.StartsWith("盐官镇", StringComparison.Ordinal)).Select(t => t.Kind).Order());
        Assert.All(teams.Where(t => t.Name.StartsWith("盐官镇", StringComparison.Ordinal)), t =>
        {
            Assert.NotEmpty(t.Members);
            Assert.True(t.LeaderId is { } leader && t.HasMember(leader));
            Assert.All(t.Members, m => Assert.True(t.Qualifies(skillsOf[m.VolunteerId])));
        });
    }

    [Fact]
    public async Task A_manager_cannot_see_or_change_another_stations_teams()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var taoyuan = await app.TaoyuanPoint();
        var theirs = await app.NewVolunteer(taoyuan, "桃园庚", "应急救护");
        var id = await admin.CreateTeam(new { name = "桃园村急救队", kind = "FirstAid", stationId = taoyuan, requiredSkillIds = new[] { await app.SkillId("应急救护") } });
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/teams/{id}")).StatusCode);
        Assert.DoesNotContain((await (await manager.GetAsync("/api/v1/teams")).Json()).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { volunteerId = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/v1/teams/{id}", new { name = "改名", kind = "Other" })).StatusCode);
        var elsewhere = await manager.PostAsJsonAsync("/api/v1/teams", new { name = "越界队", kind = "Other", stationId = taoyuan });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.True((await elsewhere.Json()).GetProperty("errors").TryGetProperty("stationId", out _));
        Assert.Equal(before, await app.Fingerprint());

        // A volunteer of another village cannot join a team of the manager's own station either.
        var own = await manager.CreateTeam(new { name = "城郊村综合队", kind = "Other", stationId = await app.ChengjiaoPoint() });
        var stranger = await manager.PostAsJsonAsync($"/api/v1/teams/{own}/members", new { volunteerId = theirs });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Empty((await app.Db(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == own))).Members);
    }

    [Theory]
    [InlineData(TestData.Dispatcher)]
    [InlineData(TestData.Inspector)]
    public async Task Dispatchers_and_inspectors_read_teams_but_may_not_change_them(string userName)
    {
        var staff = await app.ClientFor(userName);
        var team = await app.Db(db => db.Teams.AsNoTracking().FirstAsync(t => t.Kind == TeamKind.FirstAid));
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/teams/{team.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/teams", new { name = "x", kind = "Other", stationId = team.StationId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.DeleteAsync($"/api/v1/teams/{team.Id}/members/{team.Members[0].VolunteerId}")).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }
}
