using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Volunteers;

[Trait("Category", "Integration")]
public sealed class MyRecordTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_volunteer_signs_in_on_the_phone_and_sees_only_their_own_record()
    {
        var client = await app.ClientFor("volunteer");
        var own = await app.Db(db => db.Volunteers.OrderBy(v => v.Number).Select(v => new { v.Number, v.RealName, v.IdNumberMasked }).FirstAsync());
        var other = await app.Db(db => db.Volunteers.OrderBy(v => v.Number).Skip(1).Select(v => v.Number).FirstAsync());

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/m/me"));

        Assert.Contains(own.Number, page, StringComparison.Ordinal);
        Assert.Contains(own.RealName, page, StringComparison.Ordinal);
        Assert.Contains(own.IdNumberMasked, page, StringComparison.Ordinal);
        Assert.DoesNotContain(other, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/volunteers")).StatusCode);
    }

    [Fact]
    public async Task Staff_accounts_cannot_open_the_volunteers_phone_record()
    {
        var admin = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.PostAsync("/api/v1/session", System.Net.Http.Json.JsonContent.Create(new { userName = "admin", password = Volunteer96345.Demo.DemoSeed.Password }));

        var response = await admin.GetAsync("/m/me");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_member_sees_their_teams_on_the_phone_page()
    {
        await using var isolated = new AppFixture();
        await isolated.InitializeAsync();
        var (volunteerId, teamName) = await isolated.Db(async db =>
        {
            var team = await db.Teams.OrderBy(t => t.Name).FirstAsync(t => t.LeaderId != null);
            return (team.LeaderId!.Value, team.Name);
        });
        await isolated.Db(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.UserName == "volunteer");
            account.VolunteerId = volunteerId;
            return await db.SaveChangesAsync();
        });
        var client = await isolated.ClientFor("volunteer");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/m/me"));

        Assert.Contains(teamName, page, StringComparison.Ordinal);
        Assert.Contains("（队长）", page, StringComparison.Ordinal);
    }
}
