using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Events;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Training;

/// <summary>The session form. Hours are decimal (0.5–24, one decimal place).</summary>
public sealed class TrainingInput
{
    public TrainingKind? Kind { get; set; }
    public Guid? StationId { get; set; }
    public string? Topic { get; set; }
    public DateOnly? Date { get; set; }
    public string? Place { get; set; }
    public string? Trainer { get; set; }
    public decimal? Hours { get; set; }
}

public sealed class AttendanceInput
{
    public Guid? VolunteerId { get; set; }
}

public sealed record TrainingRow(
    Guid Id, TrainingKind Kind, Guid StationId, string StationName, string Topic, DateOnly Date, string Place, string Trainer, decimal Hours, int AttendeeCount);

public sealed record TrainingAttendeeRow(Guid VolunteerId, string Number, string RealName, string Mobile, DateTime RecordedAt);

public sealed record TrainingView(TrainingRow Row, IReadOnlyList<TrainingAttendeeRow> Attendees);

public sealed record TrainingCandidate(Guid Id, string Number, string RealName);

public sealed record TrainingRecordRow(Guid SessionId, TrainingKind Kind, string Topic, DateOnly Date, string Place, string Trainer, decimal Hours);

/// <summary>One volunteer's training: the sessions attended, newest first, and the hours they add up to.</summary>
public sealed record TrainingRecord(IReadOnlyList<TrainingRecordRow> Sessions, decimal TotalHours);

/// <summary>A volunteer's attendance at a held session was recorded (raised inside the recording's transaction).</summary>
internal sealed record TrainingAttended(TrainingSession Session, Guid VolunteerId);

/// <summary>A recorded attendance was taken out again (raised inside the removal's transaction).</summary>
internal sealed record TrainingAttendanceRemoved(TrainingSession Session, Guid VolunteerId);

/// <summary>
/// Training sessions: list, detail, hold a session, attendance in and out, and one volunteer's record. Sessions are
/// scoped by the DbContext; attendees come from the session station's volunteer pool (<see cref="VolunteerPool"/>).
/// </summary>
internal sealed class ManageTrainingHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, VolunteerPool pool, IStringLocalizer<SharedResource> localizer, DomainEvents events)
{
    /// <summary>How far back a session may be recorded.</summary>
    public const int MaxYearsBack = 5;

    public async Task<List<TrainingRow>> List(Guid? stationId, TrainingKind? kind, CancellationToken cancellationToken)
    {
        var sessions = await db.TrainingSessions.AsNoTracking()
            .Where(t => (stationId == null || t.StationId == stationId) && (kind == null || t.Kind == kind))
            .OrderByDescending(t => t.Date).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return await RowsAsync(sessions, cancellationToken);
    }

    public async Task<Result<TrainingView>> Get(Guid id, CancellationToken cancellationToken)
    {
        var session = await db.TrainingSessions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (session is null)
        {
            return AppError.NotFound(localizer["Training.NotFound"]);
        }

        var row = (await RowsAsync([session], cancellationToken))[0];
        var volunteers = await pool.ByIds(session.Attendees.Select(a => a.VolunteerId), cancellationToken);
        var attendees = session.Attendees.Where(a => volunteers.ContainsKey(a.VolunteerId)).OrderBy(a => volunteers[a.VolunteerId].Number)
            .Select(a =>
            {
                var v = volunteers[a.VolunteerId];
                return new TrainingAttendeeRow(v.Id, v.Number, v.RealName, v.Mobile, a.RecordedAt);
            }).ToList();
        return new TrainingView(row, attendees);
    }

    /// <summary>Active volunteers of the session's station and the stations under it who have not yet been recorded.</summary>
    public async Task<Result<List<TrainingCandidate>>> Candidates(Guid id, CancellationToken cancellationToken)
    {
        var session = await db.TrainingSessions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (session is null)
        {
            return AppError.NotFound(localizer["Training.NotFound"]);
        }

        var candidates = await pool.Candidates(session.StationId, cancellationToken);
        return candidates.Where(c => !session.Attended(c.Id)).Select(c => new TrainingCandidate(c.Id, c.Number, c.RealName)).ToList();
    }

