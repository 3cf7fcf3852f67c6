using Microsoft.EntityFrameworkCore;
using Volunteer96345.Points;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Callbacks;
using Volunteer96345.WorkOrders.GiveFeedback;

namespace Volunteer96345.Tests.Points;

/// <summary>A closed work order pays the responding volunteer its catalogue item's points once; a re-opened one takes them back.</summary>
[Trait("Category", "Integration")]
public sealed class WorkOrderPointsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Closing_an_order_pays_the_responder_once_and_reopening_it_reverses_the_payment()
    {
        var volunteerAccount = await app.Bank(async b => (await b.AccountForVolunteer(await app.DemoVolunteerId())).Value);
        var before = await app.BalanceOf(volunteerAccount);
        var (id, code, token) = await app.Resolved("13905739901");
        var points = (await app.Load(id)).Points;
        Assert.True(points > 0);

        var closed = await app.As<GiveFeedbackHandler, bool>(TestData.Admin, async h =>
            (await h.Submit(code, token, new FeedbackInput { Attitude = Attitude.Poor, Outcome = Outcome.NotSolved, Satisfaction = 1, Comment = "没修好" }, CancellationToken.None)).Value);
        var again = await app.As<GiveFeedbackHandler, bool>(TestData.Admin, async h =>
            (await h.Submit(code, token, new FeedbackInput { Attitude = Attitude.Good, Outcome = Outcome.Solved, Satisfaction = 5 }, CancellationToken.None)).IsOk);

        Assert.True(closed);
        Assert.False(again);
        Assert.Equal(before + points, await app.BalanceOf(volunteerAccount));
        var posting = await app.Bank(b => b.Find($"work-order:{id}:close:0"));
        Assert.Equal(EarningType.ConvenienceService, posting!.EarningType);

        var callbackId = await app.Db(db => db.Callbacks.Where(c => c.WorkOrderId == id && c.DoneAt == null).OrderBy(c => c.QueuedAt).Select(c => c.Id).FirstAsync());
        var reopened = await app.As<CallbacksHandler, bool>(TestData.Dispatcher, async h =>
            (await h.Record(callbackId, new CallbackInput { Reached = true, Satisfaction = 1, Comment = "水管还在漏", Reopen = true }, CancellationToken.None)).Value);

        Assert.True(reopened);
        Assert.Equal(WorkOrderStatus.Received, (await app.Load(id)).Status);
        Assert.Equal(before, await app.BalanceOf(volunteerAccount));
        Assert.NotNull(await app.Bank(b => b.Find($"reversal:work-order:{id}:close:0")));
        PointsSteps.AssertBalanced(await app.Verify());
    }
}
