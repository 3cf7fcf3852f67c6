using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Points;

/// <summary>
/// One entry of a service point's redemption catalogue (积分兑换): a <see cref="Reward"/> this station holds. The stock is set
/// by a stocktake, apart from the price and description, and falls with each redemption.
/// </summary>
internal sealed class CounterItem : Reward, IStationScoped
{
    private CounterItem()
    {
    }

    private CounterItem(Guid stationId, string name, string? description, RewardKind kind, int price, int stock, DateTime now)
        : base(name, description, kind, price, stock, now) => StationId = stationId;

    public Guid StationId { get; private set; }

    public static CounterItem Create(Guid stationId, string name, string? description, RewardKind kind, int price, int stock, DateTime now) =>
        new(stationId, name, description, kind, price, stock, now);

    public void Revise(string name, string? description, RewardKind kind, int price) => Describe(name, description, kind, price);

    /// <summary>A stock count after a stocktake; redemptions in flight decrement whatever value is stored when they commit.</summary>
    public void CountStock(int stock) => Stock = stock;

    public void Retire() => IsActive = false;

    public void Restore() => IsActive = true;

    internal sealed class Configuration : IEntityTypeConfiguration<CounterItem>
    {
        public void Configure(EntityTypeBuilder<CounterItem> builder)
        {
            Reward.Configure(builder, "counter_items");
            builder.HasIndex(i => new { i.StationId, i.Name });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(i => i.StationId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
