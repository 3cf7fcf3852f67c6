using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Time;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Teams;

/// <summary>Every team and roster endpoint answers bad input with a 4xx ProblemDetails (naming the field where there is one) and changes no row.</summary>
[Trait("Category", "Integration")]
public sealed class TeamsAndRostersBadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Huge = new('长', 10_000);

    public static TheoryData<string, string, string, int, string?> Cases()
    {
        var data = new TheoryData<string, string, string, int, string?>();
        void Team(string body, string field) => data.Add("POST", "/api/v1/teams", body, 400, field);
        void Shift(string body, string field) => data.Add("POST", "/api/v1/rosters/shifts", body, 400, field);
        const string skills = "\"requiredSkillIds\":[\"{SKILL}\"]";

        Team($$"""{"name":"{{Huge}}","kind":"FirstAid","stationId":"{STATION}",{{skills}}}""", "name");
        Team($$"""{"name":"   ","kind":"FirstAid","stationId":"{STATION}",{{skills}}}""", "name");
        Team($$"""{"name":"x","kind":"FirstAid","stationId":"{STATION}","description":"{{Huge}}"}""", "description");
        Team("""{"name":"x","kind":"Castle","stationId":"{STATION}"}""", "kind");
        Team("""{"name":"x","stationId":"{STATION}"}""", "kind");
        Team("""{"name":"x","kind":"FirstAid","stationId":"{UNKNOWN}"}""", "stationId");
        Team("""{"name":"x","kind":"FirstAid"}""", "stationId");
        Team("""{"name":"x","kind":"FirstAid","stationId":"{STATION}","requiredSkillIds":["{UNKNOWN}"]}""", "requiredSkillIds");
        Team("""{"name":"x","kind":"FirstAid","stationId":"{STATION}","requiredSkillIds":"应急救护"}""", "requiredSkillIds");
        Team("""{"name":"盐官镇应急救护志愿服务队","kind":"FirstAid","stationId":"{SUB}"}""", "name");
        Team("not json at all", "body");
        data.Add("PUT", "/api/v1/teams/{TEAM}", $$"""{"name":"{{Huge}}","kind":"FirstAid"}""", 400, "name");
        data.Add("PUT", "/api/v1/teams/{TEAM}", """{"name":"x","kind":"FirstAid","requiredSkillIds":["{UNKNOWN}"]}""", 400, "requiredSkillIds");
        data.Add("PUT", "/api/v1/teams/{UNKNOWN}", """{"name":"x","kind":"FirstAid"}""", 404, null);
        data.Add("POST", "/api/v1/teams/{TEAM}/members", """{"volunteerId":"{UNKNOWN}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/teams/{TEAM}/members", """{"volunteerId":"{RETIRED}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/teams/{TEAM}/members", """{"volunteerId":"{UNSKILLED}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/teams/{TEAM}/members", """{"volunteerId":"{MEMBER}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/teams/{TEAM}/members", "{}", 400, "volunteerId");
        data.Add("POST", "/api/v1/teams/{TEAM}/members", """{"volunteerId":42}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/teams/{UNKNOWN}/members", """{"volunteerId":"{MEMBER}"}""", 404, null);
        data.Add("POST", "/api/v1/teams/{TEAM}/leader", """{"volunteerId":"{UNSKILLED}"}""", 400, "volunteerId");
        data.Add("DELETE", "/api/v1/teams/{TEAM}/members/{UNSKILLED}", "", 404, null);
        data.Add("GET", "/api/v1/teams/{UNKNOWN}", "", 404, null);
        data.Add("GET", "/api/v1/teams?stationId=here", "", 400, null);

        Shift("""{"stationId":"{STATION}","date":"{DATE}","start":"08:00:00","end":"08:00:00","volunteerId":"{FREE}"}""", "end");
        Shift("""{"stationId":"{STATION}","date":"{DATE}","start":"08:00:00","end":"12:00:00","volunteerId":"{UNKNOWN}"}""", "volunteerId");
        Shift("""{"stationId":"{STATION}","date":"{DATE}","start":"08:00:00","end":"12:00:00","volunteerId":"{RETIRED}"}""", "volunteerId");
        Shift("""{"stationId":"{STATION}","date":"{DATE}","start":"08:00:00","end":"12:00:00","volunteerId":"{OTHER_VILLAGE}"}""", "volunteerId");
        Shift("""{"stationId":"{UNKNOWN}","date":"{DATE}","start":"08:00:00","end":"12:00:00","volunteerId":"{FREE}"}""", "stationId");
        Shift("""{"stationId":"{STATION}","date":"2020-01-06","start":"08:00:00","end":"12:00:00","volunteerId":"{FREE}"}""", "date");
        Shift("""{"stationId":"{STATION}","date":"yesterday","start":"08:00:00","end":"12:00:00","volunteerId":"{FREE}"}""", "date");
        Shift("""{"stationId":"{STATION}","date":"{DATE}","start":"25:00:00","end":"12:00:00","volunteerId":"{FREE}"}""", "start");
        Shift("""{"stationId":"{STATION}","date":"{DATE}","end":"12:00:00","volunteerId":"{FREE}"}""", "start");
        Shift("{}", "stationId");
        Shift("not json at all", "body");
        data.Add("DELETE", "/api/v1/rosters/shifts/{UNKNOWN}", "", 404, null);
        data.Add("POST", "/api/v1/rosters/{STATION}/copy", """{"fromWeek":"{TUESDAY}"}""", 400, "fromWeek");
        data.Add("POST", "/api/v1/rosters/{STATION}/copy", """{"fromWeek":"{MONDAY}","toWeek":"{MONDAY}"}""", 400, "toWeek");
        data.Add("POST", "/api/v1/rosters/{STATION}/copy", """{"toWeek":"2020-01-06"}""", 400, "toWeek");
        data.Add("POST", "/api/v1/rosters/{UNKNOWN}/copy", "{}", 404, null);
        data.Add("GET", "/api/v1/rosters/{UNKNOWN}", "", 404, null);
        data.Add("GET", "/api/v1/rosters/{STATION}?week=soon", "", 400, null);
        data.Add("GET", "/api/v1/rosters/{UNKNOWN}/on-duty", "", 404, null);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_and_changes_nothing(string method, string path, string body, int status, string? field)
    {
        var ids = await Placeholders();
        var admin = await app.ClientFor(TestData.Admin);
        await BadInput.RefusedAndUnchanged(app, admin, method, path, body, ids, status, field);
    }

    /// <summary>A team of the Chengjiao point with one member, and volunteers for each case; made once per fixture.</summary>
    private async Task<Dictionary<string, string>> Placeholders()
    {
        var station = await app.ChengjiaoPoint();
        var team = await app.Db(db => db.Teams.Where(t => t.Name == "坏输入测试队").Select(t => (Guid?)t.Id).FirstOrDefaultAsync());
        if (team is null)
        {
            var admin = await app.ClientFor(TestData.Admin);
            var member = await app.NewVolunteer(station, "坏输入队员", "应急救护");
            await app.RetiredVolunteer(station, "坏输入退休", "应急救护");
            await app.NewVolunteer(station, "坏输入无技能");
            await app.NewVolunteer(station, "坏输入空闲");
            await app.NewVolunteer(await app.TaoyuanPoint(), "坏输入外村");
            team = await admin.CreateTeam(new { name = "坏输入测试队", kind = "FirstAid", stationId = station, requiredSkillIds = new[] { await app.SkillId("应急救护") } });
            await admin.PostAsJsonAsync($"/api/v1/teams/{team}/members", new { volunteerId = member }, TestData.ApiJson);
        }

        Task<Guid> Named(string name) => app.Db(db => db.Volunteers.Where(v => v.RealName == name).Select(v => v.Id).SingleAsync());
        var monday = DutyShift.NextWeekStart(Shanghai.Today(app.Clock));
        return new Dictionary<string, string>
        {
            ["{STATION}"] = station.ToString(),
            ["{SUB}"] = (await app.SubStation()).ToString(),
            ["{UNKNOWN}"] = Guid.NewGuid().ToString(),
            ["{SKILL}"] = (await app.SkillId("应急救护")).ToString(),
            ["{TEAM}"] = team.Value.ToString(),
            ["{MEMBER}"] = (await Named("坏输入队员")).ToString(),
            ["{RETIRED}"] = (await Named("坏输入退休")).ToString(),
            ["{UNSKILLED}"] = (await Named("坏输入无技能")).ToString(),
            ["{FREE}"] = (await Named("坏输入空闲")).ToString(),
            ["{OTHER_VILLAGE}"] = (await Named("坏输入外村")).ToString(),
            ["{DATE}"] = Shanghai.Format(monday.AddDays(14)),
            ["{MONDAY}"] = Shanghai.Format(monday),
            ["{TUESDAY}"] = Shanghai.Format(monday.AddDays(1)),
        };
    }
}
