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

/// <summary>A care recipient the caller's number belongs to: their own phone, or their guardian's (<paramref name="ByGuardian"/>).</summary>
public sealed record CareMatch(Guid Id, string Name, string Village, IReadOnlyList<string> Needs, IReadOnlyList<string> PairedMembers, bool ByGuardian,
    string? GuardianName);

/// <summary>What the console fills in when the dispatcher registers the call for a care recipient: the caller, the door.</summary>
public sealed record CareContact(Guid Id, string CallerName, string Address, string Village);

public sealed record CallerHistory(string MaskedPhone, IReadOnlyList<PastOrderRow> Orders, IReadOnlyList<CareMatch> CareRecipients);

/// <summary>
/// 来电识别: what the town already knows about a caller — their past orders (matched on the phone's keyed hash, the
/// number itself is never stored in clear) and, when the number is a care recipient's own phone or their guardian's, the
/// recipient with their needs and paired party member. <see cref="Contact"/> then gives the console the recipient's
/// address for the order (a recorded reveal), only for a recipient that number belongs to.
/// </summary>
internal sealed class CallerLookupHandler(
    AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer, FieldProtector protector, TimeProvider clock)
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

        var matched = await MatchesAsync(phone, cancellationToken);
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
                [.. pairings.Where(p => p.CareRecipientId == c.Id).Select(p => members.GetValueOrDefault(p.VolunteerId, ""))],
                ChinesePhone.NormalizeAny(c.Phone) != phone, c.GuardianName))]);
    }

    /// <summary>
    /// The caller, address and village of a care recipient whose own or guardian phone is <paramref name="phoneText"/>, for
    /// the order the dispatcher is filling in. The address is read in clear, so the read is recorded as a reveal.
    /// </summary>
    public async Task<Result<CareContact>> Contact(Guid careRecipientId, string? phoneText, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Dispatcher, Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var phone = ChinesePhone.NormalizeAny(phoneText);
        if (phone is null)
        {
            return AppError.Invalid("phone", localizer["WorkOrder.InvalidPhone"]);
        }

        var recipient = (await MatchesAsync(phone, cancellationToken)).FirstOrDefault(c => c.Id == careRecipientId);
        if (recipient is null)
        {
            return AppError.NotFound(localizer["Care.NotFound"]);
        }

        var byGuardian = ChinesePhone.NormalizeAny(recipient.Phone) != phone;
        db.Reveals.Add(Reveal.Of(nameof(CareRecipient), recipient.Id, nameof(CareField.Address), recipient.StationId, user.UserId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return new CareContact(recipient.Id, byGuardian && recipient.GuardianName is { } guardian ? guardian : recipient.Name,
            recipient.Reveal(CareField.Address, protector) ?? "", recipient.Village);
    }

    /// <summary>The active care recipients in scope whose own or guardian phone is this number (a few hundred rows: read and compared here).</summary>
    private async Task<List<CareRecipient>> MatchesAsync(string phone, CancellationToken cancellationToken)
    {
        var withPhones = await db.CareRecipients.AsNoTracking().Where(c => c.IsActive && (c.Phone != null || c.GuardianPhone != null))
            .ToListAsync(cancellationToken);
        return [.. withPhones.Where(c => ChinesePhone.NormalizeAny(c.Phone) == phone || ChinesePhone.NormalizeAny(c.GuardianPhone) == phone)];
    }
}
