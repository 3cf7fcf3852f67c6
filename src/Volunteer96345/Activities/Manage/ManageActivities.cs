using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Activities.Manage;

/// <summary>An activity as the organiser enters it; times are Shanghai wall-clock times.</summary>
public sealed class ActivityInput
{
    public string? Title { get; set; }
    public Guid? TypeId { get; set; }
    public List<CentralTasks> Tasks { get; set; } = [];
    public OrganizerKind? OrganizerKind { get; set; }
    public Guid? OrganizerId { get; set; }
    public string? Place { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public int? Quota { get; set; }
    public List<Guid> RequiredSkillIds { get; set; } = [];
    public ActivityLevel? Level { get; set; } = ActivityLevel.Village;
    public string? Description { get; set; }
    public int? CancelCutoffHours { get; set; } = 24;
}

public sealed record Organizer(OrganizerKind Kind, Guid Id, string Name, Guid StationId);

public sealed record ActivityOptions(List<NamedId> Types, List<Organizer> Organizers, List<NamedId> Skills);

public sealed record NamedId(Guid Id, string Name);

internal sealed record ActivityRow(Guid Id, string Title, string TypeName, string OrganizerName, ActivityOccasion Occasion, DateTime StartsAt, DateTime EndsAt,
    string Place, int Quota, int Confirmed, int WaitListed, CentralTasks Tasks);

internal sealed record ParticipantRow(Guid SignUpId, Guid VolunteerId, string Name, string Number, bool IsPartyMember, SignUpStatus Status, DateTime SignedUpAt,
    bool AddedByOrganizer, DateTime? CheckedInAt, DateTime? CheckedOutAt, decimal CreditHours, decimal HonourHours, string? CorrectionReason, bool PointsPosted);

internal sealed record ActivityDetail(Activity Activity, string TypeName, List<string> SkillNames, List<ParticipantRow> Participants);

/// <summary>活动管理: the organiser (a town admin, or a station manager within their stations) plans and revises activities.</summary>
internal sealed class ManageActivitiesHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<ActivityOptions> Options(CancellationToken cancellationToken)
    {
        var types = await db.Set<ActivityType>().AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => new NamedId(t.Id, t.Name)).ToListAsync(cancellationToken);
        var skills = await db.Skills.AsNoTracking().OrderBy(s => s.Category).ThenBy(s => s.Name).Select(s => new NamedId(s.Id, s.Name)).ToListAsync(cancellationToken);
        return new ActivityOptions(types, await Organizers(cancellationToken), skills);
    }

    /// <summary>Who may organise, within the caller's scope: party organisations, stations and teams.</summary>
    public async Task<List<Organizer>> Organizers(CancellationToken cancellationToken)
    {
        var town = await TownStation(cancellationToken);
        var parties = await db.PartyOrganizations.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.StationId }).ToListAsync(cancellationToken);
        var stations = await db.Stations.AsNoTracking().Where(s => s.IsActive && s.Kind != StationKind.Outpost).OrderBy(s => s.Name)
            .Select(s => new Organizer(OrganizerKind.Station, s.Id, s.Name, s.Id)).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new Organizer(OrganizerKind.Team, t.Id, t.Name, t.StationId)).ToListAsync(cancellationToken);
        return
        [
            .. parties.Select(p => new Organizer(OrganizerKind.PartyOrganization, p.Id, p.Name, p.StationId ?? town)).Where(o => user.CanSee(o.StationId)),
            .. stations,
            .. teams,
        ];
    }

    public async Task<List<ActivityRow>> List(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var query = db.Set<Activity>().AsNoTracking();
        if (from is { } f)
        {
            var start = StartOfDay(f);
            query = query.Where(a => a.EndsAt >= start);
        }

        if (to is { } t)
        {
            var end = StartOfDay(t.AddDays(1));
            query = query.Where(a => a.StartsAt < end);
        }

        var rows = await query.OrderBy(a => a.StartsAt).Take(500)
            .Join(db.Set<ActivityType>(), a => a.TypeId, ty => ty.Id, (a, ty) => new { a, ty.Name })
            .Select(x => new ActivityRow(x.a.Id, x.a.Title, x.Name, x.a.OrganizerName, x.a.Occasion, x.a.StartsAt, x.a.EndsAt, x.a.Place, x.a.Quota,
                db.Set<SignUp>().Count(s => s.ActivityId == x.a.Id && s.Status == SignUpStatus.Confirmed),
                db.Set<SignUp>().Count(s => s.ActivityId == x.a.Id && s.Status == SignUpStatus.WaitListed),
                x.a.Tasks))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<ActivityDetail?> Get(Guid id, CancellationToken cancellationToken)
    {
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return null;
        }

        var typeName = await db.Set<ActivityType>().Where(t => t.Id == activity.TypeId).Select(t => t.Name).FirstAsync(cancellationToken);
        var skills = await db.Skills.AsNoTracking().Where(s => activity.RequiredSkillIds.Contains(s.Id)).Select(s => s.Name).ToListAsync(cancellationToken);
        var participants = await db.Set<SignUp>().AsNoTracking().Where(s => s.ActivityId == id)
            .Join(db.Volunteers.AcrossStations("an activity's sign-ups come from every station"), s => s.VolunteerId, v => v.Id, (s, v) => new { s, v.RealName, v.Number, v.PoliticalStatus })
            .ToListAsync(cancellationToken);
        return new ActivityDetail(activity, typeName, skills,
        [
            .. participants.OrderBy(p => p.s.Status).ThenBy(p => p.s.SignedUpAt).ThenBy(p => p.s.Id).Select(p => new ParticipantRow(p.s.Id, p.s.VolunteerId, p.RealName, p.Number,
                p.PoliticalStatus is People.PoliticalStatus.PartyMember or People.PoliticalStatus.ProbationaryMember, p.s.Status, p.s.SignedUpAt,
                p.s.AddedByOrganizer, p.s.CheckedInAt, p.s.CheckedOutAt, p.s.CreditHours, p.s.HonourHours, p.s.CorrectionReason, p.s.PostingId is not null)),
        ]);
    }

    /// <summary>Active volunteers the organiser may add, within the caller's scope.</summary>
    public async Task<List<NamedId>> Candidates(CancellationToken cancellationToken) =>
        await db.Volunteers.AsNoTracking().Where(v => v.Status == People.VolunteerStatus.Active).OrderBy(v => v.Number)
            .Select(v => new NamedId(v.Id, v.RealName + " " + v.Number)).ToListAsync(cancellationToken);

    public async Task<Result<Guid>> Create(ActivityInput input, CancellationToken cancellationToken)
    {
        var plan = await Validate(input, cancellationToken);
        if (!plan.IsOk)
        {
            return plan.Error!;
        }

        var activity = Activity.Plan(plan.Value, clock.GetUtcNow().UtcDateTime);
        db.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        return activity.Id;
    }

    public async Task<Result<Guid>> Update(Guid id, ActivityInput input, CancellationToken cancellationToken)
    {
        var activity = await db.Set<Activity>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        var plan = await Validate(input, cancellationToken, activity);
        if (!plan.IsOk)
        {
            return plan.Error!;
        }

        activity.Revise(plan.Value);
        await db.SaveChangesAsync(cancellationToken);
        return activity.Id;
    }

    /// <summary>Checks the input and turns it into a plan; also used by the template, which has no date of its own.</summary>
    internal async Task<Result<ActivityPlan>> Validate(ActivityInput input, CancellationToken cancellationToken, Activity? existing = null, bool needsTimes = true)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Line("title", input.Title, 100).Required("typeId", input.TypeId)
            .Defined("organizerKind", input.OrganizerKind).Required("organizerId", input.OrganizerId)
            .Line("place", input.Place, 100).Range("quota", input.Quota, 1, Activity.MaxQuota)
            .Defined("level", input.Level).Text("description", input.Description, 2000, required: false)
            .Range("cancelCutoffHours", input.CancelCutoffHours, 0, 720);
        if (input.Latitude is not null || input.Longitude is not null)
        {
            v.Range("latitude", input.Latitude, -90, 90).Range("longitude", input.Longitude, -180, 180);
        }

        if (needsTimes)
        {
            v.Required("startsAt", input.StartsAt).Required("endsAt", input.EndsAt);
            var now = clock.GetUtcNow().UtcDateTime;
            if (input.StartsAt is { } s && input.EndsAt is { } e)
            {
                v.Check(e > s, "endsAt", "Activity.EndBeforeStart");
                v.Check(e - s <= TimeSpan.FromHours(24), "endsAt", "Activity.TooLong");
                v.Check(existing is not null || ToUtc(s) > now, "startsAt", "Activity.StartInPast");
            }
        }

        foreach (var task in input.Tasks)
        {
            v.Check(task is CentralTasks.CivilizedCity or CentralTasks.BeautifulVillage or CentralTasks.FiveWaters, "tasks", "Validation.Invalid", localizer["Field.tasks"]);
        }

        // A retired type stays on the activities that have it, but is not given to new ones.
        var keptType = existing?.TypeId;
        if (input.TypeId is { } typeId && !await db.Set<ActivityType>().AnyAsync(t => t.Id == typeId && (t.IsActive || t.Id == keptType), cancellationToken))
        {
            v.Add("typeId", localizer["Validation.Invalid", localizer["Field.typeId"]]);
        }

        var skills = input.RequiredSkillIds.Distinct().ToList();
        if (skills.Count > 0 && await db.Skills.CountAsync(s => skills.Contains(s.Id), cancellationToken) != skills.Count)
        {
            v.Add("requiredSkillIds", localizer["Validation.Invalid", localizer["Field.requiredSkillIds"]]);
        }

        Organizer? organizer = null;
        if (input.OrganizerKind is { } kind && input.OrganizerId is { } organizerId)
        {
            organizer = (await Organizers(cancellationToken)).FirstOrDefault(o => o.Kind == kind && o.Id == organizerId);
            v.Check(organizer is not null, "organizerId", "Activity.OrganizerOutOfScope");
        }

        if (existing is not null && input.Quota is { } quota)
        {
            var confirmed = await db.Set<SignUp>().CountAsync(s => s.ActivityId == existing.Id && s.Status == SignUpStatus.Confirmed, cancellationToken);
            v.Check(quota >= confirmed, "quota", "Activity.QuotaBelowConfirmed", confirmed);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var tasks = input.Tasks.Aggregate(CentralTasks.None, (all, t) => all | t);
        return new ActivityPlan(input.Title!, input.TypeId!.Value, tasks, organizer!.Kind, organizer.Id, organizer.Name, organizer.StationId,
            input.Place!, input.Latitude, input.Longitude, input.StartsAt is { } st ? ToUtc(st) : default, input.EndsAt is { } en ? ToUtc(en) : default,
            input.Quota!.Value, skills, input.Level!.Value, input.Description, input.CancelCutoffHours!.Value);
    }

    public static DateTime ToUtc(DateTime shanghai) =>
        shanghai.Kind == DateTimeKind.Utc ? shanghai : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(shanghai, DateTimeKind.Unspecified), Shanghai.Zone);

    public static DateTime StartOfDay(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    private async Task<Guid> TownStation(CancellationToken cancellationToken) =>
        await db.Stations.AcrossStations("the sub-station holds the town's activities").Where(s => s.Kind == StationKind.SubStation).OrderBy(s => s.Id).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken);
}
