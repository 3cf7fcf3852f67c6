using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.People;

/// <summary>A span of town time (Asia/Shanghai wall clock), half-open: [From, To).</summary>
internal readonly record struct Interval(DateTime From, DateTime To)
{
    public bool Overlaps(Interval other) => From < other.To && other.From < To;

    public bool Contains(DateTime moment) => From <= moment && moment < To;
}

/// <summary>
/// One shift of a station's duty roster: the volunteer on duty on <see cref="Date"/> from <see cref="Start"/> to
/// <see cref="End"/> in town time. An end at or before the start means the shift runs past midnight (20:00–08:00).
/// Times are wall-clock: the town has no daylight saving, so a date and two times say exactly when.
/// </summary>
internal sealed class DutyShift : IStationScoped
{
    private DutyShift()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public DateOnly Date { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
    public Guid VolunteerId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public Interval Span => SpanOf(Date, Start, End);

    /// <summary>A shift whose end is not after its start crosses midnight; an end equal to the start is refused before this.</summary>
    public static Interval SpanOf(DateOnly date, TimeOnly start, TimeOnly end) =>
        new(date.ToDateTime(start), (end > start ? date : date.AddDays(1)).ToDateTime(end));

    public static DutyShift Plan(Guid stationId, DateOnly date, TimeOnly start, TimeOnly end, Guid volunteerId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        StationId = stationId,
        Date = date,
        Start = start,
        End = end,
        VolunteerId = volunteerId,
        CreatedAt = now,
    };

    /// <summary>The Monday that starts the week after <paramref name="today"/> (a Monday's next week is seven days on).</summary>
    public static DateOnly NextWeekStart(DateOnly today) => WeekStart(today).AddDays(7);

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// The parts of [from, to) that no shift covers, in order. Shifts may overlap each other (two on duty at once) and
    /// may start before or end after the window; only the window is judged.
    /// </summary>
    public static List<Interval> Gaps(IEnumerable<Interval> shifts, DateTime from, DateTime to)
    {
        var gaps = new List<Interval>();
        var cursor = from;
        foreach (var shift in shifts.Where(s => s.To > from && s.From < to).OrderBy(s => s.From))
        {
            if (shift.From > cursor)
            {
                gaps.Add(new Interval(cursor, shift.From));
            }

            if (shift.To > cursor)
            {
                cursor = shift.To;
            }
        }

        if (cursor < to)
        {
            gaps.Add(new Interval(cursor, to));
        }

        return gaps;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<DutyShift>
    {
        public void Configure(EntityTypeBuilder<DutyShift> builder)
        {
            builder.ToTable("duty_shifts");
            builder.HasIndex(s => new { s.StationId, s.Date });
            builder.HasIndex(s => new { s.VolunteerId, s.Date });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(s => s.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Volunteer>().WithMany().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
