using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Data.Timers;

/// <summary>
/// A stored deadline, in the one timer table of the app. A module derives its own kind of timer (a work order's SLA
/// deadlines, an errand's working-day deadline) with the reference to what it times; the table's <c>Owner</c> column
/// names which (EF Core's table-per-hierarchy discriminator). <see cref="TimerSweeper"/> claims due timers oldest
/// first and hands them to the module's <see cref="ITimerOwner"/>, in the transaction of their effect, so that each
/// fires exactly once: with two instances on one PostgreSQL, and after a crash mid-way (decision 0012).
/// </summary>
internal abstract class DueTimer : IStationScoped, IDerivedRecord
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    public Guid StationId { get; protected init; }

    public DateTime DueAt { get; protected init; }

    public DateTime? FiredAt { get; private set; }

    /// <summary>Whether firing changed anything; false when the deadline's milestone had been met in time.</summary>
    public bool? Effective { get; private set; }

    /// <summary>The sweeper has claimed the timer at <paramref name="now"/>; it has no effect unless its owner says so.</summary>
    internal void Claim(DateTime now)
    {
        if (FiredAt is not null)
        {
            throw new InvalidOperationException($"Timer {Id} fired at {FiredAt:O} already.");
        }

        if (now < DueAt)
        {
            throw new InvalidOperationException($"Timer {Id} is due at {DueAt:O}, not at {now:O}.");
        }

        FiredAt = now;
        Effective = false;
    }

    /// <summary>Its owner acted on the deadline (escalated, alerted, widened the offers).</summary>
    public void TookEffect() => Effective = FiredAt is not null ? true : throw new InvalidOperationException($"Timer {Id} has not been claimed.");
}

/// <summary>The one timer table; each module maps its own kind of timer onto it.</summary>
internal sealed class DueTimerConfiguration : IEntityTypeConfiguration<DueTimer>
{
    public void Configure(EntityTypeBuilder<DueTimer> builder)
    {
        builder.ToTable("timers");
        builder.HasDiscriminator<string>("Owner");
        builder.Property("Owner").HasMaxLength(32);
        builder.HasIndex(t => new { t.FiredAt, t.DueAt });
    }
}
