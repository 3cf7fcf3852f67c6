using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Text;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Points.Report;

internal sealed record PointsReportRow(string Month, Guid? StationId, string StationName, long Issued, long Redeemed, long Expired, long Donated);

/// <summary>
/// The town's view: points issued (earned), redeemed (at counters and captured by merchants), expired and donated, per month
/// (Shanghai) and per station, for one year. A reversal counts against the column of the posting it undoes, in the month of
/// the reversal. Read-only over the whole town (staff only; stations are names here, not scoped rows).
/// </summary>
internal sealed class PointsReportHandler(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<List<PointsReportRow>> Get(int year, CancellationToken cancellationToken)
    {
        var from = Expiry.ExpiryCalculator.Start(year);
        var to = Expiry.ExpiryCalculator.Start(year + 1);
        var postings = await db.Postings.AsNoTracking().Where(p => p.At >= from && p.At < to)
            .Select(p => new { p.Kind, p.Amount, p.StationId, p.At, p.SettlesId }).ToListAsync(cancellationToken);
        var settled = postings.Where(p => p.Kind == PostingKind.Reversal && p.SettlesId != null).Select(p => p.SettlesId!.Value).Distinct().ToList();
        var originals = await db.Postings.AsNoTracking().Where(p => settled.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Kind, cancellationToken);
        var stations = await db.AllStationNames(cancellationToken);
        return [.. postings
            .Select(p => (p.StationId, Month: Shanghai.ToLocal(p.At).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                Kind: p.Kind == PostingKind.Reversal && p.SettlesId is { } s && originals.TryGetValue(s, out var k) ? k : p.Kind,
                Amount: p.Kind == PostingKind.Reversal ? -p.Amount : p.Amount))
            .GroupBy(p => (p.Month, p.StationId))
            .Select(g => new PointsReportRow(g.Key.Month, g.Key.StationId,
                g.Key.StationId is { } id ? stations.GetValueOrDefault(id, "") : localizer["PointsReport.NoStation"],
                g.Where(p => p.Kind == PostingKind.Earn).Sum(p => p.Amount),
                g.Where(p => p.Kind is PostingKind.Redemption or PostingKind.Capture).Sum(p => p.Amount),
                g.Where(p => p.Kind == PostingKind.Expiry).Sum(p => p.Amount),
                g.Where(p => p.Kind == PostingKind.Donation).Sum(p => p.Amount)))
            .Where(r => r.Issued != 0 || r.Redeemed != 0 || r.Expired != 0 || r.Donated != 0)
            .OrderBy(r => r.Month).ThenBy(r => r.StationName, StringComparer.Ordinal)];
    }

    public async Task<byte[]> Excel(int year, CancellationToken cancellationToken)
    {
        var rows = await Get(year, cancellationToken);
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            [localizer["PointsReport.Month"]] = r.Month,
            [localizer["Field.stationId"]] = r.StationName,
            [localizer["PointsReport.Issued"]] = r.Issued,
            [localizer["PointsReport.Redeemed"]] = r.Redeemed,
            [localizer["PointsReport.Expired"]] = r.Expired,
            [localizer["PointsReport.Donated"]] = r.Donated,
        }).ToList();
        return await Spreadsheet.WriteAsync(sheet, localizer["Nav.PointsReport"], cancellationToken);
    }
}
