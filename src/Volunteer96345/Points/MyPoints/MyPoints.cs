using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Points.Claims;

namespace Volunteer96345.Points.MyPoints;

internal sealed record MyClaim(Guid Id, EarningType Type, string Description, DateOnly OccurredOn, ClaimStatus Status, long? Points, string? RejectReason, DateTime? PublicUntil);

internal sealed record MyPointsView(long AccountId, long Balance, Expiry.UpcomingExpiry? Expiring, Page<StatementLine> Statement, List<MyClaim> Claims);

/// <summary>The signed-in volunteer's points: balance, a page of the statement (optionally one kind), and the claims about them.</summary>
internal sealed class MyPointsHandler(AppDbContext db, CurrentUser user, PointsBank bank, Expiry.ExpiryCalculator expiry)
{
    public async Task<MyPointsView?> Get(PostingKind? kind, int? page, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } volunteerId)
        {
            return null;
        }

        var account = await bank.AccountForVolunteer(volunteerId, cancellationToken);
        if (!account.IsOk)
        {
            return null;
        }

        var statement = await bank.Statement(account.Value, kind, page, 20, cancellationToken);

        // The claims about oneself, whichever station they were filed with.
        var claims = await db.Set<Claim>().AcrossStations("a member's own claims, at any station").AsNoTracking().Where(c => c.DoerAccountId == account.Value)
            .OrderByDescending(c => c.DeclaredAt).Take(20)
            .Select(c => new MyClaim(c.Id, c.Type, c.Description, c.OccurredOn, c.Status, c.Points, c.RejectReason, c.PublicUntil)).ToListAsync(cancellationToken);
        return new MyPointsView(account.Value, (await bank.Balance(account.Value, cancellationToken))!.Value, await expiry.Upcoming(account.Value, cancellationToken),
            statement, claims);
    }
}
