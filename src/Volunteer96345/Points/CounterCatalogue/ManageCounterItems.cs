using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Points.CounterCatalogue;

/// <summary>A catalogue entry of a service point's counter. The station is chosen when the item is created and stays.</summary>
public sealed class CounterItemInput
{
    public Guid? StationId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public RewardKind? Kind { get; set; }
    public int? Price { get; set; }
    public int? Stock { get; set; }
}

public sealed record CounterItemRow(Guid Id, Guid StationId, string StationName, string Name, string? Description, RewardKind Kind, int Price, int Stock, bool IsActive);

/// <summary>
/// The redemption catalogue of each service point. A station manager keeps the items of their own stations; the
/// query filter hides the others and the scope guard refuses a change to them.
/// </summary>
internal sealed class ManageCounterItemsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<List<CounterItemRow>> List(Guid? stationId, bool includeRetired, CancellationToken cancellationToken)
    {
        var query = db.Set<CounterItem>().AsNoTracking();
        if (stationId is { } id)
        {
            query = query.Where(i => i.StationId == id);
        }

        if (!includeRetired)
        {
            query = query.Where(i => i.IsActive);
        }

        var rows = await query.Join(db.Stations, i => i.StationId, s => s.Id, (i, s) =>
                new CounterItemRow(i.Id, i.StationId, s.Name, i.Name, i.Description, i.Kind, i.Price, i.Stock, i.IsActive))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.StationName, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    public async Task<Result<Guid>> Create(CounterItemInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (input.StationId is { } wanted && !user.CanSee(wanted))
        {
            return AppError.Forbidden(localizer["Counter.NotYourStation"]);
        }

        var v = Validate(input);
        v.Required("stationId", input.StationId);
        if (input.StationId is { } stationId && !await db.Stations.AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            v.Add("stationId", localizer["Counter.UnknownStation"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var item = CounterItem.Create(input.StationId!.Value, input.Name!, input.Description, input.Kind!.Value, input.Price!.Value, input.Stock!.Value,
            clock.GetUtcNow().UtcDateTime);
        db.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id;
    }

    /// <summary>Revises the item and sets its stock to a stocktake's count.</summary>
    public async Task<Result<Guid>> Update(Guid id, CounterItemInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var item = await db.Set<CounterItem>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Counter.UnknownItem"]);
        }

        var v = Validate(input);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        item.Revise(input.Name!, input.Description, input.Kind!.Value, input.Price!.Value);
        item.CountStock(input.Stock!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id;
    }

    public async Task<Result<bool>> SetActive(Guid id, bool active, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var item = await db.Set<CounterItem>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Counter.UnknownItem"]);
        }

        if (active)
        {
            item.Restore();
        }
        else
        {
            item.Retire();
        }

        await db.SaveChangesAsync(cancellationToken);
        return item.IsActive;
    }

    private Validation Validate(CounterItemInput input) =>
        Reward.Validate(new Validation(localizer), input.Name, input.Description, input.Kind, input.Price, input.Stock);

    private bool CanChange() => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager);
}
