using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Privacy;
using Volunteer96345.People;

namespace Volunteer96345.Tests.WorkOrders.HotlineConsole;

/// <summary>来电识别: the caller's past orders and care record, within the looker's station scope.</summary>
[Trait("Category", "Integration")]
public sealed class CallerLookupTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_lookup_lists_the_past_orders_of_that_phone_only_newest_first()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var first = await dispatcher.Receive(WorkOrderSteps.Call("13905731001"));
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var second = await dispatcher.Receive(WorkOrderSteps.Call("13905731001", item: "LA-003"));
        await dispatcher.Receive(WorkOrderSteps.Call("13905731002"));

        var response = await dispatcher.PostAsJsonAsync("/api/v1/work-orders/caller-lookup", new { phone = "139 0573 1001" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json();
        var codes = body.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("trackingCode").GetString()).ToList();
        Assert.Equal([second.GetProperty("trackingCode").GetString(), first.GetProperty("trackingCode").GetString()], codes);
        Assert.Equal("139****1001", body.GetProperty("maskedPhone").GetString());
    }

    [Fact]
    public async Task A_station_manager_sees_the_callers_orders_at_their_own_stations_only()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var mine = await dispatcher.Receive(WorkOrderSteps.Call("13905731003", village: "城郊村"));
        await dispatcher.Receive(WorkOrderSteps.Call("13905731003", item: "LA-003", village: "桃园村"));
        var manager = await app.ClientFor(TestData.Chengjiao);

        var body = await (await manager.PostAsJsonAsync("/api/v1/work-orders/caller-lookup", new { phone = "13905731003" })).Json();

        var ids = body.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([mine.GetProperty("id").GetGuid()], ids);
    }

    [Fact]
    public async Task A_guardians_phone_finds_the_care_recipient_with_their_needs_and_paired_member()
    {
        var recipient = await app.Db(async db =>
        {
            var paired = await db.Pairings.IgnoreQueryFilters().Where(p => p.EndedOn == null).Select(p => p.CareRecipientId).ToListAsync();
            return await db.CareRecipients.IgnoreQueryFilters().Where(c => c.GuardianPhone != null && c.IsActive && paired.Contains(c.Id)).FirstAsync();
        });
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var body = await (await dispatcher.PostAsJsonAsync("/api/v1/work-orders/caller-lookup", new { phone = recipient.GuardianPhone })).Json();

        var match = Assert.Single(body.GetProperty("careRecipients").EnumerateArray(), c => c.GetProperty("id").GetGuid() == recipient.Id);
        Assert.Equal(recipient.Needs, match.GetProperty("needs").EnumerateArray().Select(n => n.GetString()!).ToList());
        Assert.NotEmpty(match.GetProperty("pairedMembers").EnumerateArray().ToList());
        Assert.Equal(ChinesePhone.MaskAny(recipient.GuardianPhone!), body.GetProperty("maskedPhone").GetString());
    }

    [Fact]
    public async Task Registering_the_call_for_the_care_recipient_fills_the_caller_and_the_door_links_the_order_and_ranks_the_paired_member_first()
    {
        var recipient = await app.Db(async db =>
        {
            var paired = await db.Pairings.IgnoreQueryFilters().Where(p => p.EndedOn == null).Select(p => p.CareRecipientId).ToListAsync();
            return await db.CareRecipients.IgnoreQueryFilters().Where(c => c.GuardianPhone != null && c.GuardianName != null && c.IsActive && paired.Contains(c.Id))
                .OrderBy(c => c.Name).FirstAsync();
        });
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var response = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/caller-lookup/care-recipients/{recipient.Id}", new { phone = recipient.GuardianPhone });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = await response.Json();
        Assert.Equal(recipient.GuardianName, contact.GetProperty("callerName").GetString());
        Assert.Equal(recipient.Village, contact.GetProperty("village").GetString());
        var address = contact.GetProperty("address").GetString()!;
        Assert.StartsWith(recipient.AddressMasked[..6], address, StringComparison.Ordinal);
        Assert.Equal(1, await app.Db(db => db.Reveals.IgnoreQueryFilters().CountAsync(r => r.EntityId == recipient.Id && r.Field == nameof(CareField.Address))));

        // The paired member is put on duty for the next two hours at their home station, as its manager would, so that
        // they are available whatever the test clock's weekday.
        var pairedMember = await app.Db(db => db.Pairings.IgnoreQueryFilters().Where(p => p.CareRecipientId == recipient.Id && p.EndedOn == null)
            .Join(db.Volunteers.IgnoreQueryFilters(), p => p.VolunteerId, v => v.Id, (p, v) => new { v.Id, v.StationId }).FirstAsync());
        var local = Volunteer96345.Common.Time.Shanghai.ToLocal(app.Clock.GetUtcNow().UtcDateTime);
        var shift = await app.As<Volunteer96345.People.Rosters.DutyRosterHandler, Volunteer96345.Common.Errors.Result<Guid>>(TestData.Admin, h => h.AddShift(
            new Volunteer96345.People.Rosters.ShiftInput
            {
                StationId = pairedMember.StationId,
                Date = DateOnly.FromDateTime(local),
                Start = new TimeOnly(local.Hour, 0),
                End = new TimeOnly(local.Hour, 0).AddHours(2),
                VolunteerId = pairedMember.Id,
            }, CancellationToken.None));
        Assert.True(shift.IsOk, shift.Error?.Message);

        var receipt = await dispatcher.Receive(new
        {
            serviceCode = "EC-004",
            description = "老人一个人在家，请上门看看",
            address,
            village = recipient.Village,
            callerName = recipient.GuardianName,
            callerPhone = recipient.GuardianPhone,
            careRecipientId = recipient.Id,
        });

        var order = await app.Load(receipt.GetProperty("id").GetGuid());
        Assert.Equal(recipient.Id, order.CareRecipientId);
        var pairedMembers = await app.Db(db => db.Pairings.IgnoreQueryFilters().Where(p => p.CareRecipientId == recipient.Id && p.EndedOn == null)
            .Select(p => p.VolunteerId).ToListAsync());
        var paired = Assert.Single(order.Offers, o => pairedMembers.Contains(o.CandidateId));
        Assert.Contains("paired", paired.Reasons, StringComparison.Ordinal);
        var view = await dispatcher.Order(order.Id);
        Assert.Equal(recipient.Name, view.GetProperty("careRecipientName").GetString());
    }

    [Fact]
    public async Task A_care_recipients_own_landline_finds_them_and_another_number_cannot_read_their_address()
    {
        var recipient = await app.Db(db => db.CareRecipients.IgnoreQueryFilters().Where(c => c.Phone != null && c.IsActive).OrderBy(c => c.Name).FirstAsync());
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var body = await (await dispatcher.PostAsJsonAsync("/api/v1/work-orders/caller-lookup", new { phone = recipient.Phone })).Json();
        var match = Assert.Single(body.GetProperty("careRecipients").EnumerateArray());
        Assert.Equal(recipient.Id, match.GetProperty("id").GetGuid());
        Assert.False(match.GetProperty("byGuardian").GetBoolean());
        var own = await (await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/caller-lookup/care-recipients/{recipient.Id}", new { phone = recipient.Phone })).Json();
        Assert.Equal(recipient.Name, own.GetProperty("callerName").GetString());

        var before = await app.Fingerprint();
        var stranger = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/caller-lookup/care-recipients/{recipient.Id}", new { phone = "13905731999" });

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("")]
    [InlineData("not a phone")]
    public async Task A_lookup_of_something_that_is_not_a_phone_is_refused_and_changes_nothing(string phone)
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var before = await app.Fingerprint();

        var response = await dispatcher.PostAsJsonAsync("/api/v1/work-orders/caller-lookup", new { phone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("phone", (await response.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task An_inspector_cannot_look_a_caller_up()
    {
        var inspector = await app.ClientFor(TestData.Inspector);

        var response = await inspector.PostAsJsonAsync("/api/v1/work-orders/caller-lookup", new { phone = "13905731001" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
