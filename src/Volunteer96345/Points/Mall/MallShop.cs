using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.Points.Mall;

public sealed class MallOrderInput
{
    public Guid? ListingId { get; set; }
    public int? Quantity { get; set; }
}

public sealed record MallListingRow(Guid Id, Guid MerchantId, string MerchantName, string Village, string Name, string? Description, RewardKind Kind, int Price, int Stock);

/// <summary>
/// The mall (淘商城) seen from a member's phone: the active merchants' listings, ordering (stock reserved and points held
/// in one transaction), cancelling an open order, and the member's own orders with their codes.
/// </summary>
internal sealed class MallShopHandler(
    AppDbContext db, PointsBank bank, MallOrders orders, CurrentUser user, TimeProvider clock, IConfiguration configuration,
    IStringLocalizer<SharedResource> localizer)
{
    public const int MaxQuantity = 20;
    public const int MaxKeyLength = 100;

    public TimeSpan HoldFor => TimeSpan.FromDays(Math.Clamp(configuration.GetValue("Points:Mall:HoldDays", 7), 1, 90));

    /// <summary>The listings of active merchants; the mall is town-wide, so it reads past the station scope.</summary>
    public async Task<List<MallListingRow>> Listings(CancellationToken cancellationToken)
    {
        var rows = await db.Set<MallListing>().AsNoTracking().Where(l => l.IsActive)
            .Join(db.AllianceMembers.AcrossStations("the mall sells every alliance merchant's listings to the whole town").Where(m => m.Status == AllianceStatus.Active), l => l.AllianceMemberId, m => m.Id,
                (l, m) => new MallListingRow(l.Id, m.Id, m.Name, m.Village, l.Name, l.Description, l.Kind, l.Price, l.Stock))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.MerchantName, StringComparer.Ordinal).ThenBy(r => r.Price)];
    }

    /// <summary>The signed-in member's spendable balance, which the mall shows above the listings; null without a member record.</summary>
    public async Task<long?> Balance(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } volunteerId || await bank.AccountForVolunteer(volunteerId, cancellationToken) is not { IsOk: true } account)
        {
            return null;
        }

        return await bank.Balance(account.Value, cancellationToken);
    }

    public async Task<Result<MallOrderRow>> Order(MallOrderInput input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } volunteerId)
        {
            return AppError.Forbidden(localizer["Me.NotLinked"]);
        }

        var v = new Validation(localizer).Required("listingId", input.ListingId).Range("quantity", input.Quantity, 1, MaxQuantity);
        if (idempotencyKey is { Length: > MaxKeyLength })
        {
            v.Add("idempotencyKey", localizer["Validation.TooLong", "Idempotency-Key", MaxKeyLength]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var key = $"mall:{user.UserId}:{(string.IsNullOrWhiteSpace(idempotencyKey) ? Guid.NewGuid().ToString("N") : idempotencyKey.Trim())}";
        if (await ReplayAsync(key, input, volunteerId, cancellationToken) is { } replay)
        {
            return replay;
        }

        var listing = await db.Set<MallListing>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == input.ListingId && l.IsActive, cancellationToken);
        var merchant = listing is null
            ? null
            : await db.AllianceMembers.AcrossStations("the mall sells every alliance merchant's listings to the whole town").AsNoTracking().FirstOrDefaultAsync(m => m.Id == listing.AllianceMemberId, cancellationToken);
        if (listing is null || merchant is not { Status: AllianceStatus.Active })
        {
            return AppError.Invalid("listingId", localizer["Mall.UnknownListing"]);
        }

        var account = await bank.AccountForVolunteer(volunteerId, cancellationToken);
        if (!account.IsOk)
        {
            return account.Error!;
        }

        var quantity = input.Quantity!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        Result<MallOrderRow> outcome;
        await using (var transaction = await db.BeginWriteAsync(cancellationToken))
        {
            outcome = await PlaceAsync(listing, merchant, volunteerId, quantity, key, account.Value, now, cancellationToken);
            if (outcome.IsOk)
            {
                await transaction.CommitAsync(cancellationToken);
                return outcome;
            }
        }

        db.ChangeTracker.Clear();
        return await ReplayAsync(key, input, volunteerId, cancellationToken) ?? outcome;
    }

    private async Task<Result<MallOrderRow>> PlaceAsync(MallListing listing, AllianceMember merchant, Guid volunteerId, int quantity, string key, long account,
        DateTime now, CancellationToken cancellationToken)
    {
        if (!await Reward.TakeStockAsync(db.Set<MallListing>(), listing.Id, quantity, cancellationToken))
        {
            return AppError.Conflict(localizer["Counter.OutOfStock", listing.Name]);
        }

        var order = MallOrder.Place(listing, volunteerId, quantity, key, HoldFor, now);
        var hold = await bank.Hold(account, order.Points, key, new PostingNote(localizer["Mall.HoldReason", listing.Name, quantity], StationId: merchant.StationId),
            cancellationToken);
        if (!hold.IsOk)
        {
            return hold.Error!.Kind == ErrorKind.Conflict && hold.Error.Message == localizer["Points.InsufficientBalance"]
                ? AppError.Conflict(localizer["Counter.InsufficientBalance", order.Points])
                : hold.Error;
        }

        if (hold.Value.Replayed)
        {
            return AppError.Conflict(localizer["Points.KeyReused"]);
        }

        order.Holding(hold.Value.PostingId);
        db.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return (await orders.RowsAsync(db.Set<MallOrder>().Where(o => o.Id == order.Id), cancellationToken))[0];
    }

    private async Task<Result<MallOrderRow>?> ReplayAsync(string key, MallOrderInput input, Guid volunteerId, CancellationToken cancellationToken)
    {
        var first = await db.Set<MallOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.IdempotencyKey == key, cancellationToken);
        if (first is null)
        {
            return null;
        }

        return first.ListingId != input.ListingId || first.Quantity != input.Quantity || first.VolunteerId != volunteerId
            ? AppError.Conflict(localizer["Points.KeyReused"])
            : (await orders.RowsAsync(db.Set<MallOrder>().Where(o => o.Id == first.Id), cancellationToken))[0];
    }

    public async Task<Result<MallOrderRow>> Cancel(Guid orderId, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } volunteerId)
        {
            return AppError.Forbidden(localizer["Me.NotLinked"]);
        }

        if (!await db.Set<MallOrder>().AnyAsync(o => o.Id == orderId && o.VolunteerId == volunteerId, cancellationToken))
        {
            return AppError.NotFound(localizer["Mall.UnknownOrder"]);
        }

        var closed = await orders.CloseAsync(orderId, MallOrderStatus.Cancelled, user.Name, cancellationToken);
        return closed.IsOk ? (await orders.RowsAsync(db.Set<MallOrder>().Where(o => o.Id == orderId), cancellationToken))[0] : closed.Error!;
    }

    public async Task<List<MallOrderRow>> Mine(CancellationToken cancellationToken) =>
        user.VolunteerId is { } id ? await orders.RowsAsync(db.Set<MallOrder>().Where(o => o.VolunteerId == id), cancellationToken) : [];
}
