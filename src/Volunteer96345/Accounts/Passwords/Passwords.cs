using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Accounts.Activation;
using Volunteer96345.Accounts.Sessions;
using Volunteer96345.Accounts.SignIn;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts.Passwords;

public sealed class ChangePasswordInput
{
    public string? Current { get; set; }
    public string? Password { get; set; }
    public string? Confirm { get; set; }
}

public sealed class TextCodeInput
{
    public string? Mobile { get; set; }
}

public sealed class TextResetInput
{
    public string? Mobile { get; set; }
    public string? Code { get; set; }
    public string? Password { get; set; }
    public string? Confirm { get; set; }
}

/// <summary>
/// 修改密码 and 找回密码: a person changes their own password (their other sessions end); with an SMS gateway a person
/// who forgot it gets a 6-digit code by text and sets a new one (every session ends). The request for a text answers
/// the same whether or not the number has an account.
/// </summary>
internal sealed class PasswordsHandler(
    AppDbContext db,
    IPasswordHasher<AppUser> hasher,
    AccountCodes codes,
    SessionsHandler sessions,
    Notifier notifier,
    GuessThrottle throttle,
    FieldProtector protector,
    IUserClaimsPrincipalFactory<AppUser> principals,
    CurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool CanText => notifier.CanText;

    public async Task<Result<Guid>> Change(ChangePasswordInput input, CancellationToken cancellationToken)
    {
        var account = user.UserId is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.IsActive, cancellationToken) : null;
        if (account?.PasswordHash is null)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        string[] keys = [throttle.Person];
        if (await throttle.WaitAsync(GuessPurpose.SignIn, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("current", wait);
        }

        if (string.IsNullOrEmpty(input.Current) || input.Current.Length > SignInHandler.MaxLength
            || hasher.VerifyHashedPassword(account, account.PasswordHash, input.Current) == PasswordVerificationResult.Failed)
        {
            await throttle.FailedAsync(GuessPurpose.SignIn, keys, cancellationToken);
            return AppError.Invalid("current", localizer["Password.CurrentWrong"]);
        }

        var refused = Check(account, input.Password, input.Confirm);
        if (refused is not null)
        {
            return refused;
        }

        if (input.Password == input.Current)
        {
            return AppError.Invalid("password", localizer["Password.Same"]);
        }

        SetPassword(account, input.Password!);
        var current = SessionClaims.SessionId(user.Principal);
        var ended = await sessions.EndAllAsync(account.Id, SessionEnd.PasswordChanged, cancellationToken, except: current);
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(ended);
        // This device stays signed in: its cookie is reissued with the account's new security stamp.
        await sessions.ReissueAsync(account, user.Principal.FindFirst(SessionClaims.Method)?.Value ?? "pwd", cancellationToken);
        return account.Id;
    }

    /// <summary>Texts a reset code when the number belongs to an active account; answers the same either way.</summary>
    public async Task<Result<bool>> SendCode(TextCodeInput input, CancellationToken cancellationToken)
    {
        if (!notifier.CanText)
        {
            return AppError.Conflict(localizer["Reset.NoGateway"]);
        }

        var v = new Validation(localizer).Mobile("mobile", input.Mobile, out var mobile);
        if (!v.IsValid || mobile is null)
        {
            return v.ToError();
        }

        // Each request counts as a try, so that nobody can text a number again and again.
        var keys = SmsKeys(mobile);
        if (await throttle.WaitAsync(GuessPurpose.SmsReset, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("mobile", wait);
        }

        await throttle.FailedAsync(GuessPurpose.SmsReset, keys, cancellationToken);
        var account = await db.Users.FirstOrDefaultAsync(u => u.PhoneNumber == mobile && u.IsActive && u.PasswordHash != null, cancellationToken);
        if (account is not null)
        {
            await codes.IssueByTextAsync(account, mobile, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    public async Task<Result<string>> ResetByText(TextResetInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Mobile("mobile", input.Mobile, out var mobile);
        if (!v.IsValid || mobile is null)
        {
            return v.ToError();
        }

        var keys = SmsKeys(mobile);
        if (await throttle.WaitAsync(GuessPurpose.SmsReset, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("code", wait);
        }

        var account = await db.Users.FirstOrDefaultAsync(u => u.PhoneNumber == mobile && u.IsActive && u.PasswordHash != null, cancellationToken);
        var code = account is null ? null : await codes.FindTextedAsync(account.Id, input.Code ?? "", cancellationToken);
        if (account is null || code is null)
        {
            await throttle.FailedAsync(GuessPurpose.SmsReset, keys, cancellationToken);
            return AppError.Invalid("code", localizer["Reset.CodeWrong"]);
        }

        var refused = Check(account, input.Password, input.Confirm);
        if (refused is not null)
        {
            return refused;
        }

        code.Use(Now);
        SetPassword(account, input.Password!);
        var ended = await sessions.EndAllAsync(account.Id, SessionEnd.PasswordReset, cancellationToken);
        await throttle.SucceededAsync(GuessPurpose.SmsReset, keys, cancellationToken);
        // The texted code proves the phone: a lock on the name (perhaps an attacker's) ends with the new password.
        await throttle.LiftAsync(GuessPurpose.SignInLockout, [SignInHandler.NameKey(account.NormalizedUserName ?? "")], cancellationToken);
        user.Set(await principals.CreateAsync(account));
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(ended);
        return account.UserName ?? "";
    }

    /// <summary>Who asks and which number: the number as a keyed hash, so the throttle's table holds no mobile numbers.</summary>
    private string[] SmsKeys(string mobile) => [throttle.Person, GuessKeys.Target("mobile-hash", protector.Hash("mobile:" + mobile)[..24])];

    private AppError? Check(AppUser account, string? password, string? confirm) => PasswordRules.Check(localizer, account, password, confirm);

    private void SetPassword(AppUser account, string password) => PasswordRules.Set(hasher, account, password, Now);
}
