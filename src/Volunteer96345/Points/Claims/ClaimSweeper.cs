using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Data;

namespace Volunteer96345.Points.Claims;

/// <summary>
/// Posts the points of claims whose public posting period has ended without an open or upheld objection. Each claim posts
/// in its own transaction with the key <c>claim:&lt;id&gt;</c>, together with the claim's status, so that two instances or
/// a crash mid-way still post each claim once. Sleeps on the injected clock (Points:SweepSeconds, default 60). Runs when
/// Points:SweeperEnabled is true (default: as Sla:Enabled; the test fixture drives <see cref="PostDueAsync"/> itself).
/// </summary>
internal sealed class ClaimSweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ClaimSweeper> logger)
    : PeriodicSweeper(clock, logger)
{
    protected override bool Enabled => configuration.GetValue("Points:SweeperEnabled", configuration.GetValue("Sla:Enabled", true));

    protected override TimeSpan Period => TimeSpan.FromSeconds(configuration.GetValue("Points:SweepSeconds", 60));

    protected override Task SweepAsync(CancellationToken cancellationToken) => PostDueAsync(cancellationToken);

    /// <summary>Posts every claim due now; returns how many this call posted.</summary>
    public async Task<int> PostDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        var now = Clock.GetUtcNow().UtcDateTime;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("points");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.Set<Claim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Publicized && c.PublicUntil <= now)
                .OrderBy(c => c.PublicUntil).Select(c => c.Id).Take(200).ToListAsync(cancellationToken);
        }

        var posted = 0;
        foreach (var id in due)
        {
            try
            {
                posted += await PostAsync(id, now, cancellationToken) ? 1 : 0;
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogDebug("Claim {ClaimId} changed while posting; retrying next sweep.", id);
            }
        }

        return posted;
    }

    private async Task<bool> PostAsync(Guid claimId, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("points");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var claim = await db.Set<Claim>().FirstAsync(c => c.Id == claimId, cancellationToken);
        if (!claim.IsDue(now))
        {
            return false;
        }

        var posting = await bank.Earn(claim.DoerAccountId, claim.Points!.Value, claim.Type, $"claim:{claim.Id}",
            new PostingNote(claim.Description.Length > 200 ? claim.Description[..200] : claim.Description, claim.Type, claim.StationId), cancellationToken);
        if (!posting.IsOk)
        {
            logger.LogWarning("Claim {ClaimId} could not post: {Error}", claim.Id, posting.Error!.Message);
            return false;
        }

        claim.Posted(posting.Value.PostingId, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
