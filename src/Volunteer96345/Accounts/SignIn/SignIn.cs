using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Accounts.Sessions;
using Volunteer96345.Accounts.TwoFactor;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts.SignIn;

public sealed record SignInInput(string? UserName, string? Password, string? Code = null);

public enum SignInStep
{
    /// <summary>Signed in; the cookie is set.</summary>
    Done,

    /// <summary>The password is right and the account has a second factor: ask for the authenticator's code.</summary>
    SecondFactor,
}

/// <summary>
/// Where the person goes next: the back office or their phone home (a town admin without a second factor enrols first);
/// at <see cref="SignInStep.SecondFactor"/>, a ticket that proves the password for five minutes, for the second step.
/// </summary>
public sealed record SignInOutcome(SignInStep Step, string Home, bool Staff, string? Ticket = null);

/// <summary>
/// The one way to sign in, for the login page and the session API alike. It answers an unknown user name exactly as a
/// wrong password: the same message, and the same work (one password hash check, the same throttle writes), so the
/// answer's time says nothing either. Guessing is slowed per client address and per user name (progressive waits);
/// ten failures lock the name for 15 minutes, which the right password with the right TOTP code ends, as does an
/// admin's unlock. The lock counts names, not accounts, so it too looks the same for names that do not exist.
/// </summary>
internal sealed class SignInHandler(
    AppDbContext db,
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    SessionsHandler sessions,
    SecondFactor secondFactor,
    GuessThrottle throttle,
    GuessPolicies policies,
    IDataProtectionProvider protection,
    IOptions<SecurityOptions> options,
    IStringLocalizer<SharedResource> localizer)
{
    public const int MaxLength = 256;

    private static string? _dummyHash;

    public string SecondFactorTitle => localizer["Login.CodeNeeded"];

    /// <summary>The throttle's key of a user name: a target, counted the same whether or not an account has that name.</summary>
    public static string NameKey(string normalizedUserName) => GuessKeys.Target("name", normalizedUserName);

    public async Task<Result<SignInOutcome>> SignIn(SignInInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.UserName) || string.IsNullOrEmpty(input.Password)
            || input.UserName.Length > MaxLength || input.Password.Length > MaxLength || input.Code?.Length > 64)
        {
            return AppError.Invalid("userName", localizer["Login.Missing"]);
        }

        var normalized = users.NormalizeName(input.UserName.Trim());
        string[] delayKeys = [throttle.Person, NameKey(normalized)];
        string[] lockKeys = [NameKey(normalized)];
        if (await throttle.WaitAsync(GuessPurpose.SignIn, delayKeys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("userName", wait);
        }

        var account = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        var passwordOk = VerifyPassword(account, input.Password) && account is { IsActive: true };
        var locked = await throttle.WaitAsync(GuessPurpose.SignInLockout, lockKeys, cancellationToken) is not null;
        if (!passwordOk || (locked && !account!.TwoFactorEnabled))
        {
            return await FailedAsync(delayKeys, lockKeys, "userName", "Login.Failed", cancellationToken);
        }

        if (!account!.TwoFactorEnabled)
        {
            return await CompleteAsync(account, "pwd", lockKeys, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(input.Code))
        {
            // Only the holder of the right password learns that a code is due; while the name is locked they learn nothing.
            return locked
                ? await FailedAsync(delayKeys, lockKeys, "userName", "Login.Failed", cancellationToken)
                : new SignInOutcome(SignInStep.SecondFactor, "", true, Tickets.Protect(account.Id.ToString(), TicketLifetime));
        }

        return await SecondStepAsync(account, input.Code, delayKeys, lockKeys, locked, cancellationToken);
    }

    /// <summary>The second step of the login page: the ticket of the first step and the authenticator's (or a recovery) code.</summary>
    public async Task<Result<SignInOutcome>> SecondStep(string? ticket, string? code, CancellationToken cancellationToken)
    {
        Guid? userId = null;
        try
        {
            userId = Guid.TryParse(Tickets.Unprotect(ticket ?? "", out _), out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
        }

        var account = userId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, cancellationToken);
        if (account is null)
        {
            return AppError.Invalid("userName", localizer["Login.TicketExpired"]);
        }

        var normalized = account.NormalizedUserName ?? "";
        string[] delayKeys = [throttle.Person, NameKey(normalized)];
        if (await throttle.WaitAsync(GuessPurpose.SignIn, delayKeys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("code", wait);
        }

        string[] lockKeys = [NameKey(normalized)];
        var locked = await throttle.WaitAsync(GuessPurpose.SignInLockout, lockKeys, cancellationToken) is not null;
        return await SecondStepAsync(account, code, delayKeys, lockKeys, locked, cancellationToken);
    }

    private static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(5);

    private ITimeLimitedDataProtector Tickets => protection.CreateProtector("v96345.sign-in.second-step").ToTimeLimitedDataProtector();

    private async Task<Result<SignInOutcome>> SecondStepAsync(AppUser account, string? code, string[] delayKeys, string[] lockKeys, bool locked,
        CancellationToken cancellationToken)
    {
        var verified = await secondFactor.VerifyAsync(account, code, cancellationToken);
        return verified is null
            ? await FailedAsync(delayKeys, lockKeys, locked ? "userName" : "code", locked ? "Login.Failed" : "Login.CodeWrong", cancellationToken)
            : await CompleteAsync(account, verified, lockKeys, cancellationToken);
    }

    private async Task<Result<SignInOutcome>> CompleteAsync(AppUser account, string method, string[] lockKeys,
        CancellationToken cancellationToken)
    {
        // A second factor proves more than a guess: it ends a lock an attacker started. A password alone only clears counts.
        var normalized = account.NormalizedUserName ?? "";
        string[] nameKeys = [NameKey(normalized)];
        if (method == "pwd")
        {
            await throttle.SucceededAsync(GuessPurpose.SignIn, nameKeys, cancellationToken);
            await throttle.SucceededAsync(GuessPurpose.SignInLockout, lockKeys, cancellationToken);
        }
        else
        {
            await throttle.LiftAsync(GuessPurpose.SignIn, nameKeys, cancellationToken);
            await throttle.LiftAsync(GuessPurpose.SignInLockout, lockKeys, cancellationToken);
        }
        var roles = await users.GetRolesAsync(account);
        var staff = roles.Any(r => Roles.Staff.Contains(r));
        var mustEnrol = roles.Contains(Roles.TownAdmin) && options.Value.RequireTotpForAdmins && !account.TwoFactorEnabled;
        await sessions.StartAsync(account, method, mustEnrol, cancellationToken);
        return new SignInOutcome(SignInStep.Done, mustEnrol ? TwoFactorPaths.Enrol : Home(roles), staff);
    }

    /// <summary>Where a person's start page is: the back office for staff, the phone pages for volunteers and merchants.</summary>
    public static string Home(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        return set.Overlaps(Roles.Staff) ? "/" : set.Contains(Roles.Merchant) && !set.Contains(Roles.Volunteer) ? "/m/merchant" : "/m/me";
    }

    /// <summary>Exactly one hash check per attempt, against a stand-in when the account has no password to check.</summary>
    private bool VerifyPassword(AppUser? account, string password)
    {
        if (account?.PasswordHash is { } hash)
        {
            var result = hasher.VerifyHashedPassword(account, hash, password);
            if (result == PasswordVerificationResult.SuccessRehashNeeded)
            {
                account.PasswordHash = hasher.HashPassword(account, password);
            }

            return result != PasswordVerificationResult.Failed;
        }

        _dummyHash ??= hasher.HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
        return false;
    }

    private async Task<AppError> FailedAsync(string[] delayKeys, string[] lockKeys, string field, string message, CancellationToken cancellationToken)
    {
        await throttle.FailedAsync(GuessPurpose.SignIn, delayKeys, cancellationToken);
        await throttle.FailedAsync(GuessPurpose.SignInLockout, lockKeys, cancellationToken);
        return AppError.Invalid(field, localizer[message, (int)policies.For(GuessPurpose.SignInLockout).FirstWait.TotalMinutes]);
    }
}
