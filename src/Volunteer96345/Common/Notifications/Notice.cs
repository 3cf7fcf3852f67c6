using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Volunteer96345.Common.Notifications;

/// <summary>
/// A notice for a person in the words of the shared resources: a subject key and a body key, and the arguments both
/// format (<c>{0}</c>, <c>{1}</c> …). The inbox shows it in its reader's language when read; a text message, and the copy
/// stored with the message, are in Chinese, the town's language (a phone has no language setting the platform can see).
/// Arguments are values, not words: tracking codes, names, moments already formatted (Shanghai.Format), counts.
/// </summary>
internal sealed record Notice(string Subject, string Body, params string[] Args)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    // Chinese arguments stay as they are (one character, not a six-character escape each), so long ones still fit.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The notice stored with a message; null for a message in fixed words, or one stored in a shape this version cannot read.</summary>
    public static Notice? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Notice>(json) is { Subject.Length: > 0, Body.Length: > 0, Args: not null } notice ? notice : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The subject and body in the current UI culture; null when a key is no longer in the resources (the caller keeps the stored copy).</summary>
    public (string Subject, string Body)? Render(IStringLocalizer localizer)
    {
        var subject = localizer[Subject, Args];
        var body = localizer[Body, Args];
        return subject.ResourceNotFound || body.ResourceNotFound ? null : (subject.Value, body.Value);
    }

    /// <summary>The subject and body in Chinese, whatever the current UI culture (the sender's).</summary>
    public (string Subject, string Body) InChinese(IStringLocalizer localizer)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            return Render(localizer) ?? throw new InvalidOperationException($"The notice keys {Subject} and {Body} are not in the resources.");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
