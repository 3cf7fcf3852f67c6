using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.StationServices.Deadlines;

public enum ErrandTimerKind
{
    /// <summary>The errand's working-day deadline: escalate when it is still open.</summary>
    Deadline,

    /// <summary>Some working days after the office's final answer: alert when originals are not back with the resident.</summary>
    ReturnsDue,
}

/// <summary>
/// A stored deadline of an errand, the same shape and claim as <see cref="WorkOrders.SlaTimer"/>: fired by setting
/// <see cref="FiredAt"/> where it is still null in the transaction of its effect, so two instances fire it once.
/// </summary>
internal sealed class ErrandTimer : IStationScoped, IDerivedRecord
{
    private ErrandTimer()
    {
    }

    public Guid Id { get; private set; }
    public Guid ErrandId { get; private set; }
    public Guid StationId { get; private set; }
    public ErrandTimerKind Kind { get; private set; }
    public DateTime DueAt { get; private set; }
    public DateTime? FiredAt { get; private set; }
    public bool? Effective { get; private set; }

    public static ErrandTimer For(ProxyErrand errand, ErrandTimerKind kind, DateTime dueAt) => new()
    {
        Id = Guid.CreateVersion7(),
        ErrandId = errand.Id,
        StationId = errand.StationId,
        Kind = kind,
        DueAt = dueAt,
    };

    public void Fired(DateTime now, bool effective)
    {
        FiredAt = now;
        Effective = effective;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<ErrandTimer>
    {
        public void Configure(EntityTypeBuilder<ErrandTimer> builder)
        {
            builder.ToTable("errand_timers");
            builder.HasIndex(t => new { t.FiredAt, t.DueAt });
            builder.HasIndex(t => t.ErrandId);
            builder.HasOne<ProxyErrand>().WithMany().HasForeignKey(t => t.ErrandId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
