using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Alliance;

/// <summary>Every alliance endpoint answers bad input with a 4xx ProblemDetails (naming the field where there is one) and changes no row.</summary>
[Trait("Category", "Integration")]
public sealed class AllianceBadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string Huge = new('长', 10_000);

    public static TheoryData<string, string, string, int, string?> Cases()
    {
        var data = new TheoryData<string, string, string, int, string?>();
        const string rest = "\"contactName\":\"周德明\",\"address\":\"城郊村1号\",\"village\":\"城郊村\",\"stationId\":\"{STATION}\",\"joinedOn\":\"2024-05-01\"";
        void Merchant(string fields, string field) => data.Add("POST", "/api/v1/alliance", "{" + fields + "," + rest + "}", 400, field);

        Merchant($$"""
            "name":"{{Huge}}","licenceNumber":"{CODE}","contactPhone":"13957312345"
            """, "name");
        Merchant("""
            "name":"  ","licenceNumber":"{CODE}","contactPhone":"13957312345"
            """, "name");
        Merchant("""
            "name":"坏电话","licenceNumber":"{CODE}","contactPhone":"12345"
            """, "contactPhone");
        Merchant("""
            "name":"坏电话","licenceNumber":"{CODE}","contactPhone":"573-87601234"
            """, "contactPhone");
        Merchant("""
            "name":"坏代码","licenceNumber":"91330481MA2XJWTGFA","contactPhone":"13957312345"
            """, "licenceNumber");
        Merchant("""
            "name":"坏代码","licenceNumber":"91330481MA2XJWTGF","contactPhone":"13957312345"
            """, "licenceNumber");
        Merchant("""
            "name":"坏代码","licenceNumber":"91330481MA2XJWTGIM","contactPhone":"13957312345"
            """, "licenceNumber");
        Merchant($$"""
            "name":"坏代码","licenceNumber":"{{Huge}}","contactPhone":"13957312345"
            """, "licenceNumber");
        Merchant("""
            "name":"重复代码","licenceNumber":"91330481MA2XJWTGFM","contactPhone":"13957312345"
            """, "licenceNumber");
        Merchant($$"""
            "name":"长优惠","licenceNumber":"{CODE}","contactPhone":"13957312345","discount":"{{Huge}}"
            """, "discount");
        Merchant("""
            "name":"多服务","licenceNumber":"{CODE}","contactPhone":"13957312345","services":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u"]
            """, "services");
        Merchant("""
            "name":"服务类型","licenceNumber":"{CODE}","contactPhone":"13957312345","services":"理发"
            """, "services");
        data.Add("POST", "/api/v1/alliance", """{"name":"x","licenceNumber":"{CODE}","contactPhone":"13957312345","contactName":"a","address":"b","village":"城郊村","stationId":"{UNKNOWN}","joinedOn":"2024-05-01"}""", 400, "stationId");
        data.Add("POST", "/api/v1/alliance", """{"name":"x","licenceNumber":"{CODE}","contactPhone":"13957312345","contactName":"a","address":"b","village":"城郊村","stationId":"{STATION}","joinedOn":"2099-01-01"}""", 400, "joinedOn");
        data.Add("POST", "/api/v1/alliance", """{"name":"x","licenceNumber":"{CODE}","contactPhone":"13957312345","contactName":"a","address":"b","village":"城郊村","stationId":"{STATION}","joinedOn":"soon"}""", 400, "joinedOn");
        data.Add("POST", "/api/v1/alliance", "not json at all", 400, "body");
        data.Add("PUT", "/api/v1/alliance/{MERCHANT}", "{" + $$"""
            "name":"{{Huge}}","licenceNumber":"{CODE}","contactPhone":"13957312345"
            """ + "," + rest + "}", 400, "name");
        data.Add("PUT", "/api/v1/alliance/{UNKNOWN}", "{" + """
            "name":"x","licenceNumber":"{CODE}","contactPhone":"13957312345"
            """ + "," + rest + "}", 404, null);
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/status", """{"status":"Active","agreementId":"{UNKNOWN}"}""", 400, "agreementId");
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/status", """{"status":"Active"}""", 400, "agreementId");
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/status", """{"status":"Closed"}""", 400, "status");
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/status", "{}", 400, "status");
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/status", """{"status":"Suspended"}""", 400, "status");
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/status", $$"""{"status":"Withdrawn","note":"{{Huge}}"}""", 400, "note");
        data.Add("POST", "/api/v1/alliance/{UNKNOWN}/status", """{"status":"Withdrawn"}""", 404, null);
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/agreement", """{"agreementId":"{UNKNOWN}"}""", 400, "agreementId");
        data.Add("POST", "/api/v1/alliance/{MERCHANT}/agreement", "{}", 400, "agreementId");
        data.Add("GET", "/api/v1/alliance/{UNKNOWN}", "", 404, null);
        data.Add("GET", "/api/v1/alliance?status=Closed", "", 400, null);
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

    /// <summary>An applied merchant of the Chengjiao point, made once per fixture; the seed already holds 91330481MA2XJWTGFM.</summary>
    private async Task<Dictionary<string, string>> Placeholders()
    {
        var station = await app.ChengjiaoPoint();
        var merchant = await app.Db(db => db.AllianceMembers.Where(m => m.Name == "坏输入测试商家").Select(m => (Guid?)m.Id).FirstOrDefaultAsync());
        if (merchant is null)
        {
            var admin = await app.ClientFor(TestData.Admin);
            merchant = await admin.RegisterMerchant(Merchants.Valid(station, "城郊村", "坏输入测试商家"));
        }

        return new Dictionary<string, string>
        {
            ["{STATION}"] = station.ToString(),
            ["{UNKNOWN}"] = Guid.NewGuid().ToString(),
            ["{MERCHANT}"] = merchant.Value.ToString(),
            ["{CODE}"] = Merchants.NewCode(),
        };
    }
}
