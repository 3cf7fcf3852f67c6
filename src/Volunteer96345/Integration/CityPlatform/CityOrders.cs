using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.Integration.CityPlatform;

/// <summary>An order the city 96345 platform dispatches to the town (docs/integration/city-platform.md).</summary>
public sealed class CityOrderInput
{
    public string? CityOrderId { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public string? ServiceCode { get; set; }
    public string? Description { get; set; }
    public string? Address { get; set; }
    public string? Village { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? CallerName { get; set; }
    public string? CallerPhone { get; set; }
    public Dictionary<string, string>? Answers { get; set; }
}

/// <summary>The same body for the first delivery (201) and every repeat (200); <c>orderId</c> is the town's tracking code.</summary>
public sealed record CityOrderReceipt(string CityOrderId, string OrderId, Guid Id, string Station);

/// <summary>The <c>CityPlatform:</c> settings (docs/integration/city-platform.md).</summary>
internal sealed class CityPlatformOptions
{
    /// <summary>A dispatch time further back than this is refused: the city's retries stop long before, and the clock would start already breached.</summary>
    public int MaxDispatchAgeHours { get; set; } = 24;

    /// <summary>A dispatch time further ahead of the town's clock than this is refused; within it the clock starts at receipt.</summary>
    public int MaxDispatchAheadMinutes { get; set; } = 10;
}

/// <summary>What arrived over the wire, before anything is believed.</summary>
internal sealed record CitySignedRequest(string? ApiKey, string? Timestamp, string? Signature, byte[] Body);

internal sealed record CityOrderOutcome(CityOrderReceipt Receipt, bool Created);

/// <summary>
/// 市级分流派单: authenticates the city platform by its API key and an HMAC-SHA256 signature over the timestamp and the
/// raw body, refuses stale or future timestamps (a captured request cannot be replayed after five minutes, and inside
/// them the city order id makes a replay a no-op), then records the order through intake with the city's dispatch time
/// as the start of the clock. A city order id is recorded once: the same body again gets the first receipt, another
/// body under a known id a conflict.
/// </summary>
internal sealed class CityOrdersHandler(AppDbContext db, CurrentUser user, TimeProvider clock, FieldProtector protector,
    IStringLocalizer<SharedResource> localizer, IntakeHandler intake, IOptions<CityPlatformOptions> options)
{
    public const int MaxBodyBytes = 256 * 1024;
    public const int CityOrderIdLength = 64;
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
    };

    public async Task<Result<CityOrderOutcome>> Receive(CitySignedRequest request, CancellationToken cancellationToken)
    {
        var authenticated = await AuthenticateAsync(request, cancellationToken);
        if (!authenticated.IsOk)
        {
            return authenticated.Error!;
        }

        var client = authenticated.Value;
        var parsed = Parse(request.Body);
        if (!parsed.IsOk)
        {
            return parsed.Error!;
        }

        var input = parsed.Value;
        var v = new Validation(localizer).Text("cityOrderId", input.CityOrderId, CityOrderIdLength).Required("dispatchedAt", input.DispatchedAt);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        user.ActAsSystem("city:" + client.Name);
        var cityOrderId = input.CityOrderId!.Trim();
        var intakeInput = new IntakeInput
        {
            ServiceCode = input.ServiceCode,
            Description = input.Description,
            Address = input.Address,
            Village = input.Village,
            Latitude = input.Latitude,
            Longitude = input.Longitude,
            CallerName = input.CallerName,
            CallerPhone = input.CallerPhone,
            Answers = input.Answers,
        };
        var dispatchedAt = input.DispatchedAt!.Value;
        var requestHash = IntakeHandler.RequestHash(IntakeChannel.CityPlatform, intakeInput, dispatchedAt);

        // A known order is answered before its dispatch time is judged: a retry of yesterday's order is still the same order.
        if (await intake.FindAsync(IntakeChannel.CityPlatform, cityOrderId, requestHash, cancellationToken) is { } known)
        {
            return known.IsOk ? Outcome(cityOrderId, known.Value) : known.Error!;
        }

        var now = clock.GetUtcNow();
        var maxAge = TimeSpan.FromHours(options.Value.MaxDispatchAgeHours);
        var maxAhead = TimeSpan.FromMinutes(options.Value.MaxDispatchAheadMinutes);
        v.Check(dispatchedAt >= now - maxAge, "dispatchedAt", "Intake.CityDispatchTooOld", options.Value.MaxDispatchAgeHours)
            .Check(dispatchedAt <= now + maxAhead, "dispatchedAt", "Intake.CityDispatchAhead", options.Value.MaxDispatchAheadMinutes);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        // Within the allowed skew a dispatch time ahead of the town's clock is the city's clock running fast: the order
        // cannot have been dispatched after it arrived, so the clock starts at receipt.
        var receivedAt = dispatchedAt > now ? now : dispatchedAt;
        var result = await intake.Submit(intakeInput, IntakeChannel.CityPlatform, cancellationToken, apiClientId: client.Id, externalId: cityOrderId,
            receivedAt: receivedAt.UtcDateTime, requestHash: requestHash);
        return result.IsOk ? Outcome(cityOrderId, result.Value) : result.Error!;
    }

    private static CityOrderOutcome Outcome(string cityOrderId, IntakeReceipt receipt) =>
        new(new CityOrderReceipt(cityOrderId, receipt.TrackingCode, receipt.Id, receipt.StationName), !receipt.Existing);

    /// <summary>Lower-case hex HMAC-SHA256 with the shared secret over the UTF-8 bytes of <c>timestamp + "\n"</c> followed by the raw body.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + "\n");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    private async Task<Result<ApiClient>> AuthenticateAsync(CitySignedRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ApiKey) || request.ApiKey.Length > 200)
        {
            return AppError.Unauthorized(localizer["City.MissingKey"]);
        }

        var hash = ApiClient.HashKey(request.ApiKey.Trim());
        var client = await db.ApiClients.AsNoTracking()
            .FirstOrDefaultAsync(c => c.KeyHash == hash && c.IsActive && c.Kind == ApiClientKind.CityPlatform, cancellationToken);
        if (client?.SecretCipher is null)
        {
            return AppError.Unauthorized(localizer["City.UnknownKey"]);
        }

        if (!long.TryParse(request.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return AppError.Unauthorized(localizer["City.BadTimestamp"]);
        }

        var skew = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > MaxSkew)
        {
            return AppError.Unauthorized(localizer["City.StaleTimestamp", (int)MaxSkew.TotalMinutes]);
        }

        string secret;
        try
        {
            secret = protector.Unprotect(client.SecretCipher);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Registered under another field key (a restored backup without its key file): no signature can match.
            return AppError.Unauthorized(localizer["City.BadSignature"]);
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, request.Timestamp!, request.Body));
        var given = Encoding.ASCII.GetBytes(request.Signature?.Trim().ToLowerInvariant() ?? "");
        return CryptographicOperations.FixedTimeEquals(expected, given) ? client : AppError.Unauthorized(localizer["City.BadSignature"]);
    }

    private Result<CityOrderInput> Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<CityOrderInput>(body, Json) is { } input
                ? input
                : AppError.Invalid("body", localizer["Problem.MalformedRequest"]);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return new AppError(ErrorKind.Validation, localizer["Problem.MalformedRequest"],
                new Dictionary<string, string[]> { [field] = [localizer["Problem.WrongType"]] });
        }
    }
}
