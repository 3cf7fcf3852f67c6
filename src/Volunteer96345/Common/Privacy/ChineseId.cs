using System.Globalization;

namespace Volunteer96345.Common.Privacy;

/// <summary>
/// The 18-character resident identity number of GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence
/// (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// </summary>
internal static class ChineseId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var id = Normalize(value);
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || BirthDate(id) is null)
        {
            return false;
        }

        return CheckCharacter(id) == id[17];
    }

    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static DateOnly? BirthDate(string id) =>
        DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Odd sequence digit: male.</summary>
    public static bool IsMale(string id) => (id[16] - '0') % 2 == 1;

    /// <summary>What lists show: the region's first 3 digits and the last 4, so staff can tell two people apart without the number.</summary>
    public static string Mask(string id) => id.Length < 8 ? new string('*', id.Length) : id[..3] + new string('*', id.Length - 7) + id[^4..];
}

/// <summary>Mainland mobile numbers: 11 digits starting 1[3-9], optionally written with +86 and spaces or dashes.</summary>
internal static class ChinesePhone
{
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new string([.. value.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }

        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static string Mask(string mobile) => mobile.Length == 11 ? mobile[..3] + "****" + mobile[7..] : mobile;

    /// <summary>A mobile, or a landline with its area code (0573-87608888 → 057387608888): residents call from both.</summary>
    public static string? NormalizeAny(string? value)
    {
        if (Normalize(value) is { } mobile)
        {
            return mobile;
        }

        var digits = new string([.. (value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        return digits.Length is >= 10 and <= 12 && digits[0] == '0' && digits[1] != '0' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>Keeps the first three and last four digits of any number.</summary>
    public static string MaskAny(string phone) => phone.Length >= 8 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : phone;
}
