using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Evaluation;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>Arranging steps shared by the evaluation tests: rated orders, the month's draw, a worked check, a rectification.</summary>
internal static class EvaluationSteps
{
    public const string Api = "/api/v1/evaluation";

    /// <summary>10:00 in Shanghai on 1 December 2026: November is over and may be drawn.</summary>
    public static readonly DateTimeOffset December = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>An order of the demo volunteer resolved and rated by the resident on the feedback form.</summary>
    public static async Task<Guid> RatedOrder(this AppFixture app, string phone, int satisfaction, string attitude, string outcome)
    {
        var (id, code, token) = await app.Resolved(phone);
        var response = await app.CreateClient().PostForm($"/m/feedback/{code}?t={token}", "feedback", new()
        {
            ["Form.Satisfaction"] = satisfaction.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Attitude"] = attitude,
            ["Form.Outcome"] = outcome,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return id;
    }

    /// <summary>Moves the clock forward to <paramref name="at"/> unless it is there already (it never goes back).</summary>
    public static void MoveTo(this AppFixture app, DateTimeOffset at)
    {
        if (app.Clock.GetUtcNow() < at)
        {
            app.Clock.SetUtcNow(at);
        }
    }

    /// <summary>The draw of November 2026 in this database, if there is one.</summary>
    public static Task<Guid?> NovemberDraw(this AppFixture app) =>
        app.Db(db => db.SpotCheckDraws.Where(d => d.Year == 2026 && d.Month == 11).Select(d => (Guid?)d.Id).SingleOrDefaultAsync());

    /// <summary>The inspector draws November 2026 in December with <paramref name="seed"/>; the clock then moves a minute on, so that work comes after the draw.</summary>
    public static async Task<JsonElement> DrawNovember(this AppFixture app, int seed)
    {
        app.MoveTo(December);
        var inspector = await app.ClientFor(TestData.Inspector);
        var response = await inspector.PostAsJsonAsync($"{Api}/spot-checks/draws", new { year = 2026, month = 11, seed });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await response.Json();
    }

    public static Task<List<SpotCheck>> Checks(this AppFixture app, Guid drawId) =>
        app.Db(db => db.SpotChecks.AsNoTracking().Where(c => c.DrawId == drawId).ToListAsync());

    /// <summary>The unworked check of a sampled work order.</summary>
    public static Task<Guid> CheckOf(this AppFixture app, Guid orderId) =>
        app.Db(db => db.SpotChecks.Where(c => c.SubjectId == orderId && c.CheckedAt == null).Select(c => c.Id).SingleAsync());

    public static async Task<HttpResponseMessage> Work(this HttpClient inspector, Guid checkId, object input) =>
        await inspector.PostAsJsonAsync($"{Api}/spot-checks/{checkId}", input);

    public static object Confirmed(int attitude = 4, string outcome = "Solved", int satisfaction = 5, string findings = "电话回访，居民确认已修好") =>
        new { method = "Phone", verdict = "Confirmed", attitude, outcome, satisfaction, findings };

    public static Task<Rectification> Rectification(this AppFixture app, Guid id) =>
        app.Db(db => db.Rectifications.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>The inbox notices about a rectification, by recipient user id.</summary>
    public static Task<List<string>> NoticesAbout(this AppFixture app, Guid rectificationId, string subjectPart) =>
        app.Db(db => db.Outbox.Where(m => m.Channel == Volunteer96345.Common.Notifications.NotificationChannel.Inbox
                && m.Link == $"/evaluation/rectifications?id={rectificationId}" && m.Subject.Contains(subjectPart))
            .Select(m => m.Recipient).ToListAsync());

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today(this AppFixture app) => Volunteer96345.Common.Time.Shanghai.Today(app.Clock);

    /// <summary>A photo uploaded to the station's attachments, as evidence is uploaded beforehand through the API.</summary>
    public static async Task<Guid> Upload(this HttpClient client, Guid stationId, string name = "整改照片.png")
    {
        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(photo, "file", name);
        var response = await client.PostAsync($"/api/v1/stations/{stationId}/attachments", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }
}
