using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Text;

namespace Volunteer96345.Integration.Open311;

/// <summary>
/// Writes one response tree as GeoReport v2 JSON or XML. The XML names follow the spec: a list is an element named for
/// the list holding one element per item (<c>&lt;services&gt;&lt;service&gt;</c>, <c>&lt;service_requests&gt;&lt;request&gt;</c>,
/// <c>&lt;errors&gt;&lt;error&gt;</c>); a null is an empty element.
/// </summary>
internal static class Open311Format
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string XmlType = "text/xml; charset=utf-8";

    private static readonly Dictionary<string, string> ItemNames = new(StringComparer.Ordinal)
    {
        ["services"] = "service",
        ["service_requests"] = "request",
        ["errors"] = "error",
        ["attributes"] = "attribute",
        ["values"] = "value",
    };

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"json" or "xml"; anything else is answered in JSON with a 404, as an unknown resource.</summary>
    public static bool IsKnown(string? format) => format is "json" or "xml";

    public static IResult Write(JsonNode body, string rootName, string format, int status = StatusCodes.Status200OK) =>
        format == "xml"
            ? Results.Text(ToXml(body, rootName).ToString(SaveOptions.DisableFormatting), XmlType, Encoding.UTF8, status)
            : Results.Text(body.ToJsonString(Json), JsonType, Encoding.UTF8, status);

    /// <summary>The spec's error list: <c>[{"code":400,"description":"…"}]</c>, one entry per problem, with the same HTTP status.</summary>
    public static IResult Errors(int status, IEnumerable<string> descriptions, string format)
    {
        var list = new JsonArray([.. descriptions.Select(d => (JsonNode)new JsonObject { ["code"] = status, ["description"] = d })]);
        return Write(list, "errors", format, status);
    }

    public static IResult Error(AppError error, string format, Func<string, string> parameterName)
    {
        var status = error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden or ErrorKind.Unauthorized => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        var descriptions = error.Fields.Count == 0
            ? [error.Message]
            : error.Fields.SelectMany(f => f.Value.Select(m => $"{parameterName(f.Key)}: {m}")).ToList();
        return Errors(status, descriptions, format);
    }

    private static XElement ToXml(JsonNode? node, string name) => node switch
    {
        JsonArray array => new XElement(name, array.Select(item => ToXml(item, ItemNames.GetValueOrDefault(name, "item")))),
        JsonObject obj => new XElement(name, obj.Select(p => ToXml(p.Value, p.Key))),
        JsonValue value when value.TryGetValue<bool>(out var b) => new XElement(name, b ? "true" : "false"),
        JsonValue value => new XElement(name, SafeText.ForXml(value.ToString())),
        _ => new XElement(name),
    };
}
