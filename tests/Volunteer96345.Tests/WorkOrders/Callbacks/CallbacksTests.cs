using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Callbacks;

namespace Volunteer96345.Tests.WorkOrders.Callbacks;

/// <summary>The call-back queue: who gets a call, the audited reveal of the number, and a re-open that keeps the history.</summary>
[Trait("Category", "Integration")]
public sealed class CallbacksTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(Guid OrderId, Guid CallbackId)> LowRated(string phone)
    {
        var (id, code, token) = await app.Resolved(phone);
        var response = await app.CreateClient().PostForm($"/m/feedback/{code}?t={token}", "feedback", new()
        {
            ["Form.Satisfaction"] = "1",
            ["Form.Attitude"] = "Fair",
            ["Form.Outcome"] = "NotSolved",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (id, await app.Db(db => db.Callbacks.Where(c => c.WorkOrderId == id && c.Reason == CallbackReason.LowRating).Select(c => c.Id).SingleAsync()));
    }

    [Fact]
    public async Task A_call_back_that_re_opens_the_order_puts_it_back_to_received_with_fresh_deadlines_and_keeps_both_rounds_of_history()
    {
        var (id, callbackId) = await LowRated("13905733001");
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var queue = await (await dispatcher.GetAsync("/api/v1/callbacks?done=false")).Json();
        Assert.Contains(queue.EnumerateArray(), c => c.GetProperty("id").GetGuid() == callbackId && c.GetProperty("callerPhoneMasked").GetString() == "139****3001");
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var response = await dispatcher.PostAsJsonAsync($"/api/v1/callbacks/{callbackId}",
            new { reached = true, satisfaction = 1, comment = "水管还在漏", reopen = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await app.Load(id);
        Assert.True(order.Status is WorkOrderStatus.Received or WorkOrderStatus.Dispatched, order.Status.ToString());
        Assert.Equal(1, order.Reopens);
        Assert.Equal(now, order.ReceivedAt);
        Assert.Equal(now.AddMinutes(10), order.AcceptDue);
        Assert.Null(order.ResponderVolunteerId);
        var kinds = order.Events.Select(e => e.Kind).ToList();
        Assert.Contains(WorkOrderEventKind.Accepted, kinds);
        Assert.Contains(WorkOrderEventKind.Resolved, kinds);
        Assert.Contains(WorkOrderEventKind.Closed, kinds);
        Assert.Contains(WorkOrderEventKind.Feedback, kinds);
        Assert.Contains(WorkOrderEventKind.Callback, kinds);
        Assert.Contains(WorkOrderEventKind.Reopened, kinds);
        Assert.True(await app.Db(db => db.SlaTimers.AnyAsync(t => t.WorkOrderId == id && t.Round == 1 && t.Kind == SlaTimerKind.AcceptDeadline && t.DueAt == now.AddMinutes(10))));
        // The first round's deadlines were met, or can no longer matter: all spent; the new round's all wait.
        var timers = await app.Db(db => db.SlaTimers.AsNoTracking().Where(t => t.WorkOrderId == id).ToListAsync());
        Assert.All(timers.Where(t => t.Round == 0), t => Assert.NotNull(t.FiredAt));
        Assert.All(timers.Where(t => t.Round == 1), t => Assert.Null(t.FiredAt));
        var callback = await app.Db(db => db.Callbacks.SingleAsync(c => c.Id == callbackId));
        Assert.True(callback.Reopened);
        Assert.Equal(1, callback.Satisfaction);
        var done = await (await dispatcher.GetAsync("/api/v1/callbacks?done=true")).Json();
        Assert.Contains(done.EnumerateArray(), c => c.GetProperty("id").GetGuid() == callbackId);
    }

    [Fact]
    public async Task Revealing_the_number_to_call_is_recorded_and_other_stations_managers_do_not_see_the_call_back()
    {
        var (id, callbackId) = await LowRated("13905733002");
        var taoyuan = await app.ClientFor("manager.taoyuan");
        var chengjiao = await app.ClientFor("manager.chengjiao");

        var theirs = await (await taoyuan.GetAsync("/api/v1/callbacks")).Json();
        var reveal = await chengjiao.PostAsync($"/api/v1/callbacks/{callbackId}/reveal-phone", null);
        var denied = await taoyuan.PostAsync($"/api/v1/callbacks/{callbackId}/reveal-phone", null);

        Assert.DoesNotContain(theirs.EnumerateArray(), c => c.GetProperty("id").GetGuid() == callbackId);
        Assert.Equal("13905733002", (await reveal.Json()).GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Equal(1, await app.Db(db => db.Reveals.CountAsync(r => r.EntityId == id)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(PhoneSteps.Volunteer)).GetAsync("/api/v1/callbacks")).StatusCode);
    }

    [Theory]
    [InlineData("{\"satisfaction\":3}", "reached")]
    [InlineData("{\"reached\":true,\"satisfaction\":7}", "satisfaction")]
    [InlineData("{\"reached\":true}", "satisfaction")]
    [InlineData("{\"reached\":false,\"reopen\":true}", "comment")]
    [InlineData("{\"reached\":\"yes\"}", "reached")]
    public async Task A_bad_call_back_record_is_refused_with_the_field_named_and_changes_nothing(string body, string field)
    {
        var (_, callbackId) = await LowRated("139057330" + (10 + body.Length % 80));
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var before = await app.Counts();
        var fingerprint = await app.Fingerprint();

        var response = await dispatcher.PostAsync($"/api/v1/callbacks/{callbackId}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.Json()).GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith(field, StringComparison.Ordinal));
        Assert.Equal(before, await app.Counts());
        Assert.Equal(fingerprint, await app.Fingerprint());
        Assert.False(await app.Db(db => db.Callbacks.Where(c => c.Id == callbackId).Select(c => c.DoneAt != null).SingleAsync()));
    }

    [Fact]
    public async Task The_call_back_page_renders_the_queue_with_masked_numbers_for_a_dispatcher()
    {
        await LowRated("13905733003");
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var response = await dispatcher.GetAsync("/work-orders/callbacks");

        var page = await response.Text();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("电话回访", page, StringComparison.Ordinal);
        Assert.Contains("139****3003", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13905733003", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_is_drawn_from_the_order_id_so_the_same_order_always_gets_the_same_answer()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid()).ToList();

        var share = ids.Count(id => CallbackPolicy.InSample(id, 0.2)) / (double)ids.Count;

        Assert.InRange(share, 0.15, 0.25);
        Assert.All(ids, id => Assert.Equal(CallbackPolicy.InSample(id, 0.2), CallbackPolicy.InSample(id, 0.2)));
        Assert.All(ids, id => Assert.True(CallbackPolicy.InSample(id, 1.0)));
        Assert.All(ids, id => Assert.False(CallbackPolicy.InSample(id, 0.0)));
    }

    [Theory]
    [InlineData("1.0", 1)]
    [InlineData("0.0", 0)]
    public async Task The_sample_rate_decides_whether_a_resolved_order_is_queued_for_a_call_back(string rate, int expected)
    {
        await using var configured = new AppFixture { Settings = { ["WorkOrders:CallbackSampleRate"] = rate } };
        await configured.InitializeAsync();

        var orders = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            orders.Add((await configured.Resolved($"1390573404{i}")).Id);
        }

        foreach (var id in orders)
        {
            Assert.Equal(expected, await configured.Db(db => db.Callbacks.CountAsync(c => c.WorkOrderId == id && c.Reason == CallbackReason.Sample)));
        }
    }
}
