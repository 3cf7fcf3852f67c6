using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data.Timers;

namespace Volunteer96345.Evaluation;

/// <summary>Open → the station answers → the inspector closes it, or returns it (open again, with a new due date).</summary>
public enum RectificationStatus
{
    Open,
    Answered,
    Closed,
}

public enum RectificationStepKind
{
    Opened,
    Answered,
    Returned,
    Closed,
    Overdue,
}

/// <summary>One step of a rectification's history; nothing is removed from it.</summary>
internal sealed class RectificationStep
{
    public DateTime At { get; set; }
    public RectificationStepKind Kind { get; set; }
    public string? Actor { get; set; }
    public string? Text { get; set; }
    public List<Guid> EvidenceIds { get; set; } = [];
}

/// <summary>
/// 整改: a finding the station must put right by a due date. The station answers with what it did and evidence; the
/// inspector closes it or returns it with a reason and a new due date. Still open at the end of its due date, it alerts
/// the sub-station (<see cref="RectificationTimer"/>).
/// </summary>
internal sealed class Rectification : IStationScoped
{
    private Rectification()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public Guid? SpotCheckId { get; private set; }
    public string Issue { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public RectificationStatus Status { get; private set; }
    public DateTime OpenedAt { get; private set; }
    public Guid? OpenedById { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTime? OverdueAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int Returns { get; private set; }
    public List<RectificationStep> Steps { get; private set; } = [];
    public int Version { get; private set; }

    public static Rectification Open(Guid stationId, Guid? spotCheckId, string issue, DateOnly dueOn, Guid? userId, string userName, DateTime now)
    {
        var rectification = new Rectification
        {
            Id = Guid.CreateVersion7(),
            StationId = stationId,
            SpotCheckId = spotCheckId,
            Issue = issue.Trim(),
            DueOn = dueOn,
            Status = RectificationStatus.Open,
            OpenedAt = now,
            OpenedById = userId,
            OpenedBy = userName,
        };
        rectification.Log(now, RectificationStepKind.Opened, userName, null, []);
        return rectification;
    }

    /// <summary>The station's answer: what it did, with evidence. Only an open rectification can be answered.</summary>
    public bool Answer(string text, IEnumerable<Guid> evidenceIds, string actor, DateTime now)
    {
        if (Status != RectificationStatus.Open)
        {
            return false;
        }

        Status = RectificationStatus.Answered;
        Log(now, RectificationStepKind.Answered, actor, text.Trim(), [.. evidenceIds]);
        return true;
    }

    public bool Close(string? note, string actor, DateTime now)
    {
        if (Status != RectificationStatus.Answered)
        {
            return false;
        }

        Status = RectificationStatus.Closed;
        ClosedAt = now;
        Log(now, RectificationStepKind.Closed, actor, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), []);
        return true;
    }

    /// <summary>Not good enough: open again with the reason and a new due date (a new deadline; the old overdue mark stays in the history).</summary>
    public bool Return(string reason, DateOnly dueOn, string actor, DateTime now)
    {
        if (Status != RectificationStatus.Answered)
        {
            return false;
        }

        Status = RectificationStatus.Open;
        DueOn = dueOn;
        OverdueAt = null;
        Returns++;
        Log(now, RectificationStepKind.Returned, actor, reason.Trim(), []);
        return true;
    }

    /// <summary>The due date's end passed with the rectification still open and not yet marked: true once.</summary>
    public bool MarkOverdue(DateOnly today, DateTime now)
    {
        if (Status != RectificationStatus.Open || OverdueAt is not null || today <= DueOn)
        {
            return false;
        }

        OverdueAt = now;
        Log(now, RectificationStepKind.Overdue, null, null, []);
        return true;
    }

    private void Log(DateTime at, RectificationStepKind kind, string? actor, string? text, List<Guid> evidence)
    {
        Steps.Add(new RectificationStep { At = at, Kind = kind, Actor = actor, Text = text, EvidenceIds = evidence });
        Version++;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Rectification>
    {
        public void Configure(EntityTypeBuilder<Rectification> builder)
        {
            builder.ToTable("rectifications");
            builder.Property(r => r.Issue).HasMaxLength(1000);
            builder.Property(r => r.OpenedBy).HasMaxLength(100);
            builder.Property(r => r.Version).IsConcurrencyToken();
            builder.HasIndex(r => new { r.StationId, r.Status });
            builder.HasIndex(r => r.SpotCheckId);
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<SpotCheck>().WithMany().HasForeignKey(r => r.SpotCheckId).OnDelete(DeleteBehavior.Restrict);
            builder.OwnsMany(r => r.Steps, s =>
            {
                s.ToTable("rectification_steps");
                s.WithOwner().HasForeignKey("RectificationId");
                s.Property<int>("Id");
                s.HasKey("Id");
                s.Property(x => x.Actor).HasMaxLength(100);
                s.Property(x => x.Text).HasMaxLength(1000);
            });
        }
    }
}

/// <summary>A rectification's due date, in the one timer table (owner <c>Rectification</c>); fired by <see cref="Rectifications.RectificationTimers"/>.</summary>
internal sealed class RectificationTimer : DueTimer
{
    private RectificationTimer()
    {
    }

    public Guid RectificationId { get; private set; }

    public static RectificationTimer For(Rectification rectification, DateTime dueAt) => new()
    {
        RectificationId = rectification.Id,
        StationId = rectification.StationId,
        DueAt = dueAt,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<RectificationTimer>
    {
        public void Configure(EntityTypeBuilder<RectificationTimer> builder)
        {
            builder.HasBaseType<DueTimer>();
            builder.Metadata.SetDiscriminatorValue("Rectification");
            builder.HasIndex(t => t.RectificationId);
            builder.HasOne<Rectification>().WithMany().HasForeignKey(t => t.RectificationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
