using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;
using Volunteer96345.Points.Mall;

namespace Volunteer96345.Points.MerchantDesk;

public sealed class ListingInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public RewardKind? Kind { get; set; }
    public int? Price { get; set; }
    public int? Stock { get; set; }
}

public sealed class FulfilInput
{
    public string? Code { get; set; }
}

public sealed record MyShop(Guid Id, string Name, AllianceStatus Status);

/// <summary>
/// A member as a merchant sees them when checking a perk: masked name, card number and privilege level with its perks.
/// Nothing else (no balance, phone, ID number, address or internal id): the mall's redemption itself goes by the order's code.
/// </summary>
public sealed record MemberAtMerchant(string Number, string MaskedName, string? LevelKey, string LevelName, IReadOnlyList<string> Perks);

public sealed record ListingRow(Guid Id, string Name, string? Description, RewardKind Kind, int Price, int Stock, bool IsActive);

/// <summary>
/// The merchant's desk on the phone: their own listings, the orders placed with them, and fulfilling an order from the
/// code the member shows. A merchant account acts for exactly one alliance member (<see cref="AppUser.AllianceMemberId"/>) and
/// reaches nothing of any other.
/// </summary>
internal sealed class MerchantDeskHandler(
    AppDbContext db, MallOrders orders, CurrentUser user, TimeProvider clock, GuessThrottle throttle, IStringLocalizer<SharedResource> localizer,
    Counter.RedeemHandler members)
{
    public async Task<MyShop?> Shop(CancellationToken cancellationToken)
    {
        if (user.AllianceMemberId is not { } memberId || !user.IsInRole(Roles.Merchant))
        {
            return null;
        }

        return await db.AllianceMembers.AcrossStations("the merchant's own record").AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new MyShop(m.Id, m.Name, m.Status)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<List<ListingRow>> Listings(CancellationToken cancellationToken)
    {
        if (await Shop(cancellationToken) is not { } shop)
        {
            return [];
        }

        var rows = await db.Set<MallListing>().AsNoTracking().Where(l => l.AllianceMemberId == shop.Id)
            .Select(l => new ListingRow(l.Id, l.Name, l.Description, l.Kind, l.Price, l.Stock, l.IsActive)).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.IsActive).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Lists new goods (no id) or revises one of the merchant's own; the stock given is the count on the shelf now.</summary>
    public async Task<Result<Guid>> SaveListing(Guid? id, ListingInput input, CancellationToken cancellationToken)
    {
        if (await Shop(cancellationToken) is not { } shop)
        {
            return AppError.Forbidden(localizer["Mall.NotMerchant"]);
        }

        var v = Reward.Validate(new Validation(localizer), input.Name, input.Description, input.Kind, input.Price, input.Stock);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        MallListing listing;
        if (id is { } listingId)
        {
            var found = await db.Set<MallListing>().FirstOrDefaultAsync(l => l.Id == listingId && l.AllianceMemberId == shop.Id, cancellationToken);
            if (found is null)
            {
                return AppError.NotFound(localizer["Mall.UnknownListing"]);
            }

            listing = found;
            listing.Revise(input.Name!, input.Description, input.Kind!.Value, input.Price!.Value, input.Stock!.Value);
        }
        else
        {
            listing = MallListing.Create(shop.Id, input.Name!, input.Description, input.Kind!.Value, input.Price!.Value, input.Stock!.Value,
                clock.GetUtcNow().UtcDateTime);
            db.Add(listing);
        }

        await db.SaveChangesAsync(cancellationToken);
        return listing.Id;
    }

    public async Task<Result<bool>> SetListingActive(Guid id, bool active, CancellationToken cancellationToken)
    {
        if (await Shop(cancellationToken) is not { } shop)
        {
            return AppError.Forbidden(localizer["Mall.NotMerchant"]);
        }

        var listing = await db.Set<MallListing>().FirstOrDefaultAsync(l => l.Id == id && l.AllianceMemberId == shop.Id, cancellationToken);
        if (listing is null)
        {
            return AppError.NotFound(localizer["Mall.UnknownListing"]);
        }

        if (active)
        {
            listing.Relist();
        }
        else
        {
            listing.Withdraw();
        }

        await db.SaveChangesAsync(cancellationToken);
        return listing.IsActive;
    }

    /// <summary>The member whose card the merchant scanned or whose number they typed, as little as a perk check needs.</summary>
    public async Task<Result<MemberAtMerchant>> LookUpMember(string? scannedOrTyped, CancellationToken cancellationToken)
    {
        if (await Shop(cancellationToken) is null)
        {
            return AppError.Forbidden(localizer["Mall.NotMerchant"]);
        }

        var found = await members.LookUp(scannedOrTyped, cancellationToken);
        return found.IsOk
            ? new MemberAtMerchant(found.Value.Number, found.Value.MaskedName, found.Value.Level.Key, found.Value.Level.Name, found.Value.Level.Perks)
            : found.Error!;
    }

    public async Task<List<MallOrderRow>> Orders(CancellationToken cancellationToken) =>
        await Shop(cancellationToken) is { } shop
            ? await orders.RowsAsync(db.Set<MallOrder>().Where(o => o.AllianceMemberId == shop.Id), cancellationToken)
            : [];

    /// <summary>
    /// Fulfils the open order with this code: its held points go to the merchant. An expired, cancelled or already fulfilled
    /// order is refused. A code of no order of the shop is a wrong guess, counted per merchant account and per shop
    /// (<see cref="GuessThrottle"/>); a fulfilment clears no count, since a merchant could order from their own shop to reset it.
    /// </summary>
    public async Task<Result<MallOrderRow>> Fulfil(FulfilInput input, CancellationToken cancellationToken)
    {
        if (await Shop(cancellationToken) is not { } shop)
        {
            return AppError.Forbidden(localizer["Mall.NotMerchant"]);
        }

        var code = new string([.. (input.Code ?? "").Where(c => !char.IsWhiteSpace(c))]);
        if (code.Length == 0)
        {
            return new Validation(localizer).Text("code", null, MallOrder.CodeLength).ToError();
        }

        if (code.Length != MallOrder.CodeLength || !code.All(char.IsAsciiDigit))
        {
            return AppError.Invalid("code", localizer["Mall.CodeFormat", MallOrder.CodeLength]);
        }

        string[] keys = [throttle.Person, GuessKeys.Target("shop", shop.Id)];
        if (await throttle.WaitAsync(GuessPurpose.ConfirmationCode, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("code", wait);
        }

        // An open order wins over an old closed one that happened to draw the same code.
        var order = await db.Set<MallOrder>().AsNoTracking().Where(o => o.AllianceMemberId == shop.Id && o.Code == code)
            .OrderBy(o => o.Status == MallOrderStatus.Held ? 0 : 1).ThenByDescending(o => o.OrderedAt).FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            await throttle.FailedAsync(GuessPurpose.ConfirmationCode, keys, cancellationToken);
            return AppError.Invalid("code", localizer["Mall.UnknownCode"]);
        }

        var closed = await orders.CloseAsync(order.Id, MallOrderStatus.Fulfilled, user.Name, cancellationToken);
        return closed.IsOk ? (await orders.RowsAsync(db.Set<MallOrder>().Where(o => o.Id == order.Id), cancellationToken))[0] : closed.Error!;
    }
}
