using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Rosters;

public sealed class ShiftInput
{
    public Guid? StationId { get; set; }
    public DateOnly? Date { get; set; }
    public TimeOnly? Start { get; set; }
    public TimeOnly? End { get; set; }
    public Guid? VolunteerId { get; set; }
}

/// <summary>Both weeks are Mondays; left out, this week is copied to next week.</summary>
public sealed class CopyWeekInput
{
    public DateOnly? FromWeek { get; set; }
    public DateOnly? ToWeek { get; set; }
}

public sealed record ShiftRow(Guid Id, DateOnly Date, TimeOnly Start, TimeOnly End, bool CrossesMidnight, Guid VolunteerId, string VolunteerName, string Mobile);

public sealed record GapRow(DateTime From, DateTime To)
{
    public double Hours => (To - From).TotalHours;
}

public sealed record RosterDay(DateOnly Date, IReadOnlyList<ShiftRow> Shifts);

public sealed record RosterWeek(Guid StationId, string StationName, DateOnly WeekStart, IReadOnlyList<RosterDay> Days, IReadOnlyList<GapRow> Gaps);

public sealed record StationGaps(Guid StationId, string StationName, DateOnly WeekStart, IReadOnlyList<GapRow> Gaps);

public sealed record CopyOutcome(int Copied, int Skipped);

public sealed record RosterStation(Guid Id, string Name, StationKind Kind);

public sealed record RosterCandidate(Guid Id, string Number, string RealName);

