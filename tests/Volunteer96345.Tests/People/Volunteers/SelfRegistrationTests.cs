using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Volunteers;

[Trait("Category", "Integration")]
public sealed partial class SelfRegistrationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_application_from_the_phone_form_is_registered_as_pending_by_the_intake()
    {
        var client = app.CreateClient();
        var station = await app.TaoyuanPoint();
        var page = await client.GetStringAsync("/m/volunteer/apply");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var idNumber = TestData.NewIdNumber(new DateOnly(1990, 4, 5), male: false);

        var response = await client.PostAsync("/m/volunteer/apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "apply",
            ["__RequestVerificationToken"] = token,
            ["Form.RealName"] = "申请人甲",
            ["Form.IdNumber"] = idNumber,
            ["Form.Mobile"] = "13912340000",
            ["Form.StationId"] = station.ToString(),
            ["Form.Village"] = "桃园村",
            ["Form.Address"] = "桃园村1组",
            ["Form.PoliticalStatus"] = "Masses",
            ["Form.Consent"] = "true",
        }));

        Assert.Contains("申请已提交", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var volunteer = await app.Db(db => db.Volunteers.SingleAsync(v => v.RealName == "申请人甲"));
        Assert.Equal(VolunteerStatus.Pending, volunteer.Status);
        Assert.Equal(RegistrationSource.SelfService, volunteer.Source);
        Assert.Equal(station, volunteer.StationId);
        Assert.Equal("self-registration", await app.Db(db => db.AuditEntries.Where(a => a.EntityId == volunteer.Id.ToString()).Select(a => a.UserName).SingleAsync()));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
