using Microsoft.EntityFrameworkCore;
using Volunteer96345.Points;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Callbacks;
using Volunteer96345.WorkOrders.GiveFeedback;

namespace Volunteer96345.Tests.Points;

/// <summary>A re-opened order whose points the responder has already spent says so on its history, for staff to deduct by hand.</summary>
[Trait("Category", "Integration")]
public sealed class ReopenedSpentPointsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Reopening_an_order_whose_points_were_spent_records_it_on_the_orders_history_and_page()
    {
        var account = await app.Bank(async b => (await b.AccountForVolunteer(await app.DemoVolunteerId())).Value);
        var (id, code, token) = await app.Resolved("13905739902");
        await app.As<GiveFeedbackHandler, bool>(TestData.Admin, async h =>
            (await h.Submit(code, token, new FeedbackInput { Attitude = Attitude.Poor, Outcome = Outcome.NotSolved, Satisfaction = 1, Comment = "没修好" }, CancellationToken.None)).Value);
        var balance = await app.BalanceOf(account);
        Assert.True(balance > 0);
        var spent = await app.Bank(async b => await b.Transfer(account, (await b.AccountForStation(await app.ChengjiaoPoint())).Value, balance,
            PostingKind.Redemption, PointsSteps.Key("spend")));
        Assert.True(spent.IsOk, spent.Error?.Message);

        var callbackId = await app.Db(db => db.Callbacks.Where(c => c.WorkOrderId == id && c.DoneAt == null).OrderBy(c => c.QueuedAt).Select(c => c.Id).FirstAsync());
        var reopened = await app.As<CallbacksHandler, bool>(TestData.Dispatcher, async h =>
            (await h.Record(callbackId, new CallbackInput { Reached = true, Satisfaction = 1, Comment = "问题依旧", Reopen = true }, CancellationToken.None)).Value);

        Assert.True(reopened);
        var order = await app.Load(id);
        Assert.Equal(WorkOrderStatus.Received, order.Status);
        var note = Assert.Single(order.Events, e => e.Kind == WorkOrderEventKind.PointsNotReversed);
        Assert.Contains("积分余额不足", note.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await app.BalanceOf(account));
        Assert.Null(await app.Bank(b => b.Find($"reversal:work-order:{id}:close:0")));
        PointsSteps.AssertBalanced(await app.Verify());

        // The order page's history reads the same view as the API (its timeline renders only once the circuit is up).
        var staff = await app.ClientFor(TestData.Dispatcher, "zh-CN");
        var view = await staff.GetStringAsync($"/api/v1/work-orders/{id}");
        Assert.Contains("PointsNotReversed", view, StringComparison.Ordinal);
        Assert.Contains("手工扣分", System.Text.RegularExpressions.Regex.Unescape(view), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_an_order_whose_points_are_still_there_takes_them_back_without_a_note()
    {
        var account = await app.Bank(async b => (await b.AccountForVolunteer(await app.DemoVolunteerId())).Value);
        var (id, code, token) = await app.Resolved("13905739903");
        await app.As<GiveFeedbackHandler, bool>(TestData.Admin, async h =>
            (await h.Submit(code, token, new FeedbackInput { Attitude = Attitude.Poor, Outcome = Outcome.NotSolved, Satisfaction = 1, Comment = "没修好" }, CancellationToken.None)).Value);
        var callbackId = await app.Db(db => db.Callbacks.Where(c => c.WorkOrderId == id && c.DoneAt == null).OrderBy(c => c.QueuedAt).Select(c => c.Id).FirstAsync());
        var balance = await app.BalanceOf(account);

        await app.As<CallbacksHandler, bool>(TestData.Dispatcher, async h =>
            (await h.Record(callbackId, new CallbackInput { Reached = true, Satisfaction = 1, Comment = "问题依旧", Reopen = true }, CancellationToken.None)).Value);

        Assert.DoesNotContain((await app.Load(id)).Events, e => e.Kind == WorkOrderEventKind.PointsNotReversed);
        Assert.True(await app.BalanceOf(account) < balance);
    }
}
