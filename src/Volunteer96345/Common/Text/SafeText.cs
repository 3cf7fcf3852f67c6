using System.Text;

namespace Volunteer96345.Common.Text;

/// <summary>
/// Text on its way into a format that forbids some characters. XML 1.0 (Open311 XML, RSS, the cells of an .xlsx file)
/// cannot carry the C0 controls other than tab, LF and CR, nor U+FFFE, U+FFFF or a lone surrogate: one of them makes
/// the whole document fail to serialize. Those are removed on output, so one stray byte in a resident's description
/// cannot take a feed down for every client. Names and titles refuse them on input (<see cref="IsCleanLine"/>).
/// </summary>
internal static class SafeText
{
    /// <summary>The text without the characters XML 1.0 forbids, and without DEL (a control no reader wants to see).</summary>
    public static string ForXml(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var first = FirstForbidden(text, keepLineBreaks: true);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var width = Width(text, i, keepLineBreaks: true);
            if (width > 0)
            {
                clean.Append(text, i, width);
                i += width - 1;
            }
        }

        return clean.ToString();
    }

    /// <summary>Whether a one-line value (a name, a title) holds no control character, no line break and nothing XML forbids.</summary>
    public static bool IsCleanLine(string? text) => string.IsNullOrEmpty(text) || FirstForbidden(text, keepLineBreaks: false) < 0;

    private static int FirstForbidden(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var width = Width(text, i, keepLineBreaks);
            if (width == 0)
            {
                return i;
            }

            i += width - 1;
        }

        return -1;
    }

    /// <summary>How many UTF-16 units the character at <paramref name="i"/> takes, or 0 when it is to go.</summary>
    private static int Width(string text, int i, bool keepLineBreaks)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 0;
        }

        return c switch
        {
            '\t' or '\n' or '\r' => keepLineBreaks ? 1 : 0,
            < ' ' or '\u007f' or '\ufffe' or '\uffff' => 0,
            _ when char.IsLowSurrogate(c) => 0,
            _ => 1,
        };
    }
}
