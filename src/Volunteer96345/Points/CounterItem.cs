using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Points;

/// <summary>What a reward is: a thing to take home, a service done for the member, or a privilege granted.</summary>
public enum RewardKind
{
    Goods,
    Service,
    Privilege,
}

/// <summary>
/// One entry of a service point's redemption catalogue (积分兑换): a points price and the stock this station holds.
/// Stock only falls through a conditional update in the redemption's transaction, and the table refuses a negative
/// value, so two counters can never hand out the same last item.
/// </summary>
internal sealed class CounterItem : IStationScoped
{
    public const int NameLength = 100;
    public const int DescriptionLength = 300;
    public const int MaxPrice = 1_000_000;
    public const int MaxStock = 100_000;

    private CounterItem()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public RewardKind Kind { get; private set; }
    public int Price { get; private set; }
    public int Stock { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static CounterItem Create(Guid stationId, string name, string? description, RewardKind kind, int price, int stock, DateTime now)
    {
        var item = new CounterItem { Id = Guid.CreateVersion7(), StationId = stationId, IsActive = true, CreatedAt = now, Stock = stock };
        item.Revise(name, description, kind, price);
        return item;
    }

    public void Revise(string name, string? description, RewardKind kind, int price)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Kind = kind;
        Price = price;
    }

    /// <summary>A stock count after a stocktake; redemptions in flight decrement whatever value is stored when they commit.</summary>
    public void CountStock(int stock) => Stock = stock;

    public void Retire() => IsActive = false;

    public void Restore() => IsActive = true;

    internal sealed class Configuration : IEntityTypeConfiguration<CounterItem>
    {
        public void Configure(EntityTypeBuilder<CounterItem> builder)
        {
            builder.ToTable("counter_items", t =>
            {
                t.HasCheckConstraint("ck_counter_items_stock", "\"Stock\" >= 0");
                t.HasCheckConstraint("ck_counter_items_price", "\"Price\" > 0");
            });
            builder.Property(i => i.Name).HasMaxLength(NameLength);
            builder.Property(i => i.Description).HasMaxLength(DescriptionLength);
            builder.HasIndex(i => new { i.StationId, i.Name });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(i => i.StationId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
