using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;

namespace Volunteer96345.Integration.Notifications;

/// <summary>
/// A status callback to the city platform: the body goes to the client's CallbackUrl, signed with its shared secret
/// the same way the city signs its calls to the town (X-Timestamp, X-Signature = hex HMAC-SHA256 of "{timestamp}\n{body}").
/// </summary>
internal sealed class CityCallbackChannel(AppDbContext db, IHttpClientFactory http, FieldProtector protector, TimeProvider clock)
    : INotificationChannel
{
    public const string KeyIdHeader = "X-Api-Key-Id";
    public const string TimestampHeader = "X-Timestamp";
    public const string SignatureHeader = "X-Signature";

    public NotificationChannel Channel => NotificationChannel.CityCallback;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var client = Guid.TryParse(message.Recipient, out var id)
            ? await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
            : null;
        if (client is null)
        {
            throw new DeliveryException($"No API client '{message.Recipient}'.");
        }

        if (!client.IsActive)
        {
            throw new DeliveryException($"API client '{client.Name}' is inactive.");
        }

        if (!Uri.TryCreate(client.CallbackUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new DeliveryException($"API client '{client.Name}' has no callback URL.");
        }

        if (string.IsNullOrEmpty(client.SecretCipher))
        {
            throw new DeliveryException($"API client '{client.Name}' has no shared secret.");
        }

        var secret = protector.Unprotect(client.SecretCipher);
        await SignedPost.SendAsync(http, url, message.Body, clock, (request, timestamp) =>
        {
            request.Headers.Add(KeyIdHeader, client.Id.ToString());
            request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SignatureHeader, Signatures.City(secret, timestamp, message.Body));
        }, ct);
    }
}
