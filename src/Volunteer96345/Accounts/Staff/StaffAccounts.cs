using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Accounts.Activation;
using Volunteer96345.Accounts.Sessions;
using Volunteer96345.Accounts.SignIn;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Accounts.Staff;

public enum AccountKind
{
    Staff,
    Volunteer,
    Merchant,
}

public sealed record AccountRow(
    Guid Id, string UserName, string DisplayName, string MaskedMobile, AccountKind Kind, IReadOnlyList<string> Roles, AccountStatus Status,
    bool TownWide, IReadOnlyList<Guid> StationIds, IReadOnlyList<string> StationNames, bool TwoFactor, DateTime? LastSignInAt, DateTime CreatedAt);

public sealed class AccountFilter
{
    public AccountKind? Kind { get; set; }
    public AccountStatus? Status { get; set; }
    public string? Q { get; set; }
    public Guid? StationId { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

public sealed class StaffInput
{
    /// <summary>The sign-in name; the mobile number when left empty.</summary>
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }
    public string? Mobile { get; set; }
    public string? Role { get; set; }

    /// <summary>Sees every station (always so for a town admin); otherwise <see cref="StationIds"/> is the scope.</summary>
    public bool TownWide { get; set; }

    public List<Guid>? StationIds { get; set; }
}

/// <summary>
/// 账号管理: the town admin creates staff accounts (dispatcher, inspector, station manager, town admin) with their scope,
/// changes role and scope, disables and re-enables them, resets passwords and second factors; a station manager does
/// the same for the volunteers and merchants of their stations (not for staff). A changed role, scope or status ends
/// the account's sessions at once. The last active town admin can be neither disabled nor demoted.
/// </summary>
internal sealed partial class StaffAccountsHandler(
    AppDbContext db,
    PersonAccounts accounts,
    AccountCodes codes,
    SessionsHandler sessions,
    GuessThrottle throttle,
    ILookupNormalizer normalizer,
    CurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public const int UserNameLength = 32;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,31}$")]
    private static partial Regex UserNamePattern();

    public async Task<Result<Page<AccountRow>>> List(AccountFilter filter, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var query = InScope();
        if (filter.Kind is { } kind)
        {
            query = kind switch
            {
                AccountKind.Volunteer => query.Where(u => u.VolunteerId != null),
                AccountKind.Merchant => query.Where(u => u.AllianceMemberId != null),
                _ => query.Where(u => u.VolunteerId == null && u.AllianceMemberId == null),
            };
        }

        query = filter.Status switch
        {
            AccountStatus.Disabled => query.Where(u => !u.IsActive),
            AccountStatus.AwaitsActivation => query.Where(u => u.IsActive && u.PasswordHash == null),
            AccountStatus.Active => query.Where(u => u.IsActive && u.PasswordHash != null),
            _ => query,
        };
        if (filter.StationId is { } stationId)
        {
            query = query.Where(u => u.HomeStationId == stationId || u.Stations.Any(s => s.StationId == stationId));
        }

        if (filter.Q?.Trim() is { Length: > 0 } q)
        {
            query = query.Where(u => u.DisplayName.Contains(q) || u.UserName!.Contains(q) || u.PhoneNumber!.Contains(q));
        }

        var page = await query.OrderBy(u => u.VolunteerId != null || u.AllianceMemberId != null).ThenBy(u => u.UserName)
            .ToPageAsync(filter.Page, filter.PageSize, cancellationToken);
        return new Page<AccountRow>(await RowsAsync(page.Items, cancellationToken), page.Total, page.PageNumber, page.PageSize);
    }

