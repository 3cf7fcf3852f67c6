using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points;

/// <summary>Who or what an account belongs to. Only the town fund may go below zero: it is where points are issued from.</summary>
internal enum AccountKind
{
    Volunteer,
    Resident,
    CareRecipient,

    /// <summary>A station's redemptions: what members spent at its counter.</summary>
    Station,
    Merchant,
    TownFund,
    NeedyFund,

    /// <summary>Points held for open mall orders, until they are captured by the merchant or released to the member.</summary>
    Hold,
    Expiry,
}

/// <summary>
/// One account of the Good Deeds Bank. <see cref="Balance"/> is kept by <see cref="PointsBank"/> in the same transaction
/// as the entries it sums; nothing else writes it. The database refuses a negative balance on every account but the
/// town fund (a CHECK constraint, besides the conditional update that normally stops it first).
/// </summary>
internal sealed class PointsAccount
{
    public const string NoOverdraftConstraint = "CK_points_accounts_no_overdraft";

    public long Id { get; private set; }
    public AccountKind Kind { get; private set; }

    /// <summary>The owner's id (volunteer, station, merchant, care recipient), a keyed hash of a resident's mobile, or the kind for the town's own accounts.</summary>
    public string OwnerKey { get; private set; } = "";
    public Guid? OwnerId { get; private set; }
    public string Name { get; private set; } = "";
    public long Balance { get; private set; }
    public DateTime OpenedAt { get; private set; }

    /// <summary>A person's account: volunteers, residents and care recipients earn, spend, donate and expire.</summary>
    public bool IsMember => Kind is AccountKind.Volunteer or AccountKind.Resident or AccountKind.CareRecipient;

    internal sealed class Configuration : IEntityTypeConfiguration<PointsAccount>
    {
        public void Configure(EntityTypeBuilder<PointsAccount> builder)
        {
            builder.ToTable("points_accounts", t => t.HasCheckConstraint(NoOverdraftConstraint, "\"Balance\" >= 0 OR \"Kind\" = 'TownFund'"));
            builder.Property(a => a.OwnerKey).HasMaxLength(100);
            builder.Property(a => a.Name).HasMaxLength(100);
            builder.HasIndex(a => new { a.Kind, a.OwnerKey }).IsUnique();
            builder.HasIndex(a => a.OwnerId);
        }
    }
}
