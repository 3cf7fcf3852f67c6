using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Volunteers;

public sealed record PublicChoice(Guid Id, string Name);

/// <summary>
/// A resident applies to volunteer from a phone. The application is registered like any other volunteer, but as
/// pending, by the intake itself (the audit shows "self-registration"); the chosen station reviews it.
/// </summary>
internal sealed class SelfRegistrationHandler(AppDbContext db, CurrentUser user, RegisterVolunteerHandler register)
{
    public const string Actor = "self-registration";

    public async Task<Result<Guid>> Apply(VolunteerInput input, CancellationToken cancellationToken)
    {
        // Only active service points take applications; the intake acts with no scope of its own.
        if (input.StationId is { } station && !await db.Stations.AcrossStations("a newcomer may register at any service point")
                .AnyAsync(s => s.Id == station && s.IsActive && s.Kind == StationKind.ServicePoint, cancellationToken))
        {
            input.StationId = Guid.Empty;
        }

        user.ActAsSystem(Actor);
        input.Skills = [.. (input.Skills ?? []).Where(s => s.SkillId is not null).Select(s => new VolunteerSkillInput { SkillId = s.SkillId, Level = SkillLevel.Basic })];
        var registered = await register.Register(input, RegistrationSource.SelfService, cancellationToken);
        return registered.IsOk ? registered.Value.Id : registered.Error!;
    }

    public Task<List<PublicChoice>> ServicePoints(CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("a newcomer may register at any service point").Where(s => s.IsActive && s.Kind == StationKind.ServicePoint).OrderBy(s => s.Village)
            .Select(s => new PublicChoice(s.Id, s.Name)).ToListAsync(cancellationToken);

    public Task<List<PublicChoice>> Branches(CancellationToken cancellationToken) =>
        db.PartyOrganizations.OrderBy(p => p.Name).Select(p => new PublicChoice(p.Id, p.Name)).ToListAsync(cancellationToken);

    public Task<List<PublicChoice>> Skills(CancellationToken cancellationToken) =>
        db.Skills.OrderBy(s => s.Category).ThenBy(s => s.Name).Select(s => new PublicChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
}