    public async Task<Result<Guid>> Create(TrainingInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var today = Shanghai.Today(clock);
        var v = new Validation(localizer)
            .Defined("kind", input.Kind)
            .Required("stationId", input.StationId)
            .Text("topic", input.Topic, TrainingSession.TopicLength)
            .Required("date", input.Date)
            .Text("place", input.Place, TrainingSession.PlaceLength)
            .Text("trainer", input.Trainer, TrainingSession.TrainerLength)
            .Required("hours", input.Hours);
        if (input.Hours is { } hours)
        {
            v.Check(TrainingSession.IsValidLength(hours), "hours", "Training.HoursRange", TrainingSession.MinHours, TrainingSession.MaxHours);
        }

        if (input.Date is { } date)
        {
            v.Check(date >= today.AddYears(-MaxYearsBack) && date <= today.AddYears(1), "date", "Training.DateOutOfRange", MaxYearsBack);
        }

        if (input.StationId is { } stationId && !await db.Stations.AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            v.Add("stationId", localizer["Training.UnknownStation"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var session = TrainingSession.Hold(input.Kind!.Value, input.StationId!.Value, input.Topic!, input.Date!.Value, input.Place!, input.Trainer!, input.Hours!.Value, Now);
        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Attendance is recorded on or after the session's day, for active volunteers of the session's pool, once each.</summary>
    public async Task<Result<Guid>> AddAttendee(Guid id, AttendanceInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var session = await db.TrainingSessions.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (session is null)
        {
            return AppError.NotFound(localizer["Training.NotFound"]);
        }

        var v = new Validation(localizer).Required("volunteerId", input.VolunteerId);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (session.Date > Shanghai.Today(clock))
        {
            return AppError.Invalid("volunteerId", localizer["Training.NotYetHeld", Shanghai.Format(session.Date)]);
        }

        var volunteer = await pool.Find(session.StationId, input.VolunteerId!.Value, cancellationToken);
        if (volunteer is null)
        {
            return AppError.Invalid("volunteerId", localizer["Training.UnknownVolunteer"]);
        }

        if (volunteer.Status != VolunteerStatus.Active)
        {
            return AppError.Invalid("volunteerId", localizer["Training.VolunteerNotActive", volunteer.RealName, localizer["VolunteerStatus." + volunteer.Status]]);
        }

        if (session.RecordAttendance(volunteer.Id, Now) == AttendanceChange.AlreadyAttended)
        {
            return AppError.Invalid("volunteerId", localizer["Training.AlreadyAttended", volunteer.RealName]);
        }

        // The attendance and what it earns elsewhere (points, when training earns points here) commit together.
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await events.Raise(new TrainingAttended(session, volunteer.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return volunteer.Id;
    }

    public async Task<Result<Guid>> RemoveAttendee(Guid id, Guid volunteerId, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var session = await db.TrainingSessions.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (session is null)
        {
            return AppError.NotFound(localizer["Training.NotFound"]);
        }

        if (session.RemoveAttendance(volunteerId) != AttendanceChange.Done)
        {
            return AppError.NotFound(localizer["Training.NotAttended"]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await events.Raise(new TrainingAttendanceRemoved(session, volunteerId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return volunteerId;
    }

    /// <summary>
    /// A volunteer's record for staff who can see the volunteer. It lists every session they attended, including the
    /// town's sessions held by the sub-station, which a village manager's scope would otherwise hide.
    /// </summary>
    public async Task<Result<TrainingRecord>> Record(Guid volunteerId, CancellationToken cancellationToken)
    {
        if (!await db.Volunteers.AnyAsync(v => v.Id == volunteerId, cancellationToken))
        {
            return AppError.NotFound(localizer["Volunteer.NotFound"]);
        }

        return await RecordOf(volunteerId, cancellationToken);
    }

    /// <summary>The caller's own record on the phone: a volunteer has no station scope, so it is read by their id alone.</summary>
    public async Task<TrainingRecord?> Mine(CancellationToken cancellationToken) =>
        user.VolunteerId is { } id ? await RecordOf(id, cancellationToken) : null;

    private async Task<TrainingRecord> RecordOf(Guid volunteerId, CancellationToken cancellationToken)
    {
        var sessions = await db.TrainingSessions.AcrossStations("a volunteer's record lists the town's sessions too").AsNoTracking()
            .Where(t => t.Attendees.Any(a => a.VolunteerId == volunteerId))
            .OrderByDescending(t => t.Date).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var rows = sessions.Select(t => new TrainingRecordRow(t.Id, t.Kind, t.Topic, t.Date, t.Place, t.Trainer, t.Hours)).ToList();
        return new TrainingRecord(rows, TrainingSession.ToHours(sessions.Sum(t => t.Minutes)));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private bool CanChange() => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager);

    private async Task<List<TrainingRow>> RowsAsync(List<TrainingSession> sessions, CancellationToken cancellationToken)
    {
        var stationIds = sessions.Select(t => t.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        return
        [
            .. sessions.Select(t => new TrainingRow(t.Id, t.Kind, t.StationId, stations.GetValueOrDefault(t.StationId, ""), t.Topic, t.Date, t.Place, t.Trainer,
                t.Hours, t.Attendees.Count)),
        ];
    }
}
