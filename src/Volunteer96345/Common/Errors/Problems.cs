using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Localization;

namespace Volunteer96345.Common.Errors;

internal static class Problems
{
    /// <summary>The one mapping from an application error to ProblemDetails.</summary>
    public static IResult ToProblem(this AppError error) => error.Kind switch
    {
        ErrorKind.Validation => TypedResults.ValidationProblem(error.Fields, title: error.Message),
        ErrorKind.NotFound => TypedResults.Problem(title: error.Message, statusCode: StatusCodes.Status404NotFound),
        ErrorKind.Forbidden => TypedResults.Problem(title: error.Message, statusCode: StatusCodes.Status403Forbidden),
        ErrorKind.Conflict => TypedResults.Problem(title: error.Message, statusCode: StatusCodes.Status409Conflict),
        ErrorKind.Unauthorized => TypedResults.Problem(title: error.Message, statusCode: StatusCodes.Status401Unauthorized),
        ErrorKind.TooManyAttempts => new RetryAfter(error.RetryAfterSeconds,
            TypedResults.Problem(title: error.Message, statusCode: StatusCodes.Status429TooManyRequests,
                extensions: new Dictionary<string, object?> { ["errors"] = error.Fields })),
        _ => TypedResults.Problem(title: error.Message, statusCode: StatusCodes.Status400BadRequest),
    };

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsOk ? onSuccess(result.Value) : result.Error!.ToProblem();

    /// <summary>A 429's ProblemDetails with the Retry-After header (seconds) that tells a client when to try again.</summary>
    private sealed class RetryAfter(string? seconds, IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (seconds is not null)
            {
                httpContext.Response.Headers.RetryAfter = seconds;
            }

            return problem.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>
/// Turns request-shape failures (malformed JSON, a string where a number belongs, a bad route value) and scope
/// violations into ProblemDetails in the caller's language, instead of an empty 400 or a 500.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A person in a browser gets the error page (ErrorPages), not JSON.
        if (Web.ErrorPages.WantsPage(httpContext))
        {
            return false;
        }

        ValidationProblem? problem = exception switch
        {
            BadHttpRequestException bad => TypedResults.ValidationProblem(
                FieldOf(bad), title: localizer["Problem.MalformedRequest"]),
            _ => null,
        };
        if (problem is not null)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem.ProblemDetails,
                Exception = exception,
            });
        }

        var (status, title) = exception is StationScopeException
            ? (StatusCodes.Status403Forbidden, localizer["Problem.OutOfScope"])
            : (StatusCodes.Status500InternalServerError, localizer["Error.ServerTitle"]);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new() { Status = status, Title = title },
            Exception = exception,
        });
    }

    private Dictionary<string, string[]> FieldOf(BadHttpRequestException bad)
    {
        var json = bad.InnerException as System.Text.Json.JsonException;
        var path = json?.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body";
        return new Dictionary<string, string[]> { [path] = [localizer["Problem.WrongType"]] };
    }
}
