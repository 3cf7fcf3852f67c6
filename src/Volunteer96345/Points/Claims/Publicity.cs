using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Points.Claims;

internal sealed class ObjectionInput
{
    public string? Name { get; set; }
    public string? Reason { get; set; }
}

internal sealed record PublicClaim(Guid Id, string StationName, EarningType Type, string DoerName, string Description, DateOnly OccurredOn, string Place,
    long Points, DateTime PublicUntil);

/// <summary>
/// 公示: the public page of approved claims during their posting period, where anyone may object with a reason. The doer's
/// name shows only its surname. Objecting after the period is refused.
/// </summary>
internal sealed class PublicityHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<List<PublicClaim>> Current(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Public by design: the posting is for everyone, whatever station the reader is in.
        var claims = await db.Set<Claim>().AcrossStations("the public notice lists approved claims of every station").AsNoTracking()
            .Where(c => c.Status == ClaimStatus.Publicized && c.PublicUntil > now).OrderBy(c => c.PublicUntil).Take(100).ToListAsync(cancellationToken);
        var stations = await db.AllStationNames(cancellationToken);
        return [.. claims.Select(c => new PublicClaim(c.Id, stations.GetValueOrDefault(c.StationId, ""), c.Type, ChineseName.MaskForPublic(c.DoerName)!,
            c.Description, c.OccurredOn, c.Place, c.Points ?? 0, c.PublicUntil!.Value))];
    }

    public async Task<Result<bool>> Object(Guid claimId, ObjectionInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Line("name", input.Name, 50).Text("reason", input.Reason, 500);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var claim = await db.Set<Claim>().AcrossStations("the public notice lists approved claims of every station").FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return AppError.NotFound(localizer["Points.ClaimNotFound"]);
        }

        var objection = claim.Object(input.Name!, input.Reason!, clock.GetUtcNow().UtcDateTime);
        if (objection is null)
        {
            return AppError.Conflict(localizer["Points.ObjectionClosed"]);
        }

        // Anyone may object: the page acts for the claim's station in this one unit of work.
        user.Grant(claim.StationId);
        db.Add(objection);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Points.ClaimChanged"]);
        }

        return true;
    }
}
