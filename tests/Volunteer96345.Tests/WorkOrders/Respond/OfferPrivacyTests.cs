using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Tests.Common.Notifications;

namespace Volunteer96345.Tests.WorkOrders.Respond;

/// <summary>
/// Least data to the volunteer: an order only offered to them shows the item, the village and the distance; the
/// resident's name, phone, exact address and the tracking code come with accepting it, on the pages, in the API and in
/// the offer's texts alike.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OfferPrivacyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string CallerName = "王阿姨";
    private const string Street = "5组17号";
    private const string Description = "厨房水管爆裂";

    private static void HasNothingOfTheResident(string text, string phone, string code)
    {
        Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
        Assert.DoesNotContain(phone[^4..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(CallerName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Street, text, StringComparison.Ordinal);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offered_volunteer_sees_the_item_the_village_and_the_distance_but_not_the_resident_nor_the_tracking_code()
    {
        const string phone = "13905737001";
        var (id, _, code) = await app.OfferedTo(await app.DemoVolunteerId(), phone);
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);

        var list = await volunteer.GetAsync("/api/v1/my/work-orders");
        var detail = await volunteer.GetAsync($"/api/v1/my/work-orders/{id}");
        var listPage = await (await volunteer.GetAsync("/m/orders")).Text();
        var detailPage = await (await volunteer.GetAsync($"/m/orders/{id}")).Text();

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var listed = await list.Json();
        var offer = listed.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("trackingCode").ValueKind);
        Assert.Equal("城郊村", offer.GetProperty("village").GetString());
        Assert.Equal(JsonValueKind.Number, offer.GetProperty("distanceKm").ValueKind);
        var view = await detail.Json();
        Assert.Equal("水电维修", view.GetProperty("serviceName").GetString());
        Assert.Equal("城郊村", view.GetProperty("village").GetString());
        Assert.Equal(JsonValueKind.Number, view.GetProperty("distanceKm").ValueKind);
        foreach (var field in new[] { "trackingCode", "callerName", "callerPhone", "address" })
        {
            Assert.Equal(JsonValueKind.Null, view.GetProperty(field).ValueKind);
        }

        Assert.False(view.GetProperty("isResponder").GetBoolean());
        // The list page also shows the volunteer's own open orders, with their residents' addresses (issue 15): the offer's card is what must hold nothing.
        var card = System.Text.RegularExpressions.Regex.Match(listPage, $"<article[^>]*data-testid=\"order-{id}\"[\\s\\S]*?</article>").Value;
        Assert.NotEmpty(card);
        // Every string the offers carry, decoded (the JSON may escape Chinese text).
        static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => [e.GetString()!],
            JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
            JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
            _ => [e.GetRawText()],
        };
        var offers = string.Join('\n', Strings(listed.GetProperty("offers")));
        foreach (var text in new[] { offers, await detail.Content.ReadAsStringAsync(), card, detailPage })
        {
            HasNothingOfTheResident(text, phone, code);
        }

        Assert.Contains($"order-{id}", listPage, StringComparison.Ordinal);
        Assert.Contains("水电维修", detailPage, StringComparison.Ordinal);
        Assert.Contains("城郊村", detailPage, StringComparison.Ordinal);
        Assert.Contains("公里", detailPage, StringComparison.Ordinal);
        Assert.Contains("接单后显示", detailPage, StringComparison.Ordinal);
        Assert.DoesNotContain("tel:", detailPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_accepted_the_responder_sees_the_residents_name_phone_address_and_the_tracking_code_while_working_on_it()
    {
        const string phone = "13905737002";
        var (id, offerId, code) = await app.OfferedTo(await app.DemoVolunteerId(), phone);
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);

        var accept = await volunteer.PostAsJsonAsync($"/api/v1/work-orders/{id}/offers/{offerId}/accept", new { });

        Assert.True(accept.IsSuccessStatusCode, await accept.Content.ReadAsStringAsync());
        var view = await (await volunteer.GetAsync($"/api/v1/my/work-orders/{id}")).Json();
        Assert.Equal(code, view.GetProperty("trackingCode").GetString());
        Assert.Equal(CallerName, view.GetProperty("callerName").GetString());
        Assert.Equal(phone, view.GetProperty("callerPhone").GetString());
        Assert.Contains(Street, view.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.True(view.GetProperty("isResponder").GetBoolean());
        var active = (await (await volunteer.GetAsync("/api/v1/my/work-orders")).Json()).GetProperty("active").EnumerateArray()
            .Single(o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal(code, active.GetProperty("trackingCode").GetString());
        var page = await (await volunteer.GetAsync($"/m/orders/{id}")).Text();
        Assert.Contains($"tel:{phone}", page, StringComparison.Ordinal);
        Assert.Contains(CallerName, page, StringComparison.Ordinal);
        Assert.Contains(Street, page, StringComparison.Ordinal);
        Assert.Contains(code, page, StringComparison.Ordinal);
        Assert.Contains(code, await (await volunteer.GetAsync("/m/orders")).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_offer_notices_by_inbox_and_sms_name_the_item_the_village_and_the_distance_and_nothing_of_the_resident()
    {
        const string phone = "13905737003";
        var (id, _, code) = await app.OfferedTo(await app.DemoVolunteerId(), phone);

        // The inbox links inside the app; a text leaves it, so its link is absolute (App:PublicBaseUrl).
        var notices = await app.Db(db => db.Outbox.Where(m => m.Link == $"/m/orders/{id}" || m.Link == $"http://localhost:5000/m/orders/{id}").ToListAsync());
        var account = (await app.UserId(PhoneSteps.Volunteer)).ToString();

        Assert.Contains(notices, m => m.Channel == NotificationChannel.Sms && m.Link == $"http://localhost:5000/m/orders/{id}");
        Assert.Contains(notices, m => m.Channel == NotificationChannel.Inbox && m.Recipient == account);
        Assert.All(notices, m =>
        {
            var text = m.Subject + "\n" + m.Body;
            HasNothingOfTheResident(text, phone, code);
            Assert.DoesNotContain(Description, text, StringComparison.Ordinal);
            Assert.Contains("水电维修", m.Subject, StringComparison.Ordinal);
            Assert.Contains("城郊村", m.Body, StringComparison.Ordinal);
            Assert.Matches("距您约[0-9]+\\.[0-9]公里", m.Body);
        });
    }
}
