using System.Net;
using System.Net.Http.Json;
using Volunteer96345.People;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>A declaration's proof opens for the member and their branch's secretary on the phone, and for the town; not for another branch's member.</summary>
[Trait("Category", "Integration")]
public sealed class PioneerProofTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_proof_opens_for_the_member_the_secretary_and_the_town_only()
    {
        var (branch, _, _) = await app.ChengjiaoBranches();
        var secretary = await app.NewMember("证明书记", branch, null);
        var member = await app.NewMember("证明党员", branch, PartyMemberCategory.Rural);
        var stranger = await app.NewMember("证明他村", await app.TaoyuanBranch(), PartyMemberCategory.Rural);
        await app.Appoint(branch, secretary.Id);
        await app.OpenQuarter(2026, 4);
        var id = await app.AssessmentOf(member);
        var phone = await app.Phone(member);

        // A station's file is not the member's proof; a file the member uploads on the phone form is.
        var stationFile = await (await app.ClientFor(TestData.Admin)).Upload(await app.ChengjiaoPoint(), "站点照片.png");
        var borrowed = await phone.PostAsJsonAsync($"{PioneerSteps.Api}/assessments/{id}/declarations",
            new { itemCode = "commendations", units = 1, text = "获评优秀共产党员", evidenceIds = new[] { stationFile } });
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
        var posted = await phone.PostForm("/m/pioneer?year=2026&quarter=4", "declare",
            new() { ["ItemCode"] = "commendations", ["Units"] = "1", ["Text"] = "获评海宁市优秀共产党员" },
            [("表彰文件.png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"))]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var file = (await app.Assessment(id)).Declarations.Single().EvidenceIds.Single();

        var url = $"{PioneerSteps.Api}/assessments/{id}/proof/{file}";
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.Phone(secretary)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor(TestData.Inspector)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Phone(stranger)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.Phone(member)).GetAsync($"{PioneerSteps.Api}/assessments/{id}/proof/{Guid.NewGuid()}")).StatusCode);
    }
}
