using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Points.Claims;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Points.Claims;

/// <summary>The phone pages of claims, posted as a browser posts them: declare, see it publicly posted, object; and my points.</summary>
[Trait("Category", "Integration")]
public sealed class ClaimPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Dictionary<string, string>> Fields(string mobile) => new()
    {
        ["Form.Type"] = "GoodDeed",
        ["Form.DoerName"] = "赵小明",
        ["Form.DoerMobile"] = mobile,
        ["Form.Description"] = "帮独居老人修好了漏雨的屋顶",
        ["Form.OccurredOn"] = "2026-11-27",
        ["Form.Place"] = "城郊村3组",
        ["Form.StationId"] = (await app.ChengjiaoPoint()).ToString(),
        ["Form.DeclarerKind"] = "Witness",
        ["Form.DeclarerName"] = "钱阿姨",
    };

    [Fact]
    public async Task Anyone_declares_on_the_phone_page_with_a_photo_and_after_approval_the_public_page_shows_it_masked()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await client.PostForm("/m/points/claim", "claim", await Fields("13812340001"), [("roof.png", [0x89, 0x50, 0x4E, 0x47, 1, 2])]);
        var text = await response.Text();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("申报已提交", text, StringComparison.Ordinal);
        var claim = await app.Db(db => db.Set<Claim>().IgnoreQueryFilters().SingleAsync(c => c.DoerName == "赵小明"));
        Assert.Single(claim.EvidenceIds);

        await app.As<ReviewClaimsHandler, Result<long>>(TestData.Chengjiao, h => h.Approve(claim.Id, CancellationToken.None));
        var page = await (await client.GetAsync("/m/points/public")).Text();

        Assert.Contains("帮独居老人修好了漏雨的屋顶", page, StringComparison.Ordinal);
        Assert.Contains("赵**", page, StringComparison.Ordinal);
        Assert.DoesNotContain("赵小明", page, StringComparison.Ordinal);

        var objected = await client.PostForm($"/m/points/public?claim={claim.Id}", $"object-{claim.Id}",
            new() { ["Form.Name"] = "孙七", ["Form.Reason"] = "屋顶是村里统一修的" }, tokenFrom: "/m/points/public");
        Assert.Contains("异议已提交", await objected.Text(), StringComparison.Ordinal);
        Assert.Single((await app.Db(db => db.Set<Claim>().IgnoreQueryFilters().SingleAsync(c => c.Id == claim.Id))).Objections);
    }

    [Fact]
    public async Task A_declaration_without_a_name_or_with_a_bad_mobile_gets_400_with_the_message_beside_the_field_and_saves_nothing()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var fields = await Fields("12345");
        fields["Form.DoerName"] = "";
        var count = await app.Db(db => db.Set<Claim>().IgnoreQueryFilters().CountAsync());

        var response = await client.PostForm("/m/points/claim", "claim", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Text();
        Assert.Contains("Who did it is required", text, StringComparison.Ordinal);
        Assert.Equal(count, await app.Db(db => db.Set<Claim>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task The_volunteer_sees_their_balance_and_statement_on_my_points()
    {
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer, "zh-CN");
        var account = await PointsSteps.Bank(app, async b => (await b.AccountForVolunteer(await app.DemoVolunteerId())).Value);
        await PointsSteps.Bank(app, b => b.Earn(account, 15, Volunteer96345.Points.EarningType.VolunteerService, PointsSteps.Key(), new Volunteer96345.Points.PostingNote("河道保洁2小时")));

        var page = await (await volunteer.GetAsync("/m/points")).Text();

        Assert.Contains("我的积分", page, StringComparison.Ordinal);
        Assert.Contains("河道保洁2小时", page, StringComparison.Ordinal);
        Assert.Contains("+15", page, StringComparison.Ordinal);
        var filtered = await (await volunteer.GetAsync("/m/points?kind=Redemption")).Text();
        Assert.DoesNotContain("河道保洁2小时", filtered, StringComparison.Ordinal);
    }
}
