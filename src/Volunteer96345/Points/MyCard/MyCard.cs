using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points.Counter;

namespace Volunteer96345.Points.MyCard;

public sealed record MyCardView(string Name, string Number, string QrText, string QrImage, long Balance, PrivilegeLevel Level);

public sealed record IssuedCode(string Code, DateTime ExpiresAt);

public sealed record MyRedemptionRow(DateTime RedeemedAt, string StationName, string ItemName, int Quantity, int Points);

/// <summary>
/// The member's card on the phone (我的积分卡): the QR code the counter scans, the level, the balance, and the one-time
/// code that confirms a redemption. A code is only issued on the member's own request (a POST), never on a page view.
/// </summary>
internal sealed class MyCardHandler(
    AppDbContext db, RedeemHandler members, CurrentUser user, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> localizer)
{
    public TimeSpan CodeLifetime => TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Points:Counter:CodeMinutes", 5), 1, 30));

    public async Task<MyCardView?> Get(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } id)
        {
            return null;
        }

        var volunteer = await db.Volunteers.AcrossStations("a member's own card and redemptions, at any station").AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return null;
        }

        var member = await members.DescribeAsync(volunteer, cancellationToken);
        var text = MemberCode.For(volunteer.Number);
        return new MyCardView(volunteer.RealName, volunteer.Number, text, Common.Web.QrImage.PngDataUri(text), member.Balance ?? 0, member.Level);
    }

    public async Task<Result<IssuedCode>> IssueCode(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } id || !await db.Volunteers.AcrossStations("a member's own card and redemptions, at any station").AnyAsync(v => v.Id == id, cancellationToken))
        {
            return AppError.Forbidden(localizer["Me.NotLinked"]);
        }

        var (row, code) = ConfirmationCode.Issue(id, CodeLifetime, clock.GetUtcNow().UtcDateTime);
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedCode(code, row.ExpiresAt);
    }

    /// <summary>The member's own redemptions at any station's counter, newest first.</summary>
    public async Task<List<MyRedemptionRow>> Redemptions(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } id)
        {
            return [];
        }

        var rows = await db.Set<CounterRedemption>().AcrossStations("a member's own card and redemptions, at any station").AsNoTracking().Where(r => r.VolunteerId == id)
            .Join(db.Stations.AcrossStations("names of the stations its rows name"), r => r.StationId, s => s.Id, (r, s) => new MyRedemptionRow(r.RedeemedAt, s.Name, r.ItemName, r.Quantity, r.Points))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.RedeemedAt)];
    }
}
