using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.People;

/// <summary>The kinds of training session: 党员轮训, 周一夜学, “三五”党员固定活动日, 技能培训.</summary>
public enum TrainingKind
{
    Rotation,
    MondayEveningStudy,
    ThreeFiveDay,
    Skill,
}

internal sealed class TrainingAttendance
{
    public Guid VolunteerId { get; set; }
    public DateTime RecordedAt { get; set; }
}

public enum AttendanceChange
{
    Done,
    AlreadyAttended,
    NotAttended,
}

/// <summary>
/// One training session of a station (the sub-station's sessions are the town's): its kind, date, place, trainer and
/// length, and the volunteers who attended. The length is kept in whole minutes; a session lasts 0.5 to 24 hours in steps of 0.1 hour.
/// </summary>
internal sealed class TrainingSession : IStationScoped
{
    public const int TopicLength = 100;
    public const int PlaceLength = 100;
    public const int TrainerLength = 50;
    public const decimal MinHours = 0.5m;
    public const decimal MaxHours = 24m;

    private TrainingSession()
    {
    }

    public Guid Id { get; private set; }
    public TrainingKind Kind { get; private set; }
    public Guid StationId { get; private set; }
    public string Topic { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string Place { get; private set; } = "";
    public string Trainer { get; private set; } = "";
    public int Minutes { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public List<TrainingAttendance> Attendees { get; private set; } = [];

    public decimal Hours => ToHours(Minutes);

    /// <summary>Hours in steps of 0.1 (six minutes) within the allowed range.</summary>
    public static bool IsValidLength(decimal hours) => hours is >= MinHours and <= MaxHours && hours * 10 == decimal.Truncate(hours * 10);

    public static decimal ToHours(int minutes) => decimal.Round(minutes / 60m, 1);

    public static TrainingSession Hold(TrainingKind kind, Guid stationId, string topic, DateOnly date, string place, string trainer, decimal hours, DateTime now)
    {
        if (!IsValidLength(hours))
        {
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "A session lasts 0.5 to 24 hours in steps of 0.1.");
        }

        return new TrainingSession
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            StationId = stationId,
            Topic = topic.Trim(),
            Date = date,
            Place = place.Trim(),
            Trainer = trainer.Trim(),
            Minutes = (int)(hours * 60),
            CreatedAt = now,
        };
    }

    public bool Attended(Guid volunteerId) => Attendees.Any(a => a.VolunteerId == volunteerId);

    public AttendanceChange RecordAttendance(Guid volunteerId, DateTime now)
    {
        if (Attended(volunteerId))
        {
            return AttendanceChange.AlreadyAttended;
        }

        Attendees.Add(new TrainingAttendance { VolunteerId = volunteerId, RecordedAt = now });
        return AttendanceChange.Done;
    }

    public AttendanceChange RemoveAttendance(Guid volunteerId) =>
        Attendees.RemoveAll(a => a.VolunteerId == volunteerId) == 0 ? AttendanceChange.NotAttended : AttendanceChange.Done;

    internal sealed class Configuration : IEntityTypeConfiguration<TrainingSession>
    {
        public void Configure(EntityTypeBuilder<TrainingSession> builder)
        {
            builder.ToTable("training_sessions");
            builder.Property(t => t.Topic).HasMaxLength(TopicLength);
            builder.Property(t => t.Place).HasMaxLength(PlaceLength);
            builder.Property(t => t.Trainer).HasMaxLength(TrainerLength);
            builder.Ignore(t => t.Hours);
            builder.HasIndex(t => new { t.StationId, t.Date });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(t => t.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.OwnsMany(t => t.Attendees, a =>
            {
                a.ToTable("training_attendances");
                a.WithOwner().HasForeignKey("SessionId");
                a.HasKey("SessionId", nameof(TrainingAttendance.VolunteerId));
                a.HasOne<Volunteer>().WithMany().HasForeignKey(x => x.VolunteerId).OnDelete(DeleteBehavior.Restrict);
                a.HasIndex(x => x.VolunteerId);
            });
        }
    }
}
