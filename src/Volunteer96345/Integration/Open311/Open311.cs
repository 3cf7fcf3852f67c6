using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.Integration.Open311;

/// <summary>The filters of GET requests, as the query string gives them (comma-separated lists, W3C date-times).</summary>
internal sealed record Open311Query(string? ServiceRequestId, string? ServiceCode, string? StartDate, string? EndDate, string? Status);

/// <summary>
/// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) over the catalogue and the orders. Clients are anonymous systems:
/// reading services and requests needs no key; posting a request needs the api_key of an active Open311 client. The
/// requests it lists are those that came in through Open311, with public fields only — never the caller's phone or name.
/// </summary>
internal sealed partial class Open311Handler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    IntakeHandler intake)
{
    public const int MaxRequests = 1000;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    /// <summary>The intake's field names as Open311 calls the parameters, for the error descriptions.</summary>
    public static string ParameterName(string field) => field switch
    {
        "serviceCode" or "serviceItemId" => "service_code",
        "address" or "village" or "stationId" => "address_string",
        "latitude" => "lat",
        "longitude" => "long",
        "callerPhone" => "phone",
        "callerName" => "first_name",
        _ when field.StartsWith("answers.", StringComparison.Ordinal) => $"attribute[{field["answers.".Length..]}]",
        "answers" => "attribute",
        _ => field,
    };

    public async Task<JsonNode> Services(CancellationToken cancellationToken)
    {
        var items = await db.ServiceItems.AsNoTracking().Where(s => !s.IsRetired).ToListAsync(cancellationToken);
        return new JsonArray([.. items.OrderBy(s => s.Category).ThenBy(s => s.Code, StringComparer.Ordinal).Select(s => (JsonNode)new JsonObject
        {
            ["service_code"] = s.Code,
            ["service_name"] = s.Name,
            ["description"] = s.Description ?? "",
            ["metadata"] = s.Attributes.Count > 0,
            ["type"] = "realtime",
            ["keywords"] = string.Join(',', s.NameInitials, s.Name),
            ["group"] = localizer["ServiceCategory." + s.Category].Value,
        })]);
    }

    public async Task<Result<JsonNode>> Definition(string code, CancellationToken cancellationToken)
    {
        var item = code.Length > 20 ? null : await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code && !s.IsRetired, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Open311.UnknownService", code.Length > 20 ? code[..20] : code]);
        }

