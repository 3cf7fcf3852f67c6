using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Time;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Training;

/// <summary>Every training endpoint answers bad input with a 4xx ProblemDetails (naming the field where there is one) and changes no row.</summary>
[Trait("Category", "Integration")]
public sealed class TrainingBadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Huge = new('长', 10_000);

    public static TheoryData<string, string, string, int, string?> Cases()
    {
        var data = new TheoryData<string, string, string, int, string?>();
        void Session(string body, string field) => data.Add("POST", "/api/v1/training", body, 400, field);
        const string rest = "\"date\":\"{DATE}\",\"place\":\"礼堂\",\"trainer\":\"书记\"";

        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"x","date":"{DATE}","place":"{{Huge}}","trainer":"书记","hours":2}""", "place");
        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"{{Huge}}",{{rest}},"hours":2}""", "topic");
        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"x","date":"{DATE}","place":"礼堂","trainer":"{{Huge}}","hours":2}""", "trainer");
        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"   ",{{rest}},"hours":2}""", "topic");
        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"x",{{rest}},"hours":0}""", "hours");
        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"x",{{rest}},"hours":25}""", "hours");
        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"x",{{rest}},"hours":1.25}""", "hours");
        Session($$"""{"kind":"Skill","stationId":"{STATION}","topic":"x",{{rest}}}""", "hours");
        Session($$"""{"kind":"Castle","stationId":"{STATION}","topic":"x",{{rest}},"hours":2}""", "kind");
        Session($$"""{"stationId":"{STATION}","topic":"x",{{rest}},"hours":2}""", "kind");
        Session($$"""{"kind":"Skill","stationId":"{UNKNOWN}","topic":"x",{{rest}},"hours":2}""", "stationId");
        Session($$"""{"kind":"Skill","topic":"x",{{rest}},"hours":2}""", "stationId");
        Session("""{"kind":"Skill","stationId":"{STATION}","topic":"x","date":"2000-01-01","place":"礼堂","trainer":"书记","hours":2}""", "date");
        Session("""{"kind":"Skill","stationId":"{STATION}","topic":"x","place":"礼堂","trainer":"书记","hours":2}""", "date");
        Session("""{"kind":"Skill","stationId":"{STATION}","topic":"x","date":"yesterday","place":"礼堂","trainer":"书记","hours":2}""", "date");
        Session("not json at all", "body");
        data.Add("POST", "/api/v1/training/{SESSION}/attendees", """{"volunteerId":"{UNKNOWN}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/training/{SESSION}/attendees", """{"volunteerId":"{RETIRED}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/training/{SESSION}/attendees", """{"volunteerId":"{ATTENDEE}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/training/{SESSION}/attendees", """{"volunteerId":"{OTHER_VILLAGE}"}""", 400, "volunteerId");
        data.Add("POST", "/api/v1/training/{SESSION}/attendees", "{}", 400, "volunteerId");
        data.Add("POST", "/api/v1/training/{UNKNOWN}/attendees", """{"volunteerId":"{FREE}"}""", 404, null);
        data.Add("DELETE", "/api/v1/training/{SESSION}/attendees/{FREE}", "", 404, null);
        data.Add("GET", "/api/v1/training/{UNKNOWN}", "", 404, null);
        data.Add("GET", "/api/v1/training/volunteers/{UNKNOWN}", "", 404, null);
        data.Add("GET", "/api/v1/training?kind=Castle", "", 400, null);
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

    /// <summary>A session of the Chengjiao point with one attendee, and volunteers for each case; made once per fixture.</summary>
    private async Task<Dictionary<string, string>> Placeholders()
    {
        var station = await app.ChengjiaoPoint();
        var session = await app.Db(db => db.TrainingSessions.Where(t => t.Topic == "坏输入测试培训").Select(t => (Guid?)t.Id).FirstOrDefaultAsync());
        if (session is null)
        {
            var admin = await app.ClientFor(TestData.Admin);
            var attendee = await app.NewVolunteer(station, "坏输入学员");
            await app.RetiredVolunteer(station, "坏输入退休");
            await app.NewVolunteer(station, "坏输入空闲");
            await app.NewVolunteer(await app.TaoyuanPoint(), "坏输入外村");
            var response = await admin.PostAsJsonAsync("/api/v1/training", new
            {
                kind = "Skill",
                stationId = station,
                topic = "坏输入测试培训",
                date = Shanghai.Format(Shanghai.Today(app.Clock).AddDays(-1)),
                place = "礼堂",
                trainer = "书记",
                hours = 2m,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            session = (await response.Json()).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/training/{session}/attendees", new { volunteerId = attendee })).StatusCode);
        }

        Task<Guid> Named(string name) => app.Db(db => db.Volunteers.Where(v => v.RealName == name).Select(v => v.Id).SingleAsync());
        return new Dictionary<string, string>
        {
            ["{STATION}"] = station.ToString(),
            ["{UNKNOWN}"] = Guid.NewGuid().ToString(),
            ["{SESSION}"] = session.Value.ToString(),
            ["{ATTENDEE}"] = (await Named("坏输入学员")).ToString(),
            ["{RETIRED}"] = (await Named("坏输入退休")).ToString(),
            ["{FREE}"] = (await Named("坏输入空闲")).ToString(),
            ["{OTHER_VILLAGE}"] = (await Named("坏输入外村")).ToString(),
            ["{DATE}"] = Shanghai.Format(Shanghai.Today(app.Clock).AddDays(-2)),
        };
    }
}
