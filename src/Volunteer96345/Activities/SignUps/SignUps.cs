using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.Activities.SignUps;

internal sealed record PhoneActivity(Guid Id, string Title, string TypeName, string OrganizerName, ActivityOccasion Occasion, DateTime StartsAt, DateTime EndsAt,
    string Place, double? Latitude, double? Longitude, int Quota, int Confirmed, int WaitListed, CentralTasks Tasks, string Description, DateTime CancelCutoff,
    SignUpStatus? MyStatus, int? MyQueuePosition, DateTime? CheckedInAt, DateTime? CheckedOutAt, decimal CreditHours, decimal HonourHours);

internal sealed record SignUpOutcome(Guid SignUpId, SignUpStatus Status, int? QueuePosition);

/// <summary>
/// 报名: a volunteer signs up on the phone, or the organiser adds them. Places go first come, first served; once the quota
/// is filled, sign-ups join the wait list, and a cancellation of a confirmed place promotes the first on it.
/// Every change runs in one transaction that first locks the activity row (PostgreSQL: SELECT … FOR UPDATE; SQLite: the
/// process's one writer gate, which serialises every write), so two sign-ups for the last place cannot both see it free.
/// The unique index on (activity, volunteer) backs the "once per volunteer" rule.
/// </summary>
internal sealed class SignUpHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Activities not yet ended, soonest first, with the caller's own place. Activities are public notices, so every station's show.</summary>
    public async Task<List<PhoneActivity>> Upcoming(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Set<Activity>().AcrossStations("a volunteer signs up for activities of any station").AsNoTracking().Where(a => a.EndsAt > now).OrderBy(a => a.StartsAt).Select(a => a.Id).Take(100)
            .ToListAsync(cancellationToken);
        return await Describe(ids, cancellationToken);
    }

    /// <summary>The caller's own activities, past and future, newest first.</summary>
    public async Task<List<PhoneActivity>> Mine(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return [];
        }

        var ids = await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").AsNoTracking().Where(s => s.VolunteerId == me && s.Status != SignUpStatus.Cancelled)
            .Select(s => s.ActivityId).ToListAsync(cancellationToken);
        return [.. (await Describe(ids, cancellationToken)).OrderByDescending(a => a.StartsAt)];
    }

    public async Task<PhoneActivity?> Get(Guid id, CancellationToken cancellationToken) => (await Describe([id], cancellationToken)).FirstOrDefault();

    public Task<Result<SignUpOutcome>> SignUp(Guid activityId, CancellationToken cancellationToken) =>
        user.VolunteerId is { } me ? Join(activityId, me, byOrganizer: false, cancellationToken) : Task.FromResult<Result<SignUpOutcome>>(NotLinked());

    /// <summary>The organiser adds a participant (a town admin, or a station manager of the activity's station).</summary>
    public async Task<Result<SignUpOutcome>> Add(Guid activityId, Guid? volunteerId, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (volunteerId is null || !await db.Volunteers.AcrossStations("a volunteer signs up for activities of any station").AnyAsync(v => v.Id == volunteerId && v.Status == VolunteerStatus.Active, cancellationToken))
        {
            return AppError.Invalid("volunteerId", localizer["Validation.Invalid", localizer["Field.volunteerId"]]);
        }

        if (!await db.Set<Activity>().AnyAsync(a => a.Id == activityId, cancellationToken))
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        return await Join(activityId, volunteerId.Value, byOrganizer: true, cancellationToken);
    }

    public async Task<Result<SignUpOutcome>> Cancel(Guid activityId, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return NotLinked();
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var activity = await Lock(activityId, cancellationToken);
        if (activity is null)
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == me, cancellationToken);
        if (mine is not { IsActive: true })
        {
            return AppError.Conflict(localizer["Activity.NotSignedUp"]);
        }

        if (now >= activity.CancelCutoff)
        {
            return AppError.Conflict(localizer["Activity.CancelClosed", Common.Time.Shanghai.Format(activity.CancelCutoff)]);
        }

        if (mine.CheckedInAt is not null)
        {
            return AppError.Conflict(localizer["Activity.AlreadyCheckedIn"]);
        }

        var freed = mine.Status == SignUpStatus.Confirmed;
        mine.Cancel(now);
        if (freed)
        {
            var next = await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").Where(s => s.ActivityId == activityId && s.Status == SignUpStatus.WaitListed)
                .OrderBy(s => s.SignedUpAt).ThenBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            next?.Promote();
        }

        user.Grant(activity.StationId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SignUpOutcome(mine.Id, mine.Status, null);
    }

    private async Task<Result<SignUpOutcome>> Join(Guid activityId, Guid volunteerId, bool byOrganizer, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AcrossStations("a volunteer signs up for activities of any station").AsNoTracking().Where(v => v.Id == volunteerId).Select(v => new { v.Status }).FirstOrDefaultAsync(cancellationToken);
        if (volunteer is not { Status: VolunteerStatus.Active })
        {
            return AppError.Conflict(localizer["Activity.VolunteerNotActive"]);
        }

        try
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var activity = await Lock(activityId, cancellationToken);
            if (activity is null)
            {
                return AppError.NotFound(localizer["Activity.NotFound"]);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (activity.StartsAt <= now)
            {
                return AppError.Conflict(localizer["Activity.SignUpClosed"]);
            }

            var existing = await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == volunteerId, cancellationToken);
            if (existing is { IsActive: true })
            {
                return AppError.Conflict(localizer["Activity.AlreadySignedUp"]);
            }

            var confirmed = await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").CountAsync(s => s.ActivityId == activityId && s.Status == SignUpStatus.Confirmed, cancellationToken);
            var status = confirmed < activity.Quota ? SignUpStatus.Confirmed : SignUpStatus.WaitListed;
            var row = existing ?? Activities.SignUp.Join(activity, volunteerId, status, byOrganizer, now);
            if (existing is null)
            {
                db.Add(row);
            }
            else
            {
                existing.Rejoin(status, byOrganizer, now);
            }

            user.Grant(activity.StationId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            int? position = status == SignUpStatus.WaitListed
                ? await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").CountAsync(s => s.ActivityId == activityId && s.Status == SignUpStatus.WaitListed && s.SignedUpAt <= row.SignedUpAt, cancellationToken)
                : null;
            return new SignUpOutcome(row.Id, status, position);
        }
        catch (DbUpdateException)
        {
            // The unique index: the same volunteer signed up at the same moment from another request.
            return AppError.Conflict(localizer["Activity.AlreadySignedUp"]);
        }
    }

    /// <summary>Reads the activity under a write lock held to the end of the caller's transaction.</summary>
    private async Task<Activity?> Lock(Guid activityId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM activities WHERE \"Id\" = {activityId} FOR UPDATE", cancellationToken);
        }

        return await db.Set<Activity>().AcrossStations("a volunteer signs up for activities of any station").FirstOrDefaultAsync(a => a.Id == activityId, cancellationToken);
    }

    private async Task<List<PhoneActivity>> Describe(List<Guid> ids, CancellationToken cancellationToken)
    {
        var me = user.VolunteerId;
        var activities = await db.Set<Activity>().AcrossStations("a volunteer signs up for activities of any station").AsNoTracking().Where(a => ids.Contains(a.Id))
            .Join(db.Set<ActivityType>(), a => a.TypeId, t => t.Id, (a, t) => new { a, t.Name }).ToListAsync(cancellationToken);
        var counts = await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").AsNoTracking().Where(s => ids.Contains(s.ActivityId) && s.Status != SignUpStatus.Cancelled)
            .GroupBy(s => new { s.ActivityId, s.Status }).Select(g => new { g.Key.ActivityId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var mine = me is null ? [] : await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").AsNoTracking().Where(s => ids.Contains(s.ActivityId) && s.VolunteerId == me)
            .ToListAsync(cancellationToken);
        var queue = await db.Set<Activities.SignUp>().AcrossStations("a volunteer signs up for activities of any station").AsNoTracking().Where(s => ids.Contains(s.ActivityId) && s.Status == SignUpStatus.WaitListed)
            .Select(s => new { s.ActivityId, s.Id, s.SignedUpAt }).ToListAsync(cancellationToken);
        return
        [
            .. activities.OrderBy(x => x.a.StartsAt).Select(x =>
            {
                var a = x.a;
                var my = mine.FirstOrDefault(s => s.ActivityId == a.Id);
                int? position = my is { Status: SignUpStatus.WaitListed }
                    ? queue.Where(q => q.ActivityId == a.Id).OrderBy(q => q.SignedUpAt).ThenBy(q => q.Id).Select(q => q.Id).ToList().IndexOf(my.Id) + 1
                    : null;
                int Count(SignUpStatus s) => counts.Where(c => c.ActivityId == a.Id && c.Status == s).Sum(c => c.Count);
                return new PhoneActivity(a.Id, a.Title, x.Name, a.OrganizerName, a.Occasion, a.StartsAt, a.EndsAt, a.Place, a.Latitude, a.Longitude, a.Quota,
                    Count(SignUpStatus.Confirmed), Count(SignUpStatus.WaitListed), a.Tasks, a.Description, a.CancelCutoff,
                    my?.Status, position, my?.CheckedInAt, my?.CheckedOutAt, my?.CreditHours ?? 0, my?.HonourHours ?? 0);
            }),
        ];
    }

    private AppError NotLinked() => AppError.Forbidden(localizer["Me.NotLinked"]);
}
