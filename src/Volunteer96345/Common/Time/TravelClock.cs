namespace Volunteer96345.Common.Time;

/// <summary>
/// The app's clock: the machine's (or a test's) clock, which one flow of work may set to a moment of its own with
/// <see cref="Set"/>. Only the demo's lived-in year does so: it runs the real handlers a year back, each action at the
/// moment it plays, while every request and background job beside it reads the inner clock. The moment travels with the
/// async flow (an <see cref="AsyncLocal{T}"/>), so it cannot leak into another request.
/// </summary>
internal sealed class TravelClock(TimeProvider inner) : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> Moment = new();

    public TimeProvider Inner => inner;

    /// <summary>Sets this flow's now (UTC) until it is set again; null returns the flow to the inner clock.</summary>
    public static void Set(DateTime? utc) => Moment.Value = utc is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;

    public override DateTimeOffset GetUtcNow() => Moment.Value ?? inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
