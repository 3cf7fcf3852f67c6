using Microsoft.AspNetCore.Http.Features;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Web;
using Volunteer96345.Integration.CityPlatform;
using Volunteer96345.Integration.Open311;

namespace Volunteer96345.Integration;

/// <summary>
/// The doors other systems use to hand the town requests: the city platform's signed dispatch and Open311 GeoReport v2.
/// Both are anonymous to ASP.NET (no cookie, no antiforgery): each authenticates its caller by key itself.
/// </summary>
internal static class IntakeApisModule
{
    /// <summary>A form larger than this is not a service request; 1 MB descriptions are refused as too long, not read whole.</summary>
    private const int MaxOpen311FormBytes = 4 * 1024 * 1024;

    public static void AddIntakeApis(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CityPlatformOptions>(builder.Configuration.GetSection("CityPlatform"));
        builder.Services.Configure<Open311Options>(builder.Configuration.GetSection("Open311"));
        builder.Services.AddScoped<CityOrdersHandler>();
        builder.Services.AddScoped<Open311Handler>();
    }

    public static void MapIntakeApis(this WebApplication app)
    {
        app.MapPost("/api/v1/city/orders", async (HttpContext http, CityOrdersHandler h, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(http.Request, CityOrdersHandler.MaxBodyBytes, ct);
            if (body is null)
            {
                var localizer = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Common.Localization.SharedResource>>();
                return TypedResults.Problem(title: localizer["City.TooLarge", CityOrdersHandler.MaxBodyBytes / 1024], statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            var headers = http.Request.Headers;
            var result = await h.Receive(new CitySignedRequest(headers["X-Api-Key"], headers["X-Timestamp"], headers["X-Signature"], body), ct);
            return result.ToHttp(r => r.Created
                ? TypedResults.Created($"/api/v1/work-orders/{r.Receipt.Id}", r.Receipt)
                : (IResult)TypedResults.Ok(r.Receipt));
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.ApiSubmit).WithTags("CityPlatform");

        var open311 = app.MapGroup("/open311/v2").AllowAnonymous().DisableAntiforgery().WithTags("Open311");
        open311.MapGet("/services.{format}", async (Open311Handler h, string format, CancellationToken ct) =>
            Open311Format.IsKnown(format) ? Open311Format.Write(await h.Services(ct), "services", format) : UnknownFormat());
        open311.MapGet("/services/{code}.{format}", async (Open311Handler h, string code, string format, CancellationToken ct) =>
            Open311Format.IsKnown(format) ? Answer(await h.Definition(code, ct), "service_definition", format) : UnknownFormat());
        open311.MapGet("/requests.{format}", async (Open311Handler h, string format, HttpRequest request, CancellationToken ct) =>
        {
            if (!Open311Format.IsKnown(format))
            {
                return UnknownFormat();
            }

            var q = request.Query;
            var query = new Open311Query(q["service_request_id"], q["service_code"], q["start_date"], q["end_date"], q["status"]);
            return Answer(await h.Requests(query, ApiKey(request), ct), "service_requests", format);
        });
        open311.MapGet("/requests/{id}.{format}", async (Open311Handler h, string id, string format, HttpRequest request, CancellationToken ct) =>
            Open311Format.IsKnown(format) ? Answer(await h.Request(id, ApiKey(request), ct), "service_requests", format) : UnknownFormat());
        open311.MapPost("/requests.{format}", async (Open311Handler h, string format, HttpRequest request, CancellationToken ct) =>
        {
            if (!Open311Format.IsKnown(format))
            {
                return UnknownFormat();
            }

            var localizer = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Common.Localization.SharedResource>>();
            if (!request.HasFormContentType || request.ContentLength > MaxOpen311FormBytes)
            {
                return Open311Format.Errors(StatusCodes.Status400BadRequest, [localizer["Open311.NotAForm"]], format);
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(new FormOptions { ValueLengthLimit = MaxOpen311FormBytes, MultipartBodyLengthLimit = MaxOpen311FormBytes }, ct);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                return Open311Format.Errors(StatusCodes.Status400BadRequest, [localizer["Open311.NotAForm"]], format);
            }

            var result = await h.Submit(form, request.Headers[Points.RedemptionModule.IdempotencyHeader].FirstOrDefault(), ct);
            return result.IsOk
                ? Open311Format.Write(result.Value, "service_requests", format, StatusCodes.Status201Created)
                : Open311Format.Error(result.Error!, format, Open311Handler.ParameterName);
        }).RequireRateLimiting(RateLimits.ApiSubmit);
    }

    private static IResult Answer(Result<System.Text.Json.Nodes.JsonNode> result, string rootName, string format) =>
        result.IsOk ? Open311Format.Write(result.Value, rootName, format) : Open311Format.Error(result.Error!, format, Open311Handler.ParameterName);

    /// <summary>A client reading requests names itself by <c>api_key</c> in the query string or the <c>X-Api-Key</c> header.</summary>
    private static string? ApiKey(HttpRequest request) =>
        request.Query["api_key"].FirstOrDefault() is { Length: > 0 } key ? key : request.Headers["X-Api-Key"].FirstOrDefault();

    private static IResult UnknownFormat() => Open311Format.Errors(StatusCodes.Status404NotFound, ["format: json | xml"], "json");

    /// <summary>The raw bytes, read once (the signature is over exactly these); null when the body is over the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
