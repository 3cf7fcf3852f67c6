using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.People.CareRecipients;

namespace Volunteer96345.People.Pairings;

public sealed class PairingInput
{
    public Guid? CareRecipientId { get; set; }
    public Guid? VolunteerId { get; set; }

    /// <summary>Today in Shanghai when left out.</summary>
    public DateOnly? StartedOn { get; set; }

    public int? CadenceDays { get; set; }
    public bool? WarmthProgram { get; set; }
    public string? DualPost { get; set; }
}

public sealed class VisitInput
{
    /// <summary>Today in Shanghai when left out.</summary>
    public DateOnly? On { get; set; }

    public VisitKind? Kind { get; set; }
    public string? Notes { get; set; }
    public string? Issues { get; set; }
}

public sealed class EndPairingInput
{
    public DateOnly? On { get; set; }
}

/// <summary>
/// 结对帮扶: pairs an active party member with a care recipient, logs visits, ends a pairing. The recipient and the
/// member must both be within the caller's scope; the pairing belongs to the recipient's station.
/// </summary>
internal sealed class PairVolunteerHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<Guid>> Pair(PairingInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RegisterCareRecipientHandler.CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var today = Shanghai.Today(clock);
        var v = new Validation(localizer)
            .Required("careRecipientId", input.CareRecipientId)
            .Required("volunteerId", input.VolunteerId)
            .Range("cadenceDays", input.CadenceDays, Pairing.MinCadence, Pairing.MaxCadence)
            .Text("dualPost", input.DualPost, 50, required: false);
        var startedOn = input.StartedOn ?? today;
        v.Check(startedOn <= today, "startedOn", "Pairing.FutureDate");

        CareRecipient? recipient = null;
        if (input.CareRecipientId is { } recipientId)
        {
            recipient = await db.CareRecipients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == recipientId, cancellationToken);
            v.Check(recipient is { IsActive: true }, "careRecipientId", "Care.NotFound");
        }

        if (input.VolunteerId is { } volunteerId)
        {
            var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == volunteerId, cancellationToken);
            if (volunteer is null)
            {
                v.Add("volunteerId", localizer["Volunteer.NotFound"]);
            }
            else
            {
                v.Check(volunteer.IsPartyMember && volunteer.Status == VolunteerStatus.Active, "volunteerId", "Pairing.NotActivePartyMember");
            }

            if (recipient is not null && await db.Pairings.AnyAsync(p => p.CareRecipientId == recipient.Id && p.VolunteerId == volunteerId && p.EndedOn == null,
                    cancellationToken))
            {
                v.Add("volunteerId", localizer["Pairing.AlreadyPaired"]);
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var pairing = Pairing.Start(recipient!.Id, input.VolunteerId!.Value, recipient.StationId, startedOn, input.CadenceDays!.Value,
            input.WarmthProgram ?? false, input.DualPost);
        db.Pairings.Add(pairing);
        await db.SaveChangesAsync(cancellationToken);
        return pairing.Id;
    }

    public async Task<Result<DateOnly>> LogVisit(Guid pairingId, VisitInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RegisterCareRecipientHandler.CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var pairing = await db.Pairings.FirstOrDefaultAsync(p => p.Id == pairingId, cancellationToken);
        if (pairing is null)
        {
            return AppError.NotFound(localizer["Pairing.NotFound"]);
        }

        var today = Shanghai.Today(clock);
        var on = input.On ?? today;
        var v = new Validation(localizer)
            .Defined("kind", input.Kind)
            .Text("notes", input.Notes, 1000, required: false)
            .Text("issues", input.Issues, 1000, required: false)
            .Check(on <= today, "on", "Pairing.FutureDate")
            .Check(pairing.IsActive, "on", "Pairing.Ended")
            .Check(on >= pairing.StartedOn, "on", "Pairing.BeforeStart");
        if (!v.IsValid || !pairing.LogVisit(on, input.Kind!.Value, input.Notes, input.Issues, user.UserId, clock.GetUtcNow().UtcDateTime))
        {
            return v.IsValid ? AppError.Invalid("on", localizer["Pairing.Ended"]) : v.ToError();
        }

        await db.SaveChangesAsync(cancellationToken);
        return pairing.DueOn;
    }

    public async Task<Result<DateOnly>> End(Guid pairingId, EndPairingInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RegisterCareRecipientHandler.CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var pairing = await db.Pairings.FirstOrDefaultAsync(p => p.Id == pairingId, cancellationToken);
        if (pairing is null)
        {
            return AppError.NotFound(localizer["Pairing.NotFound"]);
        }

        var today = Shanghai.Today(clock);
        var on = input.On ?? today;
        var v = new Validation(localizer).Check(on <= today, "on", "Pairing.FutureDate");
        if (v.IsValid && !pairing.End(on))
        {
            v.Add("on", localizer[pairing.IsActive ? "Pairing.BeforeStart" : "Pairing.Ended"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        await db.SaveChangesAsync(cancellationToken);
        return on;
    }
}
