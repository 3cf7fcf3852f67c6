using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.Intake;

/// <summary>POST /api/v1/work-orders with an Idempotency-Key: one order per key and caller, the first answer again, another body refused.</summary>
[Trait("Category", "Integration")]
public sealed class IdempotentIntakeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static async Task<HttpResponseMessage> Post(HttpClient client, object call, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/work-orders") { Content = JsonContent.Create(call, options: TestData.ApiJson) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private Task<int> OrdersFrom(string phone)
    {
        var masked = phone[..3] + "****" + phone[^4..];
        return app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync(o => o.CallerPhoneMasked == masked));
    }

    [Fact]
    public async Task The_same_key_twice_records_one_order_and_answers_the_second_time_exactly_as_the_first_without_alerting_again()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var call = WorkOrderSteps.Call("13905750001");
        var first = await Post(dispatcher, call, "call-2026-11-29-0001");
        var firstBody = await first.Content.ReadAsStringAsync();
        var outbox = await app.Db(db => db.Outbox.CountAsync());
        var audit = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence));

        var again = await Post(dispatcher, call, "call-2026-11-29-0001");

        Assert.True(first.StatusCode == HttpStatusCode.Created, firstBody);
        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await OrdersFrom("13905750001"));
        Assert.Equal(outbox, await app.Db(db => db.Outbox.CountAsync()));
        Assert.Equal(audit, await app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence)));
        var id = (await first.Json()).GetProperty("id").GetGuid();
        var order = await app.Load(id);
        Assert.Equal(order.TrackingCode, (await again.Json()).GetProperty("trackingCode").GetString());
        Assert.Equal(64, order.RequestHash?.Length);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_409_problem_and_changes_nothing()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var first = await Post(dispatcher, WorkOrderSteps.Call("13905750002"), "call-0002");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await app.Snapshot();
        var orders = await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync());

        var changed = await Post(dispatcher, WorkOrderSteps.Call("13905750002", description: "不是水管，是电闸跳了"), "call-0002");

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", (await changed.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Snapshot());
        Assert.Equal(orders, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync()));
        Assert.Equal("厨房水管爆裂，水漫到客厅", (await app.Load((await first.Json()).GetProperty("id").GetGuid())).Description);
    }

    [Fact]
    public async Task The_conflict_is_explained_in_Chinese_by_default()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        Assert.Equal(HttpStatusCode.Created, (await Post(dispatcher, WorkOrderSteps.Call("13905750003"), "call-0003")).StatusCode);

        var changed = await Post(dispatcher, WorkOrderSteps.Call("13905750004"), "call-0003");

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("未作任何更改", (await changed.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_concurrent_copies_of_one_keyed_call_record_exactly_one_order_and_all_get_its_receipt()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var call = WorkOrderSteps.Call("13905750005");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Post(dispatcher, call, "call-0005-race"))));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, await OrdersFrom("13905750005"));
    }

    [Fact]
    public async Task Keys_belong_to_their_caller_so_two_users_with_the_same_key_record_two_orders()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var admin = await app.ClientFor(TestData.Admin);

        var mine = await Post(dispatcher, WorkOrderSteps.Call("13905750006"), "shared-key-1");
        var theirs = await Post(admin, WorkOrderSteps.Call("13905750006"), "shared-key-1");

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.NotEqual((await mine.Json()).GetProperty("id").GetGuid(), (await theirs.Json()).GetProperty("id").GetGuid());
        Assert.Equal(2, await OrdersFrom("13905750006"));
    }

    [Fact]
    public async Task Without_a_key_the_same_call_twice_records_two_orders_as_before()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        await dispatcher.Receive(WorkOrderSteps.Call("13905750007"));
        await dispatcher.Receive(WorkOrderSteps.Call("13905750007"));

        Assert.Equal(2, await OrdersFrom("13905750007"));
    }

    [Fact]
    public async Task A_key_over_100_characters_is_refused_with_the_field_named_and_changes_nothing()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var before = await app.Snapshot();

        var response = await Post(dispatcher, WorkOrderSteps.Call("13905750008"), new string('k', 101));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("idempotencyKey", out _));
        Assert.Equal(before, await app.Snapshot());
    }

    [Fact]
    public async Task A_refused_keyed_call_can_be_sent_again_corrected_under_the_same_key()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var refused = await Post(dispatcher, WorkOrderSteps.Call("12345"), "call-0009");

        var corrected = await Post(dispatcher, WorkOrderSteps.Call("13905750009"), "call-0009");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }
}
