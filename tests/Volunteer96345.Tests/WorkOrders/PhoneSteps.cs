using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Notifications;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders;

/// <summary>Steps of the phone journeys: an order offered to a chosen volunteer, forms posted the way a browser posts them.</summary>
internal static partial class PhoneSteps
{
    public const string Volunteer = "volunteer";

    public static Task<Guid> DemoVolunteerId(this AppFixture app) =>
        app.Db(db => db.Users.Where(u => u.UserName == Volunteer).Select(u => u.VolunteerId!.Value).SingleAsync());

    /// <summary>A hotline call the dispatcher then assigns by hand to <paramref name="volunteerId"/>: an open offer for them.</summary>
    public static async Task<(Guid Id, Guid OfferId, string Code)> OfferedTo(this AppFixture app, Guid volunteerId, string phone)
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var receipt = await dispatcher.Receive(WorkOrderSteps.Call(phone));
        var id = receipt.GetProperty("id").GetGuid();
        var response = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{id}/dispatch", new { mode = "Assign", kind = "Volunteer", candidateId = volunteerId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var order = await app.Load(id);
        var offer = order.Offers.Single(o => o.CandidateId == volunteerId && o.Status == OfferStatus.Open);
        return (id, offer.Id, order.TrackingCode);
    }

    /// <summary>The demo volunteer accepts, sets off and arrives through the API.</summary>
    public static async Task<HttpClient> Arrived(this AppFixture app, Guid id, Guid offerId)
    {
        var volunteer = await app.ClientFor(Volunteer);
        foreach (var step in new[] { $"offers/{offerId}/accept", "en-route", "arrive" })
        {
            var response = await volunteer.PostAsJsonAsync($"/api/v1/work-orders/{id}/{step}", new { });
            Assert.True(response.IsSuccessStatusCode, step + ": " + await response.Content.ReadAsStringAsync());
        }

        return volunteer;
    }

    /// <summary>An order of the demo volunteer resolved; returns the feedback token read from the SMS in the outbox.</summary>
    public static async Task<(Guid Id, string Code, string Token)> Resolved(this AppFixture app, string phone)
    {
        var (id, offerId, code) = await app.OfferedTo(await app.DemoVolunteerId(), phone);
        var volunteer = await app.Arrived(id, offerId);
        var response = await volunteer.PostAsJsonAsync($"/api/v1/work-orders/{id}/resolve", new { resolution = "已修好水管" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (id, code, await app.FeedbackToken(code));
    }

    public static async Task<string> FeedbackToken(this AppFixture app, string code)
    {
        var link = await app.Db(db => db.Outbox.Where(m => m.Channel == NotificationChannel.Sms && m.Link!.Contains("/m/feedback/" + code))
            .Select(m => m.Link!).SingleAsync());
        return link[(link.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
    }

    /// <summary>GETs the page and posts its form named <paramref name="handler"/> with the antiforgery token, as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string url, string handler, Dictionary<string, string> fields,
        IEnumerable<(string Name, byte[] Content)>? files = null, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? url);
        var token = TokenPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the page has a form with an antiforgery token");
        var values = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = token };
        if (files is null)
        {
            return await client.PostAsync(url, new FormUrlEncodedContent(values));
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (key, value) in values)
        {
            multipart.Add(new StringContent(value), key);
        }

        foreach (var (name, content) in files)
        {
            multipart.Add(new ByteArrayContent(content), "photos", name);
        }

        return await client.PostAsync(url, multipart);
    }

    public static async Task<string> Text(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>Rows a phone form could add: orders, feedback, call-backs, outbox, attachments, reveals.</summary>
    public static Task<string> Counts(this AppFixture app) => app.Db(async db => string.Join('|',
        await db.WorkOrders.CountAsync(), await db.Feedback.CountAsync(), await db.Callbacks.CountAsync(), await db.Outbox.CountAsync(),
        await db.Attachments.CountAsync(), await db.Reveals.CountAsync(), await db.SlaTimers.CountAsync(),
        await db.WorkOrders.SumAsync(o => o.Version)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
