using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.People;

public enum VisitKind
{
    HomeVisit,
    PhoneCall,
    Errand,
    Escort,
    Other,
}

internal sealed class Visit
{
    public DateOnly On { get; set; }
    public VisitKind Kind { get; set; }
    public string? Notes { get; set; }
    public string? Issues { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// 结对帮扶: a party member paired with a care recipient, visiting at least every <see cref="CadenceDays"/> days.
/// The pairing belongs to the recipient's station. <see cref="DueOn"/> is kept with every visit so that the lapse
/// list is one indexed query: a pairing is lapsed when today is past the day its next visit was due.
/// </summary>
internal sealed class Pairing : IStationScoped
{
    public const int MinCadence = 1;
    public const int MaxCadence = 90;

    private Pairing()
    {
    }

    public Guid Id { get; private set; }
    public Guid CareRecipientId { get; private set; }
    public Guid VolunteerId { get; private set; }
    public Guid StationId { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public int CadenceDays { get; private set; }
    public bool WarmthProgram { get; private set; }

    /// <summary>一员双岗: the service post the member holds beside their job post, e.g. 助老服务岗.</summary>
    public string? DualPost { get; private set; }

    public DateOnly? LastVisitOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public List<Visit> Visits { get; private set; } = [];

    public bool IsActive => EndedOn is null;

    public static Pairing Start(Guid careRecipientId, Guid volunteerId, Guid stationId, DateOnly startedOn, int cadenceDays, bool warmthProgram,
        string? dualPost) => new()
        {
            Id = Guid.CreateVersion7(),
            CareRecipientId = careRecipientId,
            VolunteerId = volunteerId,
            StationId = stationId,
            StartedOn = startedOn,
            CadenceDays = cadenceDays,
            WarmthProgram = warmthProgram,
            DualPost = string.IsNullOrWhiteSpace(dualPost) ? null : dualPost.Trim(),
            DueOn = startedOn.AddDays(cadenceDays),
        };

    /// <summary>The last visit, or the start if there was none, is older than the cadence.</summary>
    public bool IsLapsed(DateOnly today) => IsActive && today > DueOn;

    public int DaysOverdue(DateOnly today) => IsLapsed(today) ? today.DayNumber - DueOn.DayNumber : 0;

    /// <summary>Refused (false) on an ended pairing or for a day before the pairing began; a late entry of an older visit does not move the last visit back.</summary>
    public bool LogVisit(DateOnly on, VisitKind kind, string? notes, string? issues, Guid? recordedBy, DateTime now)
    {
        if (!IsActive || on < StartedOn)
        {
            return false;
        }

        Visits.Add(new Visit
        {
            On = on,
            Kind = kind,
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
            Issues = string.IsNullOrWhiteSpace(issues) ? null : issues.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = now,
        });
        if (LastVisitOn is null || on > LastVisitOn)
        {
            LastVisitOn = on;
            DueOn = on.AddDays(CadenceDays);
        }

        return true;
    }

    /// <summary>A pairing belongs to the recipient's station and follows the recipient when they move to another.</summary>
    public void Transfer(Guid stationId) => StationId = stationId;

    public bool End(DateOnly on)
    {
        if (!IsActive || on < StartedOn)
        {
            return false;
        }

        EndedOn = on;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Pairing>
    {
        public void Configure(EntityTypeBuilder<Pairing> builder)
        {
            builder.ToTable("pairings");
            builder.Property(p => p.DualPost).HasMaxLength(50);
            builder.HasIndex(p => new { p.StationId, p.EndedOn, p.DueOn });
            builder.HasIndex(p => p.CareRecipientId);
            builder.HasIndex(p => p.VolunteerId);
            builder.Ignore(p => p.IsActive);
            builder.HasOne<CareRecipient>().WithMany().HasForeignKey(p => p.CareRecipientId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Volunteer>().WithMany().HasForeignKey(p => p.VolunteerId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(p => p.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.OwnsMany(p => p.Visits, v =>
            {
                v.ToTable("pairing_visits");
                v.WithOwner().HasForeignKey("PairingId");
                v.Property<int>("Id");
                v.HasKey("Id");
                v.Property(x => x.Notes).HasMaxLength(1000);
                v.Property(x => x.Issues).HasMaxLength(1000);
            });
        }
    }
}
