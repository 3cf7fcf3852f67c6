using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts.Activation;

/// <summary>What a station prints or shows for one person: the code exists only here and on the slip.</summary>
/// <remarks>The QR code of <see cref="Url"/> is drawn when the slip is shown, not when thousands are issued by an import.</remarks>
public sealed record ActivationSlip(Guid UserId, string DisplayName, string MaskedMobile, string UserName, string Code, string Url, DateTime ExpiresAt, bool Texted);

/// <summary>
/// Issues and checks the single-use codes with which a person sets a password. A code is stored only as a keyed hash
/// (the field key's HMAC, which a database reader does not have); issuing voids the account's earlier unused codes;
/// with an SMS gateway the code is also texted, encrypted in the outbox until it is sent.
/// </summary>
internal sealed class AccountCodes(
    AppDbContext db,
    FieldProtector protector,
    Notifier notifier,
    PublicLinks links,
    TimeProvider clock,
    IOptions<SecurityOptions> options,
    IStringLocalizer<SharedResource> localizer)
{
    public const string ActivatePath = "/m/activate";

    public string HashOf(string code) => protector.Hash("account-code:" + code);

    /// <summary>A new code for the account, added to the caller's unit of work (saved with it).</summary>
    /// <remarks>
    /// <paramref name="fresh"/>: the account is being created in this unit of work and has no earlier codes to void.
    /// <paramref name="text"/>: false for the demo's made-up people, whose numbers may be someone's real phone.
    /// </remarks>
    public async Task<ActivationSlip> IssueAsync(AppUser user, CodePurpose purpose, Guid? issuedBy, CancellationToken cancellationToken, bool fresh = false,
        bool text = true)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!fresh)
        {
            await VoidEarlierAsync(user.Id, now, cancellationToken);
        }

        var code = AccountCode.NewCode(AccountCode.ActivationDigits);
        var issued = AccountCode.Issue(user.Id, purpose, HashOf(code), TimeSpan.FromDays(options.Value.ActivationDays), issuedBy, now);
        db.Add(issued);
        var url = links.Absolute($"{ActivatePath}?code={code}");
        var texted = false;
        if (text && notifier.CanText && ChinesePhone.Normalize(user.PhoneNumber) is { } mobile)
        {
            var key = purpose == CodePurpose.Activation ? "Activation.Text" : "Activation.ResetText";
            notifier.SecretToPhone(protector.Protect(mobile), localizer["App.ShortTitle"],
                protector.Protect(localizer[key, user.DisplayName, AccountCode.Format(code), url, options.Value.ActivationDays]));
            texted = true;
        }

        return new ActivationSlip(user.Id, user.DisplayName, ChinesePhone.Mask(user.PhoneNumber ?? ""), user.UserName ?? "", AccountCode.Format(code), url,
            issued.ExpiresAt, texted);
    }

    /// <summary>A 6-digit code texted to the person who asked to reset their password; never shown on a screen.</summary>
    public async Task IssueByTextAsync(AppUser user, string mobile, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await VoidEarlierAsync(user.Id, now, cancellationToken, CodePurpose.SmsReset);
        var code = AccountCode.NewCode(AccountCode.SmsDigits);
        db.Add(AccountCode.Issue(user.Id, CodePurpose.SmsReset, HashOf(user.Id + ":" + code), TimeSpan.FromMinutes(options.Value.SmsCodeMinutes), null, now));
        notifier.SecretToPhone(protector.Protect(mobile), localizer["App.ShortTitle"],
            protector.Protect(localizer["Reset.Text", code, options.Value.SmsCodeMinutes]));
    }

    /// <summary>The usable activation or reset code with this text, tracked for use; null when there is none.</summary>
    public async Task<AccountCode?> FindAsync(string typed, CancellationToken cancellationToken)
    {
        if (AccountCode.Normalize(typed, AccountCode.ActivationDigits) is not { } code)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = HashOf(code);
        var found = await db.Set<AccountCode>().Where(c => c.CodeHash == hash && c.Purpose != CodePurpose.SmsReset).ToListAsync(cancellationToken);
        return found.FirstOrDefault(c => c.IsUsable(now));
    }

    /// <summary>The account's usable text-message code with this text; null when there is none.</summary>
    public async Task<AccountCode?> FindTextedAsync(Guid userId, string typed, CancellationToken cancellationToken)
    {
        if (AccountCode.Normalize(typed, AccountCode.SmsDigits) is not { } code)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = HashOf(userId + ":" + code);
        var found = await db.Set<AccountCode>().Where(c => c.UserId == userId && c.CodeHash == hash && c.Purpose == CodePurpose.SmsReset)
            .ToListAsync(cancellationToken);
        return found.FirstOrDefault(c => c.IsUsable(now));
    }

    /// <summary>Voids the account's unused codes (all, or those of one purpose), with the caller's save.</summary>
    public async Task VoidEarlierAsync(Guid userId, DateTime now, CancellationToken cancellationToken, CodePurpose? purpose = null)
    {
        var open = await db.Set<AccountCode>().Where(c => c.UserId == userId && c.UsedAt == null && c.VoidedAt == null && c.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        foreach (var code in open.Where(c => purpose is null || c.Purpose == purpose))
        {
            code.Void(now);
        }
    }
}
