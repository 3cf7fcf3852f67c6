using System.Globalization;
using System.Text.Json;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Integration.Notifications;

/// <summary>
/// The SMS/WeChat adapter: decrypts the number only here, at the moment of sending, and POSTs it with the text to the
/// operator's gateway (Notifications:Sms:GatewayUrl), signed like a webhook with Notifications:Sms:Secret. Without a
/// gateway every text fails with a clear reason and ends as a dead letter an admin can see: never reported as sent (the
/// notifier stores such texts dead already; one sent again from /admin/outbox meets this check).
/// </summary>
internal sealed class SmsChannel(IHttpClientFactory http, IConfiguration configuration, FieldProtector protector, TimeProvider clock)
    : INotificationChannel
{
    public const string NotConfigured = Notifier.SmsNotConfigured;

    public NotificationChannel Channel => NotificationChannel.Sms;

    public Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!Uri.TryCreate(configuration["Notifications:Sms:GatewayUrl"], UriKind.Absolute, out var gateway))
        {
            throw new DeliveryException(NotConfigured, permanent: true);
        }

        var secret = configuration["Notifications:Sms:Secret"];
        if (string.IsNullOrEmpty(secret))
        {
            throw new DeliveryException("SMS gateway secret not configured (Notifications:Sms:Secret).", permanent: true);
        }

        string phone;
        try
        {
            phone = protector.Unprotect(message.Recipient);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new DeliveryException("The recipient is not an encrypted phone number.");
        }

        var messageBody = message.Secret ? protector.Unprotect(message.Body) : message.Body;
        var text = string.Join(" ", new[] { message.Subject, messageBody, message.Link }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var body = JsonSerializer.Serialize(new { to = phone, text, channel = "sms" });
        return SignedPost.SendAsync(http, gateway, body, clock, (request, timestamp) =>
        {
            request.Headers.Add(WebhookChannel.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookChannel.SignatureHeader, Signatures.Webhook(secret, timestamp, body));
        }, ct);
    }
}
