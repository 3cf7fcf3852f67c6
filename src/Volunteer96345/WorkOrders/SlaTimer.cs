using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Data.Timers;

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
/// A work order's deadline, in the one timer table (<see cref="DueTimer"/>, owner <c>WorkOrder</c>); fired by
/// <see cref="Sla.SlaTimers"/> when the sweeper claims it.
/// </summary>
internal sealed class SlaTimer : DueTimer
{
    private SlaTimer()
    {
    }

    public Guid WorkOrderId { get; private set; }
    public SlaTimerKind Kind { get; private set; }

    /// <summary>The order's round of service (its re-open count) the timer belongs to.</summary>
    public int Round { get; private set; }

    public static SlaTimer For(WorkOrder order, SlaTimerKind kind, DateTime dueAt) => new()
    {
        WorkOrderId = order.Id,
        StationId = order.StationId,
        Kind = kind,
        DueAt = dueAt,
        Round = order.Reopens,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<SlaTimer>
    {
        public void Configure(EntityTypeBuilder<SlaTimer> builder)
        {
            builder.HasBaseType<DueTimer>();
            builder.Metadata.SetDiscriminatorValue("WorkOrder");
            builder.Property(t => t.Kind).HasColumnName("Kind");
            builder.HasIndex(t => t.WorkOrderId);
            builder.HasOne<WorkOrder>().WithMany().HasForeignKey(t => t.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
