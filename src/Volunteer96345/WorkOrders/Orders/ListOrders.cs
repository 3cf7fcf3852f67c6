using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.WorkOrders.Orders;

public sealed record OrderFilter(
    WorkOrderStatus? Status = null,
    Guid? StationId = null,
    ServiceCategory? Category = null,
    IntakeChannel? Channel = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Search = null,
    int? Page = null,
    int? PageSize = null);

public sealed record OrderRow(Guid Id, string TrackingCode, DateTime ReceivedAt, IntakeChannel Channel, ServiceCategory Category, string ServiceName,
    string Description, Guid StationId, string StationName, WorkOrderStatus Status, bool AwaitingTown, bool ArrivalBreached, string? ResponderName);

/// <summary>The order list of the back office. The station scope applies by itself; the dates are town days (Asia/Shanghai).</summary>
internal sealed class ListOrdersHandler(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<Page<OrderRow>>> List(OrderFilter filter, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Staff))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Text("search", filter.Search, 50, required: false)
            .Check(filter.From is null || filter.To is null || filter.From <= filter.To, "to", "Validation.DateOrder");
        if (filter.Status is { } s && !Enum.IsDefined(s) || filter.Category is { } c && !Enum.IsDefined(c) || filter.Channel is { } ch && !Enum.IsDefined(ch))
        {
            v.Add("status", localizer["Validation.Invalid", localizer["Field.status"]]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var query = db.WorkOrders.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (filter.StationId is { } station)
        {
            query = query.Where(o => o.StationId == station);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(o => o.Category == category);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(o => o.Channel == channel);
        }

        if (filter.From is { } from)
        {
            var start = StartOf(from);
            query = query.Where(o => o.ReceivedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            query = query.Where(o => o.ReceivedAt < end);
        }

        if (filter.Search?.Trim() is { Length: > 0 } text)
        {
            var code = text.ToUpperInvariant();
            query = query.Where(o => o.TrackingCode == code || o.Description.Contains(text) || o.Address.Contains(text));
        }

        var page = await query.OrderByDescending(o => o.ReceivedAt)
            .Select(o => new
            {
                o.Id,
                o.TrackingCode,
                o.ReceivedAt,
                o.Channel,
                o.Category,
                o.ServiceItemId,
                o.Description,
                o.StationId,
                o.Status,
                o.AwaitingTown,
                o.ArrivalBreached,
                o.ResponderName
            })
            .ToPageAsync(filter.Page, filter.PageSize, cancellationToken);
        var itemIds = page.Items.Select(o => o.ServiceItemId).Distinct().ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var stationIds = page.Items.Select(o => o.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        return new Page<OrderRow>(
            [.. page.Items.Select(o => new OrderRow(o.Id, o.TrackingCode, o.ReceivedAt, o.Channel, o.Category, items.GetValueOrDefault(o.ServiceItemId, ""),
                o.Description, o.StationId, stations.GetValueOrDefault(o.StationId, ""), o.Status, o.AwaitingTown, o.ArrivalBreached, o.ResponderName))],
            page.Total, page.PageNumber, page.PageSize);
    }

    /// <summary>Midnight of a town day, in UTC.</summary>
    public static DateTime StartOf(DateOnly day) => Shanghai.StartOfDayUtc(day);
}
