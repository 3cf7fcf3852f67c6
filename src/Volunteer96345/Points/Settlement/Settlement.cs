using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.People;
using Volunteer96345.Points.MerchantDesk;

namespace Volunteer96345.Points.Settlement;

public sealed record SettlementLine(DateTime FulfilledAt, string Code, string ListingName, int Quantity, int Points, string MemberNumber);

public sealed record MerchantSettlement(Guid MerchantId, string MerchantName, int Year, int Month, IReadOnlyList<SettlementLine> Lines, long TotalPoints);

public sealed record SettlementSummaryRow(Guid MerchantId, string MerchantName, int Orders, long TotalPoints);

/// <summary>
/// The monthly settlement statement of each merchant (月度结算单): the orders fulfilled in a calendar month of Shanghai time
/// and the points captured for them. A merchant sees their own; the town sees every merchant's.
/// </summary>
internal sealed class SettlementHandler(AppDbContext db, MerchantDeskHandler desk, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    Common.Privacy.DataExportLog exports)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public (int Year, int Month) ThisMonth
    {
        get
        {
            var today = Shanghai.Today(clock);
            return (today.Year, today.Month);
        }
    }

    /// <summary>One merchant's month. A merchant is always given their own shop, whatever id they ask for.</summary>
    public async Task<Result<MerchantSettlement>> Month(Guid? merchantId, int? year, int? month, CancellationToken cancellationToken)
    {
        Guid id;
        if (user.IsInRole(Roles.Merchant) && !user.IsInRole(Roles.TownAdmin))
        {
            if (await desk.Shop(cancellationToken) is not { } shop)
            {
                return AppError.Forbidden(localizer["Mall.NotMerchant"]);
            }

            id = shop.Id;
        }
        else if (user.IsInRole(Roles.TownAdmin))
        {
            if (merchantId is not { } chosen)
            {
                return new Validation(localizer).Required("merchantId", merchantId).ToError();
            }

            id = chosen;
        }
        else
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (Period(year, month) is not { } period)
        {
            return PeriodError(year, month);
        }

        var name = await db.AllianceMembers.AcrossStations("settlement names merchants and members of every station").Where(m => m.Id == id).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return AppError.NotFound(localizer["Alliance.NotFound"]);
        }

        var (from, to) = period;
        var lines = await db.Set<MallOrder>().AsNoTracking()
            .Where(o => o.AllianceMemberId == id && o.Status == MallOrderStatus.Fulfilled && o.ClosedAt >= from && o.ClosedAt < to)
            .Join(db.Volunteers.AcrossStations("settlement names merchants and members of every station"), o => o.VolunteerId, v => v.Id,
                (o, v) => new SettlementLine(o.ClosedAt!.Value, o.Code, o.ListingName, o.Quantity, o.Points, v.Number))
            .ToListAsync(cancellationToken);
        lines = [.. lines.OrderBy(l => l.FulfilledAt)];
        var (y, m) = (year ?? ThisMonth.Year, month ?? ThisMonth.Month);
        return new MerchantSettlement(id, name, y, m, lines, lines.Sum(l => (long)l.Points));
    }

    /// <summary>Every merchant's total for the month, for the town.</summary>
    public async Task<Result<List<SettlementSummaryRow>>> Summary(int? year, int? month, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (Period(year, month) is not { } period)
        {
            return PeriodError(year, month);
        }

        var (from, to) = period;
        var totals = await db.Set<MallOrder>().AsNoTracking()
            .Where(o => o.Status == MallOrderStatus.Fulfilled && o.ClosedAt >= from && o.ClosedAt < to)
            .GroupBy(o => o.AllianceMemberId)
            .Select(g => new { MerchantId = g.Key, Orders = g.Count(), Points = g.Sum(o => (long)o.Points) })
            .ToListAsync(cancellationToken);
        var names = await db.AllianceMembers.AcrossStations("settlement names merchants and members of every station").AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        return totals.Select(t => new SettlementSummaryRow(t.MerchantId, names.GetValueOrDefault(t.MerchantId, ""), t.Orders, t.Points))
            .OrderBy(r => r.MerchantName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The statement as an Excel sheet in the caller's language; its lines name members by card number, so the export is recorded.</summary>
    public async Task<Result<byte[]>> Export(Guid? merchantId, int? year, int? month, CancellationToken cancellationToken)
    {
        var statement = await Month(merchantId, year, month, cancellationToken);
        if (!statement.IsOk)
        {
            return statement.Error!;
        }

        var s = statement.Value;
        var sheet = s.Lines.Select(l => new Dictionary<string, object?>
        {
            [localizer["Settlement.FulfilledAt"]] = Shanghai.Format(l.FulfilledAt),
            [localizer["Mall.OrderCode"]] = l.Code,
            [localizer["Field.name"]] = l.ListingName,
            [localizer["Field.quantity"]] = l.Quantity,
            [localizer["Reward.Points"]] = l.Points,
            [localizer["Field.number"]] = l.MemberNumber,
        }).ToList();
        sheet.Add(new Dictionary<string, object?>
        {
            [localizer["Settlement.FulfilledAt"]] = localizer["Settlement.Total"].Value,
            [localizer["Mall.OrderCode"]] = null,
            [localizer["Field.name"]] = s.MerchantName,
            [localizer["Field.quantity"]] = s.Lines.Sum(l => l.Quantity),
            [localizer["Reward.Points"]] = s.TotalPoints,
            [localizer["Field.number"]] = null,
        });
        var file = await Common.Text.Spreadsheet.WriteAsync(sheet, $"{s.Year}-{s.Month:D2}", cancellationToken);
        await exports.Record(Common.Privacy.DataExportKinds.SettlementStatement, s.Lines.Count, masked: false,
            new { merchantId = s.MerchantId, year = s.Year, month = s.Month }, cancellationToken);
        return file;
    }

    /// <summary>The month in UTC: from the first midnight of the month in Shanghai to the next month's.</summary>
    private (DateTime From, DateTime To)? Period(int? year, int? month)
    {
        var y = year ?? ThisMonth.Year;
        var m = month ?? ThisMonth.Month;
        if (y is < 2000 or > 2100 || m is < 1 or > 12)
        {
            return null;
        }

        var start = new DateTime(y, m, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return (TimeZoneInfo.ConvertTimeToUtc(start, Shanghai.Zone), TimeZoneInfo.ConvertTimeToUtc(start.AddMonths(1), Shanghai.Zone));
    }

    private AppError PeriodError(int? year, int? month) =>
        new Validation(localizer).Range("year", year ?? ThisMonth.Year, 2000, 2100).Range("month", month ?? ThisMonth.Month, 1, 12).ToError();
}