        return new JsonObject
        {
            ["service_code"] = item.Code,
            ["attributes"] = new JsonArray([.. item.Attributes.OrderBy(a => a.Order).Select(a => (JsonNode)new JsonObject
            {
                ["variable"] = true,
                ["code"] = a.Code,
                ["datatype"] = a.Datatype.ToString().ToLowerInvariant(),
                ["required"] = a.Required,
                ["datatype_description"] = a.Datatype switch
                {
                    AttributeDatatype.Datetime => localizer["Open311.DatetimeHint"].Value,
                    AttributeDatatype.MultiValueList => localizer["Open311.MultiValueHint"].Value,
                    _ => null,
                },
                ["order"] = a.Order,
                ["description"] = a.Description,
                ["values"] = new JsonArray([.. a.Values.Select(v => (JsonNode)new JsonObject { ["key"] = v.Key, ["name"] = v.Name })]),
            })]),
        };
    }

    /// <summary>POST requests: the spec's form fields, checked against an Open311 client's key, recorded through intake.</summary>
    public async Task<Result<JsonNode>> Submit(IFormCollection form, CancellationToken cancellationToken)
    {
        var key = form["api_key"].ToString().Trim();
        var hash = ApiClient.HashKey(key);
        var client = key.Length is 0 or > 200 ? null : await db.ApiClients.AsNoTracking()
            .FirstOrDefaultAsync(c => c.KeyHash == hash && c.IsActive && c.Kind == ApiClientKind.Open311, cancellationToken);
        if (client is null)
        {
            return AppError.Forbidden(localizer[key.Length == 0 ? "Open311.MissingKey" : "Open311.BadKey"]);
        }

        var v = new Validation(localizer);
        var latitude = Coordinate(v, form, "lat");
        var longitude = Coordinate(v, form, "long");
        var answers = Answers(v, form);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var name = string.Concat(form["last_name"].ToString().Trim(), form["first_name"].ToString().Trim());
        var input = new IntakeInput
        {
            ServiceCode = form["service_code"].ToString(),
            Description = form["description"].ToString(),
            Address = form["address_string"].ToString(),
            Latitude = latitude,
            Longitude = longitude,
            CallerName = name.Length == 0 ? null : name,
            CallerPhone = form["phone"].ToString(),
            Answers = answers,
        };
        user.ActAsSystem("open311:" + client.Name);
        var result = await intake.Submit(input, IntakeChannel.Open311, cancellationToken);
        if (!result.IsOk)
        {
            return result.Error!;
        }

        return new JsonArray(new JsonObject
        {
            ["service_request_id"] = result.Value.TrackingCode,
            ["service_notice"] = localizer["Open311.Notice", result.Value.TrackingCode, result.Value.StationName].Value,
            ["account_id"] = null,
        });
    }

    public async Task<Result<JsonNode>> Requests(Open311Query query, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer);
        var ids = List(query.ServiceRequestId).Select(i => i.ToUpperInvariant()).ToList();
        var codes = List(query.ServiceCode);
        var statuses = List(query.Status);
        var start = Date(v, "start_date", query.StartDate);
        var end = Date(v, "end_date", query.EndDate);
        v.Check(statuses.All(s => s is "open" or "closed"), "status", "Open311.BadStatus")
            .Check(ids.All(i => i.Length <= 8) && ids.Count <= 100, "service_request_id", "Open311.UnknownRequest", query.ServiceRequestId ?? "")
            .Check(codes.All(c => c.Length <= 20) && codes.Count <= 100, "service_code", "Open311.UnknownService", query.ServiceCode ?? "");
        if (start is not null && end is not null)
        {
            v.Check(start <= end, "end_date", "Open311.EndBeforeStart");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        // Standalone query: Open311 orders are public by how they came in, and only their public fields are read below.
        var orders = PublicOrders();
        if (ids.Count > 0)
        {
            // The spec: a list of ids ignores the other filters.
            orders = orders.Where(o => ids.Contains(o.TrackingCode));
        }
        else
        {
            if (codes.Count > 0)
            {
                var itemIds = await db.ServiceItems.AsNoTracking().Where(s => codes.Contains(s.Code)).Select(s => s.Id).ToListAsync(cancellationToken);
                orders = orders.Where(o => itemIds.Contains(o.ServiceItemId));
            }

            // Without dates the spec asks for the most recent 90 days.
            var from = start ?? (end ?? clock.GetUtcNow().UtcDateTime) - DefaultWindow;
            orders = orders.Where(o => o.ReceivedAt >= from);
            if (end is { } until)
            {
                orders = orders.Where(o => o.ReceivedAt <= until);
            }

            if (statuses.Contains("open") != statuses.Contains("closed"))
            {
                var closed = statuses.Contains("closed");
                orders = orders.Where(o => (o.Status == WorkOrderStatus.Resolved || o.Status == WorkOrderStatus.Closed) == closed);
            }
        }

        var found = await orders.OrderByDescending(o => o.ReceivedAt).Take(MaxRequests).ToListAsync(cancellationToken);
        return new JsonArray([.. await DescribeAsync(found, cancellationToken)]);
    }

    public async Task<Result<JsonNode>> Request(string id, CancellationToken cancellationToken)
    {
        var code = id.Trim().ToUpperInvariant();
        var order = code.Length > 8 ? null : await PublicOrders().FirstOrDefaultAsync(o => o.TrackingCode == code, cancellationToken);
        if (order is null)
        {
            return AppError.NotFound(localizer["Open311.UnknownRequest", id.Length > 20 ? id[..20] : id]);
        }

        return new JsonArray([.. await DescribeAsync([order], cancellationToken)]);
    }

    private IQueryable<WorkOrder> PublicOrders() => db.WorkOrders.IgnoreQueryFilters().AsNoTracking().Where(o => o.Channel == IntakeChannel.Open311);

    private async Task<List<JsonNode>> DescribeAsync(List<WorkOrder> orders, CancellationToken cancellationToken)
    {
        var itemIds = orders.Select(o => o.ServiceItemId).Distinct().ToList();
        var stationIds = orders.Select(o => o.StationId).Distinct().ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var stations = await db.Stations.IgnoreQueryFilters().AsNoTracking().Where(s => stationIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return
        [
            .. orders.Select(o => (JsonNode)new JsonObject
            {
                ["service_request_id"] = o.TrackingCode,
                ["status"] = o.IsOpen ? "open" : "closed",
                ["status_notes"] = localizer["WorkOrderStatus." + o.Status].Value,
                ["service_name"] = items[o.ServiceItemId].Name,
                ["service_code"] = items[o.ServiceItemId].Code,
                ["description"] = o.Description,
                ["agency_responsible"] = stations.GetValueOrDefault(o.StationId, ""),
                ["service_notice"] = null,
                ["requested_datetime"] = W3c(o.ReceivedAt),
                ["updated_datetime"] = W3c(o.Events.Count == 0 ? o.ReceivedAt : o.Events.Max(e => e.At)),
                ["expected_datetime"] = W3c(o.ResolveDue),
                ["address"] = o.Address,
                ["lat"] = o.Latitude,
                ["long"] = o.Longitude,
            }),
        ];
    }

    /// <summary>Times in the town's zone with their offset, as W3C date-times: 2026-11-29T10:00:00+08:00.</summary>
    private static string W3c(DateTime utc) =>
        new DateTimeOffset(Shanghai.ToLocal(utc), TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static List<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    private DateTime? Date(Validation v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length <= 40 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        v.Add(field, localizer["Open311.BadDate"]);
        return null;
    }

    private double? Coordinate(Validation v, IFormCollection form, string field)
    {
        var text = form[field].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length <= 30 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        v.Add(field, localizer["Open311.BadNumber"]);
        return null;
    }

    /// <summary>attribute[code]=value, and for multi-value lists attribute[code][]=a&amp;attribute[code][]=b (kept as "a,b", as intake reads them).</summary>
    private Dictionary<string, string>? Answers(Validation v, IFormCollection form)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            if (!name.StartsWith("attribute", StringComparison.Ordinal))
            {
                continue;
            }

            var match = AttributeName().Match(name);
            if (!match.Success)
            {
                v.Add(name.Length > 60 ? "attribute" : name, localizer["Open311.BadAttribute"]);
                continue;
            }

            var code = match.Groups[1].Value;
            var value = string.Join(',', values.Select(x => x?.Trim()).Where(x => !string.IsNullOrEmpty(x)));
            answers[code] = answers.TryGetValue(code, out var earlier) ? earlier + "," + value : value;
        }

        return answers.Count == 0 ? null : answers;
    }

    [GeneratedRegex(@"^attribute\[([A-Za-z][A-Za-z0-9_]{0,29})\](\[\])?$")]
    private static partial Regex AttributeName();
}
