using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.Points.Donate;

/// <summary>A donation from the phone: to <see cref="DonateHandler.NeedyFund"/> or to a paired care recipient's id, how many points.</summary>
internal sealed class DonateInput
{
    public string? Target { get; set; }
    public long? Amount { get; set; }
}

internal sealed record DonationTarget(string Value, string Label);

internal sealed record DonateView(long Balance, List<DonationTarget> Targets);

internal sealed record DonationReceipt(long PostingId, string TargetLabel, long Amount, long BalanceAfter, bool Replayed);

/// <summary>
/// 积分捐赠: a member gives points to the needy-resident fund or to a care recipient they are paired with (People
/// pairings), as a <see cref="PostingKind.Donation"/> transfer. The form's key makes a double submit post once.
/// </summary>
internal sealed class DonateHandler(AppDbContext db, PointsBank bank, CurrentUser user, IStringLocalizer<SharedResource> localizer)
{
    public const string NeedyFund = "needy";
    public const int KeyLength = 100;

    public async Task<DonateView?> Get(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return null;
        }

        var account = await bank.AccountForVolunteer(me, cancellationToken);
        if (!account.IsOk)
        {
            return null;
        }

        var paired = await PairedAsync(me, cancellationToken);
        return new DonateView(await bank.Balance(account.Value, cancellationToken) ?? 0,
            [new DonationTarget(NeedyFund, localizer["AccountKind.NeedyFund"]), .. paired.Select(p => new DonationTarget(p.Id.ToString(), Label(p.Name)))]);
    }

    public async Task<Result<DonationReceipt>> Donate(DonateInput input, string? key, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return AppError.Forbidden(localizer["Me.NotLinked"]);
        }

        var v = new Validation(localizer).Text("target", input.Target, 40).Range("points", input.Amount, 1, PointsBank.MaxAmount)
            .Text("key", key, KeyLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var account = await bank.AccountForVolunteer(me, cancellationToken);
        if (!account.IsOk)
        {
            return account.Error!;
        }

        long to;
        string label;
        Guid? stationId = null;
        if (input.Target!.Trim() == NeedyFund)
        {
            to = await bank.TownAccount(AccountKind.NeedyFund, cancellationToken);
            label = localizer["AccountKind.NeedyFund"];
        }
        else
        {
            var paired = Guid.TryParse(input.Target, out var id) ? (await PairedAsync(me, cancellationToken)).FirstOrDefault(p => p.Id == id) : null;
            if (paired is null)
            {
                return AppError.Invalid("target", localizer["Donate.NotPaired"]);
            }

            var recipient = await bank.AccountForCareRecipient(paired.Id, cancellationToken);
            if (!recipient.IsOk)
            {
                return recipient.Error!;
            }

            (to, label, stationId) = (recipient.Value, Label(paired.Name), paired.StationId);
        }

        var amount = input.Amount!.Value;
        var posted = await bank.Transfer(account.Value, to, amount, PostingKind.Donation,
            string.Create(CultureInfo.InvariantCulture, $"donation:{me}:{key!.Trim()}"), new PostingNote(localizer["Donate.PostingReason", label], StationId: stationId),
            cancellationToken);
        if (!posted.IsOk)
        {
            return posted.Error!.Kind == ErrorKind.Conflict && posted.Error.Message == localizer["Points.InsufficientBalance"]
                ? AppError.Conflict(localizer["Donate.InsufficientBalance", await bank.Balance(account.Value, cancellationToken) ?? 0, amount])
                : posted.Error;
        }

        return new DonationReceipt(posted.Value.PostingId, label, amount, posted.Value.DebitBalanceAfter, posted.Value.Replayed);
    }

    /// <summary>
    /// The care recipients the member is paired with now. Read past the station scope on purpose: the pairing itself is
    /// the member's authority to give to them, whichever station keeps it.
    /// </summary>
    private Task<List<Paired>> PairedAsync(Guid me, CancellationToken cancellationToken) =>
        db.Pairings.AcrossStations("a volunteer's own pairings, whatever the resident's station").AsNoTracking().Where(p => p.VolunteerId == me && p.EndedOn == null)
            .Join(db.CareRecipients.AcrossStations("a volunteer's own pairings, whatever the resident's station"), p => p.CareRecipientId, c => c.Id, (p, c) => new Paired(c.Id, c.Name, c.StationId))
            .Distinct().ToListAsync(cancellationToken);

    /// <summary>Only the surname, as on the ledger's accounts: the page is a phone screen others may look at.</summary>
    private static string Label(string name) => name.Trim()[..1] + "**";

    private sealed record Paired(Guid Id, string Name, Guid StationId);
}
