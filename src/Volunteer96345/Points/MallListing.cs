using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points;

/// <summary>
/// Goods or a service an alliance merchant offers in the mall (淘商城) for points: a <see cref="Reward"/> whose stock the
/// merchant states with each revision. An order reserves stock and gives it back when cancelled or expired.
/// </summary>
internal sealed class MallListing : Reward
{
    private MallListing()
    {
    }

    private MallListing(Guid allianceMemberId, string name, string? description, RewardKind kind, int price, int stock, DateTime now)
        : base(name, description, kind, price, stock, now) => AllianceMemberId = allianceMemberId;

    public Guid AllianceMemberId { get; private set; }

    public static MallListing Create(Guid allianceMemberId, string name, string? description, RewardKind kind, int price, int stock, DateTime now) =>
        new(allianceMemberId, name, description, kind, price, stock, now);

    public void Revise(string name, string? description, RewardKind kind, int price, int stock)
    {
        Describe(name, description, kind, price);
        Stock = stock;
    }

    public void Withdraw() => IsActive = false;

    public void Relist() => IsActive = true;

    internal sealed class Configuration : IEntityTypeConfiguration<MallListing>
    {
        public void Configure(EntityTypeBuilder<MallListing> builder)
        {
            Reward.Configure(builder, "mall_listings");
            builder.HasIndex(l => new { l.AllianceMemberId, l.IsActive });
            builder.HasOne<People.AllianceMember>().WithMany().HasForeignKey(l => l.AllianceMemberId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
