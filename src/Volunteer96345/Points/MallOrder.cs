using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points;

public enum MallOrderStatus
{
    Held,
    Fulfilled,
    Cancelled,
    Expired,
}

/// <summary>
/// A member's order in the mall. Its points sit in a ledger hold from the order until the merchant fulfils it (the
/// hold is captured to the merchant) or it is cancelled or expires (the hold is released to the member). Each move
/// leaves Held exactly once: handlers claim it with a conditional update on the status before touching the ledger.
/// </summary>
internal sealed class MallOrder
{
    public const int CodeLength = 8;
    public const int KeyLength = 200;

    private MallOrder()
    {
    }

    public Guid Id { get; private set; }
    public Guid ListingId { get; private set; }
    public string ListingName { get; private set; } = "";
    public Guid AllianceMemberId { get; private set; }
    public Guid VolunteerId { get; private set; }
    public int Quantity { get; private set; }
    public int Points { get; private set; }

    /// <summary>What the member shows the merchant: digits, so that it can be typed as easily as scanned.</summary>
    public string Code { get; private set; } = "";
    public string IdempotencyKey { get; private set; } = "";
    /// <summary>The ledger's hold: the id of the posting that set the points aside.</summary>
    public long? HoldId { get; private set; }
    public MallOrderStatus Status { get; private set; }
    public DateTime OrderedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    public bool IsOpen => Status == MallOrderStatus.Held;

    public static MallOrder Place(MallListing listing, Guid volunteerId, int quantity, string idempotencyKey, TimeSpan holdFor, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ListingId = listing.Id,
        ListingName = listing.Name,
        AllianceMemberId = listing.AllianceMemberId,
        VolunteerId = volunteerId,
        Quantity = quantity,
        Points = listing.PointsFor(quantity),
        Code = RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        IdempotencyKey = idempotencyKey,
        Status = MallOrderStatus.Held,
        OrderedAt = now,
        ExpiresAt = now + holdFor,
    };

    public void Holding(long holdId) => HoldId = holdId;

    /// <summary>Records the end of an order already claimed from Held; false when it was not open.</summary>
    public bool Close(MallOrderStatus to, string by, DateTime now)
    {
        if (Status != MallOrderStatus.Held || to == MallOrderStatus.Held)
        {
            return false;
        }

        Status = to;
        ClosedAt = now;
        ClosedBy = by;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<MallOrder>
    {
        public void Configure(EntityTypeBuilder<MallOrder> builder)
        {
            builder.ToTable("mall_orders", t => t.HasCheckConstraint("ck_mall_orders_quantity", "\"Quantity\" > 0"));
            builder.Property(o => o.ListingName).HasMaxLength(Reward.NameLength);
            builder.Property(o => o.Code).HasMaxLength(CodeLength);
            builder.HasIndex(o => new { o.AllianceMemberId, o.Code });
            builder.Property(o => o.IdempotencyKey).HasMaxLength(KeyLength);
            builder.HasIndex(o => o.IdempotencyKey).IsUnique();
            builder.Property(o => o.ClosedBy).HasMaxLength(256);

            // A second close of the same order (a race the ledger also refuses) finds the status changed and writes nothing.
            builder.Property(o => o.Status).IsConcurrencyToken();
            builder.HasIndex(o => new { o.Status, o.ExpiresAt });
            builder.HasIndex(o => new { o.AllianceMemberId, o.ClosedAt });
            builder.HasIndex(o => new { o.VolunteerId, o.OrderedAt });
            builder.HasOne<MallListing>().WithMany().HasForeignKey(o => o.ListingId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<People.Volunteer>().WithMany().HasForeignKey(o => o.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
