using Microsoft.AspNetCore.Diagnostics;

namespace Volunteer96345.Common.Web;

/// <summary>
/// A person in a browser who meets an error (404, 403, 429, 500) gets a page in their language that says what to do next
/// (/error/{code}, on the phone pages' look when they came from one); API and Open311 callers, feed readers and anything
/// else that does not ask for HTML keep ProblemDetails.
/// </summary>
internal static class ErrorPages
{
    private static readonly string[] MachinePrefixes = ["/api", "/open311", "/openapi", "/healthz", "/_blazor", "/_framework", "/_content"];

    /// <summary>The path the person asked for, also while the error page is being rendered in its place.</summary>
    public static PathString OriginalPath(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { } reExecuted ? new PathString(reExecuted)
        : context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failed ? new PathString(failed)
        : context.Request.Path;

    /// <summary>The phone pages (/m, the public notices and errand status) have their own look.</summary>
    public static bool IsPhonePage(HttpContext context)
    {
        var path = OriginalPath(context);
        return path.StartsWithSegments("/m") || path.StartsWithSegments("/activities/notices") || path.StartsWithSegments("/errands");
    }

    public static bool WantsPage(HttpContext context)
    {
        var path = OriginalPath(context);
        if (MachinePrefixes.Any(p => path.StartsWithSegments(p)))
        {
            return false;
        }

        return context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>
    /// Exceptions and bodiless error statuses become the error page for people, ProblemDetails for everyone else. Both
    /// handlers sit at the top of the pipeline (re-execution needs the app's routes); each request switches off the one
    /// that is not for it.
    /// </summary>
    public static void UseErrorPages(this WebApplication app)
    {
        // API exceptions are written as ProblemDetails by ProblemExceptionHandler; a page's go to the error page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            StatusCodeSelector = exception => exception switch
            {
                Auth.StationScopeException => StatusCodes.Status403Forbidden,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            if (WantsPage(context) && context.Features.Get<IStatusCodePagesFeature>() is { } problems)
            {
                problems.Enabled = false;
            }

            return next(context);
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use((context, next) =>
        {
            if (!WantsPage(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            // A refused POST (a form sent too often) is answered with the page, which is read, not submitted.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
    }
}
