using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Points;

/// <summary>
/// One redemption at a service point's counter: what the member took, and the ledger posting that paid for it. The
/// idempotency key is unique, so a retried request finds this row instead of redeeming twice.
/// </summary>
internal sealed class CounterRedemption : IStationScoped
{
    public const int KeyLength = 200;

    private CounterRedemption()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public Guid ItemId { get; private set; }
    public string ItemName { get; private set; } = "";
    public Guid VolunteerId { get; private set; }
    public int Quantity { get; private set; }
    public int Points { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public long PostingId { get; private set; }
    public DateTime RedeemedAt { get; private set; }
    public string RedeemedBy { get; private set; } = "";

    public static CounterRedemption Record(CounterItem item, Guid volunteerId, int quantity, string idempotencyKey, long postingId, string redeemedBy, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        StationId = item.StationId,
        ItemId = item.Id,
        ItemName = item.Name,
        VolunteerId = volunteerId,
        Quantity = quantity,
        Points = item.PointsFor(quantity),
        IdempotencyKey = idempotencyKey,
        PostingId = postingId,
        RedeemedAt = now,
        RedeemedBy = redeemedBy,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<CounterRedemption>
    {
        public void Configure(EntityTypeBuilder<CounterRedemption> builder)
        {
            builder.ToTable("counter_redemptions", t => t.HasCheckConstraint("ck_counter_redemptions_quantity", "\"Quantity\" > 0"));
            builder.Property(r => r.ItemName).HasMaxLength(Reward.NameLength);
            builder.Property(r => r.IdempotencyKey).HasMaxLength(KeyLength);
            builder.HasIndex(r => r.IdempotencyKey).IsUnique();
            builder.Property(r => r.RedeemedBy).HasMaxLength(256);
            builder.HasIndex(r => new { r.VolunteerId, r.RedeemedAt });
            builder.HasIndex(r => new { r.StationId, r.RedeemedAt });
            builder.HasOne<CounterItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<People.Volunteer>().WithMany().HasForeignKey(r => r.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
