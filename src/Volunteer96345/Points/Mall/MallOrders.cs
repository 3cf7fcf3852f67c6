using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.Points.Mall;

public sealed record MallOrderRow(
    Guid Id, string ListingName, string MerchantName, int Quantity, int Points, string Code, MallOrderStatus Status, DateTime OrderedAt,
    DateTime ExpiresAt, DateTime? ClosedAt);

/// <summary>
/// The one way a mall order leaves Held: fulfilled (the hold is captured to the merchant), cancelled or expired (the
/// hold is released to the member and the stock given back). The order's status change, the ledger posting and the
/// stock commit together. Two closes racing for one order cannot both win: the ledger settles a hold once, and the
/// status is a concurrency token.
/// </summary>
internal sealed class MallOrders(AppDbContext db, PointsBank bank, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<MallOrder>> CloseAsync(Guid orderId, MallOrderStatus to, string by, CancellationToken cancellationToken)
    {
        Result<MallOrder> outcome;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            outcome = await CloseInTransactionAsync(orderId, to, by, cancellationToken);
            if (outcome.IsOk)
            {
                await transaction.CommitAsync(cancellationToken);
                return outcome;
            }
        }

        db.ChangeTracker.Clear();
        return outcome;
    }

    private async Task<Result<MallOrder>> CloseInTransactionAsync(Guid orderId, MallOrderStatus to, string by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await db.Set<MallOrder>().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return AppError.NotFound(localizer["Mall.UnknownOrder"]);
        }

        if (!order.IsOpen)
        {
            return AppError.Conflict(localizer["Mall.NotOpen", localizer["MallOrderStatus." + order.Status]]);
        }

        if (to == MallOrderStatus.Fulfilled && now >= order.ExpiresAt)
        {
            return AppError.Conflict(localizer["Mall.HoldExpired"]);
        }

        var station = await db.AllianceMembers.AcrossStations("a mall order's merchant station, for the audit").Where(m => m.Id == order.AllianceMemberId).Select(m => m.StationId).FirstAsync(cancellationToken);
        var note = new PostingNote(localizer["Mall.PostingReason", order.ListingName, order.Quantity], StationId: station);
        Result<PostingResult> posting;
        if (to == MallOrderStatus.Fulfilled)
        {
            var merchant = await bank.AccountForMerchant(order.AllianceMemberId, cancellationToken);
            if (!merchant.IsOk)
            {
                return merchant.Error!;
            }

            posting = await bank.Capture(order.HoldId!.Value, merchant.Value, $"mall:{order.Id:N}:capture", note, cancellationToken);
        }
        else
        {
            posting = await bank.Release(order.HoldId!.Value, $"mall:{order.Id:N}:release", note, cancellationToken);
            await Reward.GiveStockBackAsync(db.Set<MallListing>(), order.ListingId, order.Quantity, cancellationToken);
        }

        if (!posting.IsOk || posting.Value.Replayed)
        {
            return posting.IsOk ? AppError.Conflict(localizer["Mall.Raced"]) : posting.Error!;
        }

        order.Close(to, by, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Mall.Raced"]);
        }

        return order;
    }

    public async Task<List<MallOrderRow>> RowsAsync(IQueryable<MallOrder> orders, CancellationToken cancellationToken)
    {
        var rows = await orders.AsNoTracking()
            .Join(db.AllianceMembers.AcrossStations("a member's mall orders, whatever the merchant's station"), o => o.AllianceMemberId, m => m.Id, (o, m) =>
                new MallOrderRow(o.Id, o.ListingName, m.Name, o.Quantity, o.Points, o.Code, o.Status, o.OrderedAt, o.ExpiresAt, o.ClosedAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.OrderedAt)];
    }
}
