using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Accounts.Sessions;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts.TwoFactor;

internal static class TwoFactorPaths
{
    public const string Enrol = "/account/two-factor";
}

/// <summary>What an authenticator app needs: the secret as a QR code and as text to type.</summary>
public sealed record Enrolment(string Secret, string Uri, string QrDataUri);

public sealed class CodeInput
{
    public string? Code { get; set; }
}

/// <summary>
/// The second factor of staff sign-in: TOTP from any authenticator app, with ten single-use recovery codes for a lost
/// phone. The secret is stored encrypted with the field key and the recovery codes as keyed hashes. A town admin resets
/// another person's second factor; every change ends the account's other sessions.
/// </summary>
internal sealed class SecondFactor(
    AppDbContext db,
    FieldProtector protector,
    SessionsHandler sessions,
    CurrentUser user,
    TimeProvider clock,
    IOptions<SecurityOptions> options,
    IStringLocalizer<SharedResource> localizer)
{
    public const int RecoveryCodes = 10;
    private const string RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>"pwd+totp" or "pwd+recovery" when <paramref name="code"/> is good for the account (tracked changes saved by the caller), else null.</summary>
    public async Task<string?> VerifyAsync(AppUser account, string? code, CancellationToken cancellationToken)
    {
        var typed = (code ?? "").Trim();
        if (typed.Count(char.IsAsciiDigit) == Totp.Digits && typed.All(c => char.IsAsciiDigit(c) || c == ' '))
        {
            if (account.TotpSecretCipher is null)
            {
                return null;
            }

            var step = Totp.Verify(Convert.FromBase64String(protector.Unprotect(account.TotpSecretCipher)), typed, clock.GetUtcNow(), account.TotpLastStep);
            if (step is null)
            {
                return null;
            }

            account.TotpLastStep = step;
            return "pwd+totp";
        }

        var hash = RecoveryHash(account.Id, typed);
        var recovery = await db.Set<RecoveryCode>().FirstOrDefaultAsync(c => c.UserId == account.Id && c.CodeHash == hash && c.UsedAt == null, cancellationToken);
        return recovery is not null && recovery.Use(Now) ? "pwd+recovery" : null;
    }

    public async Task<bool> IsEnabledAsync(CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync(cancellationToken);

    public async Task<int> RecoveryCodesLeftAsync(CancellationToken cancellationToken) =>
        await db.Set<RecoveryCode>().CountAsync(c => c.UserId == user.UserId && c.UsedAt == null, cancellationToken);

    /// <summary>A new secret for the signed-in staff member, not in force until <see cref="Confirm"/> proves the app has it.</summary>
    public async Task<Result<Enrolment>> Begin(CancellationToken cancellationToken)
    {
        var account = await MeAsync(cancellationToken);
        if (account is null)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (account.TwoFactorEnabled)
        {
            return AppError.Conflict(localizer["TwoFactor.AlreadyOn"]);
        }

        account.TotpSecretCipher = protector.Protect(Convert.ToBase64String(Totp.NewSecret()));
        await db.SaveChangesAsync(cancellationToken);
        return (await PendingAsync(cancellationToken))!;
    }

    /// <summary>The secret being enrolled (not yet in force), shown again after a wrong confirmation code; null when there is none.</summary>
    public async Task<Enrolment?> PendingAsync(CancellationToken cancellationToken)
    {
        var account = await MeAsync(cancellationToken);
        if (account is not { TwoFactorEnabled: false, TotpSecretCipher: { } cipher })
        {
            return null;
        }

        var secret = Convert.FromBase64String(protector.Unprotect(cipher));
        var uri = Totp.Uri(localizer["App.ShortTitle"], account.UserName ?? "", secret);
        return new Enrolment(Totp.Base32(secret), uri, QrImage.PngDataUri(uri));
    }

    /// <summary>Turns the second factor on with a code from the app; the answer is the recovery codes, shown this once.</summary>
    public async Task<Result<List<string>>> Confirm(CodeInput input, CancellationToken cancellationToken)
    {
        var account = await MeAsync(cancellationToken);
        if (account is null)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (account.TwoFactorEnabled)
        {
            return AppError.Conflict(localizer["TwoFactor.AlreadyOn"]);
        }

        if (account.TotpSecretCipher is null)
        {
            return AppError.Invalid("code", localizer["TwoFactor.NotBegun"]);
        }

        if (await VerifyAsync(account, input.Code, cancellationToken) != "pwd+totp")
        {
            return AppError.Invalid("code", localizer["Login.CodeWrong"]);
        }

        account.TwoFactorEnabled = true;
        var codes = await ReplaceRecoveryCodesAsync(account.Id, cancellationToken);
        var ended = await sessions.EndAllAsync(account.Id, SessionEnd.TwoFactorChanged, cancellationToken, except: SessionClaims.SessionId(user.Principal));
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(ended);
        // This session goes on, now proven by the second factor and no longer held at the enrolment page.
        await sessions.ReissueAsync(account, "pwd+totp", cancellationToken);
        return codes;
    }

    /// <summary>Ten new recovery codes for the signed-in person, voiding the old ones; a current authenticator code proves it is them.</summary>
    public async Task<Result<List<string>>> NewRecoveryCodes(CodeInput input, CancellationToken cancellationToken)
    {
        var account = await MeAsync(cancellationToken);
        if (account is not { TwoFactorEnabled: true })
        {
            return AppError.Conflict(localizer["TwoFactor.NotOn"]);
        }

        if (await VerifyAsync(account, input.Code, cancellationToken) != "pwd+totp")
        {
            return AppError.Invalid("code", localizer["Login.CodeWrong"]);
        }

        var codes = await ReplaceRecoveryCodesAsync(account.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>
    /// Turns a staff member's second factor off (their phone is lost and so are the recovery codes): the town admin's
    /// job, never the person's own when the policy requires it of them. Their sessions end.
    /// </summary>
    public async Task<Result<Guid>> Reset(Guid userId, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (account is null)
        {
            return AppError.NotFound(localizer["Account.NotFound"]);
        }

        account.TwoFactorEnabled = false;
        account.TotpSecretCipher = null;
        account.TotpLastStep = null;
        await db.Set<RecoveryCode>().Where(c => c.UserId == userId).ForEachAsync(c => db.Remove(c), cancellationToken);
        var ended = await sessions.EndAllAsync(userId, SessionEnd.TwoFactorChanged, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(ended);
        return userId;
    }

    private async Task<AppUser?> MeAsync(CancellationToken cancellationToken) =>
        user.UserId is { } id && user.IsInAnyRole(Roles.Staff) ? await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.IsActive, cancellationToken) : null;

    private async Task<List<string>> ReplaceRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.Set<RecoveryCode>().Where(c => c.UserId == userId).ForEachAsync(c => db.Remove(c), cancellationToken);
        var codes = new List<string>(RecoveryCodes);
        for (var i = 0; i < RecoveryCodes; i++)
        {
            var code = string.Create(10, 0, (span, _) =>
            {
                for (var j = 0; j < span.Length; j++)
                {
                    span[j] = RecoveryAlphabet[RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)];
                }
            });
            var shown = code[..5] + "-" + code[5..];
            codes.Add(shown);
            db.Add(RecoveryCode.Of(userId, RecoveryHash(userId, shown), Now));
        }

        return codes;
    }

    private string RecoveryHash(Guid userId, string typed) =>
        protector.Hash("recovery:" + userId + ":" + new string([.. typed.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]));

    public bool RequiredFor(IEnumerable<string> roles) => options.Value.RequireTotpForAdmins && roles.Contains(Roles.TownAdmin);
}
