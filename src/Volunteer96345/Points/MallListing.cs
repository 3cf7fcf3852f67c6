using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points;

/// <summary>
/// Goods or a service an alliance merchant offers in the mall (淘商城) for points. An order reserves stock with a
/// conditional update and gives it back when cancelled or expired; the table refuses a negative stock.
/// </summary>
internal sealed class MallListing
{
    public const int NameLength = 100;
    public const int DescriptionLength = 300;

    private MallListing()
    {
    }

    public Guid Id { get; private set; }
    public Guid AllianceMemberId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public RewardKind Kind { get; private set; }
    public int Price { get; private set; }
    public int Stock { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static MallListing Create(Guid allianceMemberId, string name, string? description, RewardKind kind, int price, int stock, DateTime now)
    {
        var listing = new MallListing { Id = Guid.CreateVersion7(), AllianceMemberId = allianceMemberId, IsActive = true, CreatedAt = now };
        listing.Revise(name, description, kind, price, stock);
        return listing;
    }

    public void Revise(string name, string? description, RewardKind kind, int price, int stock)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Kind = kind;
        Price = price;
        Stock = stock;
    }

    public void Withdraw() => IsActive = false;

    public void Relist() => IsActive = true;

    internal sealed class Configuration : IEntityTypeConfiguration<MallListing>
    {
        public void Configure(EntityTypeBuilder<MallListing> builder)
        {
            builder.ToTable("mall_listings", t =>
            {
                t.HasCheckConstraint("ck_mall_listings_stock", "\"Stock\" >= 0");
                t.HasCheckConstraint("ck_mall_listings_price", "\"Price\" > 0");
            });
            builder.Property(l => l.Name).HasMaxLength(NameLength);
            builder.Property(l => l.Description).HasMaxLength(DescriptionLength);
            builder.HasIndex(l => new { l.AllianceMemberId, l.IsActive });
            builder.HasOne<People.AllianceMember>().WithMany().HasForeignKey(l => l.AllianceMemberId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
