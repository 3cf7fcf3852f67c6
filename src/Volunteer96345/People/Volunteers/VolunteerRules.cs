using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.People.Volunteers;

/// <summary>
/// The checks on a volunteer's own fields that need no database: the form, the API and the Excel import all run
/// these, so a row is judged the same way wherever it comes from.
/// </summary>
internal sealed class VolunteerRules(IStringLocalizer<SharedResource> localizer, DateOnly today)
{
    public const int MaxSkills = 20;
    public const int MaxSlots = 50;

    /// <summary>
    /// Adds every problem to <paramref name="v"/>; returns the normalized ID number when one was given and is valid. On an
    /// edit that leaves the ID number out, <paramref name="idNumberOnFile"/> stands in for it, so a birth date or gender
    /// given on the form must still agree with the number kept.
    /// </summary>
    public string? Check(Validation v, VolunteerInput input, bool requireIdNumber, string? idNumberOnFile = null)
    {
        v.Line("realName", input.RealName, 50)
            .Text("address", input.Address, 200)
            .Text("village", input.Village, 50)
            .Text("referredBy", input.ReferredBy, 50, required: false)
            .Defined("politicalStatus", input.PoliticalStatus)
            .Defined("channel", input.Channel)
            .Required("stationId", input.StationId);
        if (input.Gender is { } g && !Enum.IsDefined(g))
        {
            v.Add("gender", localizer["Validation.Invalid", localizer["Field.gender"]]);
        }

        if (input.PoliticalStatus is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryMember)
        {
            v.Required("partyOrganizationId", input.PartyOrganizationId);
        }

        if (input.MemberCategory is { } category && !Enum.IsDefined(category))
        {
            v.Add("memberCategory", localizer["Validation.Invalid", localizer["Field.memberCategory"]]);
        }

        if (input.Consent != true)
        {
            v.Add("consent", localizer["Volunteer.ConsentRequired"]);
        }

        if (ChinesePhone.Normalize(input.Mobile) is null)
        {
            v.Add("mobile", string.IsNullOrWhiteSpace(input.Mobile) ? localizer["Validation.Required", localizer["Field.mobile"]] : localizer["Validation.Mobile"]);
        }

        var idNumber = CheckIdNumber(v, input, requireIdNumber, idNumberOnFile);
        var birthDate = input.BirthDate ?? (idNumber is null ? null : ChineseId.BirthDate(idNumber));
        if (birthDate is { } born)
        {
            if (born > today)
            {
                v.Add("birthDate", localizer["Volunteer.FutureBirthDate"]);
            }
            else if (Volunteer.AgeOn(born, today) < Volunteer.AdultAge)
            {
                v.Line("guardianName", input.GuardianName, 50);
                if (ChinesePhone.Normalize(input.GuardianMobile) is null)
                {
                    v.Add("guardianMobile", localizer["Volunteer.GuardianMobileRequired"]);
                }
            }
        }
        else if (idNumber is null && !requireIdNumber)
        {
            v.Required("birthDate", input.BirthDate);
        }

        CheckLists(v, input);
        return idNumber;
    }

    public VolunteerDetails ToDetails(VolunteerInput input, string? idNumber, Volunteer? existing)
    {
        var birthDate = input.BirthDate ?? (idNumber is null ? existing!.BirthDate : ChineseId.BirthDate(idNumber)!.Value);
        var gender = input.Gender ?? (idNumber is null ? existing!.Gender : ChineseId.IsMale(idNumber) ? Gender.Male : Gender.Female);
        var minor = Volunteer.AgeOn(birthDate, today) < Volunteer.AdultAge;
        return new VolunteerDetails(
            input.RealName!, gender, birthDate, ChinesePhone.Normalize(input.Mobile)!, input.Address!, input.Village!, input.PoliticalStatus!.Value,
            input.PartyOrganizationId, input.Channel!.Value, input.ReferredBy, input.StationId!.Value,
            [.. (input.Skills ?? []).Select(s => new VolunteerSkill { SkillId = s.SkillId!.Value, Level = s.Level!.Value, EvidenceId = s.EvidenceId })],
            [.. (input.Availability ?? []).Select(a => new AvailabilitySlot { Day = a.Day!.Value, From = a.From!.Value, To = a.To!.Value })],
            [.. (input.Exceptions ?? []).Select(e => new AvailabilityException { From = e.From!.Value, To = e.To!.Value, Reason = e.Reason?.Trim() })],
            minor ? input.GuardianName : null,
            minor ? ChinesePhone.Normalize(input.GuardianMobile) : null,
            input.MemberCategory);
    }

    private string? CheckIdNumber(Validation v, VolunteerInput input, bool required, string? onFile)
    {
        v.IdNumber("idNumber", string.IsNullOrWhiteSpace(input.IdNumber) ? onFile : input.IdNumber, required, out var id);
        if (id is null)
        {
            return null;
        }

        if (input.BirthDate is { } given && given != ChineseId.BirthDate(id))
        {
            v.Add("birthDate", localizer["Volunteer.BirthDateDisagrees"]);
        }

        if (input.Gender is { } gender && Enum.IsDefined(gender) && (gender == Gender.Male) != ChineseId.IsMale(id))
        {
            v.Add("gender", localizer["Volunteer.GenderDisagrees"]);
        }

        return id;
    }

    private void CheckLists(Validation v, VolunteerInput input)
    {
        var skills = input.Skills ?? [];
        v.Check(skills.Count <= MaxSkills, "skills", "Validation.TooMany", localizer["Field.skills"], MaxSkills);
        v.Check(skills.All(s => s.SkillId is not null && s.Level is { } l && Enum.IsDefined(l)), "skills", "Volunteer.SkillIncomplete");
        v.Check(skills.Select(s => s.SkillId).Distinct().Count() == skills.Count, "skills", "Volunteer.SkillTwice");

        var slots = input.Availability ?? [];
        v.Check(slots.Count <= MaxSlots, "availability", "Validation.TooMany", localizer["Field.availability"], MaxSlots);
        v.Check(slots.All(s => s.Day is { } d && Enum.IsDefined(d) && s.From is { } f && s.To is { } t && f < t), "availability", "Volunteer.BadSlot");

        var exceptions = input.Exceptions ?? [];
        v.Check(exceptions.Count <= MaxSlots, "exceptions", "Validation.TooMany", localizer["Field.exceptions"], MaxSlots);
        v.Check(exceptions.All(e => e.From is { } f && e.To is { } t && f <= t && (e.Reason?.Length ?? 0) <= 100), "exceptions", "Volunteer.BadException");
    }
}
