using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Accounts;
using Volunteer96345.Accounts.Activation;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Volunteers;

public sealed class VolunteerSkillInput
{
    public Guid? SkillId { get; set; }
    public SkillLevel? Level { get; set; }
    public Guid? EvidenceId { get; set; }
}

public sealed class AvailabilityInput
{
    public DayOfWeek? Day { get; set; }
    public TimeOnly? From { get; set; }
    public TimeOnly? To { get; set; }
}

public sealed class UnavailabilityInput
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Reason { get; set; }
}

/// <summary>The volunteer form, as the API receives it and the pages bind it.</summary>
public sealed class VolunteerInput
{
    public string? RealName { get; set; }

    /// <summary>Required on registration; on an update, null keeps the number on file.</summary>
    public string? IdNumber { get; set; }

    /// <summary>May be left out: the ID number carries them. When given they must agree with it.</summary>
    public Gender? Gender { get; set; }

    public DateOnly? BirthDate { get; set; }
    public string? Mobile { get; set; }
    public string? Address { get; set; }
    public string? Village { get; set; }
    public PoliticalStatus? PoliticalStatus { get; set; }
    public Guid? PartyOrganizationId { get; set; }

    /// <summary>党员类别, for members (optional: the branch may class them later).</summary>
    public PartyMemberCategory? MemberCategory { get; set; }
    public RecruitmentChannel? Channel { get; set; }
    public string? ReferredBy { get; set; }
    public Guid? StationId { get; set; }
    public List<VolunteerSkillInput>? Skills { get; set; }
    public List<AvailabilityInput>? Availability { get; set; }
    public List<UnavailabilityInput>? Exceptions { get; set; }
    public string? GuardianName { get; set; }
    public string? GuardianMobile { get; set; }

    /// <summary>The volunteer (or guardian) agreed to the processing of their personal data.</summary>
    public bool? Consent { get; set; }
}