/// <summary>
/// The 24×7 duty rosters of the stations and of the town (the sub-station's roster). Times are town wall-clock
/// (Asia/Shanghai); "now" comes from the injected clock. Reads and writes are scoped by the DbContext.
/// </summary>
internal sealed class DutyRosterHandler(AppDbContext db, CurrentUser user, TimeProvider clock, VolunteerPool pool, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>How far back a station must have planned a shift to be counted as keeping a roster on the dashboard.</summary>
    public const int RosterLookbackDays = 28;

    /// <summary>
    /// The sub-station first, then the service points, then the outposts (staffed by their villages' volunteers); enums are
    /// stored as names, so the order is set here, not in SQL.
    /// </summary>
    public async Task<List<RosterStation>> Stations(CancellationToken cancellationToken)
    {
        var stations = await db.Stations.AsNoTracking().Where(s => s.IsActive)
            .Select(s => new RosterStation(s.Id, s.Name, s.Kind)).ToListAsync(cancellationToken);
        return [.. stations.OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    public async Task<Result<List<RosterCandidate>>> Candidates(Guid stationId, CancellationToken cancellationToken)
    {
        if (!await db.Stations.AnyAsync(s => s.Id == stationId, cancellationToken))
        {
            return AppError.NotFound(localizer["Roster.UnknownStation"]);
        }

        return (await pool.Candidates(stationId, cancellationToken)).Select(c => new RosterCandidate(c.Id, c.Number, c.RealName)).ToList();
    }

    public async Task<Result<RosterWeek>> Week(Guid stationId, DateOnly? week, CancellationToken cancellationToken)
    {
        var station = await db.Stations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stationId, cancellationToken);
        if (station is null)
        {
            return AppError.NotFound(localizer["Roster.UnknownStation"]);
        }

        var start = DutyShift.WeekStart(week ?? Shanghai.Today(clock));
        var shifts = await ShiftsAsync(stationId, start.AddDays(-1), start.AddDays(7), cancellationToken);
        var rows = await RowsAsync(shifts, cancellationToken);
        var days = Enumerable.Range(0, 7).Select(i => start.AddDays(i))
            .Select(d => new RosterDay(d, [.. rows.Where(r => r.Date == d).OrderBy(r => r.Start)])).ToList();
        return new RosterWeek(station.Id, station.Name, start, days, GapsOf(shifts, start));
    }

    /// <summary>The uncovered parts of next week (Monday 00:00 to the Monday after, town time): flagged ahead of time.</summary>
    public async Task<Result<List<GapRow>>> NextWeekGaps(Guid stationId, CancellationToken cancellationToken)
    {
        if (!await db.Stations.AnyAsync(s => s.Id == stationId, cancellationToken))
        {
            return AppError.NotFound(localizer["Roster.UnknownStation"]);
        }

        var start = DutyShift.NextWeekStart(Shanghai.Today(clock));
        return GapsOf(await ShiftsAsync(stationId, start.AddDays(-1), start.AddDays(7), cancellationToken), start);
    }

    /// <summary>Next week's gaps of every station in the caller's scope that keeps a roster (has planned a shift in the last four weeks or next week).</summary>
    public async Task<List<StationGaps>> GapSummary(CancellationToken cancellationToken)
    {
        var today = Shanghai.Today(clock);
        var start = DutyShift.NextWeekStart(today);
        var since = today.AddDays(-RosterLookbackDays);
        var end = start.AddDays(7);
        var stationIds = await db.DutyShifts.Where(s => s.Date >= since && s.Date < end).Select(s => s.StationId).Distinct().ToListAsync(cancellationToken);
        var stations = (await db.Stations.AsNoTracking().Where(s => stationIds.Contains(s.Id) && s.IsActive).ToListAsync(cancellationToken))
            .OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var shifts = await db.DutyShifts.AsNoTracking().Where(s => stationIds.Contains(s.StationId) && s.Date >= start.AddDays(-1) && s.Date < end)
            .ToListAsync(cancellationToken);
        var byStation = shifts.ToLookup(s => s.StationId);
        return [.. stations.Select(s => new StationGaps(s.Id, s.Name, start, GapsOf([.. byStation[s.Id]], start)))];
    }

    /// <summary>Who is on duty at the station at this moment, town time.</summary>
    public async Task<Result<List<ShiftRow>>> OnDutyNow(Guid stationId, CancellationToken cancellationToken)
    {
        if (!await db.Stations.AnyAsync(s => s.Id == stationId, cancellationToken))
        {
            return AppError.NotFound(localizer["Roster.UnknownStation"]);
        }

        var now = Shanghai.ToLocal(clock.GetUtcNow().UtcDateTime);
        var today = DateOnly.FromDateTime(now);
        var shifts = await ShiftsAsync(stationId, today.AddDays(-1), today.AddDays(1), cancellationToken);
        return await RowsAsync([.. shifts.Where(s => s.Span.Contains(now))], cancellationToken);
    }

    public async Task<Result<Guid>> AddShift(ShiftInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var today = Shanghai.Today(clock);
        var v = new Validation(localizer)
            .Required("stationId", input.StationId).Required("date", input.Date).Required("start", input.Start).Required("end", input.End)
            .Required("volunteerId", input.VolunteerId);
        if (input.Start is { } s && input.End is { } e)
        {
            v.Check(s != e, "end", "Roster.EndEqualsStart");
        }

        if (input.Date is { } d)
        {
            // A night shift that began yesterday may still be recorded; a roster is planned at most a year ahead.
            v.Check(d >= today.AddDays(-1) && d <= today.AddYears(1), "date", "Roster.DateOutOfRange", Shanghai.Format(today.AddDays(-1)),
                Shanghai.Format(today.AddYears(1)));
        }

        if (input.StationId is { } stationId && !await db.Stations.AnyAsync(x => x.Id == stationId && x.IsActive, cancellationToken))
        {
            v.Add("stationId", localizer["Roster.UnknownStation"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var volunteer = await pool.Find(input.StationId!.Value, input.VolunteerId!.Value, cancellationToken);
        if (volunteer is null)
        {
            return AppError.Invalid("volunteerId", localizer["Roster.UnknownVolunteer"]);
        }

        if (volunteer.Status != VolunteerStatus.Active)
        {
            return AppError.Invalid("volunteerId", localizer["Roster.VolunteerNotActive", volunteer.RealName, localizer["VolunteerStatus." + volunteer.Status]]);
        }

        var span = DutyShift.SpanOf(input.Date!.Value, input.Start!.Value, input.End!.Value);
        if (await ClashAsync(volunteer.Id, span, cancellationToken) is { } clash)
        {
            return AppError.Invalid("volunteerId", await ClashMessageAsync(volunteer.RealName, clash, cancellationToken));
        }

        var shift = DutyShift.Plan(input.StationId.Value, input.Date.Value, input.Start.Value, input.End.Value, volunteer.Id, clock.GetUtcNow().UtcDateTime);
        db.DutyShifts.Add(shift);
        await db.SaveChangesAsync(cancellationToken);
        return shift.Id;
    }

    public async Task<Result<Guid>> RemoveShift(Guid id, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var shift = await db.DutyShifts.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (shift is null)
        {
            return AppError.NotFound(localizer["Roster.ShiftNotFound"]);
        }

        db.DutyShifts.Remove(shift);
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// Copies one week's shifts onto another, day for day. A shift whose volunteer is no longer active, or who would
    /// then be on duty twice at once, is skipped and counted, so a copy never breaks a rule a single shift must keep.
    /// </summary>
    public async Task<Result<CopyOutcome>> CopyWeek(Guid stationId, CopyWeekInput input, CancellationToken cancellationToken)
    {
        if (!CanChange())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (!await db.Stations.AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            return AppError.NotFound(localizer["Roster.UnknownStation"]);
        }

        var thisWeek = DutyShift.WeekStart(Shanghai.Today(clock));
        var from = input.FromWeek ?? thisWeek;
        var to = input.ToWeek ?? thisWeek.AddDays(7);
        var v = new Validation(localizer)
            .Check(from.DayOfWeek == DayOfWeek.Monday, "fromWeek", "Roster.NotMonday")
            .Check(to.DayOfWeek == DayOfWeek.Monday, "toWeek", "Roster.NotMonday");
        v.Check(to != from, "toWeek", "Roster.SameWeek").Check(to >= thisWeek && to <= thisWeek.AddYears(1), "toWeek", "Roster.WeekOutOfRange");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var offset = to.DayNumber - from.DayNumber;
        var source = await db.DutyShifts.AsNoTracking().Where(s => s.StationId == stationId && s.Date >= from && s.Date < from.AddDays(7))
            .OrderBy(s => s.Date).ThenBy(s => s.Start).ToListAsync(cancellationToken);
        var volunteers = await pool.ByIds(source.Select(s => s.VolunteerId), cancellationToken);
        // Their shifts in the target week, at every station (and the evening before, which may run past midnight), read once.
        var ids = source.Select(s => s.VolunteerId).Distinct().ToList();
        var theirs = await db.DutyShifts.AcrossStations("a volunteer's shifts clash across stations").AsNoTracking()
            .Where(s => ids.Contains(s.VolunteerId) && s.Date >= to.AddDays(-1) && s.Date <= to.AddDays(7)).ToListAsync(cancellationToken);
        var added = new List<DutyShift>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var shift in source)
        {
            var copy = DutyShift.Plan(stationId, shift.Date.AddDays(offset), shift.Start, shift.End, shift.VolunteerId, now);
            if (volunteers.GetValueOrDefault(shift.VolunteerId)?.Status == VolunteerStatus.Active && Clash(theirs.Concat(added), shift.VolunteerId, copy.Span) is null)
            {
                added.Add(copy);
            }
        }

        db.DutyShifts.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return new CopyOutcome(added.Count, source.Count - added.Count);
    }

    private bool CanChange() => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager);

    private static List<GapRow> GapsOf(List<DutyShift> shifts, DateOnly weekStart) =>
        [.. DutyShift.Gaps(shifts.Select(s => s.Span), weekStart.ToDateTime(TimeOnly.MinValue), weekStart.AddDays(7).ToDateTime(TimeOnly.MinValue))
            .Select(g => new GapRow(g.From, g.To))];

    private Task<List<DutyShift>> ShiftsAsync(Guid stationId, DateOnly from, DateOnly before, CancellationToken cancellationToken) =>
        db.DutyShifts.AsNoTracking().Where(s => s.StationId == stationId && s.Date >= from && s.Date < before).ToListAsync(cancellationToken);

    /// <summary>A volunteer is on duty once at a time, across every station: their other shifts are read in a query of its own, whatever the caller's scope.</summary>
    private async Task<DutyShift?> ClashAsync(Guid volunteerId, Interval span, CancellationToken cancellationToken)
    {
        var first = DateOnly.FromDateTime(span.From).AddDays(-1);
        var last = DateOnly.FromDateTime(span.To);
        var theirs = await db.DutyShifts.AcrossStations("a volunteer's shifts clash across stations").AsNoTracking()
            .Where(s => s.VolunteerId == volunteerId && s.Date >= first && s.Date <= last).ToListAsync(cancellationToken);
        return Clash(theirs, volunteerId, span);
    }

    private static DutyShift? Clash(IEnumerable<DutyShift> shifts, Guid volunteerId, Interval span) =>
        shifts.FirstOrDefault(s => s.VolunteerId == volunteerId && s.Span.Overlaps(span));

    private async Task<string> ClashMessageAsync(string name, DutyShift clash, CancellationToken cancellationToken)
    {
        var station = await db.StationName(clash.StationId, cancellationToken) ?? "";
        return localizer["Roster.Overlap", name, station, Shanghai.Format(clash.Date), clash.Start.ToString("HH:mm", CultureInfo.InvariantCulture), clash.End.ToString("HH:mm", CultureInfo.InvariantCulture)];
    }

    private async Task<List<ShiftRow>> RowsAsync(List<DutyShift> shifts, CancellationToken cancellationToken)
    {
        var volunteers = await pool.ByIds(shifts.Select(s => s.VolunteerId), cancellationToken);
        return
        [
            .. shifts.OrderBy(s => s.Date).ThenBy(s => s.Start).Select(s =>
            {
                var v = volunteers.GetValueOrDefault(s.VolunteerId);
                return new ShiftRow(s.Id, s.Date, s.Start, s.End, s.End <= s.Start, s.VolunteerId, v?.RealName ?? "", v?.Mobile ?? "");
            }),
        ];
    }
}
