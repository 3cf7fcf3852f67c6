using Volunteer96345.Common.Background;
using Volunteer96345.Common.Errors;

namespace Volunteer96345.Common.Notifications;

/// <summary>
/// The outbox, the inbox channel and the dispatcher (the channels that leave the app, SMS, webhooks and the city
/// platform's callbacks, and the delivery view, are Integration's: <c>AddExternalChannels</c>); the inbox API for every signed-in user.
/// Configuration: Notifications:Enabled (default true), Notifications:PollMilliseconds (500), Notifications:Webhook:Secret,
/// Notifications:Sms:GatewayUrl and Notifications:Sms:Secret.
/// </summary>
internal static class NotificationsModule
{
    public const string HttpClientName = "notifications";

    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<Notifier>();
        services.AddScoped<INotificationChannel, InboxChannel>();
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        // One instance serves both as the hosted loop and for callers (tests) that drain on demand.
        services.AddSingleton<OutboxDispatcher>();
        services.AddBackgroundJob<OutboxDispatcher>();
        services.AddScoped<MyInboxHandler>();
        services.AddScoped<InboxSignal>();
    }

    public static void MapNotifications(this WebApplication app)
    {
        var inbox = app.MapGroup("/api/v1/inbox").RequireAuthorization().WithTags("Inbox");
        inbox.MapGet("/", async (MyInboxHandler h, [AsParameters] InboxFilter filter, CancellationToken ct) =>
            (await h.List(filter, ct)).ToHttp(TypedResults.Ok));
        inbox.MapGet("/unread-count", async (MyInboxHandler h, CancellationToken ct) => TypedResults.Ok(new UnreadCount(await h.UnreadCount(ct))));
        inbox.MapPost("/{id:guid}/read", async (MyInboxHandler h, Guid id, CancellationToken ct) => (await h.MarkRead(id, ct)).ToHttp(TypedResults.Ok));
        inbox.MapPost("/read-all", async (MyInboxHandler h, CancellationToken ct) => TypedResults.Ok(new MarkedRead(await h.MarkAllRead(ct))));
    }
}

internal sealed record UnreadCount(int Count);

internal sealed record MarkedRead(int Marked);
