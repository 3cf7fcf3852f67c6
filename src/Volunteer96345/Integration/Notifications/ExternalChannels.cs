using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Notifications;

namespace Volunteer96345.Integration.Notifications;

/// <summary>
/// The outbox's channels that speak an outside protocol (webhooks, the SMS gateway, the city platform's callbacks) and the
/// town admin's view of deliveries, which names the API clients that callbacks go to.
/// </summary>
internal static class ExternalChannels
{
    public static void AddExternalChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<INotificationChannel, WebhookChannel>();
        builder.Services.AddScoped<INotificationChannel, SmsChannel>();
        builder.Services.AddScoped<INotificationChannel, CityCallbackChannel>();
        builder.Services.AddScoped<OutboxAdminHandler>();
    }

    public static void MapOutboxAdmin(this WebApplication app)
    {
        var outbox = app.MapGroup("/api/v1/admin/outbox").RequireAuthorization(p => p.RequireRole(Roles.TownAdmin)).WithTags("Notifications");
        outbox.MapGet("/", async (OutboxAdminHandler h, [AsParameters] OutboxFilter filter, CancellationToken ct) =>
            (await h.List(filter, ct)).ToHttp(TypedResults.Ok));
        outbox.MapPost("/{id:guid}/retry", async (OutboxAdminHandler h, Guid id, CancellationToken ct) =>
            (await h.Retry(id, ct)).ToHttp(dueAt => TypedResults.Ok(new { dueAt })));
    }
}
