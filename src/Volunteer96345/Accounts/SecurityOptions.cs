namespace Volunteer96345.Accounts;

/// <summary>The <c>Security</c> settings: session lifetimes, the second factor, activation codes.</summary>
internal sealed class SecurityOptions
{
    /// <summary>Back office: idle minutes before the session ends (sliding).</summary>
    public int StaffIdleMinutes { get; set; } = 30;

    /// <summary>Back office: hours after sign-in when the session ends, however active.</summary>
    public int StaffLifetimeHours { get; set; } = 12;

    /// <summary>Phones (volunteers, merchants): idle days before the session ends (sliding).</summary>
    public int PhoneIdleDays { get; set; } = 7;

    /// <summary>Phones: days after sign-in when the session ends, however active.</summary>
    public int PhoneLifetimeDays { get; set; } = 30;

    /// <summary>Town admins must sign in with a second factor (TOTP). Default: on, except in the demo.</summary>
    public bool RequireTotpForAdmins { get; set; } = true;

    /// <summary>Days an activation or reset code stays valid.</summary>
    public int ActivationDays { get; set; } = 7;

    /// <summary>Minutes an SMS reset code stays valid.</summary>
    public int SmsCodeMinutes { get; set; } = 10;

    /// <summary>
    /// How long this instance trusts what it read about a session. Revocations made here take effect at once; those
    /// made by another instance (PostgreSQL, several app servers) within this many seconds.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 5;

    public TimeSpan IdleFor(SessionKind kind) => kind == SessionKind.Staff ? TimeSpan.FromMinutes(StaffIdleMinutes) : TimeSpan.FromDays(PhoneIdleDays);

    public TimeSpan LifetimeFor(SessionKind kind) =>
        kind == SessionKind.Staff ? TimeSpan.FromHours(StaffLifetimeHours) : TimeSpan.FromDays(PhoneLifetimeDays);
}
