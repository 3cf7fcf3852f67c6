namespace Volunteer96345.Points;

/// <summary>
/// What a member's QR code says: the prefix and their volunteer number, nothing secret. Scanning it only finds the
/// member; the redemption itself needs the one-time code from their phone. A scanner that types into the counter's
/// box and a person typing the number both end up here.
/// </summary>
internal static class MemberCode
{
    public const string Prefix = "V96345:";
    public const int MaxLength = 64;

    public static string For(string volunteerNumber) => Prefix + volunteerNumber;

    /// <summary>The volunteer number in a scanned text or a typed number; null when the text cannot be one.</summary>
    public static string? Number(string? scannedOrTyped)
    {
        var text = scannedOrTyped?.Trim() ?? "";
        if (text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[Prefix.Length..].Trim();
        }

        return text.Length is > 0 and <= 20 && text.All(char.IsAsciiLetterOrDigit) ? text.ToUpperInvariant() : null;
    }
}
