using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.Integration.Open311;

/// <summary>The filters of GET requests, as the query string gives them (comma-separated lists, W3C date-times).</summary>
internal sealed record Open311Query(string? ServiceRequestId, string? ServiceCode, string? StartDate, string? EndDate, string? Status);

/// <summary>The <c>Open311:</c> settings (docs/integration/open311.md).</summary>
internal sealed class Open311Options
{
    /// <summary>The town publishes every Open311 request's description, exact address and coordinates to anyone (off: coarse listings).</summary>
    public bool PublishDetails { get; set; }
}

/// <summary>
/// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) over the catalogue and the orders. Clients are anonymous systems:
/// reading services and requests needs no key; posting a request needs the api_key of an active Open311 client. The
/// requests it lists are those that came in through Open311. Residents' words and homes are personal data (PIPL): the
/// public listing gives the service, status, dates, the village and coordinates rounded to about 500 m, never the
/// description, the address or the caller; a client reading with its own api_key sees the full detail of the requests
/// it submitted itself, and <see cref="Open311Options.PublishDetails"/> publishes the detail of all.
/// </summary>
internal sealed partial class Open311Handler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    IntakeHandler intake, IOptions<Open311Options> options)
{
    public const int MaxRequests = 1000;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    /// <summary>Public coordinates snap to a grid of this many degrees: about 550 m north–south and 480 m east–west at 30° N.</summary>
    public const double CoarseDegrees = 0.005;

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

    /// <summary>
    /// POST requests: the spec's form fields, checked against an Open311 client's key, recorded through intake. With an
    /// Idempotency-Key the same key from the same client records one order and repeats get the first answer.
    /// </summary>
    public async Task<Result<JsonNode>> Submit(IFormCollection form, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var key = form["api_key"].ToString().Trim();
        var client = await ClientAsync(key, cancellationToken);
        if (client is null)
        {
            return AppError.Forbidden(localizer[key.Length == 0 ? "Open311.MissingKey" : "Open311.BadKey"]);
        }

        if (idempotencyKey is { Length: > IntakeHandler.IdempotencyKeyLength })
        {
            return AppError.Invalid("Idempotency-Key", localizer["Validation.TooLong", "Idempotency-Key", IntakeHandler.IdempotencyKeyLength]);
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
        var keyed = !string.IsNullOrWhiteSpace(idempotencyKey);
        var result = await intake.Submit(input, IntakeChannel.Open311, cancellationToken, apiClientId: client.Id,
            externalId: keyed ? IntakeHandler.KeyedId(string.Create(CultureInfo.InvariantCulture, $"open311:{client.Id}"), idempotencyKey!) : null,
            requestHash: keyed ? IntakeHandler.RequestHash(IntakeChannel.Open311, input) : null);
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

    public async Task<Result<JsonNode>> Requests(Open311Query query, string? apiKey, CancellationToken cancellationToken)
    {
        var reader = await ReaderAsync(apiKey, cancellationToken);
        if (!reader.IsOk)
        {
            return reader.Error!;
        }

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

        // Standalone query: Open311 orders are public by how they came in, and DescribeAsync decides which fields each reader sees.
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
        return new JsonArray([.. await DescribeAsync(found, reader.Value, cancellationToken)]);
    }

    public async Task<Result<JsonNode>> Request(string id, string? apiKey, CancellationToken cancellationToken)
    {
        var reader = await ReaderAsync(apiKey, cancellationToken);
        if (!reader.IsOk)
        {
            return reader.Error!;
        }

        var code = id.Trim().ToUpperInvariant();
        var order = code.Length > 8 ? null : await PublicOrders().FirstOrDefaultAsync(o => o.TrackingCode == code, cancellationToken);
        if (order is null)
        {
            return AppError.NotFound(localizer["Open311.UnknownRequest", id.Length > 20 ? id[..20] : id]);
        }

        return new JsonArray([.. await DescribeAsync([order], reader.Value, cancellationToken)]);
    }

    private async Task<ApiClient?> ClientAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiClient.HashKey(key);
        return key.Length is 0 or > 200 ? null : await db.ApiClients.AsNoTracking()
            .FirstOrDefaultAsync(c => c.KeyHash == hash && c.IsActive && c.Kind == ApiClientKind.Open311, cancellationToken);
    }

    /// <summary>Who reads: nobody in particular without a key (Guid.Empty), the client whose key it is, or a refusal for a key that is no client's.</summary>
    private async Task<Result<Guid>> ReaderAsync(string? apiKey, CancellationToken cancellationToken)
    {
        var key = apiKey?.Trim() ?? "";
        if (key.Length == 0)
        {
            return Guid.Empty;
        }

        return await ClientAsync(key, cancellationToken) is { } client ? client.Id : AppError.Forbidden(localizer["Open311.BadKey"]);
    }

    private IQueryable<WorkOrder> PublicOrders() => db.WorkOrders.AcrossStations("Open311 clients see the public fields of every Open311 request").AsNoTracking().Where(o => o.Channel == IntakeChannel.Open311);

    private async Task<List<JsonNode>> DescribeAsync(List<WorkOrder> orders, Guid reader, CancellationToken cancellationToken)
    {
        var itemIds = orders.Select(o => o.ServiceItemId).Distinct().ToList();
        var stationIds = orders.Select(o => o.StationId).Distinct().ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var stations = await db.StationNames(stationIds, cancellationToken);

        // A village is public only when it is one of the town's own: the field is free text a caller could fill with an address.
        // Scope lifted on purpose: anonymous Open311 readers have no station; the list is only the town's village names.
        var villages = (await db.Stations.AcrossStations("Open311 lists every village").AsNoTracking().Select(s => s.Village).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return
        [
            .. orders.Select(o =>
            {
                var detail = options.Value.PublishDetails || (reader != Guid.Empty && o.ApiClientId == reader);
                var request = new JsonObject
                {
                    ["service_request_id"] = o.TrackingCode,
                    ["status"] = o.IsOpen ? "open" : "closed",
                    // The status's own name, never a person's words.
                    ["status_notes"] = localizer["WorkOrderStatus." + o.Status].Value,
                    ["service_name"] = items[o.ServiceItemId].Name,
                    ["service_code"] = items[o.ServiceItemId].Code,
                };
                if (detail)
                {
                    request["description"] = o.Description;
                }

                request["agency_responsible"] = stations.GetValueOrDefault(o.StationId, "");
                request["service_notice"] = null;
                request["requested_datetime"] = W3c(o.ReceivedAt);
                request["updated_datetime"] = W3c(o.Events.Count == 0 ? o.ReceivedAt : o.Events.Max(e => e.At));
                request["expected_datetime"] = W3c(o.ResolveDue);
                request["address"] = detail ? o.Address : o.Village is { } village && villages.Contains(village) ? village : null;
                request["lat"] = detail ? o.Latitude : Coarse(o.Latitude);
                request["long"] = detail ? o.Longitude : Coarse(o.Longitude);
                return (JsonNode)request;
            }),
        ];
    }

    /// <summary>The coordinate snapped to the <see cref="CoarseDegrees"/> grid (30.4101 → 30.41).</summary>
    public static double? Coarse(double? degrees) =>
        degrees is { } d ? Math.Round(Math.Round(d / CoarseDegrees, MidpointRounding.AwayFromZero) * CoarseDegrees, 3) : null;

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
