using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Volunteer96345.Tests.People;

/// <summary>Every People detail page renders for the town admin with the record's own data (server prerender).</summary>
[Trait("Category", "Integration")]
public sealed class DetailPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_detail_pages_of_a_merchant_a_team_a_session_a_care_recipient_and_a_volunteer_render_their_record()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var pages = await app.Db(async db => new (string Path, string Expected)[]
        {
            await db.AllianceMembers.OrderBy(m => m.Name).Select(m => ValueTuple.Create("/people/alliance/" + m.Id, m.Name)).FirstAsync(),
            await db.Teams.OrderBy(t => t.Name).Select(t => ValueTuple.Create("/people/teams/" + t.Id, t.Name)).FirstAsync(),
            await db.TrainingSessions.OrderBy(t => t.Topic).Select(t => ValueTuple.Create("/people/training/" + t.Id, t.Topic)).FirstAsync(),
            await db.CareRecipients.OrderBy(c => c.Name).Select(c => ValueTuple.Create("/people/care-recipients/" + c.Id, c.Name)).FirstAsync(),
            await db.Volunteers.OrderBy(v => v.Number).Select(v => ValueTuple.Create("/people/volunteers/" + v.Id, v.RealName)).FirstAsync(),
        });

        foreach (var (path, expected) in pages)
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }
}
