using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points;

/// <summary>What a posting was for. The statement filters by it and the town's view adds it up.</summary>
internal enum PostingKind
{
    Earn,
    Redemption,
    Hold,
    Capture,
    Release,
    Donation,
    Deduction,
    Expiry,
    Reversal,
    Transfer,
}

/// <summary>The five ways to earn points (积分获取类型).</summary>
internal enum EarningType
{
    VolunteerService,
    ConvenienceService,
    GoodDeed,
    CharitableDonation,
    HeroicAct,
}

/// <summary>
/// One transfer of points between two accounts: the debit account loses <see cref="Amount"/>, the credit account gains it,
/// recorded as two <see cref="PointsEntry"/> rows that sum to zero. Postings are append-only: a correction is a reversing
/// posting that names the one it settles. <see cref="Key"/> is unique, so a retried posting finds the first and posts nothing.
/// </summary>
internal sealed class Posting
{
    public const int KeyLength = 250;
    public const int ReasonLength = 500;

    public long Id { get; private set; }
    public string Key { get; private set; } = "";
    public PostingKind Kind { get; private set; }
    public long DebitAccountId { get; private set; }
    public long CreditAccountId { get; private set; }
    public long Amount { get; private set; }
    public EarningType? EarningType { get; private set; }

    /// <summary>The station the points were earned or spent at, for the town's view per station.</summary>
    public Guid? StationId { get; private set; }
    public string Reason { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public DateTime At { get; private set; }

    /// <summary>
    /// The posting this one closes: the hold a capture or release settles, or the posting a reversal undoes. Unique, so a
    /// hold is captured or released once and a posting is reversed once, however many requests race for it.
    /// </summary>
    public long? SettlesId { get; private set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Posting>
    {
        public void Configure(EntityTypeBuilder<Posting> builder)
        {
            builder.ToTable("points_postings", t =>
            {
                t.HasCheckConstraint("CK_points_postings_positive", "\"Amount\" > 0");
                t.HasCheckConstraint("CK_points_postings_two_accounts", "\"DebitAccountId\" <> \"CreditAccountId\"");
            });
            builder.Property(p => p.Key).HasMaxLength(KeyLength);
            builder.Property(p => p.Reason).HasMaxLength(ReasonLength);
            builder.Property(p => p.Actor).HasMaxLength(100);
            // Every index is one more B-tree write per posting, so there are only the ones a query needs (ADR 0014): the
            // key, the settled posting (most postings settle none, so the index holds only those that do), and the
            // member's earnings for the caps. The debit account has no index or foreign key of its own: both accounts of
            // every posting are checked by the foreign keys of its two entries, in the same transaction.
            builder.HasIndex(p => p.Key).IsUnique();
            builder.HasIndex(p => p.SettlesId).IsUnique().HasFilter("\"SettlesId\" IS NOT NULL");
            builder.HasIndex(p => new { p.CreditAccountId, p.Kind, p.At });
            builder.HasOne<PointsAccount>().WithMany().HasForeignKey(p => p.CreditAccountId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Posting>().WithMany().HasForeignKey(p => p.SettlesId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

/// <summary>One side of a posting on one account: negative on the debit side, positive on the credit side, with the balance after it.</summary>
internal sealed class PointsEntry
{
    public long Id { get; private set; }
    public long PostingId { get; private set; }
    public long AccountId { get; private set; }
    public long Amount { get; private set; }
    public long BalanceAfter { get; private set; }

    // Copied from the posting so that a statement page filters and orders on one index, without a join over the history.
    public PostingKind Kind { get; private set; }
    public DateTime At { get; private set; }

    internal sealed class Configuration : IEntityTypeConfiguration<PointsEntry>
    {
        public void Configure(EntityTypeBuilder<PointsEntry> builder)
        {
            builder.ToTable("points_entries", t => t.HasCheckConstraint("CK_points_entries_nonzero", "\"Amount\" <> 0"));
            builder.HasIndex(e => new { e.AccountId, e.Id });
            builder.HasIndex(e => new { e.AccountId, e.Kind, e.Id });
            builder.HasIndex(e => e.PostingId);
            builder.HasOne<Posting>().WithMany().HasForeignKey(e => e.PostingId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<PointsAccount>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
