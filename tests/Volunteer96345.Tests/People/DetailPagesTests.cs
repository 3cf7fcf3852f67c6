using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People;

/// <summary>Every People detail page renders for the town admin with the record's own data (server prerender).</summary>
[Trait("Category", "Integration")]
public sealed class DetailPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_detail_pages_of_a_merchant_a_team_a_session_a_care_recipient_and_a_volunteer_render_their_record()
    {
        var admin = await app.ClientFor(TestData.Admin);
        // Projected to anonymous types and paired in memory: Npgsql does not read tuples built in SQL.
        var pages = await app.Db(async db =>
        {
            var m = await db.AllianceMembers.OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).FirstAsync();
            var t = await db.Teams.OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).FirstAsync();
            var s = await db.TrainingSessions.OrderBy(x => x.Topic).Select(x => new { x.Id, x.Topic }).FirstAsync();
            var c = await db.CareRecipients.OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).FirstAsync();
            var v = await db.Volunteers.OrderBy(x => x.Number).Select(x => new { x.Id, x.RealName }).FirstAsync();
            return new (string Path, string Expected)[]
            {
                ("/people/alliance/" + m.Id, m.Name), ("/people/teams/" + t.Id, t.Name), ("/people/training/" + s.Id, s.Topic),
                ("/people/care-recipients/" + c.Id, c.Name), ("/people/volunteers/" + v.Id, v.RealName),
            };
        });

        foreach (var (path, expected) in pages)
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }
}
