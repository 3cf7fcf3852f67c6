using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Data.Timers;

namespace Volunteer96345.StationServices.Deadlines;

public enum ErrandTimerKind
{
    /// <summary>The errand's working-day deadline: escalate when it is still open.</summary>
    Deadline,

    /// <summary>Some working days after the office's final answer: alert when originals are not back with the resident.</summary>
    ReturnsDue,
}

/// <summary>
/// A deadline of an errand, in the one timer table (<see cref="DueTimer"/>, owner <c>Errand</c>); fired by
/// <see cref="ErrandTimers"/> when the sweeper claims it.
/// </summary>
internal sealed class ErrandTimer : DueTimer
{
    private ErrandTimer()
    {
    }

    public Guid ErrandId { get; private set; }
    public ErrandTimerKind Kind { get; private set; }

    public static ErrandTimer For(ProxyErrand errand, ErrandTimerKind kind, DateTime dueAt) => new()
    {
        ErrandId = errand.Id,
        StationId = errand.StationId,
        Kind = kind,
        DueAt = dueAt,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<ErrandTimer>
    {
        public void Configure(EntityTypeBuilder<ErrandTimer> builder)
        {
            builder.HasBaseType<DueTimer>();
            builder.Metadata.SetDiscriminatorValue("Errand");
            builder.Property(t => t.Kind).HasColumnName("Kind");
            builder.HasIndex(t => t.ErrandId);
            builder.HasOne<ProxyErrand>().WithMany().HasForeignKey(t => t.ErrandId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
