using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Volunteer96345.Integration.Notifications;

/// <summary>The HMAC-SHA256 signatures that receivers check. Both hash the UTF-8 bytes of the secret and of the text.</summary>
internal static class Signatures
{
    /// <summary>Webhooks and the SMS gateway: <c>sha256=</c> + lower-case hex over "{timestamp}.{body}".</summary>
    public static string Webhook(string secret, long timestamp, string body) =>
        "sha256=" + Hex(secret, timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);

    /// <summary>The city platform: lower-case hex over "{timestamp}\n{body}", the scheme it uses to call the town.</summary>
    public static string City(string secret, long timestamp, string body) =>
        Hex(secret, timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + body);

    private static string Hex(string secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
}
