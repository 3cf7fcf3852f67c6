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
}
