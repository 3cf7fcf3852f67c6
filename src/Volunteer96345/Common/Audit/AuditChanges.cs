using System.Text.Json;

namespace Volunteer96345.Common.Audit;

/// <summary>Reads an audit row's change set ({"Name":["old","new"]}) as lines a person reads: "Name: old → new".</summary>
internal static class AuditChanges
{
    public static IEnumerable<string> Lines(string changes)
    {
        Dictionary<string, JsonElement[]>? values;
        try
        {
            values = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(changes);
        }
        catch (JsonException)
        {
            values = null;
        }

        if (values is null)
        {
            yield return changes;
            yield break;
        }

        foreach (var (name, pair) in values)
        {
            if (name.EndsWith("[]", StringComparison.Ordinal))
            {
                // Owned rows written into their owner's change: {"@": action, "Name": [old, new] …} each.
                foreach (var row in pair.Where(r => r.ValueKind == JsonValueKind.Object))
                {
                    var action = row.TryGetProperty("@", out var a) ? a.GetString() : "";
                    var fields = row.EnumerateObject().Where(f => f.Name != "@" && f.Value.ValueKind == JsonValueKind.Array)
                        .Select(f => Line(f.Name, [.. f.Value.EnumerateArray()]));
                    yield return $"{name[..^2]} ({action}): {string.Join("; ", fields)}";
                }

                continue;
            }

            yield return Line(name, pair);
        }
    }

    private static string Line(string name, JsonElement[] pair) =>
        pair.Length == 2 ? $"{name}: {Show(pair[0])} → {Show(pair[1])}" : $"{name}: {Show(pair[0])}";

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "∅",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
