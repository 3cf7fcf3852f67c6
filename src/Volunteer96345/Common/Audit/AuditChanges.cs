using System.Text.Json;

namespace Volunteer96345.Common.Audit;

/// <summary>Reads an audit row's change set ({"Name":["old","new"]}) as lines a person reads: "Name: old → new".</summary>
internal static class AuditChanges
{
    /// <summary>
    /// Columns that say nothing to a person reading a history (locks, versions, hashes, ciphertext, search keys): left
    /// out of the audit page's default view, shown on request. The chain and the stored rows keep them.
    /// </summary>
    public static bool IsTechnical(string name) =>
        name is "Version" or "ConcurrencyStamp" or "SecurityStamp" or "PasswordHash" or "ClaimedBy" or "ClaimedUntil" or "LockedUntil" or "Owner"
            or "NormalizedUserName" or "NormalizedEmail" or "NameInitials" or "LockoutEnd" or "AccessFailedCount" or "Effective"
        || name.EndsWith("Cipher", StringComparison.Ordinal) || name.EndsWith("Hash", StringComparison.Ordinal)
        // Keys: a row's own id and the ids it points at read as noise; the entity and the station columns say what they are.
        || name == "Id" || (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 && char.IsLower(name[^3]));

    /// <summary>The lines with each field named by <paramref name="label"/> and, unless <paramref name="technical"/>, the technical ones left out.</summary>
    public static IEnumerable<string> Lines(string changes, Func<string, string> label, bool technical) =>
        Parse(changes, label, technical);

    public static IEnumerable<string> Lines(string changes) => Parse(changes, name => name, technical: true);

    private static IEnumerable<string> Parse(string changes, Func<string, string> label, bool technical)
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
                    var fields = row.EnumerateObject().Where(f => f.Name != "@" && f.Value.ValueKind == JsonValueKind.Array && (technical || !IsTechnical(f.Name)))
                        .Select(f => Line(label(f.Name), [.. f.Value.EnumerateArray()]));
                    yield return $"{label(name[..^2])} ({action}): {string.Join("; ", fields)}";
                }

                continue;
            }

            if (technical || !IsTechnical(name))
            {
                yield return Line(label(name), pair);
            }
        }
    }

    private static string Line(string name, JsonElement[] pair) =>
        pair.Length == 2 ? $"{name}: {Show(pair[0])} → {Show(pair[1])}" : $"{name}: {Show(pair[0])}";

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "∅",
        JsonValueKind.String when value.GetString() is { Length: >= 20 } text && text[10] == 'T' && text.EndsWith('Z')
                                  && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                                      System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var utc)
            => Time.Shanghai.Format(utc), // a stored UTC time, in the town's time
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
