using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.StationServices.Deadlines;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.StationServices.RequestErrand;

/// <summary>
/// A call, walk-in or online request for a catalogue item that an errand type takes over (低保申请代办 → 低保申请) becomes
/// a 红色代办 errand at the responsible service point, with every original still to collect: the point phones the
/// resident, collects the originals (the errand page's 收取材料) and runs it as any errand. The deadline runs from the
/// request, as the town promised the caller. The caller's name is required, since the errand's receipt and signature
/// name the resident.
/// </summary>
internal sealed class ErrandHandOver(AppDbContext db, CurrentUser user, TimeProvider clock, FieldProtector protector, ErrandClock errandClock,
    IStringLocalizer<SharedResource> localizer) : IIntakeHandOver
{
    public async Task<Result<HandOverReceipt>?> TakeAsync(HandOverRequest request, CancellationToken cancellationToken)
    {
        var type = await db.Set<ErrandType>().FirstOrDefaultAsync(t => t.ServiceCode == request.ServiceCode && t.IsActive, cancellationToken);
        if (type is null)
        {
            return null;
        }

        var name = request.CallerName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return AppError.Invalid("callerName", localizer["Errand.HandOverNeedsName", type.Name]);
        }

        var errand = await RequestErrandHandler.ReceiveAsync(db, errandClock, protector, type, request.StationId, name, request.Phone, [], request.Description,
            user.Name, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new HandOverReceipt("Errand", errand.Id, errand.TrackingCode, errand.DueDate, type.Documents,
            $"/station-services/errands/{errand.Id}", $"/errands/{errand.TrackingCode}");
    }
}
