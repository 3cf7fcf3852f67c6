using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Points.Donate;

/// <summary>积分捐赠 on the phone: to the needy-resident fund or a paired care recipient, once per form, never more than the balance.</summary>
[Trait("Category", "Integration")]
public sealed class DonateTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Page = "/m/points/donate";

    /// <summary>A care recipient the demo member is not paired with; paired now when <paramref name="pair"/>.</summary>
    private async Task<Guid> CareRecipient(bool pair)
    {
        var (member, _) = await app.DemoMember();
        return await app.Db(async db =>
        {
            var paired = await db.Pairings.IgnoreQueryFilters().Where(p => p.VolunteerId == member).Select(p => p.CareRecipientId).ToListAsync();
            var recipient = await db.CareRecipients.IgnoreQueryFilters().Where(c => !paired.Contains(c.Id)).OrderBy(c => c.Id).FirstAsync();
            if (pair)
            {
                db.Pairings.Add(Pairing.Start(recipient.Id, member, recipient.StationId, new DateOnly(2026, 11, 1), 7, false, null));
                await db.SaveChangesAsync();
            }

            return recipient.Id;
        });
    }

    private Task<long> NeedyFund() => app.Db(async db => await db.PointsAccounts.Where(a => a.Kind == AccountKind.NeedyFund).Select(a => (long?)a.Balance).FirstOrDefaultAsync() ?? 0);

    private Task<long> CareRecipientBalance(Guid id) => app.Db(async db =>
        await db.PointsAccounts.Where(a => a.Kind == AccountKind.CareRecipient && a.OwnerId == id).Select(a => (long?)a.Balance).FirstOrDefaultAsync() ?? 0);

    private static Dictionary<string, string> Form(string target, string amount, string? key = null) =>
        new() { ["Form.Target"] = target, ["Form.Amount"] = amount, ["Form.Key"] = key ?? Guid.NewGuid().ToString("N") };

    [Fact]
    public async Task A_member_gives_points_to_the_needy_fund_and_a_double_submit_gives_once()
    {
        var (member, _) = await app.DemoMember();
        await app.Give(member, 50);
        var balance = await app.Balance(member);
        var fund = await NeedyFund();
        var phone = await app.ClientFor(RedemptionSteps.Member, "zh-CN");
        var key = Guid.NewGuid().ToString("N");

        var first = await phone.PostForm(Page, "donate", Form("needy", "12", key));
        var again = await phone.PostForm(Page, "donate", Form("needy", "12", key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstText = await first.Text();
        Assert.True(firstText.Contains("已捐赠 12 积分给困难群众基金", StringComparison.Ordinal), firstText[firstText.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(balance - 12, await app.Balance(member));
        Assert.Equal(fund + 12, await NeedyFund());
        var posting = await app.Db(db => db.Postings.OrderByDescending(p => p.Id).FirstAsync(p => p.Kind == PostingKind.Donation));
        Assert.Equal(12, posting.Amount);
        await app.AssertInvariants();
    }

    [Fact]
    public async Task A_member_gives_points_to_a_care_recipient_they_are_paired_with()
    {
        var (member, _) = await app.DemoMember();
        await app.Give(member, 30);
        var balance = await app.Balance(member);
        var recipient = await CareRecipient(pair: true);
        var phone = await app.ClientFor(RedemptionSteps.Member, "en");
        Assert.Contains(recipient.ToString(), await phone.GetStringAsync(Page), StringComparison.Ordinal);

        var response = await phone.PostForm(Page, "donate", Form(recipient.ToString(), "7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Donated 7 points", await response.Text(), StringComparison.Ordinal);
        Assert.Equal(balance - 7, await app.Balance(member));
        Assert.Equal(7, await CareRecipientBalance(recipient));
    }

    public static TheoryData<string, string, string, HttpStatusCode, string> BadDonations => new()
    {
        { "zero", "needy", "0", HttpStatusCode.BadRequest, "积分" },
        { "negative", "needy", "-5", HttpStatusCode.BadRequest, "积分" },
        { "not a number", "needy", "十", HttpStatusCode.BadRequest, "积分" },
        { "enormous", "needy", "99999999999", HttpStatusCode.BadRequest, "积分" },
        { "more than the balance", "needy", "{MORE}", HttpStatusCode.Conflict, "积分余额不足" },
        { "not paired", "{UNPAIRED}", "5", HttpStatusCode.BadRequest, "只能捐给困难群众基金或与您结对的服务对象" },
        { "unknown target", "somebody", "5", HttpStatusCode.BadRequest, "只能捐给困难群众基金或与您结对的服务对象" },
        { "no target", "", "5", HttpStatusCode.BadRequest, "捐赠对象" },
    };

    [Theory]
    [MemberData(nameof(BadDonations))]
    public async Task A_bad_donation_is_refused_with_a_clear_message_and_posts_nothing(string because, string target, string amount, HttpStatusCode status, string message)
    {
        var (member, _) = await app.DemoMember();
        await app.Give(member, 20);
        var balance = await app.Balance(member);
        var unpaired = await CareRecipient(pair: false);
        var phone = await app.ClientFor(RedemptionSteps.Member, "zh-CN");
        var before = await app.RedemptionFingerprint();
        target = target.Replace("{UNPAIRED}", unpaired.ToString(), StringComparison.Ordinal);
        amount = amount.Replace("{MORE}", (balance + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await phone.PostForm(Page, "donate", Form(target, amount));

        Assert.True(response.StatusCode == status, $"{because}: {response.StatusCode}");
        Assert.Contains(message, await response.Text(), StringComparison.Ordinal);
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Fact]
    public async Task A_donation_without_the_forms_key_is_refused()
    {
        var phone = await app.ClientFor(RedemptionSteps.Member, "zh-CN");
        var before = await app.RedemptionFingerprint();

        var response = await phone.PostForm(Page, "donate", new() { ["Form.Target"] = "needy", ["Form.Amount"] = "1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Theory]
    [InlineData("zh-CN", "积分捐赠", "困难群众基金")]
    [InlineData("en", "Donate points", "Needy")]
    public async Task My_points_links_to_the_donation_page_which_lists_the_needy_fund(string culture, string title, string fund)
    {
        var phone = await app.ClientFor(RedemptionSteps.Member, culture);

        var mine = await phone.GetStringAsync("/m/points");
        var page = await (await phone.GetAsync(Page)).Text();

        Assert.Contains("m/points/donate", mine, StringComparison.Ordinal);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(fund, page, StringComparison.OrdinalIgnoreCase);
    }
}
