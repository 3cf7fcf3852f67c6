using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Network;

namespace Volunteer96345.Tests.Network;

/// <summary>Every network endpoint answers bad input with a 4xx ProblemDetails and changes no row.</summary>
[Trait("Category", "Integration")]
public sealed class NetworkBadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Huge = new('长', 10_000);

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string method, string path, string body) => data.Add(method, path, body);

        // Stations: missing fields, huge strings, wrong types, coordinates out of range, unknown ids.
        Add("POST", "/api/v1/stations", "{}");
        Add("POST", "/api/v1/stations", $$"""{"name":"{{Huge}}","kind":"Outpost","outpostKind":"RedCube","parentId":"{PARENT}","village":"城郊村","address":"a","latitude":30.4,"longitude":120.5}""");
        Add("POST", "/api/v1/stations", """{"name":"x","kind":"Outpost","outpostKind":"RedCube","parentId":"{PARENT}","village":"城郊村","address":"a","latitude":"north","longitude":120.5}""");
        Add("POST", "/api/v1/stations", """{"name":"x","kind":"Outpost","outpostKind":"RedCube","parentId":"{PARENT}","village":"城郊村","address":"a","latitude":91,"longitude":120.5}""");
        Add("POST", "/api/v1/stations", """{"name":"x","kind":"Outpost","outpostKind":"RedCube","parentId":"{PARENT}","village":"城郊村","address":"a","latitude":30.4,"longitude":-181}""");
        Add("POST", "/api/v1/stations", """{"name":"x","kind":"Castle","parentId":"{PARENT}","village":"城郊村","address":"a","latitude":30.4,"longitude":120.5}""");
        Add("POST", "/api/v1/stations", """{"name":"x","kind":"Outpost","outpostKind":"RedCube","parentId":"{UNKNOWN}","village":"城郊村","address":"a","latitude":30.4,"longitude":120.5}""");
        Add("POST", "/api/v1/stations", """{"name":"x","kind":"Outpost","outpostKind":"RedCube","parentId":"{PARENT}","village":"城郊村","address":"a","latitude":30.4,"longitude":120.5,"services":["""
            + string.Join(',', Enumerable.Repeat("\"s\"", 31)) + "]}");
        Add("POST", "/api/v1/stations", """{"name":"x","kind":"Outpost","outpostKind":"RedCube","parentId":"{PARENT}","village":"城郊村","address":"a","latitude":30.4,"longitude":120.5,"managerIds":["{UNKNOWN}"]}""");
        Add("POST", "/api/v1/stations", "not json at all");
        Add("PUT", "/api/v1/stations/{PARENT}", $$"""{"name":"x","kind":"ServicePoint","parentId":"{SUB}","village":"城郊村","address":"{{Huge}}","latitude":30.4,"longitude":120.5}""");
        Add("PUT", "/api/v1/stations/{PARENT}", """{"name":"x","kind":"ServicePoint","parentId":"{SUB}","village":"城郊村","address":"a","latitude":30.4,"longitude":120.5,"phone":"call me maybe"}""");
        Add("PUT", "/api/v1/stations/{UNKNOWN}", """{"name":"x","kind":"ServicePoint","parentId":"{SUB}","village":"v","address":"a","latitude":30.4,"longitude":120.5}""");
        Add("PUT", "/api/v1/stations/{PARENT}", """{"name":"x","kind":"ServicePoint","parentId":"{PARENT}","village":"v","address":"a","latitude":30.4,"longitude":120.5}""");
        Add("POST", "/api/v1/stations/{UNKNOWN}/deactivate", "");
        Add("POST", "/api/v1/stations/{UNKNOWN}/reactivate", "");
        Add("POST", "/api/v1/stations/{SUB}/deactivate", "");
        // Inspections: missing items, a date in the future, an item twice, a failed item without a note, unknown evidence.
        Add("POST", "/api/v1/stations/{PARENT}/inspections", "{}");
        Add("POST", "/api/v1/stations/{PARENT}/inspections", """{"inspectedOn":"2099-01-01","items":[{"item":"Logo","passed":true},{"item":"Venue","passed":true},{"item":"Rules","passed":true},{"item":"StaffedTeam","passed":true},{"item":"Funding","passed":true}]}""");
        Add("POST", "/api/v1/stations/{PARENT}/inspections", """{"inspectedOn":"2026-11-01","items":[{"item":"Logo","passed":true},{"item":"Logo","passed":true},{"item":"Rules","passed":true},{"item":"StaffedTeam","passed":true},{"item":"Funding","passed":true}]}""");
        Add("POST", "/api/v1/stations/{PARENT}/inspections", """{"inspectedOn":"2026-11-01","items":[{"item":"Logo","passed":false},{"item":"Venue","passed":true},{"item":"Rules","passed":true},{"item":"StaffedTeam","passed":true},{"item":"Funding","passed":true}]}""");
        Add("POST", "/api/v1/stations/{PARENT}/inspections", """{"inspectedOn":"2026-11-01","items":[{"item":"Logo","passed":true,"evidenceId":"{UNKNOWN}"},{"item":"Venue","passed":true},{"item":"Rules","passed":true},{"item":"StaffedTeam","passed":true},{"item":"Funding","passed":true}]}""");
        Add("POST", "/api/v1/stations/{PARENT}/inspections", """{"inspectedOn":"yesterday","items":[]}""");
        Add("POST", "/api/v1/stations/{UNKNOWN}/inspections", """{"inspectedOn":"2026-11-01","items":[]}""");
        // Funding: a line for a station that is not the sub-station, a negative budget, fractions of a fen, overdraft, no voucher.
        Add("POST", "/api/v1/funding/lines", """{"stationId":"{PARENT}","year":2026,"name":"x","budgeted":100}""");
        Add("POST", "/api/v1/funding/lines", """{"stationId":"{SUB}","year":2026,"name":"x","budgeted":-5}""");
        Add("POST", "/api/v1/funding/lines", """{"stationId":"{SUB}","year":2026,"name":"x","budgeted":1.001}""");
        Add("POST", "/api/v1/funding/lines", """{"stationId":"{SUB}","year":1999,"name":"x","budgeted":1}""");
        Add("POST", "/api/v1/funding/lines", $$"""{"stationId":"{SUB}","year":2026,"name":"{{Huge}}","budgeted":1}""");
        Add("POST", "/api/v1/funding/lines", """{"stationId":"{SUB}","year":"this year","name":"x","budgeted":1}""");
        Add("POST", "/api/v1/funding/lines/{LINE}/entries", """{"direction":"Spending","amount":99999999,"occurredOn":"2026-06-01","description":"x","voucherId":"{VOUCHER}"}""");
        Add("POST", "/api/v1/funding/lines/{LINE}/entries", """{"direction":"Income","amount":10,"occurredOn":"2026-06-01","description":"x"}""");
        Add("POST", "/api/v1/funding/lines/{LINE}/entries", """{"direction":"Income","amount":10,"occurredOn":"2025-06-01","description":"x","voucherId":"{VOUCHER}"}""");
        Add("POST", "/api/v1/funding/lines/{LINE}/entries", """{"direction":"Sideways","amount":10,"occurredOn":"2026-06-01","description":"x","voucherId":"{VOUCHER}"}""");
        // Reads: wrong types in the query or route, unknown ids.
        Add("GET", "/api/v1/stations?kind=Castle", "");
        Add("GET", "/api/v1/stations?page=first", "");
        Add("GET", "/api/v1/stations/{UNKNOWN}", "");
        Add("GET", "/api/v1/stations/{UNKNOWN}/inspections", "");
        Add("GET", "/api/v1/attachments/{UNKNOWN}", "");
        Add("GET", "/api/v1/funding/lines/{UNKNOWN}/entries", "");
        Add("GET", "/api/v1/funding/next-year", "");
        Add("POST", "/api/v1/funding/lines/{UNKNOWN}/entries", """{"direction":"Income","amount":10,"occurredOn":"2026-06-01","description":"x","voucherId":"{VOUCHER}"}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_and_changes_nothing(string method, string path, string body)
    {
        var admin = await app.ClientFor(TestData.Admin);
        await BadInput.RefusedAndUnchanged(app, admin, method, path, body, await Placeholders());
    }

    [Fact]
    public async Task Field_errors_name_the_field_in_the_callers_language()
    {
        var zh = await app.ClientFor(TestData.Admin, "zh-CN");
        var en = await app.ClientFor(TestData.Admin, "en");

        var chinese = await (await zh.PostAsync("/api/v1/stations", Json("{}"))).Json();
        var english = await (await en.PostAsync("/api/v1/stations", Json("{}"))).Json();

        Assert.Equal("请填写名称。", chinese.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("Name is required.", english.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("The request is malformed.",
            (await (await en.PostAsync("/api/v1/stations", Json("""{"latitude":"abc"}"""))).Json()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_upload_of_a_forbidden_file_type_is_refused_and_stores_nothing()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var station = await app.ChengjiaoPoint();
        var before = await app.Fingerprint();

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("MZ fake binary"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "virus.exe");
        var response = await admin.PostAsync($"/api/v1/stations/{station}/attachments", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<Dictionary<string, string>> Placeholders()
    {
        var parent = await app.ChengjiaoPoint();
        var sub = await app.SubStation();
        var (line, voucher) = await app.Db(async db =>
        {
            var l = await db.BudgetLines.Where(b => b.Year == 2026).OrderBy(b => b.Name).Select(b => new { b.Id, b.StationId }).FirstAsync();
            return (l.Id, await db.Attachments.Where(a => a.StationId == l.StationId).Select(a => a.Id).FirstAsync());
        });
        return new Dictionary<string, string>
        {
            ["{PARENT}"] = parent.ToString(),
            ["{SUB}"] = sub.ToString(),
            ["{UNKNOWN}"] = Guid.NewGuid().ToString(),
            ["{LINE}"] = line.ToString(),
            ["{VOUCHER}"] = voucher.ToString(),
        };
    }
}
