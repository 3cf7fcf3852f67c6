using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Accounts.Activation;
using Volunteer96345.Accounts.TwoFactor;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts;

public enum AccountStatus
{
    /// <summary>The person has no account yet (registered before accounts were given out, or the mobile is taken).</summary>
    None,
    AwaitsActivation,
    Active,
    Disabled,
}

public sealed record AccountSummary(Guid UserId, string UserName, AccountStatus Status, DateTime? ActivatedAt, DateTime? CodeExpiresAt);

/// <summary>A registry record that should have an account: a volunteer or an alliance member's contact.</summary>
public sealed record PersonRecord(Guid Id, string DisplayName, string Mobile, Guid StationId);

/// <summary>
/// What giving accounts did: a slip per new account (its code shown once), and the people who got none because their
/// mobile number is already another account's user name (a family sharing a phone), with the reason.
/// </summary>
public sealed record Provisioned(IReadOnlyList<ActivationSlip> Slips, IReadOnlyDictionary<Guid, string> Refused)
{
    public ActivationSlip? SlipOf(Guid userId) => Slips.FirstOrDefault(s => s.UserId == userId);
}

/// <summary>
/// The accounts module's door for the registries: a volunteer approved, registered or imported, and an alliance member
/// that becomes active, get an account whose user name is their mobile number, with a first activation code. The
/// account is added to the caller's unit of work, so it commits with the registry change or not at all. The module
/// keeps what it needs about the person (name, mobile, home station) on the account and never reads the registries.
/// </summary>
internal sealed class PersonAccounts(
    AppDbContext db,
    AccountCodes codes,
    ILookupNormalizer normalizer,
    CurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>
    /// Gives each volunteer without an account one (user name: their mobile) and a first activation code. A volunteer
    /// whose mobile is already another account's user name gets none and is named in <see cref="Provisioned.Refused"/>.
    /// A few queries for the whole batch, so an Excel import of thousands stays one quick transaction.
    /// </summary>
    /// <remarks><paramref name="text"/>: false where the people are made up (the demo), so no code is texted to a real number.</remarks>
    public Task<Provisioned> ForVolunteersAsync(IReadOnlyList<PersonRecord> people, CancellationToken cancellationToken, bool text = true) =>
        ProvisionAsync(people, Roles.Volunteer, (account, id) => account.VolunteerId = id,
            ids => db.Users.Where(u => u.VolunteerId != null && ids.Contains(u.VolunteerId.Value)).Select(u => u.VolunteerId!.Value), text, cancellationToken);

    /// <summary>Gives active alliance members' contacts an account for the merchant desk, as <see cref="ForVolunteersAsync"/> does.</summary>
    public Task<Provisioned> ForMerchantsAsync(IReadOnlyList<PersonRecord> people, CancellationToken cancellationToken) =>
        ProvisionAsync(people, Roles.Merchant, (account, id) => account.AllianceMemberId = id,
            ids => db.Users.Where(u => u.AllianceMemberId != null && ids.Contains(u.AllianceMemberId.Value)).Select(u => u.AllianceMemberId!.Value), true,
            cancellationToken);

    private async Task<Provisioned> ProvisionAsync(IReadOnlyList<PersonRecord> people, string role, Action<AppUser, Guid> link,
        Func<List<Guid>, IQueryable<Guid>> withAccount, bool text, CancellationToken cancellationToken)
    {
        var ids = people.Select(p => p.Id).ToList();
        var existing = ids.Count == 0 ? [] : (await withAccount(ids).ToListAsync(cancellationToken)).ToHashSet();
        var wanted = people.Where(p => !existing.Contains(p.Id)).ToList();
        var names = wanted.Select(p => normalizer.NormalizeName(p.Mobile)).ToList();
        var taken = names.Count == 0 ? [] : (await db.Users.Where(u => names.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName!)
            .ToListAsync(cancellationToken)).ToHashSet();
        var roleId = await RoleIdAsync(role, cancellationToken);
        var slips = new List<ActivationSlip>(wanted.Count);
        var refused = new Dictionary<Guid, string>();
        foreach (var person in wanted)
        {
            var normalized = normalizer.NormalizeName(person.Mobile);
            if (!taken.Add(normalized))
            {
                refused[person.Id] = localizer["Account.UserNameTaken", person.Mobile];
                continue;
            }

            var account = NewAccount(person.Mobile, normalized, person.DisplayName, person.Mobile, roleId);
            link(account, person.Id);
            account.HomeStationId = person.StationId;
            slips.Add(await codes.IssueAsync(account, CodePurpose.Activation, user.UserId, cancellationToken, fresh: true, text: text));
        }

        return new Provisioned(slips, refused);
    }

    /// <summary>
    /// Keeps the volunteer's account in step with the registry after an edit: display name, mobile (and the user name
    /// with it, unless another account has that name) and home station. Saved with the caller's change.
    /// </summary>
    public Task SyncVolunteerAsync(Guid volunteerId, string displayName, string mobile, Guid stationId, CancellationToken cancellationToken) =>
        SyncAsync(db.Users.Where(u => u.VolunteerId == volunteerId), displayName, mobile, stationId, cancellationToken);

    public Task SyncMerchantAsync(Guid memberId, string displayName, string mobile, Guid stationId, CancellationToken cancellationToken) =>
        SyncAsync(db.Users.Where(u => u.AllianceMemberId == memberId), displayName, mobile, stationId, cancellationToken);

    public Task<AccountSummary?> OfVolunteerAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        SummaryAsync(db.Users.Where(u => u.VolunteerId == volunteerId), cancellationToken);

    public Task<AccountSummary?> OfMerchantAsync(Guid memberId, CancellationToken cancellationToken) =>
        SummaryAsync(db.Users.Where(u => u.AllianceMemberId == memberId), cancellationToken);

    /// <summary>A new account with no password, in <paramref name="role"/>; added to the unit of work, not saved.</summary>
    internal async Task<Result<AppUser>> CreateAsync(string userName, string displayName, string? mobile, string role, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeName(userName.Trim());
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken)
            || db.Users.Local.Any(u => u.NormalizedUserName == normalized))
        {
            return AppError.Conflict(localizer["Account.UserNameTaken", userName]);
        }

        return NewAccount(userName.Trim(), normalized, displayName, mobile, await RoleIdAsync(role, cancellationToken));
    }

    private AppUser NewAccount(string userName, string normalized, string displayName, string? mobile, Guid roleId)
    {
        var account = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            NormalizedUserName = normalized,
            DisplayName = displayName.Trim(),
            PhoneNumber = mobile,
            SecurityStamp = Totp.Base32(RandomNumberGenerator.GetBytes(20)),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(account);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = roleId });
        return account;
    }

    private async Task<Guid> RoleIdAsync(string role, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeName(role);
        var id = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken)
                 ?? db.Roles.Local.Where(r => r.NormalizedName == normalized).Select(r => (Guid?)r.Id).FirstOrDefault();
        if (id is { } existing)
        {
            return existing;
        }

        var created = new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(), NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() };
        db.Roles.Add(created);
        return created.Id;
    }

    private async Task SyncAsync(IQueryable<AppUser> query, string displayName, string mobile, Guid stationId, CancellationToken cancellationToken)
    {
        var account = await query.FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return;
        }

        account.DisplayName = displayName.Trim();
        account.HomeStationId = stationId;
        if (account.PhoneNumber != mobile && account.UserName == account.PhoneNumber)
        {
            var normalized = normalizer.NormalizeName(mobile);
            if (!await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
            {
                account.UserName = mobile;
                account.NormalizedUserName = normalized;
            }
        }

        account.PhoneNumber = mobile;
    }

    private async Task<AccountSummary?> SummaryAsync(IQueryable<AppUser> query, CancellationToken cancellationToken)
    {
        var account = await query.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var expires = await db.Set<AccountCode>().AsNoTracking()
            .Where(c => c.UserId == account.Id && c.UsedAt == null && c.VoidedAt == null && c.ExpiresAt > now && c.Purpose != CodePurpose.SmsReset)
            .MaxAsync(c => (DateTime?)c.ExpiresAt, cancellationToken);
        return new AccountSummary(account.Id, account.UserName ?? "", StatusOf(account), account.ActivatedAt, expires);
    }

    public static AccountStatus StatusOf(AppUser account) =>
        !account.IsActive ? AccountStatus.Disabled : account.AwaitsActivation ? AccountStatus.AwaitsActivation : AccountStatus.Active;
}
