using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Localization;

namespace Volunteer96345.Common.Web;

/// <summary>
/// Cross-site request forgery on the cookie-authenticated JSON API. SameSite=Lax keeps the session cookie off most
/// cross-site posts, but not off all (a top-level form post from a sibling site, an old browser), so a state-changing
/// call (POST, PUT, PATCH, DELETE under /api) made with the session cookie must show that it comes from the app itself:
/// an Origin (or, without one, a Referer) of the app's public address (App:PublicBaseUrl) or of the request's own
/// scheme and host, or a valid antiforgery token in the <see cref="HeaderName"/> header (from GET /api/v1/session/csrf).
/// Anything else is refused with 403 before the endpoint runs. Anonymous endpoints (the city platform's signed
/// dispatch; Open311 lives outside /api) authenticate their callers themselves and pass, except the sign-in itself,
/// which refuses a foreign origin (login CSRF) but accepts a request without one, as a script or a test sends it.
/// </summary>
internal static class ApiCsrf
{
    public const string HeaderName = "X-CSRF-TOKEN";
    public const string SignInPath = "/api/v1/session";

    public static void AddApiCsrf(this WebApplicationBuilder builder) =>
        builder.Services.Configure<AntiforgeryOptions>(o => o.HeaderName = HeaderName);

    /// <summary>Registered after UseAuthorization: the endpoint and the user are known, the endpoint has not run.</summary>
    public static void UseApiCsrf(this WebApplication app)
    {
        var publicOrigin = OriginOf(app.Configuration["App:PublicBaseUrl"]);
        app.Use(async (context, next) =>
        {
            if (await RefusalAsync(context, publicOrigin) is { } refusal)
            {
                var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new()
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = refusal.Origin is { } origin ? localizer[refusal.Key, origin, HeaderName] : localizer[refusal.Key, HeaderName],
                    },
                });
                return;
            }

            await next(context);
        });
    }

    /// <summary>The token for <see cref="HeaderName"/>, for a script of the signed-in user; the antiforgery cookie comes with it.</summary>
    public static void MapApiCsrf(this WebApplication app) =>
        app.MapGet(SignInPath + "/csrf", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return TypedResults.Ok(new CsrfToken(HeaderName, tokens.RequestToken));
        }).RequireAuthorization().WithTags("Session");

    internal sealed record CsrfToken(string HeaderName, string? Token);

    private sealed record Refusal(string Key, string? Origin = null);

    private static async Task<Refusal?> RefusalAsync(HttpContext context, string? publicOrigin)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return null;
        }

        var origin = request.Headers.Origin.FirstOrDefault() is { Length: > 0 } o ? o
            : request.Headers.Referer.FirstOrDefault() is { Length: > 0 } referer ? OriginOf(referer) ?? referer
            : null;
        var sameOrigin = origin is not null && (OriginOf(origin) is { } given)
            && (string.Equals(given, publicOrigin, StringComparison.OrdinalIgnoreCase) || string.Equals(given, OwnOrigin(request), StringComparison.OrdinalIgnoreCase));

        if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            var signIn = HttpMethods.IsPost(request.Method) && request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase);
            return signIn && origin is not null && !sameOrigin ? new Refusal("Privacy.CsrfSignInCrossOrigin", origin) : null;
        }

        if (context.User.Identity?.IsAuthenticated != true || sameOrigin)
        {
            return null;
        }

        // A foreign or missing origin: only the antiforgery token, which a foreign page cannot read, vouches for the call.
        if (request.Headers.ContainsKey(HeaderName))
        {
            return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)
                ? null
                : new Refusal("Privacy.CsrfBadToken");
        }

        return origin is not null ? new Refusal("Privacy.CsrfCrossOrigin", origin) : new Refusal("Privacy.CsrfMissing");
    }

    private static string OwnOrigin(HttpRequest request) => OriginOf($"{request.Scheme}://{request.Host}") ?? "";

    /// <summary>scheme://host[:port] of an absolute URL, the default port left out, as a browser writes Origin; null for anything else.</summary>
    private static string? OriginOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null;
}
