using System.Globalization;
using System.Text;

namespace Volunteer96345.Common.Privacy;

/// <summary>
/// Pinyin initials of Chinese names ("张三" → "zs") without a dictionary: ICU's zh-CN collation orders characters by
/// pinyin, so a character's initial is the last boundary character that sorts at or before it. Letters i, u and v
/// begin no syllable and have no boundary.
/// </summary>
internal static class Pinyin
{
    private static readonly CompareInfo Collation = CultureInfo.GetCultureInfo("zh-CN").CompareInfo;

    private static readonly (char Boundary, char Letter)[] Boundaries =
    [
        ('阿', 'a'), ('八', 'b'), ('嚓', 'c'), ('咑', 'd'), ('妸', 'e'), ('发', 'f'), ('旮', 'g'), ('哈', 'h'), ('讥', 'j'),
        ('咔', 'k'), ('垃', 'l'), ('妈', 'm'), ('拏', 'n'), ('噢', 'o'), ('妑', 'p'), ('七', 'q'), ('呥', 'r'), ('仨', 's'),
        ('他', 't'), ('屲', 'w'), ('夕', 'x'), ('丫', 'y'), ('帀', 'z'),
    ];

    public static string Initials(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is >= '\u4e00' and <= '\u9fff' && Initial(c) is { } letter)
            {
                builder.Append(letter);
            }
        }

        return builder.ToString();
    }

    private static char? Initial(char c)
    {
        var s = c.ToString();
        char? found = null;
        foreach (var (boundary, letter) in Boundaries)
        {
            if (Collation.Compare(boundary.ToString(), s) <= 0)
            {
                found = letter;
            }
            else
            {
                break;
            }
        }

        return found;
    }
}
