using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Notifications;
using Volunteer96345.People;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// The quarter tells each person their part on the phone's inbox: the member that it is open and that their result is
/// approved and posted; the branch's secretary that a declaration waits and that the town returned one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PioneerNoticesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_member_and_the_secretary_hear_of_their_part_in_their_inbox()
    {
        var (branch, _, _) = await app.ChengjiaoBranches();
        var secretary = await app.NewMember("通知书记", branch, null);
        var member = await app.NewMember("通知党员", branch, PartyMemberCategory.Rural);
        await app.Appoint(branch, secretary.Id);
        await app.OpenQuarter(2026, 4);
        var id = await app.AssessmentOf(member);
        Assert.Contains("先锋指数考评已开启", await Inbox(member));

        await (await app.Phone(member)).Declare(id, "commendations", 1, "获评海宁市优秀共产党员");
        Assert.Contains("有党员提交自评申报", await Inbox(secretary));

        var phone = await app.Phone(secretary);
        await phone.Reviewed(id, new { judgements = await Judgements(id) });
        var admin = await app.ClientFor(TestData.Admin);
        await admin.PostAsJsonAsync($"{PioneerSteps.Api}/assessments/{id}/return", new { reason = "表彰文件不清晰，请核实" });
        Assert.Contains("先锋指数考评退回支部", await Inbox(secretary));

        await phone.Reviewed(id, new { judgements = await Judgements(id) });
        await app.Approved(id);
        Assert.Contains("先锋指数已审核公示", await Inbox(member));
        Assert.DoesNotContain("先锋指数已审核公示", await Inbox(secretary));
    }

    private async Task<object[]> Judgements(Guid id) =>
        [.. (await app.Assessment(id)).Declarations.Select(d => new { declarationId = d.Id, accept = true, units = d.Units })];

    private Task<List<string>> Inbox(PioneerMember person) => app.Db(async db =>
    {
        var userId = (await db.Users.SingleAsync(u => u.VolunteerId == person.Id)).Id.ToString();
        return await db.Outbox.Where(m => m.Channel == NotificationChannel.Inbox && m.Recipient == userId).Select(m => m.Subject).ToListAsync();
    });
}
