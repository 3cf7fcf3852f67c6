using System.Globalization;
using System.Text;

using Volunteer96345.Common.Notifications;

namespace Volunteer96345.Integration.Notifications;

/// <summary>
/// POSTs the body (JSON) to the recipient URL, signed with Notifications:Webhook:Secret: the receiver recomputes
/// <c>X-V96345-Signature</c> from <c>X-V96345-Timestamp</c> and the raw body. Any answer but 2xx is a failure.
/// </summary>
internal sealed class WebhookChannel(IHttpClientFactory http, IConfiguration configuration, TimeProvider clock) : INotificationChannel
{
    public const string TimestampHeader = "X-V96345-Timestamp";
    public const string SignatureHeader = "X-V96345-Signature";

    public NotificationChannel Channel => NotificationChannel.Webhook;

    public Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var secret = configuration["Notifications:Webhook:Secret"];
        if (string.IsNullOrEmpty(secret))
        {
            throw new DeliveryException("Webhook secret not configured (Notifications:Webhook:Secret).", permanent: true);
        }

        if (!Uri.TryCreate(message.Recipient, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new DeliveryException($"Webhook recipient '{message.Recipient}' is not an http(s) URL.");
        }

        return SignedPost.SendAsync(http, url, message.Body, clock, (request, timestamp) =>
        {
            request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SignatureHeader, Signatures.Webhook(secret, timestamp, message.Body));
        }, ct);
    }
}

/// <summary>The one HTTP POST of the outbound channels: JSON body, signature headers, 2xx or a failure that names the status.</summary>
internal static class SignedPost
{
    public static async Task SendAsync(IHttpClientFactory http, Uri url, string body, TimeProvider clock,
        Action<HttpRequestMessage, long> sign, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        sign(request, clock.GetUtcNow().ToUnixTimeSeconds());
        using var client = http.CreateClient(NotificationsModule.HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new DeliveryException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {url.GetLeftPart(UriPartial.Path)}");
            }
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DeliveryException($"No answer within {client.Timeout.TotalSeconds:0} s from {url.GetLeftPart(UriPartial.Path)}");
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryException($"{e.Message} ({url.GetLeftPart(UriPartial.Path)})");
        }
    }
}
