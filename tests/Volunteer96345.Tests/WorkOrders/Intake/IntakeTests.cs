using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.Intake;

/// <summary>Recording a request: the responsible station, the clock, the first ranking and round of offers, timers and outbox in one commit.</summary>
[Trait("Category", "Integration")]
public sealed class IntakeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_hotline_call_is_routed_to_its_village_point_ranked_offered_and_timed_from_receipt()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var receipt = await dispatcher.Receive(WorkOrderSteps.Call());

        var id = receipt.GetProperty("id").GetGuid();
        var order = await app.Load(id);
        Assert.Equal(await app.ChengjiaoPoint(), order.StationId);
        Assert.Equal(now, order.ReceivedAt);
        Assert.Equal(order.ReceivedAt.AddMinutes(10), order.AcceptDue);
        Assert.Equal(order.ReceivedAt.AddMinutes(30), order.ArriveDue);
        Assert.Equal(8, order.TrackingCode.Length);
        Assert.Equal("139****0001", order.CallerPhoneMasked);
        Assert.DoesNotContain("13905730001", order.CallerPhoneCipher, StringComparison.Ordinal);
        var timers = await app.Db(db => db.SlaTimers.Where(t => t.WorkOrderId == id).Select(t => t.Kind).ToListAsync());
        Assert.Contains(SlaTimerKind.ArrivalBreach, timers);
        Assert.Contains(SlaTimerKind.ArrivalWarning, timers);
        var view = await dispatcher.Order(id);
        var offers = view.GetProperty("offers").EnumerateArray().ToList();
        Assert.NotEmpty(offers);
        var open = offers.Count(o => o.GetProperty("status").GetString() == "Open");
        Assert.Equal(Math.Min(3, offers.Count), open);
        Assert.Equal(open > 0 ? "Dispatched" : "Received", view.GetProperty("status").GetString());
        Assert.True(await app.Db(db => db.Outbox.CountAsync()) >= open, "every offered volunteer is told through the outbox");
    }

    [Fact]
    public async Task An_intake_is_audited_in_one_row_holding_its_offers_and_events_and_not_its_timers_or_messages()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var before = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence));

        var id = (await dispatcher.Receive(WorkOrderSteps.Call("13905730009"))).GetProperty("id").GetGuid();

        var rows = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Sequence > before).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(("WorkOrder", id.ToString(), "Added", TestData.NameOf(WorkOrderSteps.Dispatcher)), (row.EntityType, row.EntityId, row.Action, row.UserName));
        var offers = await app.Db(db => db.WorkOrders.Where(o => o.Id == id).SelectMany(o => o.Offers).CountAsync());
        using var changes = System.Text.Json.JsonDocument.Parse(row.Changes);
        Assert.Equal(offers, changes.RootElement.GetProperty("Offers[]").GetArrayLength());
        Assert.True(changes.RootElement.GetProperty("Events[]").GetArrayLength() > 0);
        Assert.DoesNotContain("13905730009", row.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_call_from_the_same_phone_for_the_same_item_within_two_hours_is_flagged_as_a_possible_duplicate()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var first = await dispatcher.Receive(WorkOrderSteps.Call("13905730002"));
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher); // the sign-in lapses after 30 idle minutes

        var second = await dispatcher.Receive(WorkOrderSteps.Call("13905730002"));
        var other = await dispatcher.Receive(WorkOrderSteps.Call("13905730003"));

        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("possibleDuplicateOf").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, other.GetProperty("possibleDuplicateOf").ValueKind);
    }

    [Theory]
    [InlineData("serviceCode", "NOPE-1")]
    [InlineData("callerPhone", "12345")]
    [InlineData("description", "")]
    [InlineData("answers", "bad-fault")]
    public async Task A_call_with_bad_input_is_refused_with_the_field_named_and_changes_nothing(string field, string value)
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var call = new Dictionary<string, object?>
        {
            ["serviceCode"] = "LA-001",
            ["description"] = "停电了",
            ["address"] = "城郊村5组17号",
            ["callerPhone"] = "13905730009",
            ["answers"] = new Dictionary<string, string> { ["fault"] = "power" },
        };
        call[field] = field == "answers" ? new Dictionary<string, string> { ["fault"] = value } : value;
        var before = await app.Fingerprint();
        var orders = await app.Db(db => db.WorkOrders.CountAsync());

        var response = await dispatcher.PostAsJsonAsync("/api/v1/work-orders", call);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith(field, StringComparison.Ordinal));
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(orders, await app.Db(db => db.WorkOrders.CountAsync()));
    }

    [Fact]
    public async Task A_description_of_one_megabyte_is_refused()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var orders = await app.Db(db => db.WorkOrders.CountAsync());

        var response = await dispatcher.PostAsJsonAsync("/api/v1/work-orders", WorkOrderSteps.Call(description: new string('水', 1024 * 1024)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(orders, await app.Db(db => db.WorkOrders.CountAsync()));
    }

    [Fact]
    public async Task An_inspector_cannot_record_a_call()
    {
        var inspector = await app.ClientFor("inspector");

        var response = await inspector.PostAsJsonAsync("/api/v1/work-orders", WorkOrderSteps.Call("13905730010"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
