using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.HotlineConsole;

public sealed class CallerLookupInput
{
    public string? Phone { get; set; }
}

public sealed record PastOrderRow(Guid Id, string TrackingCode, DateTime ReceivedAt, string ServiceName, WorkOrderStatus Status, string StationName);

public sealed record CareMatch(Guid Id, string Name, string Village, IReadOnlyList<string> Needs, IReadOnlyList<string> PairedMembers);

public sealed record CallerHistory(string MaskedPhone, IReadOnlyList<PastOrderRow> Orders, IReadOnlyList<CareMatch> CareRecipients);

/// <summary>
/// 来电识别: what the town already knows about a caller — their past orders (matched on the phone's keyed hash, the
/// number itself is never stored in clear) and, when the number is a care recipient's guardian phone, the recipient
/// with their needs and paired party member. Care recipients have no phone of their own on file.
/// </summary>
internal sealed class CallerLookupHandler(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer, FieldProtector protector)
{
    public const int MaxOrders = 20;

    public async Task<Result<CallerHistory>> Lookup(CallerLookupInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Dispatcher, Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var phone = ChinesePhone.NormalizeAny(input.Phone);
        if (phone is null)
        {
            return AppError.Invalid("phone", localizer["WorkOrder.InvalidPhone"]);
        }

        // The station scope filters both queries: a station manager sees the caller's history at their stations only.
        var hash = protector.Hash(phone);
        var orders = await db.WorkOrders.AsNoTracking().Where(o => o.CallerPhoneHash == hash)
            .OrderByDescending(o => o.ReceivedAt).Take(MaxOrders)
            .Select(o => new { o.Id, o.TrackingCode, o.ReceivedAt, o.ServiceItemId, o.Status, o.StationId })
            .ToListAsync(cancellationToken);
        var itemIds = orders.Select(o => o.ServiceItemId).Distinct().ToList();
        var items = await db.ServiceItems.AsNoTracking().Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var stationIds = orders.Select(o => o.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);

        var guardians = await db.CareRecipients.AsNoTracking().Where(c => c.IsActive && c.GuardianPhone != null)
            .Select(c => new { c.Id, c.Name, c.Village, c.Needs, c.GuardianPhone }).ToListAsync(cancellationToken);
        var matched = guardians.Where(c => ChinesePhone.NormalizeAny(c.GuardianPhone) == phone).ToList();
        var matchedIds = matched.Select(c => c.Id).ToList();
        var pairings = await db.Pairings.AsNoTracking().Where(p => matchedIds.Contains(p.CareRecipientId) && p.EndedOn == null)
            .Select(p => new { p.CareRecipientId, p.VolunteerId }).ToListAsync(cancellationToken);
        var memberIds = pairings.Select(p => p.VolunteerId).Distinct().ToList();
        // A paired member may belong to another station than the recipient; the pairing itself is in scope, so their name is shown.
        var members = await db.Volunteers.AcrossStations("the hotline looks a caller up town-wide").AsNoTracking().Where(v => memberIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => v.RealName, cancellationToken);

        return new CallerHistory(
            ChinesePhone.MaskAny(phone),
            [.. orders.Select(o => new PastOrderRow(o.Id, o.TrackingCode, o.ReceivedAt, items.GetValueOrDefault(o.ServiceItemId, ""), o.Status,
                stations.GetValueOrDefault(o.StationId, "")))],
            [.. matched.Select(c => new CareMatch(c.Id, c.Name, c.Village, c.Needs,
                [.. pairings.Where(p => p.CareRecipientId == c.Id).Select(p => members.GetValueOrDefault(p.VolunteerId, ""))]))]);
    }
}
