using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.Points.Deductions;

/// <summary>A deduction asked for on the back office or the API: whom, which item, and why.</summary>
internal sealed class DeductionInput
{
    public Guid? VolunteerId { get; set; }
    public string? ItemCode { get; set; }
    public string? Reason { get; set; }
}

internal sealed record DeductionReceipt(long PostingId, Guid VolunteerId, string ItemCode, long Points, long BalanceAfter, DateTime At, bool Replayed);

internal sealed record DeductionRow(long PostingId, DateTime At, string Member, long Points, string Reason, string Actor);

internal sealed record DeductionMember(Guid Id, string Label);

/// <summary>
/// 扣分: takes an item's points from a member back to the town fund (a <see cref="PostingKind.Deduction"/> transfer) with a
/// reason the member reads on their statement. Station managers deduct from members of their own stations; the town admin
/// and the system (another module's job) from anyone.
/// <para>
/// A member whose balance is below the item's points is not deducted at all: the ledger never takes a member below zero,
/// and taking "what is left" would make the same item cost members different amounts. The caller gets the ledger's
/// 积分余额不足 conflict with the balance and the points, and nothing changes; staff decide what to do about it.
/// </para>
/// The key names the deduction's source, so doing the same thing twice deducts once (the activities module:
/// <c>activity:&lt;id&gt;:no-show:&lt;volunteer&gt;</c>); it is stored as <c>deduction:&lt;key&gt;</c>.
/// </summary>
internal sealed class DeductionHandler(AppDbContext db, PointsBank bank, CurrentUser user, IStringLocalizer<SharedResource> localizer)
{
    public const int ReasonLength = 200;
    public const int KeyLength = 150;
    public const int ApiKeyLength = 100;

    /// <summary>
    /// The one call for other modules: deducts the item's points from the volunteer with a reason, once per key.
    /// Refused (nothing posted) for an unknown or retired item, a member out of the caller's stations, or a balance below the item's points.
    /// </summary>
    public async Task<Result<DeductionReceipt>> Post(Guid volunteerId, string itemCode, string reason, string key, CancellationToken cancellationToken = default)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer)
            .Check(volunteerId != Guid.Empty, "volunteerId", "Validation.Required", localizer["Field.volunteerId"])
            .Text("itemCode", itemCode, DeductionItem.CodeLength)
            .Text("reason", reason, ReasonLength)
            .Text("key", key, KeyLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var code = itemCode.Trim();
        var item = await db.Set<DeductionItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item is not { IsActive: true })
        {
            return AppError.Invalid("itemCode", localizer["Deduction.UnknownItem"]);
        }

        // Read past the scope on purpose, to answer "not your station's member" rather than "no such member".
        var member = await db.Volunteers.AcrossStations("a deduction names the member, whatever their station").AsNoTracking().Where(m => m.Id == volunteerId)
            .Select(m => new { m.Id, m.StationId }).FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return AppError.Invalid("volunteerId", localizer["Deduction.UnknownMember"]);
        }

        if (!user.CanSee(member.StationId))
        {
            return AppError.Forbidden(localizer["Deduction.OtherStation"]);
        }

        var account = await bank.AccountForVolunteer(member.Id, cancellationToken);
        if (!account.IsOk)
        {
            return account.Error!;
        }

        var town = await bank.TownAccount(AccountKind.TownFund, cancellationToken);
        var posted = await bank.Transfer(account.Value, town, item.Points, PostingKind.Deduction, "deduction:" + key.Trim(),
            new PostingNote($"{item.NameZh}：{reason.Trim()}", StationId: member.StationId), cancellationToken);
        if (!posted.IsOk)
        {
            return posted.Error!.Kind == ErrorKind.Conflict && posted.Error.Message == localizer["Points.InsufficientBalance"]
                ? AppError.Conflict(localizer["Deduction.InsufficientBalance", await bank.Balance(account.Value, cancellationToken) ?? 0, item.Points])
                : posted.Error;
        }

        var p = posted.Value;
        return new DeductionReceipt(p.PostingId, member.Id, item.Code, p.Amount, p.DebitBalanceAfter, p.At, p.Replayed);
    }

    /// <summary>A deduction from the back office or the API; the key is the caller's (one per form, or the Idempotency-Key header).</summary>
    public async Task<Result<DeductionReceipt>> Post(DeductionInput input, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var v = new Validation(localizer).Required("volunteerId", input.VolunteerId).Text("itemCode", input.ItemCode, DeductionItem.CodeLength)
            .Text("reason", input.Reason, ReasonLength);
        if (idempotencyKey is { Length: > ApiKeyLength })
        {
            v.Add("idempotencyKey", localizer["Validation.TooLong", "Idempotency-Key", ApiKeyLength]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var key = string.Create(CultureInfo.InvariantCulture,
            $"staff:{user.UserId}:{(string.IsNullOrWhiteSpace(idempotencyKey) ? Guid.NewGuid().ToString("N") : idempotencyKey.Trim())}");
        return await Post(input.VolunteerId!.Value, input.ItemCode!, input.Reason!, key, cancellationToken);
    }

    /// <summary>The latest deductions the caller may see (their stations'), newest first.</summary>
    public async Task<List<DeductionRow>> Recent(int take, CancellationToken cancellationToken)
    {
        var postings = db.Postings.AsNoTracking().Where(p => p.Kind == PostingKind.Deduction);
        if (!user.SeesAllStations)
        {
            var stations = user.StationIds.ToList();
            postings = postings.Where(p => p.StationId != null && stations.Contains(p.StationId.Value));
        }

        return await postings.OrderByDescending(p => p.Id).Take(Math.Clamp(take, 1, 200))
            .Join(db.PointsAccounts.AsNoTracking(), p => p.DebitAccountId, a => a.Id, (p, a) => new DeductionRow(p.Id, p.At, a.Name, p.Amount, p.Reason, p.Actor))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Members the caller may deduct from (their stations' active and suspended volunteers), for the picker.</summary>
    public Task<List<DeductionMember>> Members(CancellationToken cancellationToken) =>
        db.Volunteers.AsNoTracking().Where(m => m.Status == People.VolunteerStatus.Active || m.Status == People.VolunteerStatus.Suspended)
            .OrderBy(m => m.Number).Select(m => new DeductionMember(m.Id, m.Number + " " + m.RealName)).ToListAsync(cancellationToken);
}
