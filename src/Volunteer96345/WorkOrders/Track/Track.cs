using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;

namespace Volunteer96345.WorkOrders.Track;

public sealed class TrackInput
{
    public string? TrackingCode { get; set; }
    public string? PhoneLast4 { get; set; }
}

public sealed record TrackMilestone(WorkOrderEventKind Kind, DateTime At);

/// <summary>What a resident may see of their own request: no phone, no address beyond the village, the responder's surname only.</summary>
public sealed record TrackView(string TrackingCode, string ServiceName, ServiceCategory Category, string? Village, WorkOrderStatus Status,
    string? ResponderName, IReadOnlyList<TrackMilestone> Milestones);

/// <summary>
/// 进度查询 without a login: the tracking code and the last four digits of the phone that made the request. A wrong
/// code and wrong digits give the same answer, so the page cannot be used to find out which codes exist. Four digits are
/// few: wrong answers are counted per address (or signed-in user) and per tracking code, existing or not
/// (<see cref="GuessThrottle"/>). A right answer clears nothing, since anyone can repeat their own at will.
/// </summary>
internal sealed class TrackHandler(AppDbContext db, GuessThrottle throttle, IStringLocalizer<SharedResource> localizer)
{
    private static readonly WorkOrderEventKind[] Shown =
    [
        WorkOrderEventKind.Received, WorkOrderEventKind.Offered, WorkOrderEventKind.Accepted, WorkOrderEventKind.EnRoute,
        WorkOrderEventKind.Arrived, WorkOrderEventKind.Resolved, WorkOrderEventKind.Closed, WorkOrderEventKind.Reopened,
    ];

    public async Task<Result<TrackView>> Find(TrackInput input, CancellationToken cancellationToken)
    {
        var code = input.TrackingCode?.Trim().ToUpperInvariant();
        var digits = input.PhoneLast4?.Trim();
        var v = new Validation(localizer).Text("trackingCode", code, 8)
            .Check(digits is { Length: 4 } && digits.All(char.IsAsciiDigit), "phoneLast4", "Track.FourDigits");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        string[] keys = [throttle.Person, GuessKeys.Target("tracking", code!)];
        if (await throttle.WaitAsync(GuessPurpose.Track, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("phoneLast4", wait);
        }

        var order = await db.WorkOrders.AcrossStations("a resident tracks an order by its code, signed in or not").AsNoTracking().FirstOrDefaultAsync(o => o.TrackingCode == code, cancellationToken);
        var last4 = order?.CallerPhoneMasked is { Length: >= 4 } masked ? masked[^4..] : "????";
        if (order is null | !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(last4), Encoding.ASCII.GetBytes(digits!)))
        {
            await throttle.FailedAsync(GuessPurpose.Track, keys, cancellationToken);
            return AppError.NotFound(localizer["Track.NotFound"]);
        }

        var service = await db.ServiceItems.AsNoTracking().Where(s => s.Id == order!.ServiceItemId).Select(s => s.Name).FirstAsync(cancellationToken);
        var milestones = order!.Events.Where(e => Shown.Contains(e.Kind)).OrderBy(e => e.At)
            .Select(e => new TrackMilestone(e.Kind, e.At)).ToList();
        return new TrackView(order.TrackingCode, service, order.Category, order.Village, order.Status, ChineseName.MaskForPublic(order.ResponderName),
            Deduplicate(milestones));
    }

    /// <summary>Several rounds of alerts are one "dispatched" step to a resident.</summary>
    private static List<TrackMilestone> Deduplicate(List<TrackMilestone> milestones)
    {
        var result = new List<TrackMilestone>();
        foreach (var m in milestones)
        {
            if (m.Kind == WorkOrderEventKind.Offered && result.Count > 0 && result[^1].Kind == WorkOrderEventKind.Offered)
            {
                continue;
            }

            result.Add(m);
        }

        return result;
    }
}
