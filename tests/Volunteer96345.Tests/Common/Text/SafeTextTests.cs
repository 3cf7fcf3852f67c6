using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using MiniExcelLibs;
using Volunteer96345.Common.Text;

namespace Volunteer96345.Tests.Common.Text;

public sealed class SafeTextTests
{
    /// <summary>Every character the issue names: U+0000–U+001F, U+007F, both lone surrogates, U+FFFE and U+FFFF.</summary>
    public static TheoryData<char> StrayCharacters()
    {
        var data = new TheoryData<char>();
        foreach (var c in Enumerable.Range(0, 32).Select(i => (char)i).Concat(['\u007f', '\ud800', '\udc00', '\ufffe', '\uffff']))
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StrayCharacters))]
    public void Text_for_xml_loses_only_what_xml_forbids_and_a_strict_xml_writer_takes_the_rest(char stray)
    {
        var text = $"灯不亮{stray}请尽快😀";

        var safe = SafeText.ForXml(text);

        var kept = stray is '\t' or '\n' or '\r';
        Assert.Equal(kept ? text : "灯不亮请尽快😀", safe);
        var output = new StringWriter();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { CheckCharacters = true }))
        {
            writer.WriteElementString("description", safe);
        }

        Assert.Contains("请尽快😀", XDocument.Parse(output.ToString()).Root!.Value, StringComparison.Ordinal);
        if (stray != '\u007f')
        {
            // What was taken out is what XML forbids (DEL it allows, but no reader wants it).
            Assert.Throws<ArgumentException>(() => XmlWriter.Create(new StringWriter(), new XmlWriterSettings { CheckCharacters = true })
                .WriteElementString("description", kept ? "\u0001" : text));
        }
    }

    [Theory]
    [MemberData(nameof(StrayCharacters))]
    public void A_name_or_title_with_any_of_them_is_not_a_clean_line(char stray) =>
        Assert.False(SafeText.IsCleanLine($"王阿姨{stray}"));

    [Theory]
    [InlineData("王阿姨")]
    [InlineData("Zhang San 😀 张三")]
    [InlineData("")]
    [InlineData(null)]
    public void Ordinary_names_are_clean_lines(string? name) => Assert.True(SafeText.IsCleanLine(name));

    [Fact]
    public void Clean_text_comes_back_as_the_same_instance()
    {
        var text = string.Concat("盐官镇", 96345.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Same(text, SafeText.ForXml(text));
    }

    [Fact]
    public async Task A_spreadsheet_with_every_stray_character_in_its_cells_opens_in_a_strict_xml_reader_and_in_miniexcel()
    {
        var stray = string.Concat(Enumerable.Range(0, 32).Select(i => (char)i)) + "\u007f\ud800\udc00\ufffe\uffff";
        var rows = new[] { new Dictionary<string, object?> { ["姓名" + stray] = "张三" + stray, ["积分"] = 5 } };

        var file = await Spreadsheet.WriteAsync(rows, "Sheet" + stray, CancellationToken.None);

        using var zip = new ZipArchive(new MemoryStream(file));
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = XmlReader.Create(entry.Open(), new XmlReaderSettings { CheckCharacters = true });
            while (reader.Read())
            {
            }
        }

        var back = MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        var name = Assert.Single(back, c => c.Key.StartsWith("姓名", StringComparison.Ordinal));
        Assert.StartsWith("张三\t\n", (string)name.Value!, StringComparison.Ordinal);
        Assert.Equal(5d, Convert.ToDouble(back["积分"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
