using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Points.Claims;

internal sealed class ClaimInput
{
    public Guid? StationId { get; set; }
    public EarningType? Type { get; set; }
    public string? DoerName { get; set; }
    public string? DoerMobile { get; set; }
    public string? Description { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public string? Place { get; set; }
    public decimal? Units { get; set; }
    public ActivityLevel? Level { get; set; }
    public DeclarerKind? DeclarerKind { get; set; }
    public string? DeclarerName { get; set; }
}

internal sealed record EvidenceFile(string FileName, byte[] Content);

internal sealed record ClaimReceipt(Guid Id, string StationName);

/// <summary>
/// 申报 on a phone page anyone can open: who did it (name and mobile: a registered volunteer's mobile finds their account,
/// any other opens a resident account), what, when, where, evidence photos or files, and who declares it.
/// </summary>
internal sealed class DeclareClaimHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer, PointsBank bank)
{
    public const int MaxFiles = 3;

    /// <summary>Claimable types: everything but convenience service, which the work orders pay by themselves.</summary>
    public static readonly EarningType[] Types = [EarningType.GoodDeed, EarningType.VolunteerService, EarningType.CharitableDonation, EarningType.HeroicAct];

    public Task<List<(Guid Id, string Name)>> Stations(CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("anyone may declare a good deed at any station").AsNoTracking().Where(s => s.IsActive && s.Kind != StationKind.Outpost).OrderBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new ValueTuple<Guid, string>(s.Id, s.Name)).ToListAsync(cancellationToken);

    public async Task<Result<ClaimReceipt>> Declare(ClaimInput input, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken)
    {
        var today = Shanghai.Today(clock);
        var mobile = new string((input.DoerMobile ?? "").Where(char.IsAsciiDigit).ToArray());
        var v = new Validation(localizer)
            .Required("stationId", input.StationId)
            .Defined("type", input.Type)
            .Line("doerName", input.DoerName, 50)
            .Text("doerMobile", input.DoerMobile, 20)
            .Text("description", input.Description, Claim.DescriptionLength)
            .Required("occurredOn", input.OccurredOn)
            .Text("place", input.Place, 100)
            .Defined("declarerKind", input.DeclarerKind)
            .Line("declarerName", input.DeclarerName, 50);
        v.Check(input.Type is null || Types.Contains(input.Type.Value), "type", "Validation.Invalid", localizer["Field.type"]);
        v.Check(string.IsNullOrWhiteSpace(input.DoerMobile) || (mobile.Length == 11 && mobile[0] == '1'), "doerMobile", "Validation.Mobile");
        v.Check(input.OccurredOn is null || (input.OccurredOn <= today && input.OccurredOn >= today.AddYears(-1)), "occurredOn", "Points.ClaimDate");
        if (input.Units is not null)
        {
            v.Range("units", (double)input.Units.Value, 0.5, 100_000);
        }

        if (input.Level is not null)
        {
            v.Defined("level", input.Level);
        }

        v.Check(files.Count <= MaxFiles, "evidence", "Validation.TooMany", localizer["Field.evidence"], MaxFiles);
        v.Check(files.All(f => Attachment.IsAcceptable(f.FileName, f.Content.Length)), "evidence", "Attachment.NotAcceptable",
            string.Join(", ", Attachment.AllowedExtensions), Attachment.MaxBytes / 1024 / 1024);
        var station = input.StationId is { } id
            ? await db.Stations.AcrossStations("anyone may declare a good deed at any station").AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.IsActive, cancellationToken)
            : null;
        v.Check(input.StationId is null || station is not null, "stationId", "Validation.Invalid", localizer["Field.stationId"]);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var volunteerId = await db.Volunteers.AcrossStations("anyone may declare a good deed at any station").AsNoTracking().Where(x => x.Mobile == mobile).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(cancellationToken);
        var account = volunteerId is { } vid
            ? await bank.AccountForVolunteer(vid, cancellationToken)
            : await bank.AccountForResident(mobile, input.DoerName!, cancellationToken);
        if (!account.IsOk)
        {
            return account.Error!;
        }

        // The claim is filed with the station, so its evidence belongs there too; the declarer may be anyone, so the
        // phone page acts for the station in this one unit of work.
        user.Grant(station!.Id);
        var evidence = files.Select(f => Attachment.TryCreate(station.Id, f.FileName, f.Content, user.UserId, now)!).ToList();
        db.Attachments.AddRange(evidence);
        var claim = Claim.Declare(station.Id, input.Type!.Value, input.DoerName!, mobile, account.Value, volunteerId, input.Description!, input.OccurredOn!.Value,
            input.Place!, input.Units, input.Level, evidence.Select(e => e.Id), input.DeclarerKind!.Value, input.DeclarerName!, user.UserId, now);
        db.Set<Claim>().Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        return new ClaimReceipt(claim.Id, station.Name);
    }
}
