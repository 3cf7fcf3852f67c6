using Volunteer96345.Activities.Attend;
using Volunteer96345.Activities.Calendar;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Activities.SignUps;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Web;

namespace Volunteer96345.Activities;

/// <summary>Organised service: the Pioneer Service Day on the 25th, holiday activities, sign-up, QR check-in and service hours.</summary>
internal static class ActivitiesModule
{
    public static void AddActivities(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HourRounding>(builder.Configuration.GetSection("Activities:Rounding"));
        builder.Services.AddScoped<CheckInCode>();
        builder.Services.AddScoped<ManageActivitiesHandler>();
        builder.Services.AddScoped<SignUpHandler>();
        builder.Services.AddScoped<AttendHandler>();
        builder.Services.AddScoped<Points.IServiceHours, ActivityHours>();
        builder.Services.AddScoped<ServiceDaysHandler>();
        builder.Services.AddScoped<Compliance.ComplianceHandler>();
        builder.Services.AddScoped<CalendarFeedHandler>();
        builder.Services.AddScoped<Notices.NoticesHandler>();
        builder.Services.AddScoped<Types.ActivityTypesHandler>();
        builder.Services.AddScoped<Summarize.SummarizeHandler>();
    }

    public static void MapActivities(this WebApplication app)
    {
        var staff = app.MapGroup("/api/v1/activities").RequireAuthorization(p => p.RequireRole(Roles.Staff)).WithTags("Activities");
        staff.MapGet("/", (ManageActivitiesHandler h, DateOnly? from, DateOnly? to, CancellationToken ct) => h.List(from, to, ct));
        staff.MapPost("/", async (ManageActivitiesHandler h, ActivityInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/activities/{id}", new { id })));
        staff.MapGet("/types", (Types.ActivityTypesHandler h, CancellationToken ct) => h.List(ct));
        staff.MapPost("/types", async (Types.ActivityTypesHandler h, Types.ActivityTypeInput input, CancellationToken ct) =>
            (await h.Add(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/activities/types/{id}", new { id })));
        staff.MapPut("/types/{id:guid}", async (Types.ActivityTypesHandler h, Guid id, Types.ActivityTypeInput input, CancellationToken ct) =>
            (await h.Rename(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/types/{id:guid}/retire", async (Types.ActivityTypesHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, false, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/types/{id:guid}/reactivate", async (Types.ActivityTypesHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, true, ct)).ToHttp(_ => TypedResults.NoContent()));
        staff.MapPost("/templates", async (ServiceDaysHandler h, TemplateInput input, CancellationToken ct) =>
            (await h.Save(input, ct)).ToHttp(added => TypedResults.Ok(new { added })));
        staff.MapPost("/{id:guid}/participants", async (SignUpHandler h, Guid id, AddParticipant input, CancellationToken ct) =>
            (await h.Add(id, input.VolunteerId, ct)).ToHttp(TypedResults.Ok));
        staff.MapGet("/{id:guid}/summary", async (Summarize.SummarizeHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        // Nine photos at the attachment limit exceed Kestrel's default 30 MB body; the handler still checks each file.
        staff.MapPost("/{id:guid}/summary", SummarizeAsync).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute((Summarize.SummarizeHandler.MaxPhotos * Common.Files.Attachment.MaxBytes) + (1024 * 1024)));
        staff.MapDelete("/{id:guid}/photos/{photoId:guid}", async (Summarize.SummarizeHandler h, Guid id, Guid photoId, CancellationToken ct) =>
            (await h.RemovePhoto(id, photoId, ct)).ToHttp(TypedResults.Ok));

        // The photos of a summary, shown on the public notices page.
        app.MapGet("/activities/{id:guid}/photos/{photoId:guid}", async (Summarize.SummarizeHandler h, Guid id, Guid photoId, CancellationToken ct) =>
            await h.PublicPhoto(id, photoId, ct) is { } photo ? Results.File(photo.Content, photo.ContentType) : Results.NotFound())
            .AllowAnonymous().WithTags("Activities");

        // Subscribed to by a phone's calendar, which cannot sign in: the signed URL is the authorisation.
        app.MapGet("/activities/calendar/{volunteerId:guid}/{token}.ics", async (CalendarFeedHandler h, Guid volunteerId, string token, CancellationToken ct) =>
            await h.Feed(volunteerId, token, ct) is { } ics ? Results.Text(ics, "text/calendar; charset=utf-8") : Results.NotFound())
            .AllowAnonymous().WithTags("Activities");

        // Linked from WeChat articles and other sites: public notices of upcoming activities.
        app.MapGet("/activities/notices.rss", async (Notices.NoticesHandler h, PublicLinks links, Microsoft.Extensions.Localization.IStringLocalizer<Common.Localization.SharedResource> l, CancellationToken ct) =>
            Results.Text(await h.Rss(links.BaseUrl + "/", l["Activities.Notices"], ct), "application/rss+xml; charset=utf-8")).AllowAnonymous().WithTags("Activities");
        app.MapGet("/activities/notices.json", async (Notices.NoticesHandler h, PublicLinks links, Microsoft.Extensions.Localization.IStringLocalizer<Common.Localization.SharedResource> l, CancellationToken ct) =>
            Results.Json(await h.Json(links.BaseUrl + "/", l["Activities.Notices"], ct), contentType: "application/feed+json; charset=utf-8")).AllowAnonymous().WithTags("Activities");

        var members = app.MapGroup("/api/v1/my/activities").RequireAuthorization(p => p.RequireRole(Roles.Volunteer)).WithTags("Activities");
        members.MapGet("/", (SignUpHandler h, CancellationToken ct) => h.Upcoming(ct));
        members.MapPost("/{id:guid}/signup", async (SignUpHandler h, Guid id, CancellationToken ct) => (await h.SignUp(id, ct)).ToHttp(TypedResults.Ok));
        members.MapPost("/{id:guid}/cancel", async (SignUpHandler h, Guid id, CancellationToken ct) => (await h.Cancel(id, ct)).ToHttp(TypedResults.Ok));
        members.MapPost("/{id:guid}/attendance", async (AttendHandler h, Guid id, AttendanceInput input, CancellationToken ct) =>
            (await h.Record(id, input.Step ?? (AttendanceStep)(-1), input.Code, ct)).ToHttp(TypedResults.Ok));
    }

    /// <summary>
    /// Multipart: a <c>summary</c> field (left out to keep the one written before) and any number of <c>photos</c> files.
    /// A file is read to one byte past the limit at most, so the handler sees it is too big without holding all of it.
    /// </summary>
    private static async Task<IResult> SummarizeAsync(Summarize.SummarizeHandler h, Guid id, HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (await h.Save(id, null, [], ct)).ToHttp(TypedResults.Ok);
        }

        var form = await request.ReadFormAsync(ct);
        var photos = new List<Common.Files.UploadedFile>();
        foreach (var file in form.Files.GetFiles("photos"))
        {
            using var buffer = new MemoryStream();
            await using var stream = file.OpenReadStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length <= Common.Files.Attachment.MaxBytes && (read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            photos.Add(new Common.Files.UploadedFile(file.FileName, buffer.ToArray()));
        }

        var summary = form.TryGetValue("summary", out var text) ? text.ToString() : null;
        return (await h.Save(id, summary, photos, ct)).ToHttp(TypedResults.Ok);
    }
}

internal sealed record AddParticipant(Guid? VolunteerId);

internal sealed record AttendanceInput(AttendanceStep? Step, string? Code);
