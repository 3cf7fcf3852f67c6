using MiniExcelLibs;

namespace Volunteer96345.Common.Text;

/// <summary>The one way the app writes an .xlsx sheet: every text cell goes through <see cref="SafeText.ForXml"/> first.</summary>
internal static class Spreadsheet
{
    public static async Task<byte[]> WriteAsync(IEnumerable<IReadOnlyDictionary<string, object?>> rows, string sheetName, CancellationToken cancellationToken)
    {
        var clean = rows.Select(row => row.ToDictionary(c => SafeText.ForXml(c.Key), c => c.Value is string text ? SafeText.ForXml(text) : c.Value)).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(clean, sheetName: SafeText.ForXml(sheetName), cancellationToken: cancellationToken);
        return stream.ToArray();
    }
}
