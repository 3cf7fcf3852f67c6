using System.Globalization;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Activities;

/// <summary>
/// How attended time turns into credit hours (Activities:Rounding). Time counts in whole hours, and the last, started
/// hour by its minutes: under <see cref="ZeroUnderMinutes"/> counts 0, under <see cref="HalfUnderMinutes"/> counts half an
/// hour, the rest a whole hour. The default is the issue's: under 15 min 0, 15–45 min 0.5 h, 45–60 min 1 h.
/// </summary>
internal sealed class HourRounding
{
    public int ZeroUnderMinutes { get; set; } = 15;
    public int HalfUnderMinutes { get; set; } = 45;

    /// <summary>Hours as people write them: 1.5, 2 (PostgreSQL's numeric keeps trailing zeros).</summary>
    public static string Show(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    public decimal Round(TimeSpan attended)
    {
        if (attended <= TimeSpan.Zero)
        {
            return 0m;
        }

        var minutes = (int)Math.Floor(attended.TotalMinutes);
        var (hours, rest) = Math.DivRem(minutes, 60);
        var part = rest < ZeroUnderMinutes ? 0m : rest < HalfUnderMinutes ? 0.5m : 1m;
        return hours + part;
    }

    /// <summary>Credit hours for an attendance: only the time inside the planned start and end counts.</summary>
    public decimal Credit(Activity activity, DateTime checkedIn, DateTime checkedOut)
    {
        var from = checkedIn < activity.StartsAt ? activity.StartsAt : checkedIn;
        var to = checkedOut > activity.EndsAt ? activity.EndsAt : checkedOut;
        return Math.Min(Round(to - from), activity.PlannedHours);
    }
}

public enum AttendanceStep
{
    CheckIn,
    CheckOut,
}

/// <summary>
/// The rotating check-in code on the organiser's screen. Every <see cref="StepSeconds"/> seconds a new keyed hash of the
/// activity, the step (check-in or check-out) and the time step gives a URL token and a 6-digit code; the current and
/// the previous time step are accepted, so a photo of the screen sent to someone absent stops working within a minute.
/// The key is the application's field-hash key: nothing is stored per activity.
/// </summary>
internal sealed class CheckInCode(FieldProtector protector, TimeProvider clock)
{
    public const int StepSeconds = 30;

    public long CurrentStep => clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;

    /// <summary>When the current token stops being the newest (the screen refreshes then).</summary>
    public DateTime RotatesAt => DateTimeOffset.FromUnixTimeSeconds((CurrentStep + 1) * StepSeconds).UtcDateTime;

    public string Token(Guid activityId, AttendanceStep step) => TokenAt(activityId, step, CurrentStep);

    public string Code(Guid activityId, AttendanceStep step) => CodeAt(activityId, step, CurrentStep);

    /// <summary>True when <paramref name="tokenOrCode"/> is the URL token or the 6-digit code of this or the previous time step.</summary>
    public bool Accepts(Guid activityId, AttendanceStep step, string? tokenOrCode)
    {
        var given = tokenOrCode?.Trim() ?? "";
        if (given.Length == 0)
        {
            return false;
        }

        var now = CurrentStep;
        return new[] { now, now - 1 }.Any(s =>
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(given.Length == 6 ? CodeAt(activityId, step, s) : TokenAt(activityId, step, s)),
                System.Text.Encoding.ASCII.GetBytes(given)));
    }

    private string Hash(Guid activityId, AttendanceStep step, long timeStep) =>
        protector.Hash(string.Create(CultureInfo.InvariantCulture, $"activity-attendance:{activityId:N}:{step}:{timeStep}"));

    private string TokenAt(Guid activityId, AttendanceStep step, long timeStep) => Hash(activityId, step, timeStep)[..24];

    private string CodeAt(Guid activityId, AttendanceStep step, long timeStep) =>
        (Convert.ToUInt64(Hash(activityId, step, timeStep)[24..40], 16) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
