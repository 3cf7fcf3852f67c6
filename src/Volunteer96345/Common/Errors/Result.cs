namespace Volunteer96345.Common.Errors;

internal enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,

    /// <summary>A system caller whose key or signature does not hold (people are sent to the login page instead).</summary>
    Unauthorized,

    /// <summary>Too many wrong guesses of a code: the caller must wait <see cref="AppError.RetryAfter"/> (see GuessThrottle).</summary>
    TooManyAttempts,
}

/// <summary>The one error shape of the application. The API turns it into ProblemDetails; pages show its field messages beside the fields.</summary>
internal sealed record AppError(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]> Fields)
{
    public static AppError NotFound(string message) => new(ErrorKind.NotFound, message, EmptyFields);

    public static AppError Forbidden(string message) => new(ErrorKind.Forbidden, message, EmptyFields);

    public static AppError Conflict(string message) => new(ErrorKind.Conflict, message, EmptyFields);

    public static AppError Unauthorized(string message) => new(ErrorKind.Unauthorized, message, EmptyFields);

    public static AppError Invalid(string field, string message) =>
        new(ErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Refused without looking at the code: the message belongs beside <paramref name="field"/>, the wait goes into Retry-After.</summary>
    public static AppError TooManyAttempts(string field, string message, TimeSpan wait) =>
        new(ErrorKind.TooManyAttempts, message, new Dictionary<string, string[]> { [field] = [message] }) { RetryAfter = wait };

    /// <summary>How long the caller must wait before trying again; only for <see cref="ErrorKind.TooManyAttempts"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The Retry-After header's value: whole seconds, rounded up, at least one.</summary>
    public string? RetryAfterSeconds => RetryAfter is { } wait
        ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;

    public string? For(string field) => Fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private static readonly Dictionary<string, string[]> EmptyFields = [];
}

internal readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, AppError? error)
    {
        _value = value;
        Error = error;
    }

    public AppError? Error { get; }

    public bool IsOk => Error is null;

    public T Value => IsOk ? _value! : throw new InvalidOperationException("The result is an error: " + Error!.Message);

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(AppError error) => new(default, error);
}
