using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Accounts.Passwords;
using Volunteer96345.Accounts.Sessions;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts.Activation;

public sealed class ActivateInput
{
    public string? Code { get; set; }
    public string? Password { get; set; }
    public string? Confirm { get; set; }
}

/// <summary>Whose code it is, as much as its holder may see before setting the password: a masked name and mobile.</summary>
public sealed record CodeHolder(string MaskedName, string MaskedMobile, CodePurpose Purpose, DateTime ExpiresAt);

/// <summary>The person's answer: their user name, to sign in with.</summary>
public sealed record Activated(string UserName, bool Staff);

/// <summary>
/// 账号激活 / 重设密码: whoever holds a usable code sets the account's password. The code is used once; a reset also
/// ends every session of the account. Wrong codes are throttled per address.
/// </summary>
internal sealed class ActivateHandler(
    AppDbContext db,
    AccountCodes codes,
    IPasswordHasher<AppUser> hasher,
    UserManager<AppUser> users,
    SessionsHandler sessions,
    GuessThrottle throttle,
    IUserClaimsPrincipalFactory<AppUser> principals,
    CurrentUser currentUser,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<CodeHolder>> Peek(string? typed, CancellationToken cancellationToken)
    {
        var found = await FindAsync(typed, cancellationToken);
        if (!found.IsOk)
        {
            return found.Error!;
        }

        var (code, account) = found.Value;
        return new CodeHolder(ChineseName.MaskForHolder(account.DisplayName), ChinesePhone.Mask(account.PhoneNumber ?? ""), code.Purpose, code.ExpiresAt);
    }

    public async Task<Result<Activated>> Activate(ActivateInput input, CancellationToken cancellationToken)
    {
        var found = await FindAsync(input.Code, cancellationToken);
        if (!found.IsOk)
        {
            return found.Error!;
        }

        var (code, account) = found.Value;
        if (PasswordRules.Check(localizer, account, input.Password, input.Confirm) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        code.Use(now);
        PasswordRules.Set(hasher, account, input.Password!, now);
        var ended = await sessions.EndAllAsync(account.Id, SessionEnd.PasswordReset, cancellationToken);
        // A code the station issued proves the person: a lock on the name ends with the new password.
        await throttle.LiftAsync(GuessPurpose.SignInLockout, [SignIn.SignInHandler.NameKey(account.NormalizedUserName ?? "")], cancellationToken);
        // The audit names the person who set the password, not "anonymous".
        currentUser.Set(await principals.CreateAsync(account));
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(ended);
        var staff = (await users.GetRolesAsync(account)).Any(r => Roles.Staff.Contains(r));
        return new Activated(account.UserName ?? "", staff);
    }

    private async Task<Result<(AccountCode Code, AppUser Account)>> FindAsync(string? typed, CancellationToken cancellationToken)
    {
        if (AccountCode.Normalize(typed, AccountCode.ActivationDigits) is null)
        {
            return AppError.Invalid("code", localizer["Activation.CodeFormat", AccountCode.ActivationDigits]);
        }

        string[] keys = [throttle.Person];
        if (await throttle.WaitAsync(GuessPurpose.Activation, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("code", wait);
        }

        var code = await codes.FindAsync(typed!, cancellationToken);
        var account = code is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == code.UserId && u.IsActive, cancellationToken);
        if (code is null || account is null)
        {
            await throttle.FailedAsync(GuessPurpose.Activation, keys, cancellationToken);
            return AppError.Invalid("code", localizer["Activation.CodeUnknown"]);
        }

        return (code, account);
    }
}
