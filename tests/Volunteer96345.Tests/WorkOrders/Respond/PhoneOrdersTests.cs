using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Notifications;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.Respond;

/// <summary>The volunteer's phone pages: their own offers and orders only, each step a form post, the caller's phone for them alone.</summary>
[Trait("Category", "Integration")]
public sealed class PhoneOrdersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    [Fact]
    public async Task A_volunteer_sees_their_own_offer_but_neither_sees_nor_acts_on_nor_reads_the_phone_of_another_volunteers()
    {
        var me = await app.DemoVolunteerId();
        var other = await app.Db(db => db.Volunteers.Where(v => v.Id != me).OrderBy(v => v.Number).Select(v => v.Id).FirstAsync());
        var mine = await app.OfferedTo(me, "13905731001");
        var theirs = await app.OfferedTo(other, "13905731002");
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);

        var list = await (await volunteer.GetAsync("/m/orders")).Text();
        var detail = await volunteer.GetAsync($"/m/orders/{theirs.Id}");
        var before = await app.Counts();
        var accept = await volunteer.PostAsJsonAsync($"/api/v1/work-orders/{theirs.Id}/offers/{theirs.OfferId}/accept", new { });
        var viaPage = await volunteer.PostForm("/m/orders", $"accept-{theirs.Id}", new() { ["Form.OfferId"] = theirs.OfferId.ToString() });

        Assert.Contains($"order-{mine.Id}", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"order-{theirs.Id}", list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Code, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.DoesNotContain("13905731002", await detail.Text(), StringComparison.Ordinal);
        Assert.True(accept.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, accept.StatusCode.ToString());
        Assert.True(viaPage.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, viaPage.StatusCode.ToString());
        Assert.Equal(before, await app.Counts());
        Assert.Equal(WorkOrderStatus.Dispatched, (await app.Load(theirs.Id)).Status);
        // Their own offer's phone too comes only with accepting it.
        Assert.DoesNotContain("13905731001", await (await volunteer.GetAsync($"/m/orders/{mine.Id}")).Text(), StringComparison.Ordinal);
        Assert.True((await volunteer.PostAsJsonAsync($"/api/v1/work-orders/{mine.Id}/offers/{mine.OfferId}/accept", new { })).IsSuccessStatusCode);
        Assert.Contains("tel:13905731001", await (await volunteer.GetAsync($"/m/orders/{mine.Id}")).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_set_off_arrive_and_resolve_with_two_photos_on_the_phone_page_ends_with_the_feedback_sms_in_the_outbox()
    {
        var (id, offerId, code) = await app.OfferedTo(await app.DemoVolunteerId(), "13905731003");
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);
        var me = await (await volunteer.GetAsync("/m/me")).Text();
        Assert.Matches("我的工单（[1-9][0-9]* 条待接单）", me);

        var accepted = await volunteer.PostForm("/m/orders", $"accept-{id}", new() { ["Form.OfferId"] = offerId.ToString() });
        Assert.Contains("接单成功", await accepted.Text(), StringComparison.Ordinal);
        var again = await volunteer.PostForm($"/m/orders/{id}", $"travel-{id}", []);
        Assert.Contains("已出发", await again.Text(), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(12));
        var phoneTime = AppFixture.Start.AddMinutes(11).AddSeconds(40);
        var arrived = await volunteer.PostForm($"/m/orders/{id}", $"arrive-{id}", new()
        {
            ["Form.PhoneTime"] = phoneTime.ToString("O", CultureInfo.InvariantCulture),
            ["Form.Latitude"] = "30.4012",
            ["Form.Longitude"] = "120.5203",
        });
        Assert.Contains("已记录到达时间", await arrived.Text(), StringComparison.Ordinal);
        var order = await app.Load(id);
        Assert.Equal(WorkOrderStatus.Arrived, order.Status);
        Assert.Equal(AppFixture.Start.UtcDateTime.AddMinutes(12), order.ArrivedAt);
        Assert.Equal(phoneTime.UtcDateTime, order.ArrivalPhoneTime);
        Assert.Equal(30.4012, order.ArrivalLatitude);

        var resolved = await volunteer.PostForm($"/m/orders/{id}", $"resolve-{id}", new() { ["Form.Resolution"] = "更换了水管接头" },
            [("a.jpg", Jpeg), ("b.png", Jpeg)]);

        Assert.Contains("已办结", await resolved.Text(), StringComparison.Ordinal);
        order = await app.Load(id);
        Assert.Equal(WorkOrderStatus.Resolved, order.Status);
        Assert.Equal(2, order.PhotoIds.Count);
        Assert.Equal(2, await app.Db(db => db.Attachments.CountAsync(a => order.PhotoIds.Contains(a.Id))));
        var sms = await app.Db(db => db.Outbox.Where(m => m.Channel == NotificationChannel.Sms && m.Link!.Contains("/m/feedback/" + code + "?t=")).CountAsync());
        Assert.Equal(1, sms);
    }

    [Theory]
    [InlineData(4, "photo.jpg")]
    [InlineData(1, "virus.exe")]
    public async Task Resolving_with_too_many_photos_or_a_file_that_is_not_a_photo_is_refused_and_saves_nothing(int count, string name)
    {
        var (id, offerId, _) = await app.OfferedTo(await app.DemoVolunteerId(), "1390573" + (1010 + count));
        var volunteer = await app.Arrived(id, offerId);
        var before = await app.Counts();
        var fingerprint = await app.Fingerprint();

        var response = await volunteer.PostForm($"/m/orders/{id}", $"resolve-{id}", new() { ["Form.Resolution"] = "修好了" },
            Enumerable.Range(0, count).Select(i => (i + name, Jpeg)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("照片", await response.Text(), StringComparison.Ordinal);
        Assert.Equal(WorkOrderStatus.Arrived, (await app.Load(id)).Status);
        Assert.Equal(before, await app.Counts());
        Assert.Equal(fingerprint, await app.Fingerprint());
    }

    [Fact]
    public async Task Accepting_an_offer_someone_else_took_first_shows_that_it_was_taken_and_changes_nothing()
    {
        var me = await app.DemoVolunteerId();
        var (id, offerId, _) = await app.OfferedTo(me, "13905731020");
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);
        var page = await volunteer.GetStringAsync("/m/orders");
        Assert.Contains(id.ToString(), page, StringComparison.Ordinal);
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var other = await app.Db(db => db.Volunteers.Where(v => v.Id != me).OrderBy(v => v.Number).Select(v => v.Id).FirstAsync());
        await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{id}/dispatch", new { mode = "Assign", kind = "Volunteer", candidateId = other });
        var otherOffer = (await app.Load(id)).Offers.Single(o => o.CandidateId == other && o.Status == OfferStatus.Open).Id;
        Assert.True((await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{id}/offers/{otherOffer}/accept", new { })).IsSuccessStatusCode);
        var before = await app.Counts();

        // The page was open before the other volunteer accepted; any form of the account gives the antiforgery token.
        var response = await volunteer.PostForm($"/m/orders/{id}", $"accept-{id}", new() { ["Form.OfferId"] = offerId.ToString() }, tokenFrom: "/m/me");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("已被", await response.Text(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Counts());
        Assert.Equal(other, (await app.Load(id)).ResponderVolunteerId);
    }
}
