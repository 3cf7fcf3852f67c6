using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Privacy;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Volunteers;

/// <summary>Every volunteer endpoint answers bad input with a 4xx ProblemDetails naming the field, and changes no row.</summary>
[Trait("Category", "Integration")]
public sealed class VolunteerBadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Huge = new('长', 10_000);

    public static TheoryData<string, string, string, int, string> Cases()
    {
        var data = new TheoryData<string, string, string, int, string>();
        void Register(string body, string field) => data.Add("POST", "/api/v1/volunteers", body, 400, field);

        var first17 = "33010219800101001";
        var wrongCheck = first17 + (ChineseId.CheckCharacter(first17) == '0' ? '1' : '0');
        var bornInFuture = WithCheck("33010220300101001");
        var impossibleDate = WithCheck("33010219990230001");

        // Registration: the ID number.
        Register(With(b => b["idNumber"] = wrongCheck), "idNumber");
        Register(With(b => b["idNumber"] = impossibleDate), "idNumber");
        Register(With(b => b["idNumber"] = "33010219800101001"), "idNumber");
        Register(With(b => b.Remove("idNumber")), "idNumber");
        Register(With(b => b["idNumber"] = "{DUPLICATE}"), "idNumber");
        Register(With(b => b["idNumber"] = " {DUPLICATE_LOWER} "), "idNumber");
        Register(With(b => b["idNumber"] = bornInFuture), "birthDate");
        Register(With(b => b["birthDate"] = "1970-01-01"), "birthDate");
        Register(With(b => b["gender"] = "Female"), "gender");
        Register(With(b => b["idNumber"] = "{MINOR}"), "guardianName");
        // The person and the form.
        Register(With(b => b["mobile"] = "12345"), "mobile");
        Register(With(b => b["mobile"] = "23800138000"), "mobile");
        Register(With(b => b["realName"] = Huge), "realName");
        Register(With(b => b["realName"] = "   "), "realName");
        Register(With(b => b["address"] = Huge), "address");
        Register(With(b => b.Remove("consent")), "consent");
        Register(With(b => b["consent"] = false), "consent");
        Register(With(b => b["politicalStatus"] = "PartyMember"), "partyOrganizationId");
        Register(With(b => (b["politicalStatus"], b["partyOrganizationId"]) = ("ProbationaryMember", "{UNKNOWN}")), "partyOrganizationId");
        Register(With(b => b["stationId"] = "{UNKNOWN}"), "stationId");
        Register(With(b => b.Remove("stationId")), "stationId");
        Register(With(b => b["skills"] = new JsonArray(Skill("{UNKNOWN}", "Basic"))), "skills");
        Register(With(b => b["skills"] = new JsonArray(Skill("{SKILL}", "Basic"), Skill("{SKILL}", "Expert"))), "skills");
        Register(With(b => b["skills"] = new JsonArray(new JsonObject { ["skillId"] = "{SKILL}" })), "skills");
        Register(With(b => b["availability"] = new JsonArray(new JsonObject { ["day"] = "Sunday", ["from"] = "12:00:00", ["to"] = "09:00:00" })), "availability");
        Register(With(b => b["exceptions"] = new JsonArray(new JsonObject { ["from"] = "2026-12-10", ["to"] = "2026-12-01" })), "exceptions");
        // Not JSON, or JSON of the wrong shape.
        Register("not json at all", "body");
        Register("{\"realName\":\"x\",}", "body");
        Register(With(b => b["stationId"] = 12345), "stationId");
        Register(With(b => b["consent"] = "yes"), "consent");
        Register(With(b => b["birthDate"] = "yesterday"), "birthDate");
        Register(With(b => b["skills"] = "书法"), "skills");
        Register(With(b => b["politicalStatus"] = "Alien"), "politicalStatus");
        Register(With(b => b["memberCategory"] = "Astronaut"), "memberCategory");
        Register(With(b => b["idNumber"] = 330102198001010010), "idNumber");
        // Edits, status moves and reveals of someone who exists, or does not.
        data.Add("PUT", "/api/v1/volunteers/{VOLUNTEER}", With(b => b["mobile"] = "12345"), 400, "mobile");
        data.Add("PUT", "/api/v1/volunteers/{VOLUNTEER}", With(b => b["idNumber"] = "{DUPLICATE}"), 400, "idNumber");
        data.Add("PUT", "/api/v1/volunteers/{VOLUNTEER}", With(b => b["birthDate"] = "1970-01-01"), 400, "birthDate");
        data.Add("PUT", "/api/v1/volunteers/{VOLUNTEER}", With(b => (b["idNumber"], b["birthDate"]) = (null, "1970-01-01")), 400, "birthDate");
        data.Add("PUT", "/api/v1/volunteers/{UNKNOWN}", With(_ => { }), 404, "");
        data.Add("POST", "/api/v1/volunteers/{VOLUNTEER}/status", """{"status":"Pending"}""", 400, "status");
        data.Add("POST", "/api/v1/volunteers/{VOLUNTEER}/status", """{"status":"Dead"}""", 400, "status");
        data.Add("POST", "/api/v1/volunteers/{VOLUNTEER}/status", "{}", 400, "status");
        data.Add("POST", "/api/v1/volunteers/{VOLUNTEER}/status", $$"""{"status":"Suspended","note":"{{Huge}}"}""", 400, "note");
        data.Add("POST", "/api/v1/volunteers/{UNKNOWN}/status", """{"status":"Suspended"}""", 404, "");
        data.Add("POST", "/api/v1/volunteers/{UNKNOWN}/reveal-id-number", "", 404, "");
        // Reads: wrong types in the query, unknown ids.
        data.Add("GET", "/api/v1/volunteers?availableNow=maybe", "", 400, "");
        data.Add("GET", "/api/v1/volunteers?skillId=calligraphy", "", 400, "");
        data.Add("GET", "/api/v1/volunteers?status=Dead", "", 400, "");
        data.Add("GET", "/api/v1/volunteers?page=first", "", 400, "");
        data.Add("GET", "/api/v1/volunteers/{UNKNOWN}", "", 404, "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_changes_nothing(string method, string path, string body, int status, string field)
    {
        var admin = await app.ClientFor(TestData.Admin);
        await BadInput.RefusedAndUnchanged(app, admin, method, path, body, await Placeholders(admin, path + body), status, field);
    }

    [Fact]
    public async Task The_form_that_every_case_spoils_is_accepted_as_it_is()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var body = With(_ => { });
        var values = await Placeholders(admin, body);
        var before = await app.Fingerprint();

        var response = await admin.PostAsync("/api/v1/volunteers",
            new StringContent(values.Aggregate(body, (acc, kv) => acc.Replace(kv.Key, kv.Value, StringComparison.Ordinal)), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(before, await app.Fingerprint());
    }

    [Fact]
    public async Task Field_errors_of_the_volunteer_form_are_keyed_by_the_api_field_names()
    {
        var admin = await app.ClientFor(TestData.Admin);

        var response = await admin.PostAsync("/api/v1/volunteers", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Superset(
            new HashSet<string> { "realName", "idNumber", "mobile", "address", "village", "politicalStatus", "channel", "stationId", "consent" },
            errors.ToHashSet());
    }

    private static string WithCheck(string first17) => first17 + ChineseId.CheckCharacter(first17);

    private static JsonObject Skill(string id, string level) => new() { ["skillId"] = id, ["level"] = level };

    /// <summary>A form that passes every check once its placeholders are filled; each case changes one thing.</summary>
    private static string With(Action<JsonObject> change)
    {
        var body = new JsonObject
        {
            ["realName"] = "坏输入测试",
            ["idNumber"] = "{ID}",
            ["mobile"] = "13905731234",
            ["address"] = "城郊村3组12号",
            ["village"] = "城郊村",
            ["politicalStatus"] = "Masses",
            ["channel"] = "Public",
            ["stationId"] = "{STATION}",
            ["consent"] = true,
        };
        change(body);
        return body.ToJsonString();
    }

    private async Task<Dictionary<string, string>> Placeholders(HttpClient admin, string request)
    {
        var station = await app.ChengjiaoPoint();
        var values = new Dictionary<string, string>
        {
            ["{STATION}"] = station.ToString(),
            ["{UNKNOWN}"] = Guid.NewGuid().ToString(),
            ["{ID}"] = TestData.NewIdNumber(new DateOnly(1980, 1, 1)),
            ["{MINOR}"] = TestData.NewIdNumber(new DateOnly(2012, 3, 1)),
            ["{SKILL}"] = (await app.Db(db => db.Skills.Select(s => s.Id).FirstAsync())).ToString(),
            ["{VOLUNTEER}"] = (await app.Db(db => db.Volunteers.OrderBy(v => v.Number).Select(v => v.Id).FirstAsync())).ToString(),
        };
        if (request.Contains("{DUPLICATE", StringComparison.Ordinal))
        {
            // Someone registered already: their number can only come from the API, the database holds it encrypted.
            string duplicate;
            do
            {
                duplicate = TestData.NewIdNumber(new DateOnly(1975, 5, 5));
            }
            while (duplicate[17] != 'X');

            await admin.RegisterVolunteer(TestData.ValidVolunteer(station, duplicate, "已登记者"));
            values["{DUPLICATE}"] = duplicate;
            values["{DUPLICATE_LOWER}"] = duplicate.ToLowerInvariant();
        }

        return values;
    }
}
