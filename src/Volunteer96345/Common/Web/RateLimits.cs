using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;

namespace Volunteer96345.Common.Web;

/// <summary>One limit: so many requests per window (seconds), counted per client.</summary>
internal sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public FixedWindowRateLimiterOptions ToOptions() => new()
    {
        PermitLimit = Math.Max(1, PermitLimit),
        Window = TimeSpan.FromSeconds(Math.Max(1, WindowSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>
/// RateLimits:* — limits by purpose, per real client address (after the proxy's X-Forwarded-For, <see cref="PublicDeployment"/>)
/// or, for API clients that name their key in a header or the query string, per key. A page view is not a submission:
/// reading counts only against <see cref="Read"/>, and signed-in staff are not limited in reading at all.
/// </summary>
internal sealed class RateLimitOptions
{
    /// <summary>Anonymous page views, feeds and public API reads.</summary>
    public RateLimit Read { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Things that alert people or create records: resident requests, feedback, applications, point claims.</summary>
    public RateLimit Submit { get; set; } = new() { PermitLimit = 6, WindowSeconds = 3600 };

    /// <summary>Attempts at a secret: tracking, claim and activation codes, sign-in, password reset.</summary>
    public RateLimit Guess { get; set; } = new() { PermitLimit = 60, WindowSeconds = 600 };

    /// <summary>Submissions of systems (Open311 POST, the city platform), per API key.</summary>
    public RateLimit ApiSubmit { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };
}

internal static class RateLimits
{
    /// <summary>POSTs count as submissions; the page that shows the form counts as reading.</summary>
    public const string Submit = "submit";

    /// <summary>POSTs count as guesses, and so does a GET that carries a code in its route (a status page looked up by code).</summary>
    public const string Guess = "guess";

    /// <summary>Submissions of API clients, by key.</summary>
    public const string ApiSubmit = "api-submit";

    public const string RetryAtItem = "v96345.retry-at";

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection("RateLimits"));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsRead(context) ? Partition(context, "read", l => l.Read) : RateLimitPartition.GetNoLimiter("none"));
            o.AddPolicy(Submit, context => IsWrite(context) ? Partition(context, "submit", l => l.Submit) : RateLimitPartition.GetNoLimiter("none"));
            o.AddPolicy(Guess, context => IsWrite(context) || context.Request.RouteValues.Keys.Any(k => k.Equals("code", StringComparison.OrdinalIgnoreCase))
                ? Partition(context, "guess", l => l.Guess)
                : RateLimitPartition.GetNoLimiter("none"));
            o.AddPolicy(ApiSubmit, context => IsWrite(context)
                ? ApiKeyOf(context) is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter("key:" + key, _ => Limits(context).ApiSubmit.ToOptions())
                    : Partition(context, "api", l => l.ApiSubmit)
                : RateLimitPartition.GetNoLimiter("none"));
            o.OnRejected = OnRejectedAsync;
        });
    }

    /// <summary>The real client's address: after UseForwardedHeaders this is the proxy's X-Forwarded-For when the proxy is trusted.</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> Partition(HttpContext context, string purpose, Func<RateLimitOptions, RateLimit> limit) =>
        RateLimitPartition.GetFixedWindowLimiter(purpose + ":" + ClientAddress(context), _ => limit(Limits(context)).ToOptions());

    private static bool IsWrite(HttpContext context) => !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) &&
                                                        !HttpMethods.IsOptions(context.Request.Method);

    /// <summary>Anonymous requests for pages and data; the app's static files (scripts, styles, images) are not counted.</summary>
    private static bool IsRead(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return false;
        }

        var path = context.Request.Path.Value ?? "";
        return !(path.StartsWith("/_framework/", StringComparison.Ordinal) || path.StartsWith("/_content/", StringComparison.Ordinal) ||
                 path.StartsWith("/error/", StringComparison.Ordinal) || StaticExtensions.Contains(Path.GetExtension(path)));
    }

    private static readonly HashSet<string> StaticExtensions = new(StringComparer.OrdinalIgnoreCase) { ".css", ".js", ".svg", ".png", ".ico", ".woff", ".woff2", ".map" };

    /// <summary>A key named in the X-Api-Key header or the api_key query parameter, hashed so that no key sits in memory as given.</summary>
    private static string? ApiKeyOf(HttpContext context)
    {
        var key = context.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header ? header : context.Request.Query["api_key"].ToString();
        return key.Length is > 0 and <= 200 ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] : null;
    }

    /// <summary>
    /// Says when to try again (Retry-After, and the local time for the page). API callers get ProblemDetails; a person in a
    /// browser gets the error page (the status code pages re-execute /error/429 on the empty body).
    /// </summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var retryAt = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddSeconds(seconds);
        context.Items[RetryAtItem] = retryAt;
        if (ErrorPages.WantsPage(context))
        {
            return;
        }

        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = localizer["Error.TooManyTitle"],
                Detail = localizer["Error.TooManyRetryAt", Shanghai.ToLocal(retryAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)],
            },
        });
    }
}
