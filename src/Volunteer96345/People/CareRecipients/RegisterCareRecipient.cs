using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.CareRecipients;

/// <summary>The care recipient form, as the API receives it and the pages bind it.</summary>
public sealed class CareRecipientInput
{
    public string? Name { get; set; }

    /// <summary>Required on registration; on an update, null keeps the number on file.</summary>
    public string? IdNumber { get; set; }

    public CareCategory? Category { get; set; }
    public DisabilityType? DisabilityType { get; set; }
    public int? DisabilityLevel { get; set; }
    public Guid? StationId { get; set; }
    public string? Village { get; set; }

    /// <summary>Required on registration; on an update, null keeps the address on file.</summary>
    public string? Address { get; set; }

    /// <summary>On an update, null keeps the note on file and an empty string clears it.</summary>
    public string? DisabilityNote { get; set; }

    public string? HealthNote { get; set; }
    public string? LivingSituation { get; set; }
    /// <summary>The recipient's own mobile or landline (with area code).</summary>
    public string? Phone { get; set; }

    public string? GuardianName { get; set; }
    public string? GuardianPhone { get; set; }
    public string? Contacts { get; set; }
    public List<string>? Needs { get; set; }
    public CarePriority? Priority { get; set; }
}

/// <summary>
/// Registers and edits care recipients, and reveals their sensitive fields one at a time. Only the town admin and the
/// station managers may; the station scope decides whose records a manager reaches.
/// </summary>
internal sealed class RegisterCareRecipientHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, FieldProtector protector, IStringLocalizer<SharedResource> localizer)
{
    public static readonly string[] CareRoles = [Roles.TownAdmin, Roles.StationManager];

    public async Task<Result<Guid>> Register(CareRecipientInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var checkedInput = await ValidateAsync(input, null, cancellationToken);
        if (!checkedInput.IsOk)
        {
            return checkedInput.Error!;
        }

        var (details, sensitive) = checkedInput.Value;
        var recipient = CareRecipient.Register(details, sensitive, protector, clock.GetUtcNow().UtcDateTime);
        db.CareRecipients.Add(recipient);
        await db.SaveChangesAsync(cancellationToken);
        return recipient.Id;
    }

    public async Task<Result<Guid>> Update(Guid id, CareRecipientInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var recipient = await db.CareRecipients.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (recipient is null)
        {
            return AppError.NotFound(localizer["Care.NotFound"]);
        }

        var checkedInput = await ValidateAsync(input, recipient, cancellationToken);
        if (!checkedInput.IsOk)
        {
            return checkedInput.Error!;
        }

        var (details, sensitive) = checkedInput.Value;
        if (details.StationId != recipient.StationId)
        {
            var pairings = await db.Pairings.Where(p => p.CareRecipientId == id).ToListAsync(cancellationToken);
            pairings.ForEach(p => p.Transfer(details.StationId));
        }

        recipient.Revise(details, sensitive, protector);
        await db.SaveChangesAsync(cancellationToken);
        return recipient.Id;
    }

    /// <summary>Shows one sensitive field in clear to a role that may see it, and records that it was seen.</summary>
    public async Task<Result<string>> Reveal(Guid id, CareField field, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (!Enum.IsDefined(field))
        {
            return AppError.Invalid("field", localizer["Validation.Invalid", localizer["Field.field"]]);
        }

        var recipient = await db.CareRecipients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (recipient is null)
        {
            return AppError.NotFound(localizer["Care.NotFound"]);
        }

        db.Reveals.Add(Common.Privacy.Reveal.Of(nameof(CareRecipient), id, field.ToString(), recipient.StationId, user.UserId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return recipient.Reveal(field, protector) ?? "";
    }

    private async Task<Result<(CareRecipientDetails Details, CareSensitiveFields Sensitive)>> ValidateAsync(CareRecipientInput input,
        CareRecipient? existing, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer);
        v.Line("name", input.Name, 50)
            .Text("village", input.Village, 50)
            .Text("address", input.Address, 200, required: existing is null)
            .Text("disabilityNote", input.DisabilityNote, CareRecipient.MaxNoteLength, required: false)
            .Text("healthNote", input.HealthNote, CareRecipient.MaxNoteLength, required: false)
            .Text("livingSituation", input.LivingSituation, CareRecipient.MaxNoteLength, required: false)
            .Line("guardianName", input.GuardianName, 50, required: false)
            .Text("contacts", input.Contacts, 200, required: false)
            .Defined("category", input.Category)
            .Defined("disabilityType", input.DisabilityType)
            .Defined("priority", input.Priority)
            .Required("stationId", input.StationId)
            .Items("needs", input.Needs, CareRecipient.MaxNeeds, 20);

        if (input.DisabilityType is { } type && type != DisabilityType.None)
        {
            v.Range("disabilityLevel", input.DisabilityLevel, 1, CareRecipient.MaxLevel);
        }

        v.Check(input.Category != CareCategory.Disabled || input.DisabilityType is null or not DisabilityType.None, "disabilityType", "Care.DisabilityTypeRequired");

        if (!string.IsNullOrWhiteSpace(input.Phone) && ChinesePhone.NormalizeAny(input.Phone) is null)
        {
            v.Add("phone", localizer["WorkOrder.InvalidPhone"]);
        }

        if (!string.IsNullOrWhiteSpace(input.GuardianPhone) && ChinesePhone.Normalize(input.GuardianPhone) is null)
        {
            v.Add("guardianPhone", localizer["Validation.Mobile"]);
        }

        v.IdNumber("idNumber", input.IdNumber, required: existing is null, out var idNumber);
        if (idNumber is not null)
        {
            var hash = protector.Hash(idNumber);
            var self = existing?.Id ?? Guid.Empty;
            if (await db.CareRecipients.AcrossStations("identity numbers are unique in the town").AnyAsync(c => c.IdNumberHash == hash && c.Id != self, cancellationToken))
            {
                v.Add("idNumber", localizer["Care.DuplicateIdNumber"]);
            }
        }

        if (input.StationId is { } stationId && !await db.Stations.AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            v.Add("stationId", localizer["Volunteer.UnknownStation"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var birthDate = idNumber is null ? existing!.BirthDate : ChineseId.BirthDate(idNumber)!.Value;
        var gender = idNumber is null ? existing!.Gender : ChineseId.IsMale(idNumber) ? Gender.Male : Gender.Female;
        if (birthDate > Shanghai.Today(clock))
        {
            return AppError.Invalid("idNumber", localizer["Volunteer.FutureBirthDate"]);
        }

        var details = new CareRecipientDetails(input.Name!, gender, birthDate, input.Category!.Value, input.DisabilityType!.Value,
            input.DisabilityType == DisabilityType.None ? null : input.DisabilityLevel, input.Village!, ChinesePhone.NormalizeAny(input.Phone), input.GuardianName,
            ChinesePhone.Normalize(input.GuardianPhone), input.Contacts, input.Needs ?? [], input.Priority!.Value, input.StationId!.Value);
        return (details, new CareSensitiveFields(idNumber, input.Address, input.DisabilityNote, input.HealthNote, input.LivingSituation));
    }
}