    /// <summary>The stations an account's scope may name (the form's choices): every station for the town admin, else the caller's.</summary>
    public async Task<List<(Guid Id, string Name)>> Stations(CancellationToken cancellationToken) =>
        [.. (await db.Stations.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Kind).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name })
            .ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];

    public async Task<Result<AccountRow>> Get(Guid id, CancellationToken cancellationToken)
    {
        var account = await FindInScopeAsync(id, cancellationToken);
        return account is null ? NotFound() : (await RowsAsync([account], cancellationToken))[0];
    }

    /// <summary>A new staff account with no password; the answer is its activation slip, to hand to the person.</summary>
    public async Task<Result<ActivationSlip>> Create(StaffInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var checkedInput = await ValidateAsync(input, null, cancellationToken);
        if (!checkedInput.IsOk)
        {
            return checkedInput.Error!;
        }

        var (userName, mobile, stations) = checkedInput.Value;
        var created = await accounts.CreateAsync(userName, input.DisplayName!, mobile, input.Role!, cancellationToken);
        if (!created.IsOk)
        {
            return AppError.Invalid("userName", created.Error!.Message);
        }

        var account = created.Value;
        account.TownWide = input.Role == Roles.TownAdmin || input.TownWide;
        db.StaffStations.AddRange(stations.Select(s => new StaffStation { UserId = account.Id, StationId = s }));
        var slip = await codes.IssueAsync(account, CodePurpose.Activation, user.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return slip;
    }

    /// <summary>Changes a staff account's name, mobile, role and scope; its sessions end so the new scope applies at once.</summary>
    public async Task<Result<Guid>> Update(Guid id, StaffInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var account = await db.Users.Include(u => u.Stations).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (account is null || account.VolunteerId is not null || account.AllianceMemberId is not null)
        {
            return NotFound();
        }

        input.UserName = account.UserName;
        if (string.IsNullOrWhiteSpace(input.Mobile))
        {
            input.Mobile = account.PhoneNumber;
        }

        var checkedInput = await ValidateAsync(input, account.Id, cancellationToken);
        if (!checkedInput.IsOk)
        {
            return checkedInput.Error!;
        }

        var (_, mobile, stations) = checkedInput.Value;
        return await SerializedAsync(async () =>
        {
            var roles = await RolesOfAsync(account.Id, cancellationToken);
            if (roles.Contains(Roles.TownAdmin) && input.Role != Roles.TownAdmin && account.IsActive && !await AnotherActiveAdminAsync(account.Id, cancellationToken))
            {
                return AppError.Conflict(localizer["Account.LastAdmin"]);
            }

            var scopeChanged = !roles.SequenceEqual([input.Role!]) || account.TownWide != (input.Role == Roles.TownAdmin || input.TownWide)
                               || !account.Stations.Select(s => s.StationId).Order().SequenceEqual(stations.Order());
            account.DisplayName = input.DisplayName!.Trim();
            account.PhoneNumber = mobile;
            account.TownWide = input.Role == Roles.TownAdmin || input.TownWide;
            if (!roles.SequenceEqual([input.Role!]))
            {
                var roleIds = await db.Roles.Where(r => r.Name == input.Role).Select(r => r.Id).ToListAsync(cancellationToken);
                db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == account.Id).ToListAsync(cancellationToken));
                db.UserRoles.AddRange(roleIds.Select(r => new IdentityUserRole<Guid> { UserId = account.Id, RoleId = r }));
            }

            foreach (var removed in account.Stations.Where(s => !stations.Contains(s.StationId)).ToList())
            {
                account.Stations.Remove(removed);
            }

            foreach (var added in stations.Where(s => account.Stations.All(x => x.StationId != s)))
            {
                account.Stations.Add(new StaffStation { UserId = account.Id, StationId = added });
            }

            List<Guid> ended = [];
            if (scopeChanged)
            {
                account.SecurityStamp = NewStamp();
                ended = await sessions.EndAllAsync(account.Id, SessionEnd.ScopeChanged, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            sessions.Forget(ended);
            return (Result<Guid>)account.Id;
        }, cancellationToken);
    }

    /// <summary>Disables (or re-enables) an account; disabling ends its sessions at once.</summary>
    public async Task<Result<Guid>> SetActive(Guid id, bool active, CancellationToken cancellationToken)
    {
        var managed = await ManagedAsync(id, cancellationToken);
        if (!managed.IsOk)
        {
            return managed.Error!;
        }

        var account = managed.Value;

        if (account.Id == user.UserId && !active)
        {
            return AppError.Conflict(localizer["Account.NotYourself"]);
        }

        return await SerializedAsync(async () =>
        {
            if (!active && account.IsActive && (await RolesOfAsync(account.Id, cancellationToken)).Contains(Roles.TownAdmin)
                && !await AnotherActiveAdminAsync(account.Id, cancellationToken))
            {
                return AppError.Conflict(localizer["Account.LastAdmin"]);
            }

            if (account.IsActive == active)
            {
                return (Result<Guid>)account.Id;
            }

            account.IsActive = active;
            account.SecurityStamp = NewStamp();
            var ended = active ? [] : await sessions.EndAllAsync(account.Id, SessionEnd.AccountDisabled, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            sessions.Forget(ended);
            return (Result<Guid>)account.Id;
        }, cancellationToken);
    }

    /// <summary>
    /// A new activation code for an account: for one that waits for activation (a lost slip), or a reset of a forgotten
    /// password, which removes the old password and ends every session. The answer is the slip to hand over.
    /// </summary>
    public async Task<Result<ActivationSlip>> IssueCode(Guid id, CancellationToken cancellationToken)
    {
        var managed = await ManagedAsync(id, cancellationToken);
        if (!managed.IsOk)
        {
            return managed.Error!;
        }

        var account = managed.Value;

        if (!account.IsActive)
        {
            return AppError.Conflict(localizer["Account.Disabled"]);
        }

        var reset = !account.AwaitsActivation;
        List<Guid> ended = [];
        if (reset)
        {
            account.PasswordHash = null;
            account.SecurityStamp = NewStamp();
            ended = await sessions.EndAllAsync(account.Id, SessionEnd.PasswordReset, cancellationToken);
        }

        var slip = await codes.IssueAsync(account, reset ? CodePurpose.Reset : CodePurpose.Activation, user.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(ended);
        return slip;
    }

    /// <summary>Fresh slips for every account of a station (or, for the town admin, of the town) that still waits for activation; earlier slips stop working.</summary>
    public async Task<Result<List<ActivationSlip>>> IssuePendingCodes(Guid? stationId, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var pending = await InScope().Where(u => u.IsActive && u.PasswordHash == null && (u.VolunteerId != null || u.AllianceMemberId != null))
            .Where(u => stationId == null || u.HomeStationId == stationId).OrderBy(u => u.DisplayName).Take(500).ToListAsync(cancellationToken);
        var slips = new List<ActivationSlip>(pending.Count);
        foreach (var account in pending)
        {
            slips.Add(await codes.IssueAsync(account, CodePurpose.Activation, user.UserId, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        return slips;
    }

    /// <summary>Ends the lock of an account's user name after too many failed sign-ins (and its waits).</summary>
    public async Task<Result<Guid>> Unlock(Guid id, CancellationToken cancellationToken)
    {
        var managed = await ManagedAsync(id, cancellationToken);
        if (!managed.IsOk)
        {
            return managed.Error!;
        }

        var account = managed.Value;

        string[] keys = [SignInHandler.NameKey(account.NormalizedUserName ?? "")];
        await throttle.LiftAsync(GuessPurpose.SignInLockout, keys, cancellationToken);
        await throttle.LiftAsync(GuessPurpose.SignIn, keys, cancellationToken);
        // Identity's own lockout is not used (the throttle counts names); its end time records the unlock in the audit.
        account.LockoutEnd = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return account.Id;
    }

    public async Task<Result<List<SessionRow>>> Sessions(Guid id, CancellationToken cancellationToken)
    {
        var account = await FindInScopeAsync(id, cancellationToken);
        return account is null ? NotFound() : await sessions.ListAsync(account.Id, cancellationToken);
    }

    /// <summary>The accounts the caller may see: every one for the town admin; a station manager's volunteers and merchants.</summary>
    private IQueryable<AppUser> InScope()
    {
        if (user.IsInRole(Roles.TownAdmin))
        {
            return db.Users;
        }

        var stations = user.StationIds.ToList();
        return user.IsInRole(Roles.StationManager)
            ? db.Users.Where(u => (u.VolunteerId != null || u.AllianceMemberId != null) && u.HomeStationId != null && stations.Contains(u.HomeStationId.Value))
            : db.Users.Where(_ => false);
    }

    private Task<AppUser?> FindInScopeAsync(Guid id, CancellationToken cancellationToken) =>
        InScope().Include(u => u.Stations).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>
    /// An account the caller may change: any for the town admin; for a station manager, the volunteers and merchants of
    /// their stations (staff accounts are the town admin's).
    /// </summary>
    private async Task<Result<AppUser>> ManagedAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = await FindInScopeAsync(id, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        return user.IsInRole(Roles.TownAdmin) || account.VolunteerId is not null || account.AllianceMemberId is not null
            ? account
            : AppError.Forbidden(localizer["Problem.Forbidden"]);
    }

    private async Task<List<string>> RolesOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);

    private async Task<bool> AnotherActiveAdminAsync(Guid except, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeName(Roles.TownAdmin);
        return await db.UserRoles.Where(ur => ur.UserId != except)
            .Join(db.Roles.Where(r => r.NormalizedName == normalized), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users.Where(u => u.IsActive), id => id, u => u.Id, (id, _) => id)
            .AnyAsync(cancellationToken);
    }

    private async Task<List<AccountRow>> RowsAsync(IReadOnlyList<AppUser> page, CancellationToken cancellationToken)
    {
        var ids = page.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var scopes = await db.StaffStations.Where(s => ids.Contains(s.UserId)).ToListAsync(cancellationToken);
        var stationIds = scopes.Select(s => s.StationId).Concat(page.Where(u => u.HomeStationId != null).Select(u => u.HomeStationId!.Value)).Distinct().ToList();
        var names = await db.StationNames(stationIds, cancellationToken);
        var lastSignIn = await db.Set<UserSession>().Where(s => ids.Contains(s.UserId)).GroupBy(s => s.UserId)
            .Select(g => new { g.Key, At = g.Max(s => s.StartedAt) }).ToDictionaryAsync(g => g.Key, g => g.At, cancellationToken);
        return [.. page.Select(u =>
        {
            var scope = u.HomeStationId is { } home ? [home] : scopes.Where(s => s.UserId == u.Id).Select(s => s.StationId).ToList();
            // A user name that is a mobile number is shown masked like the mobile itself.
            var userName = ChinesePhone.Normalize(u.UserName) is { } mobile ? ChinesePhone.Mask(mobile) : u.UserName ?? "";
            return new AccountRow(u.Id, userName, u.DisplayName, ChinesePhone.Mask(u.PhoneNumber ?? ""),
                u.VolunteerId is not null ? AccountKind.Volunteer : u.AllianceMemberId is not null ? AccountKind.Merchant : AccountKind.Staff,
                [.. roles[u.Id]], PersonAccounts.StatusOf(u), u.TownWide, scope, [.. scope.Select(s => names.GetValueOrDefault(s, ""))],
                u.TwoFactorEnabled, lastSignIn.TryGetValue(u.Id, out var at) ? at : null, u.CreatedAt);
        })];
    }

    private async Task<Result<(string UserName, string Mobile, List<Guid> Stations)>> ValidateAsync(StaffInput input, Guid? self, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Line("displayName", input.DisplayName, AppUser.DisplayNameLength).Mobile("mobile", input.Mobile, out var mobile);

        if (input.Role is null || !Roles.Staff.Contains(input.Role))
        {
            v.Add("role", localizer["Account.BadRole"]);
        }

        var userName = string.IsNullOrWhiteSpace(input.UserName) ? mobile ?? "" : input.UserName.Trim().ToLowerInvariant();
        if (self is null && !string.IsNullOrWhiteSpace(input.UserName) && !UserNamePattern().IsMatch(userName))
        {
            v.Add("userName", localizer["Account.UserNameFormat"]);
        }

        var stations = (input.StationIds ?? []).Distinct().ToList();
        var townWide = input.Role == Roles.TownAdmin || input.TownWide;
        if (!townWide && stations.Count == 0 && input.Role is not null)
        {
            v.Add("stationIds", localizer["Account.ScopeRequired"]);
        }

        if (stations.Count > 0 && await db.Stations.AcrossStations("the town admin grants any station").CountAsync(s => stations.Contains(s.Id), cancellationToken) != stations.Count)
        {
            v.Add("stationIds", localizer["Account.UnknownStation"]);
        }

        if (v.IsValid && self is null)
        {
            var normalized = normalizer.NormalizeName(userName);
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
            {
                v.Add(string.IsNullOrWhiteSpace(input.UserName) ? "mobile" : "userName", localizer["Account.UserNameTaken", userName]);
            }
        }

        return v.IsValid ? (userName, mobile!, townWide ? [] : stations) : v.ToError();
    }

    /// <summary>
    /// Runs a change whose check reads other accounts (the last active town admin) so that two such changes never pass
    /// their checks side by side: one at a time per database (SQLite: the process's write gate; PostgreSQL: an advisory lock).
    /// </summary>
    private async Task<Result<T>> SerializedAsync<T>(Func<Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        var gate = db.Database.IsSqlite() ? SqliteWriteGate.For(db.Database.GetConnectionString()!) : null;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(96346)", cancellationToken);
            }

            var result = await work();
            if (result.IsOk)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            gate?.Release();
        }
    }

    private AppError NotFound() => AppError.NotFound(localizer["Account.NotFound"]);

    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();
}