public sealed class StatusChangeInput
{
    public VolunteerStatus? Status { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A registered volunteer and what giving them an account did: the activation slip to print (its code is shown only
/// now), or why there is no account (the mobile is another account's user name). Self-service applications get their
/// account when the station approves them.
/// </summary>
public sealed record Registered(Guid Id, ActivationSlip? Activation, string? AccountProblem);

public sealed record StatusChanged(VolunteerStatus Status, ActivationSlip? Activation, string? AccountProblem);

internal sealed class RegisterVolunteerHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, FieldProtector protector, PersonAccounts accounts, IStringLocalizer<SharedResource> localizer)
{
    /// <summary><paramref name="evidence"/>: files picked in the page for skills, by skill id; the API sends attachment ids instead.</summary>
    public async Task<Result<Registered>> Register(VolunteerInput input, RegistrationSource source, CancellationToken cancellationToken,
        IReadOnlyDictionary<Guid, UploadedFile>? evidence = null)
    {
        if (source == RegistrationSource.Staff && !user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var checkedInput = await ValidateAsync(input, null, cancellationToken);
        if (!checkedInput.IsOk)
        {
            return checkedInput.Error!;
        }

        var (details, idNumber) = checkedInput.Value;
        if (AttachEvidence(details, evidence) is { } refused)
        {
            return refused;
        }

        var initial = source == RegistrationSource.SelfService ? VolunteerStatus.Pending : VolunteerStatus.Active;
        var volunteer = Volunteer.Register(await NextNumberAsync(cancellationToken), details, idNumber!, protector, source, initial,
            clock.GetUtcNow().UtcDateTime);
        db.Volunteers.Add(volunteer);
        var (slip, problem) = initial == VolunteerStatus.Active ? await AccountFor(volunteer, cancellationToken) : (null, null);
        await db.SaveChangesAsync(cancellationToken);
        return new Registered(volunteer.Id, slip, problem);
    }

    /// <summary>An active volunteer's account, in the caller's unit of work: the new account's slip, or why it could not be made; nothing when they have one.</summary>
    private async Task<(ActivationSlip? Slip, string? Problem)> AccountFor(Volunteer volunteer, CancellationToken cancellationToken)
    {
        var provisioned = await accounts.ForVolunteersAsync([new PersonRecord(volunteer.Id, volunteer.RealName, volunteer.Mobile, volunteer.StationId)],
            cancellationToken);
        return (provisioned.Slips.Count > 0 ? provisioned.Slips[0] : null, provisioned.Refused.GetValueOrDefault(volunteer.Id));
    }

    public async Task<Result<Guid>> Update(Guid id, VolunteerInput input, CancellationToken cancellationToken,
        IReadOnlyDictionary<Guid, UploadedFile>? evidence = null)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return AppError.NotFound(localizer["Volunteer.NotFound"]);
        }

        var checkedInput = await ValidateAsync(input, volunteer, cancellationToken);
        if (!checkedInput.IsOk)
        {
            return checkedInput.Error!;
        }

        var (details, idNumber) = checkedInput.Value;
        if (AttachEvidence(details, evidence) is { } refused)
        {
            return refused;
        }

        volunteer.Revise(details, clock.GetUtcNow().UtcDateTime);
        await accounts.SyncVolunteerAsync(volunteer.Id, volunteer.RealName, volunteer.Mobile, volunteer.StationId, cancellationToken);
        if (idNumber is not null && protector.Hash(idNumber) != volunteer.IdNumberHash)
        {
            db.Entry(volunteer).Property(v => v.IdNumberCipher).CurrentValue = protector.Protect(idNumber);
            db.Entry(volunteer).Property(v => v.IdNumberHash).CurrentValue = protector.Hash(idNumber);
            db.Entry(volunteer).Property(v => v.IdNumberMasked).CurrentValue = ChineseId.Mask(idNumber);
        }

        await db.SaveChangesAsync(cancellationToken);
        return volunteer.Id;
    }

    /// <summary>Moves a volunteer's status; an approved (active) volunteer without an account gets one with its first activation code.</summary>
    public async Task<Result<StatusChanged>> ChangeStatus(Guid id, StatusChangeInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return AppError.NotFound(localizer["Volunteer.NotFound"]);
        }

        var v = new Validation(localizer).Defined("status", input.Status).Text("note", input.Note, 200, required: false);
        if (v.IsValid && !volunteer.MoveTo(input.Status!.Value, input.Note))
        {
            v.Add("status", localizer["Volunteer.BadTransition", localizer["VolunteerStatus." + volunteer.Status], localizer["VolunteerStatus." + input.Status]]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var (slip, problem) = volunteer.Status == VolunteerStatus.Active ? await AccountFor(volunteer, cancellationToken) : (null, null);
        await db.SaveChangesAsync(cancellationToken);
        return new StatusChanged(volunteer.Status, slip, problem);
    }

    /// <summary>
    /// An account for an active volunteer registered before accounts were given out (or whose earlier mobile was taken):
    /// the slip of the new account, or why there is none.
    /// </summary>
    public async Task<Result<StatusChanged>> OpenAccount(Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return AppError.NotFound(localizer["Volunteer.NotFound"]);
        }

        if (volunteer.Status != VolunteerStatus.Active)
        {
            return AppError.Conflict(localizer["Volunteer.AccountNeedsActive"]);
        }

        var (slip, problem) = await AccountFor(volunteer, cancellationToken);
        if (problem is not null)
        {
            return AppError.Conflict(problem);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new StatusChanged(volunteer.Status, slip, null);
    }

    /// <summary>Shows the full ID number to a role that may see it, and records that it was seen.</summary>
    public async Task<Result<string>> RevealIdNumber(Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return AppError.NotFound(localizer["Volunteer.NotFound"]);
        }

        db.Reveals.Add(Reveal.Of(nameof(Volunteer), id, nameof(VolunteerInput.IdNumber), volunteer.StationId, user.UserId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return volunteer.RevealIdNumber(protector);
    }

    /// <summary>Stores each picked evidence file with the volunteer's station and points the skill at it, in the same save.</summary>
    private AppError? AttachEvidence(VolunteerDetails details, IReadOnlyDictionary<Guid, UploadedFile>? evidence)
    {
        foreach (var (skillId, file) in evidence ?? new Dictionary<Guid, UploadedFile>())
        {
            var skill = details.Skills.FirstOrDefault(s => s.SkillId == skillId);
            if (skill is null)
            {
                continue;
            }

            var attachment = Attachment.TryCreate(details.StationId, file.FileName, file.Content, user.UserId, clock.GetUtcNow().UtcDateTime);
            if (attachment is null)
            {
                return AppError.Invalid("skills", localizer["Attachment.NotAcceptable", string.Join(' ', Attachment.AllowedExtensions), Attachment.MaxBytes / 1024 / 1024]);
            }

            db.Attachments.Add(attachment);
            skill.EvidenceId = attachment.Id;
        }

        return null;
    }

    private async Task<string> NextNumberAsync(CancellationToken cancellationToken)
    {
        // Volunteer numbers are YG + six digits, never the ID number; the unique index refuses a duplicate if two race.
        var last = await db.Volunteers.AcrossStations("volunteer numbers and identity numbers are unique in the town").MaxAsync(v => (string?)v.Number, cancellationToken);
        return VolunteerNumbers.After(last);
    }

    private async Task<Result<(VolunteerDetails Details, string? IdNumber)>> ValidateAsync(VolunteerInput input, Volunteer? existing,
        CancellationToken cancellationToken)
    {
        var v = new Validation(localizer);
        var rules = new VolunteerRules(localizer, Shanghai.Today(clock));
        var idNumber = rules.Check(v, input, requireIdNumber: existing is null, idNumberOnFile: existing?.RevealIdNumber(protector));

        if (idNumber is not null)
        {
            var hash = protector.Hash(idNumber);
            if (await db.Volunteers.AcrossStations("volunteer numbers and identity numbers are unique in the town").AnyAsync(x => x.IdNumberHash == hash && x.Id != (existing == null ? Guid.Empty : existing.Id), cancellationToken))
            {
                v.Add("idNumber", localizer["Volunteer.DuplicateIdNumber"]);
            }
        }

        await CheckReferencesAsync(v, input, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        return (rules.ToDetails(input, idNumber, existing), idNumber);
    }

    private async Task CheckReferencesAsync(Validation v, VolunteerInput input, CancellationToken cancellationToken)
    {
        if (input.StationId is { } stationId && !await db.Stations.AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            v.Add("stationId", localizer["Volunteer.UnknownStation"]);
        }

        if (input.PoliticalStatus is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryMember && input.PartyOrganizationId is { } party
            && !await db.PartyOrganizations.AnyAsync(p => p.Id == party, cancellationToken))
        {
            v.Add("partyOrganizationId", localizer["Volunteer.UnknownPartyOrganization"]);
        }

        var skillIds = (input.Skills ?? []).Where(s => s.SkillId is not null).Select(s => s.SkillId!.Value).Distinct().ToList();
        var knownSkills = await db.Skills.Where(s => skillIds.Contains(s.Id)).CountAsync(cancellationToken);
        v.Check(knownSkills == skillIds.Count, "skills", "Volunteer.UnknownSkill");
        var evidence = (input.Skills ?? []).Where(s => s.EvidenceId is not null).Select(s => s.EvidenceId!.Value).Distinct().ToList();
        if (evidence.Count > 0)
        {
            var known = await db.Attachments.Where(a => evidence.Contains(a.Id) && a.StationId == input.StationId).CountAsync(cancellationToken);
            v.Check(known == evidence.Count, "skills", "Inspection.UnknownEvidence");
        }
    }
}

internal static class VolunteerNumbers
{
    public const string Prefix = "YG";

    public static string After(string? last) =>
        Prefix + ((last is { Length: > 2 } && int.TryParse(last.AsSpan(2), out var n) ? n : 0) + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
