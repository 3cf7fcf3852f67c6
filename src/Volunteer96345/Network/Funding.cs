using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Network;

public enum FundingDirection
{
    Income,
    Spending,
}

/// <summary>A line of the sub-station's earmarked budget (志愿服务专项经费) for one year. Money is in fen (分).</summary>
internal sealed class BudgetLine : IStationScoped
{
    private BudgetLine()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public long BudgetedFen { get; private set; }
    public long IncomeFen { get; private set; }
    public long SpentFen { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Changes with every entry, so two clerks recording at once cannot both spend the same balance.</summary>
    public Guid Version { get; private set; }

    public long BalanceFen => IncomeFen - SpentFen;

    public static BudgetLine Plan(Guid stationId, int year, string name, long budgetedFen, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        StationId = stationId,
        Year = year,
        Name = name.Trim(),
        BudgetedFen = budgetedFen,
        CreatedAt = now,
        Version = Guid.NewGuid(),
    };

    /// <summary>
    /// Entries are append-only and keep the line's running totals, so a balance never needs a scan and can never go
    /// below zero: spending more than the line holds is refused. A mistake is corrected by an opposite entry.
    /// </summary>
    public FundingEntry? Record(FundingDirection direction, long amountFen, DateOnly occurredOn, string description,
        Guid voucherId, Guid? recordedBy, DateTime now)
    {
        if (amountFen <= 0 || (direction == FundingDirection.Spending && amountFen > BalanceFen))
        {
            return null;
        }

        Version = Guid.NewGuid();
        if (direction == FundingDirection.Income)
        {
            IncomeFen += amountFen;
        }
        else
        {
            SpentFen += amountFen;
        }

        return new FundingEntry(Guid.CreateVersion7(), Id, StationId, direction, amountFen, occurredOn, description.Trim(), voucherId, recordedBy, now);
    }

    internal sealed class Configuration : IEntityTypeConfiguration<BudgetLine>
    {
        public void Configure(EntityTypeBuilder<BudgetLine> builder)
        {
            builder.ToTable("budget_lines");
            builder.Property(b => b.Name).HasMaxLength(100);
            builder.HasOne<Station>().WithMany().HasForeignKey(b => b.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(b => new { b.StationId, b.Year, b.Name }).IsUnique();
            builder.Property(b => b.Version).IsConcurrencyToken();
        }
    }
}

internal sealed class FundingEntry(
    Guid id, Guid budgetLineId, Guid stationId, FundingDirection direction, long amountFen, DateOnly occurredOn,
    string description, Guid voucherId, Guid? recordedBy, DateTime recordedAt) : IStationScoped
{
    public Guid Id { get; private set; } = id;
    public Guid BudgetLineId { get; private set; } = budgetLineId;
    public Guid StationId { get; private set; } = stationId;
    public FundingDirection Direction { get; private set; } = direction;
    public long AmountFen { get; private set; } = amountFen;
    public DateOnly OccurredOn { get; private set; } = occurredOn;
    public string Description { get; private set; } = description;
    public Guid VoucherId { get; private set; } = voucherId;
    public Guid? RecordedBy { get; private set; } = recordedBy;
    public DateTime RecordedAt { get; private set; } = recordedAt;

    internal sealed class Configuration : IEntityTypeConfiguration<FundingEntry>
    {
        public void Configure(EntityTypeBuilder<FundingEntry> builder)
        {
            builder.ToTable("funding_entries");
            builder.Property(e => e.Description).HasMaxLength(200);
            builder.HasOne<BudgetLine>().WithMany().HasForeignKey(e => e.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(e => new { e.BudgetLineId, e.OccurredOn });
        }
    }
}
