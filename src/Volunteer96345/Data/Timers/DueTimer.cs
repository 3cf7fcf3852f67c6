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

    /// <summary>When the sweeper fired it; or, earlier than <see cref="DueAt"/>, when its milestone was met and it was spent (<see cref="DueTimers.SpendAsync"/>).</summary>
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

internal static class DueTimers
{
    /// <summary>
    /// Spends unfired timers that can no longer take effect (their milestone met before they fell due), in one statement of
    /// the caller's transaction: the sweeper need not claim them one by one to find nothing to do. Marked fired at
    /// <paramref name="now"/> without effect, as the sweeper would have marked them.
    /// </summary>
    public static Task<int> SpendAsync<TTimer>(IQueryable<TTimer> timers, DateTime now, CancellationToken cancellationToken)
        where TTimer : DueTimer =>
        timers.Where(t => t.FiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now).SetProperty(t => t.Effective, false), cancellationToken);
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
