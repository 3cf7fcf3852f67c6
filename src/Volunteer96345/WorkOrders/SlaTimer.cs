using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.WorkOrders;

public enum SlaTimerKind
{
    AcceptDeadline,
    ArrivalWarning,
    ArrivalBreach,
    ResolveDeadline,

    /// <summary>Phased alerts: widen to the next candidates when nobody accepted within the round.</summary>
    NextRound,
}

/// <summary>
/// A stored deadline. The sweeper fires it by setting <see cref="FiredAt"/> where it is still null, in the same
/// transaction as its effect: of two instances (or a restart mid-way) exactly one commits the firing.
/// </summary>
internal sealed class SlaTimer : IStationScoped, IDerivedRecord
{
    private SlaTimer()
    {
    }

    public Guid Id { get; private set; }
    public Guid WorkOrderId { get; private set; }
    public Guid StationId { get; private set; }
    public SlaTimerKind Kind { get; private set; }
    public DateTime DueAt { get; private set; }

    /// <summary>The order's round of service (its re-open count) the timer belongs to.</summary>
    public int Round { get; private set; }

    public DateTime? FiredAt { get; private set; }

    /// <summary>Whether firing changed anything; false when the milestone had been met in time.</summary>
    public bool? Effective { get; private set; }

    public static SlaTimer For(WorkOrder order, SlaTimerKind kind, DateTime dueAt) => new()
    {
        Id = Guid.CreateVersion7(),
        WorkOrderId = order.Id,
        StationId = order.StationId,
        Kind = kind,
        DueAt = dueAt,
        Round = order.Reopens,
    };

    public void Fired(DateTime now, bool effective)
    {
        FiredAt = now;
        Effective = effective;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<SlaTimer>
    {
        public void Configure(EntityTypeBuilder<SlaTimer> builder)
        {
            builder.ToTable("sla_timers");
            builder.HasIndex(t => new { t.FiredAt, t.DueAt });
            builder.HasIndex(t => t.WorkOrderId);
            builder.HasOne<WorkOrder>().WithMany().HasForeignKey(t => t.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
