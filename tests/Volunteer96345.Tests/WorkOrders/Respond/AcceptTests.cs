using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Respond;

namespace Volunteer96345.Tests.WorkOrders.Respond;

/// <summary>First accept wins, atomically, whatever the database.</summary>
[Trait("Category", "Integration")]
public sealed class AcceptTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Fifty_concurrent_accepts_of_one_offer_give_exactly_one_winner()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var id = (await dispatcher.Receive(WorkOrderSteps.Call("13905732001"))).GetProperty("id").GetGuid();
        var offer = (await app.Load(id)).Offers.First(o => o.Status == OfferStatus.Open);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            app.As<RespondHandler, Result<WorkOrderStatus>>(WorkOrderSteps.Dispatcher, h => h.Accept(id, offer.Id, CancellationToken.None)))));

        Assert.Single(results, r => r.IsOk);
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(ErrorKind.Conflict, r.Error!.Kind));
        var order = await app.Load(id);
        Assert.Equal(WorkOrderStatus.Accepted, order.Status);
        Assert.Single(order.Events, e => e.Kind == WorkOrderEventKind.Accepted);
        Assert.Single(order.Offers, o => o.Status == OfferStatus.Accepted);
    }

    [Fact]
    public async Task Concurrent_accepts_of_different_offers_of_one_order_still_give_one_responder()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var id = (await dispatcher.Receive(WorkOrderSteps.Call("13905732002"))).GetProperty("id").GetGuid();
        var open = (await app.Load(id)).Offers.Where(o => o.Status == OfferStatus.Open).ToList();
        Assert.True(open.Count >= 2, "the demo has several available plumbers near 城郊村");

        var results = await Task.WhenAll(open.SelectMany(o => Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            app.As<RespondHandler, Result<WorkOrderStatus>>(WorkOrderSteps.Dispatcher, h => h.Accept(id, o.Id, CancellationToken.None))))));

        Assert.Single(results, r => r.IsOk);
        var order = await app.Load(id);
        Assert.Single(order.Offers, o => o.Status == OfferStatus.Accepted);
        Assert.Equal(await app.Db(db => db.WorkOrders.Where(o => o.Id == id).Select(o => o.ResponderId).SingleAsync()),
            order.Offers.Single(o => o.Status == OfferStatus.Accepted).CandidateId);
    }
}
