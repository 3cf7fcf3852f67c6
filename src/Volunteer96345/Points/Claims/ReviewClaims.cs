using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Points.Claims;

internal sealed record ClaimRow(Guid Id, Guid StationId, string StationName, EarningType Type, string DoerName, string DoerMobileMasked, string Description,
    DateOnly OccurredOn, string Place, decimal? Units, Rules.ActivityLevel? Level, DeclarerKind DeclarerKind, string DeclarerName, DateTime DeclaredAt,
    ClaimStatus Status, long? Points, string? ReviewerName, string? RejectReason, DateTime? PublicUntil, List<Guid> EvidenceIds, List<ClaimObjection> Objections);

internal sealed class ClaimOptions
{
    /// <summary>Points:Claims:PublicDays, how long an approved claim stays publicly posted before its points post (default 7).</summary>
    public int PublicDays { get; set; } = 7;
}

/// <summary>
/// The station's review of claims (its scope only): approve at the points the rule in force gives (after caps), or reject
/// with a reason; decide objections raised during the public posting. Nobody approves a claim they declared or did.
/// </summary>
internal sealed class ReviewClaimsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer, Rules.RuleEarnings rules,
    Microsoft.Extensions.Options.IOptions<ClaimOptions> options)
{
    public async Task<List<ClaimRow>> List(ClaimStatus? status, CancellationToken cancellationToken)
    {
        var claims = db.Set<Claim>().AsNoTracking();
        if (status is { } s)
        {
            claims = claims.Where(c => c.Status == s);
        }

        var rows = await claims.OrderByDescending(c => c.DeclaredAt).Take(200).ToListAsync(cancellationToken);
        var stations = await db.AllStationNames(cancellationToken);
        return [.. rows.Select(c => Row(c, stations.GetValueOrDefault(c.StationId, "")))];
    }

    /// <summary>The points an approval now would give.</summary>
    public async Task<Result<long>> Preview(Guid claimId, CancellationToken cancellationToken)
    {
        var claim = await db.Set<Claim>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        return claim is null ? NotFound() : await rules.PointsByRule(claim.DoerAccountId, claim.Type, claim.Units ?? 0, claim.Level, cancellationToken);
    }

    public async Task<Result<long>> Approve(Guid claimId, CancellationToken cancellationToken)
    {
        if (!MayReview())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return NotFound();
        }

        if (claim.IsOwnClaimOf(user.UserId, user.VolunteerId))
        {
            return AppError.Forbidden(localizer["Points.OwnClaim"]);
        }

        var points = await rules.PointsByRule(claim.DoerAccountId, claim.Type, claim.Units ?? 0, claim.Level, cancellationToken);
        if (!points.IsOk)
        {
            return points.Error!;
        }

        if (!claim.Approve(points.Value, user.UserId, user.Name, clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(options.Value.PublicDays)))
        {
            return AppError.Conflict(localizer["Points.ClaimNotPending"]);
        }

        return await SaveAsync(points.Value, cancellationToken);
    }

    public async Task<Result<bool>> Reject(Guid claimId, string? reason, CancellationToken cancellationToken)
    {
        if (!MayReview())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Text("reason", reason, 500);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return NotFound();
        }

        return claim.Reject(reason!, user.UserId, user.Name, clock.GetUtcNow().UtcDateTime)
            ? await SaveAsync(true, cancellationToken)
            : AppError.Conflict(localizer["Points.ClaimNotPending"]);
    }

    public async Task<Result<bool>> Decide(Guid claimId, Guid objectionId, bool uphold, CancellationToken cancellationToken)
    {
        if (!MayReview())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return NotFound();
        }

        return claim.Decide(objectionId, uphold, user.UserId, user.Name, clock.GetUtcNow().UtcDateTime)
            ? await SaveAsync(uphold, cancellationToken)
            : AppError.Conflict(localizer["Points.ObjectionDecided"]);
    }

    private async Task<Result<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Points.ClaimChanged"]);
        }
    }

    private bool MayReview() => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager);

    private AppError NotFound() => AppError.NotFound(localizer["Points.ClaimNotFound"]);

    internal static ClaimRow Row(Claim c, string stationName) => new(c.Id, c.StationId, stationName, c.Type, c.DoerName, c.DoerMobileMasked, c.Description,
        c.OccurredOn, c.Place, c.Units, c.Level, c.DeclarerKind, c.DeclarerName, c.DeclaredAt, c.Status, c.Points, c.ReviewerName, c.RejectReason,
        c.PublicUntil, c.EvidenceIds, [.. c.Objections.OrderBy(o => o.At)]);
}
