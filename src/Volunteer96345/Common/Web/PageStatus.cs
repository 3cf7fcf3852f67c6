using Microsoft.AspNetCore.Diagnostics;

namespace Volunteer96345.Common.Web;

internal static class PageStatus
{
    /// <summary>
    /// Sets the status of a statically rendered page that shows its own message (a phone page's "not found", a form's
    /// errors), so that the status-code pages do not replace it with a bare ProblemDetails body.
    /// </summary>
    public static void SetPageStatus(this HttpContext context, int statusCode)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.StatusCode = statusCode;
    }

    /// <summary>The status of a page that shows <paramref name="error"/> beside its form: the API's status for the same error, with its Retry-After.</summary>
    public static void SetPageStatus(this HttpContext context, Errors.AppError error)
    {
        context.SetPageStatus(error.Kind switch
        {
            Errors.ErrorKind.NotFound => StatusCodes.Status404NotFound,
            Errors.ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            Errors.ErrorKind.Conflict => StatusCodes.Status409Conflict,
            Errors.ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            Errors.ErrorKind.TooManyAttempts => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        });
        if (error.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds;
        }
    }
}
