using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Alliance;

/// <summary>The merchant form. The station is chosen when the merchant is registered and stays; an update ignores it.</summary>
public sealed class AllianceInput
{
    public string? Name { get; set; }
    public string? LicenceNumber { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Address { get; set; }
    public string? Village { get; set; }
    public Guid? StationId { get; set; }
    public List<string>? Services { get; set; }
    public string? Discount { get; set; }
    public DateOnly? JoinedOn { get; set; }
}

/// <summary>A status move; an agreement uploaded beforehand (POST /api/v1/stations/{id}/attachments) may come with it.</summary>
public sealed class AllianceMoveInput
{
    public AllianceStatus? Status { get; set; }
    public string? Note { get; set; }
    public Guid? AgreementId { get; set; }
}

public sealed class AgreementInput
{
    public Guid? AgreementId { get; set; }
}

public sealed record AllianceFilter(string? Search, AllianceStatus? Status, string? Village);

public sealed record AllianceRow(
    Guid Id, string Name, string LicenceNumber, string ContactName, string ContactPhone, string Village, Guid StationId, string StationName,
    IReadOnlyList<string> Services, string? Discount, DateOnly JoinedOn, AllianceStatus Status, bool HasAgreement);

public sealed record AllianceView(
    AllianceRow Row, string Address, string? StatusNote, Guid? AgreementId, string? AgreementName, IReadOnlyList<AllianceStatus> NextStatuses);

/// <summary>The merchant alliance: list and search, detail, register and edit, status moves, the agreement. Reads are scoped by the DbContext.</summary>
/// <summary>A merchant's move, and for one that became active without an account: its contact's activation slip, or why there is none.</summary>
public sealed record AllianceMoved(AllianceStatus Status, Accounts.Activation.ActivationSlip? Activation, string? AccountProblem);

internal sealed partial class ManageAllianceHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, Accounts.PersonAccounts accounts, IStringLocalizer<SharedResource> localizer)
{
    public async Task<List<AllianceRow>> List(AllianceFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AllianceMembers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            var code = term.ToUpperInvariant();
            query = query.Where(m => m.Name.Contains(term) || m.LicenceNumber.Contains(code));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Village))
        {
            var village = filter.Village.Trim();
            query = query.Where(m => m.Village == village);
        }

        var members = await query.ToListAsync(cancellationToken);
        return await RowsAsync([.. members.OrderBy(m => m.Village, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)], cancellationToken);
    }

    /// <summary>The villages that have merchants the caller may see, for the filter.</summary>
    public async Task<List<string>> Villages(CancellationToken cancellationToken)
    {
        var villages = await db.AllianceMembers.AsNoTracking().Select(m => m.Village).Distinct().ToListAsync(cancellationToken);
        return [.. villages.Order(StringComparer.Ordinal)];
    }

    public async Task<Result<AllianceView>> Get(Guid id, CancellationToken cancellationToken)
    {
        var member = await db.AllianceMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return AppError.NotFound(localizer["Alliance.NotFound"]);
        }

        var row = (await RowsAsync([member], cancellationToken))[0];
        var agreementName = member.AgreementId is { } agreementId
            ? await db.Attachments.AsNoTracking().Where(a => a.Id == agreementId).Select(a => a.FileName).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new AllianceView(row, member.Address, member.StatusNote, member.AgreementId, agreementName, AllianceMember.NextFrom(member.Status));
    }

    public async Task<Result<Guid>> Create(AllianceInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var station = input.StationId is { } stationId ? await db.Stations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stationId && s.IsActive, cancellationToken) : null;
        var v = await ValidateAsync(input, station, null, cancellationToken);
        if (input.StationId is not null && station is null)
        {
            v.Add("stationId", localizer["Alliance.UnknownStation"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var member = AllianceMember.Apply(input.Name!, CreditCode.Normalize(input.LicenceNumber)!, input.ContactName!, NormalizePhone(input.ContactPhone)!,
            input.Address!, input.Village!, station!.Id, input.Services ?? [], input.Discount, input.JoinedOn!.Value, Now);
        db.AllianceMembers.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        return member.Id;
    }

    public async Task<Result<Guid>> Update(Guid id, AllianceInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var member = await db.AllianceMembers.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return AppError.NotFound(localizer["Alliance.NotFound"]);
        }

        input.StationId = member.StationId;
        var station = await db.Stations.AcrossStations("a merchant's station, named on its record").AsNoTracking().FirstAsync(s => s.Id == member.StationId, cancellationToken);
        var v = await ValidateAsync(input, station, member, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        member.Revise(input.Name!, CreditCode.Normalize(input.LicenceNumber)!, input.ContactName!, NormalizePhone(input.ContactPhone)!,
            input.Address!, input.Village!, input.Services ?? [], input.Discount, input.JoinedOn!.Value);
        if (Common.Privacy.ChinesePhone.Normalize(member.ContactPhone) is { } mobile)
        {
            await accounts.SyncMerchantAsync(member.Id, member.ContactName, mobile, member.StationId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return member.Id;
    }

    /// <summary>Moves the merchant along Applied → Active → Suspended → Withdrawn; activation needs an agreement on file or with the move.</summary>
    public async Task<Result<AllianceMoved>> Move(Guid id, AllianceMoveInput input, UploadedFile? agreement, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var member = await db.AllianceMembers.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return AppError.NotFound(localizer["Alliance.NotFound"]);
        }

        var v = new Validation(localizer).Defined("status", input.Status).Text("note", input.Note, AllianceMember.NoteLength, required: false);
        if (v.IsValid && !AllianceMember.CanMove(member.Status, input.Status!.Value))
        {
            v.Add("status", localizer["Alliance.CannotMove", localizer["AllianceStatus." + member.Status], localizer["AllianceStatus." + input.Status]]);
        }

        await CheckAgreementAsync(v, member, input.AgreementId, agreement, cancellationToken);
        if (v.IsValid && input.Status == AllianceStatus.Active && member.AgreementId is null && input.AgreementId is null && agreement is null)
        {
            v.Add("agreementId", localizer["Alliance.AgreementRequired"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        FileAgreement(member, input.AgreementId, agreement);
        member.MoveTo(input.Status!.Value, input.Note);
        Accounts.Activation.ActivationSlip? slip = null;
        string? problem = null;
        if (member.Status == AllianceStatus.Active)
        {
            // The merchant's contact signs in at the merchant desk with their mobile number; a landline cannot receive an account.
            if (Common.Privacy.ChinesePhone.Normalize(member.ContactPhone) is { } mobile)
            {
                var provisioned = await accounts.ForMerchantsAsync([new Accounts.PersonRecord(member.Id, member.ContactName, mobile, member.StationId)],
                    cancellationToken);
                slip = provisioned.Slips.Count > 0 ? provisioned.Slips[0] : null;
                problem = provisioned.Refused.GetValueOrDefault(member.Id);
            }
            else if (await accounts.OfMerchantAsync(member.Id, cancellationToken) is null)
            {
                problem = localizer["Alliance.NoMobileForAccount"];
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AllianceMoved(member.Status, slip, problem);
    }

    /// <summary>Files (or replaces) the signed agreement without moving the merchant.</summary>
    public async Task<Result<Guid>> AttachAgreement(Guid id, AgreementInput input, UploadedFile? agreement, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var member = await db.AllianceMembers.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return AppError.NotFound(localizer["Alliance.NotFound"]);
        }

        var v = new Validation(localizer);
        if (input.AgreementId is null && agreement is null)
        {
            v.Add("agreementId", localizer["Validation.Required", localizer["Field.agreementId"]]);
        }

        await CheckAgreementAsync(v, member, input.AgreementId, agreement, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        FileAgreement(member, input.AgreementId, agreement);
        await db.SaveChangesAsync(cancellationToken);
        return member.AgreementId!.Value;
    }

    /// <summary>A mobile number (normalized to 11 digits) or a landline with its area code, such as 0573-87601234.</summary>
    public static string? NormalizePhone(string? value)
    {
        if (ChinesePhone.Normalize(value) is { } mobile)
        {
            return mobile;
        }

        var text = value?.Trim() ?? "";
        return Landline().IsMatch(text) ? text : null;
    }

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex Landline();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private bool CanChange() => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager);

    private async Task CheckAgreementAsync(Validation v, AllianceMember member, Guid? agreementId, UploadedFile? agreement, CancellationToken cancellationToken)
    {
        if (agreement is not null)
        {
            v.Check(Attachment.IsAcceptable(agreement.FileName, agreement.Content.LongLength), "agreementId", "Attachment.NotAcceptable",
                string.Join(' ', Attachment.AllowedExtensions), Attachment.MaxBytes / 1024 / 1024);
        }
        else if (agreementId is { } attachmentId)
        {
            v.Check(await db.Attachments.AnyAsync(a => a.Id == attachmentId && a.StationId == member.StationId, cancellationToken),
                "agreementId", "Alliance.UnknownAgreement");
        }
    }

    private void FileAgreement(AllianceMember member, Guid? agreementId, UploadedFile? agreement)
    {
        if (agreement is not null)
        {
            var attachment = Attachment.TryCreate(member.StationId, agreement.FileName, agreement.Content, user.UserId, Now)!;
            db.Attachments.Add(attachment);
            member.FileAgreement(attachment.Id);
        }
        else if (agreementId is { } id)
        {
            member.FileAgreement(id);
        }
    }

    private async Task<Validation> ValidateAsync(AllianceInput input, Station? station, AllianceMember? existing, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer)
            .Line("name", input.Name, AllianceMember.NameLength)
            .Text("licenceNumber", input.LicenceNumber, 40)
            .Line("contactName", input.ContactName, AllianceMember.ContactLength)
            .Text("contactPhone", input.ContactPhone, AllianceMember.PhoneLength)
            .Text("address", input.Address, AllianceMember.AddressLength)
            .Text("village", input.Village, AllianceMember.VillageLength)
            .Required("stationId", input.StationId)
            .Items("services", input.Services, AllianceMember.MaxServices, AllianceMember.ServiceLength)
            .Text("discount", input.Discount, AllianceMember.DiscountLength, required: false)
            .Required("joinedOn", input.JoinedOn);
        if (!string.IsNullOrWhiteSpace(input.LicenceNumber) && input.LicenceNumber.Length <= 40 && CreditCode.Normalize(input.LicenceNumber) is null)
        {
            v.Add("licenceNumber", localizer["Alliance.BadLicence"]);
        }

        if (!string.IsNullOrWhiteSpace(input.ContactPhone) && input.ContactPhone.Length <= AllianceMember.PhoneLength && NormalizePhone(input.ContactPhone) is null)
        {
            v.Add("contactPhone", localizer["Validation.Phone"]);
        }

        if (input.JoinedOn is { } joined)
        {
            v.Check(joined >= new DateOnly(2000, 1, 1) && joined <= Shanghai.Today(clock), "joinedOn", "Alliance.JoinedOnOutOfRange");
        }

        if (station is not null && !string.IsNullOrWhiteSpace(input.Village) && input.Village.Length <= AllianceMember.VillageLength)
        {
            var fits = station.Kind == StationKind.SubStation || (station.Kind == StationKind.ServicePoint && station.Village == input.Village.Trim());
            v.Check(fits, "stationId", "Alliance.StationNotOfVillage", station.Name, input.Village.Trim());
        }

        if (CreditCode.Normalize(input.LicenceNumber) is { } code)
        {
            var excluded = existing?.Id ?? Guid.Empty;
            var taken = await db.AllianceMembers.AcrossStations("credit codes are unique in the town").AnyAsync(m => m.LicenceNumber == code && m.Id != excluded, cancellationToken);
            v.Check(!taken, "licenceNumber", "Alliance.DuplicateLicence");
        }

        return v;
    }

    private async Task<List<AllianceRow>> RowsAsync(List<AllianceMember> members, CancellationToken cancellationToken)
    {
        var stationIds = members.Select(m => m.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        return
        [
            .. members.Select(m => new AllianceRow(m.Id, m.Name, m.LicenceNumber, m.ContactName, m.ContactPhone, m.Village, m.StationId,
                stations.GetValueOrDefault(m.StationId, ""), m.Services, m.Discount, m.JoinedOn, m.Status, m.AgreementId is not null)),
        ];
    }
}
