using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.Points.Counter;

/// <summary>A redemption at the counter: the item, how many, the member's QR text or number, and the code on their phone.</summary>
public sealed class RedeemInput
{
    public Guid? ItemId { get; set; }
    public string? Member { get; set; }
    public int? Quantity { get; set; }
    public string? Code { get; set; }
}

public sealed record RedemptionReceipt(
    Guid Id, string ItemName, int Quantity, int Points, string MemberName, string MemberNumber, long BalanceAfter, DateTime RedeemedAt, bool Replayed);

/// <summary>A redemption's printed slip (兑换凭条): what the member took, what it cost, and their balance just after it.</summary>
public sealed record CounterSlip(Guid Id, string StationName, string ItemName, int Quantity, int Points, string MemberName, string MemberNumber,
    long? BalanceAfter, DateTime RedeemedAt, string RedeemedBy);

/// <summary>The member a counter or a merchant found from a scanned code or typed number: masked name, level, and for the counter the balance.</summary>
public sealed record MemberAtCounter(Guid VolunteerId, string Number, string MaskedName, long? Balance, PrivilegeLevel Level);

/// <summary>
/// Redeeming at a service point's counter (积分兑换). The member's one-time code, the stock decrement and the ledger posting
/// (member → the station's redemptions) commit in one transaction or not at all:
/// <list type="bullet">
/// <item>the code is claimed by a conditional update (unused, unexpired), so it confirms one redemption;</item>
/// <item>the stock falls by a conditional update (stock ≥ quantity), backed by a CHECK constraint;</item>
/// <item>the ledger refuses to take the member below zero.</item>
/// </list>
/// The idempotency key is the ledger's key too: a retry, even one racing the first, returns the first receipt.
/// </summary>
internal sealed class RedeemHandler(
    AppDbContext db, PointsBank bank, Privileges privileges, CurrentUser user, TimeProvider clock, GuessThrottle throttle, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxQuantity = 99;
    public const int MaxKeyLength = 100;

    public async Task<Result<RedemptionReceipt>> Redeem(RedeemInput input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer)
            .Required("itemId", input.ItemId)
            .Text("member", input.Member, MemberCode.MaxLength)
            .Range("quantity", input.Quantity, 1, MaxQuantity)
            .Text("code", input.Code, ConfirmationCode.Digits);
        if (input.Code is { Length: > 0 } code && !(code.Trim().Length == ConfirmationCode.Digits && code.Trim().All(char.IsAsciiDigit)))
        {
            v.Add("code", localizer["Counter.CodeFormat", ConfirmationCode.Digits]);
        }

        if (idempotencyKey is { Length: > MaxKeyLength })
        {
            v.Add("idempotencyKey", localizer["Validation.TooLong", "Idempotency-Key", MaxKeyLength]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var key = $"counter:{user.UserId}:{(string.IsNullOrWhiteSpace(idempotencyKey) ? Guid.NewGuid().ToString("N") : idempotencyKey.Trim())}";
        if (await ReplayAsync(key, input, cancellationToken) is { } replay)
        {
            return replay;
        }

        // Another station's stock is looked up on purpose, to say so instead of "unknown item".
        var item = await db.Set<CounterItem>().AcrossStations("a member of any station redeems at the counter").AsNoTracking().FirstOrDefaultAsync(i => i.Id == input.ItemId, cancellationToken);
        if (item is null || !item.IsActive)
        {
            return AppError.Invalid("itemId", localizer["Counter.UnknownItem"]);
        }

        if (!user.CanSee(item.StationId))
        {
            return AppError.Forbidden(localizer["Counter.OtherStation"]);
        }

        var member = await FindMemberAsync(input.Member, cancellationToken);
        if (member is null)
        {
            return AppError.Invalid("member", localizer["Counter.UnknownMember"]);
        }

        // Besides the code's own limit (void after 5 wrong), wrong codes count per operator and per member (GuessThrottle);
        // during a wait the code is not looked at. A redemption clears no count: staff could confirm their own to reset it.
        string[] keys = [throttle.Person, GuessKeys.Target("member", member.Id)];
        if (await throttle.WaitAsync(GuessPurpose.ConfirmationCode, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("code", wait);
        }

        var quantity = input.Quantity!.Value;
        var memberAccount = await bank.AccountForVolunteer(member.Id, cancellationToken);
        var stationAccount = await bank.AccountForStation(item.StationId, cancellationToken);
        if (!memberAccount.IsOk || !stationAccount.IsOk)
        {
            return (memberAccount.Error ?? stationAccount.Error)!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = ConfirmationCode.Hash(member.Id, input.Code!);
        Result<RedemptionReceipt> outcome;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            outcome = await RedeemInTransactionAsync(item, member, quantity, hash, key, memberAccount.Value, stationAccount.Value, now, cancellationToken);
            if (outcome.IsOk)
            {
                await transaction.CommitAsync(cancellationToken);
                return outcome;
            }
        }

        // A request that lost a race with its own retry (same key) answers with the winner's receipt.
        db.ChangeTracker.Clear();
        if (await ReplayAsync(key, input, cancellationToken) is { } winner)
        {
            return winner;
        }

        if (!outcome.Error!.Fields.ContainsKey("code"))
        {
            return outcome;
        }

        var wrong = await WrongCodeAsync(member.Id, now, cancellationToken);
        await throttle.FailedAsync(GuessPurpose.ConfirmationCode, keys, cancellationToken);
        return wrong;
    }

    /// <summary>
    /// Counts a wrong code against the member's outstanding codes, after the redemption's transaction has rolled back. At
    /// <see cref="ConfirmationCode.MaxFailedAttempts"/> they are void (the claim above refuses them even with the right
    /// code) and the staff are told the member must ask for a new one.
    /// </summary>
    private async Task<AppError> WrongCodeAsync(Guid memberId, DateTime now, CancellationToken cancellationToken)
    {
        var outstanding = db.Set<ConfirmationCode>().Where(c => c.VolunteerId == memberId && c.UsedAt == null && c.ExpiresAt > now);
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            await outstanding.Where(c => c.FailedAttempts < ConfirmationCode.MaxFailedAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await outstanding.AnyAsync(c => c.FailedAttempts >= ConfirmationCode.MaxFailedAttempts, cancellationToken)
            ? AppError.Invalid("code", localizer["Counter.CodeVoid", ConfirmationCode.MaxFailedAttempts])
            : AppError.Invalid("code", localizer["Counter.WrongCode"]);
    }

    private async Task<Result<RedemptionReceipt>> RedeemInTransactionAsync(CounterItem item, Volunteer member, int quantity, string hash, string key,
        long memberAccount, long stationAccount, DateTime now, CancellationToken cancellationToken)
    {
        var claimed = await db.Set<ConfirmationCode>()
            .Where(c => c.VolunteerId == member.Id && c.CodeHash == hash && c.UsedAt == null && c.ExpiresAt > now
                && c.FailedAttempts < ConfirmationCode.MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return AppError.Invalid("code", localizer["Counter.WrongCode"]);
        }

        if (!await Reward.TakeStockAsync(db.Set<CounterItem>(), item.Id, quantity, cancellationToken))
        {
            return AppError.Conflict(localizer["Counter.OutOfStock", item.Name]);
        }

        var posting = await bank.Transfer(memberAccount, stationAccount, item.PointsFor(quantity), PostingKind.Redemption, key,
            new PostingNote(localizer["Counter.PostingReason", item.Name, quantity], StationId: item.StationId), cancellationToken);
        if (!posting.IsOk)
        {
            return posting.Error!.Kind == ErrorKind.Conflict && posting.Error.Message == localizer["Points.InsufficientBalance"]
                ? AppError.Conflict(localizer["Counter.InsufficientBalance", item.PointsFor(quantity)])
                : posting.Error;
        }

        if (posting.Value.Replayed)
        {
            return AppError.Conflict(localizer["Points.KeyReused"]);
        }

        var redemption = CounterRedemption.Record(item, member.Id, quantity, key, posting.Value.PostingId, user.Name, now);
        db.Add(redemption);
        await db.SaveChangesAsync(cancellationToken);
        return Receipt(redemption, member, posting.Value.DebitBalanceAfter, replayed: false);
    }

    /// <summary>The receipt of an earlier redemption with this key; a conflict when the key was used for something else.</summary>
    private async Task<Result<RedemptionReceipt>?> ReplayAsync(string key, RedeemInput input, CancellationToken cancellationToken)
    {
        var first = await db.Set<CounterRedemption>().AcrossStations("a member of any station redeems at the counter").AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken);
        if (first is null)
        {
            return null;
        }

        var member = await db.Volunteers.AcrossStations("a member of any station redeems at the counter").AsNoTracking().FirstAsync(m => m.Id == first.VolunteerId, cancellationToken);
        if (first.ItemId != input.ItemId || first.Quantity != input.Quantity || !string.Equals(MemberCode.Number(input.Member), member.Number, StringComparison.Ordinal))
        {
            return AppError.Conflict(localizer["Points.KeyReused"]);
        }

        var balance = await BalanceAfterAsync(first.PostingId, member.Id, cancellationToken);
        return Receipt(first, member, balance, replayed: true);
    }

    private async Task<long> BalanceAfterAsync(long postingId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var account = await bank.AccountForVolunteer(volunteerId, cancellationToken);
        return account.IsOk ? await bank.Balance(account.Value, cancellationToken) ?? 0 : 0;
    }

    /// <summary>The slip of a redemption at one of the caller's stations (the station scope decides), for the counter's printer.</summary>
    public async Task<Result<CounterSlip>> Slip(Guid redemptionId, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var r = await db.Set<CounterRedemption>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == redemptionId, cancellationToken);
        if (r is null)
        {
            return AppError.NotFound(localizer["Counter.RedemptionNotFound"]);
        }

        var member = await db.Volunteers.AcrossStations("a member of any station redeems at the counter").AsNoTracking()
            .FirstAsync(m => m.Id == r.VolunteerId, cancellationToken);
        var account = await bank.AccountForVolunteer(member.Id, cancellationToken);
        var after = account.IsOk
            ? await db.Set<PointsEntry>().AsNoTracking().Where(e => e.PostingId == r.PostingId && e.AccountId == account.Value)
                .Select(e => (long?)e.BalanceAfter).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new CounterSlip(r.Id, await db.StationName(r.StationId, cancellationToken) ?? "", r.ItemName, r.Quantity, r.Points, Mask(member.RealName),
            member.Number, after, r.RedeemedAt, r.RedeemedBy);
    }

    /// <summary>The member behind a scanned code or a typed number, with balance and level, for the counter and the merchant's desk.</summary>
    public async Task<Result<MemberAtCounter>> LookUp(string? scannedOrTyped, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager, Roles.Merchant))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Text("member", scannedOrTyped, MemberCode.MaxLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var member = await FindMemberAsync(scannedOrTyped, cancellationToken);
        if (member is null)
        {
            return AppError.Invalid("member", localizer["Counter.UnknownMember"]);
        }

        // A merchant sees the level the member is entitled to, not how many points they hold.
        var described = await DescribeAsync(member, cancellationToken);
        return user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager) ? described : described with { Balance = null };
    }

    public async Task<MemberAtCounter> DescribeAsync(Volunteer member, CancellationToken cancellationToken)
    {
        var account = await bank.AccountForVolunteer(member.Id, cancellationToken);
        var balance = account.IsOk ? await bank.Balance(account.Value, cancellationToken) ?? 0 : 0;
        var lifetime = account.IsOk ? await bank.LifetimeEarned(account.Value, cancellationToken) : 0;
        var level = await privileges.For(lifetime, await privileges.ServiceHours(member.Id, cancellationToken), cancellationToken);
        return new MemberAtCounter(member.Id, member.Number, Mask(member.RealName), balance, level);
    }

    /// <summary>
    /// Any registered member may redeem at any station's counter, so the lookup reads past the station scope; what is
    /// shown of them is the masked name, their number and their points.
    /// </summary>
    private async Task<Volunteer?> FindMemberAsync(string? scannedOrTyped, CancellationToken cancellationToken)
    {
        var number = MemberCode.Number(scannedOrTyped);
        return number is null
            ? null
            : await db.Volunteers.AcrossStations("a member of any station redeems at the counter").AsNoTracking()
                .FirstOrDefaultAsync(m => m.Number == number && m.Status != VolunteerStatus.Rejected, cancellationToken);
    }

    public static string Mask(string name) => name.Length <= 1 ? name : name[..1] + new string('*', Math.Min(name.Length - 1, 2));

    private static RedemptionReceipt Receipt(CounterRedemption r, Volunteer member, long balanceAfter, bool replayed) =>
        new(r.Id, r.ItemName, r.Quantity, r.Points, Mask(member.RealName), member.Number, balanceAfter, r.RedeemedAt, replayed);
}
