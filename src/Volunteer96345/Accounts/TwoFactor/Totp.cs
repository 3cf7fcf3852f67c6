using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Volunteer96345.Accounts.TwoFactor;

/// <summary>
/// Time-based one-time passwords as RFC 6238 defines them with the parameters every common authenticator app uses by
/// default (HMAC-SHA1, 30-second steps, 6 digits), so an app reads the enrolment QR code without any setting.
/// </summary>
internal static class Totp
{
    public const int Digits = 6;
    public const int SecretBytes = 20;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Steps before and after now that still count: a phone's clock may be off by up to half a minute.</summary>
    public const int Tolerance = 1;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>RFC 4226's HOTP value of one counter: the dynamic truncation of HMAC-SHA1, as <see cref="Digits"/> digits.</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238's default, and the only algorithm every authenticator app supports; HOTP's truncation does not rely on SHA-1's collision resistance.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The step whose code matches, within the tolerance, and later than <paramref name="lastUsedStep"/> (a code is
    /// good once); null when none does. Every candidate is compared in constant time.
    /// </summary>
    public static long? Verify(byte[] secret, string? typed, DateTimeOffset now, long? lastUsedStep)
    {
        var code = new string([.. (typed ?? "").Where(char.IsAsciiDigit)]);
        if (code.Length != Digits)
        {
            return null;
        }

        long? matched = null;
        var current = StepAt(now);
        for (var step = current - Tolerance; step <= current + Tolerance; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(code))
                && (lastUsedStep is null || step > lastUsedStep))
            {
                matched = step;
            }
        }

        return matched;
    }

    /// <summary>The key URI format of Google Authenticator, which Microsoft Authenticator, FreeOTP and others read too.</summary>
    public static string Uri(string issuer, string account, byte[] secret) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}"
        + $"?secret={Base32(secret)}&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={(int)Step.TotalSeconds}";

    /// <summary>RFC 4648 base32 without padding, as authenticator apps expect the secret.</summary>
    public static string Base32(byte[] data)
    {
        var output = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }
}
