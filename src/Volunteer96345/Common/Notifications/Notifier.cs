using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Notifications;

/// <summary>
/// The one way to send a message from any module: it adds outbox rows to the caller's unit of work, so they commit
/// (or roll back) with the change they announce. Delivery happens later, in the outbox dispatcher.
/// </summary>
internal sealed class Notifier(AppDbContext db, TimeProvider clock, IConfiguration configuration, PublicLinks links, IStringLocalizer<SharedResource> localizer,
    ILogger<Notifier> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A message in fixed words to a user's inbox, shown as written whatever the reader's language.</summary>
    public void ToUser(Guid userId, string subject, string body, string? link = null) =>
        db.Outbox.Add(OutboxMessage.Create(NotificationChannel.Inbox, userId.ToString(), subject, body, link, Now));

    /// <summary>A notice to users' inboxes, each reader seeing it in their language (stored with its Chinese copy).</summary>
    public void ToUsers(IEnumerable<Guid> userIds, Notice notice, string? link = null)
    {
        var (subject, body) = notice.InChinese(localizer);
        var json = notice.ToJson();
        foreach (var userId in userIds.Distinct())
        {
            db.Outbox.Add(OutboxMessage.Create(NotificationChannel.Inbox, userId.ToString(), subject, body, link, Now, notice: json));
        }
    }

    /// <summary>A notice by text, in Chinese (<see cref="ToPhone(string, string, string, string?)"/>).</summary>
    public void ToPhone(string phoneCipher, Notice notice, string? link = null)
    {
        var (subject, body) = notice.InChinese(localizer);
        ToPhone(phoneCipher, subject, body, link);
    }

    /// <summary>
    /// A text message; the number is passed and stored encrypted (FieldProtector), as everywhere else. Its link leaves the
    /// app, so it is made absolute with App:PublicBaseUrl (a phone cannot open a bare /m/orders/…).
    /// </summary>
    public void ToPhone(string phoneCipher, string subject, string body, string? link = null) =>
        Text(OutboxMessage.Create(NotificationChannel.Sms, phoneCipher, subject, body, link is null ? null : links.Absolute(link), Now));

    /// <summary>A text that carries a code: its body is stored encrypted (<paramref name="bodyCipher"/>) and wiped once sent.</summary>
    public void SecretToPhone(string phoneCipher, string subject, string bodyCipher) =>
        Text(OutboxMessage.Create(NotificationChannel.Sms, phoneCipher, subject, bodyCipher, null, Now, secret: true));

    /// <summary>The reason a text cannot leave: no gateway to hand it to.</summary>
    public const string SmsNotConfigured = "SMS gateway not configured (Notifications:Sms:GatewayUrl).";

    /// <summary>
    /// Queues a text. Without a gateway it is stored already dead, with the reason, as its one attempt would have ended:
    /// the admin sees it and can send it again once a gateway is set (/admin/outbox), and no delivery is spent on it.
    /// </summary>
    private void Text(OutboxMessage message)
    {
        if (!CanText)
        {
            message.Failed(SmsNotConfigured, Now, 0, permanent: true);
            if (Interlocked.Exchange(ref _toldNoGateway, 1) == 0)
            {
                logger.LogWarning("No SMS gateway (Notifications:Sms:GatewayUrl): texts are kept as dead letters for the admin at /admin/outbox.");
            }
        }

        db.Outbox.Add(message);
    }

    private static int _toldNoGateway;

    /// <summary>Whether texts can reach phones at all: an operator configured an SMS/WeChat gateway.</summary>
    public bool CanText => Uri.TryCreate(configuration["Notifications:Sms:GatewayUrl"], UriKind.Absolute, out _);

    public void ToWebhook(string url, string subject, string jsonBody) =>
        db.Outbox.Add(OutboxMessage.Create(NotificationChannel.Webhook, url, subject, jsonBody, null, Now));

    /// <summary>A status callback to the city platform client <paramref name="apiClientId"/>, signed with its secret when sent.</summary>
    public void ToCity(Guid apiClientId, string subject, string jsonBody) =>
        db.Outbox.Add(OutboxMessage.Create(NotificationChannel.CityCallback, apiClientId.ToString(), subject, jsonBody, null, Now));
}
