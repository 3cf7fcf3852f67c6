using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Common.Audit;

/// <summary>
/// One audited change. Rows are only ever appended (by <see cref="AuditTrail"/>); each carries the hash of the
/// previous row, so an edit or deletion anywhere breaks the chain from that row on.
/// </summary>
internal sealed class AuditEntry
{
    public long Sequence { get; init; }
    public DateTime At { get; init; }
    public Guid? UserId { get; init; }
    public string UserName { get; init; } = "";
    public Guid? StationId { get; init; }
    public string EntityType { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string Action { get; init; } = "";
    public string Changes { get; init; } = "";
    public string PreviousHash { get; init; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>Fixes the row's hash over its content and the previous row's hash. Called once, before the row is saved.</summary>
    public void Seal() => Hash = AuditTrail.ComputeHash(this);

    internal sealed class Configuration : IEntityTypeConfiguration<AuditEntry>
    {
        public void Configure(EntityTypeBuilder<AuditEntry> builder)
        {
            builder.ToTable("audit_entries");
            builder.HasKey(a => a.Sequence);
            builder.Property(a => a.Sequence).ValueGeneratedNever();
            builder.Property(a => a.UserName).HasMaxLength(256);
            builder.Property(a => a.EntityType).HasMaxLength(128);
            builder.Property(a => a.EntityId).HasMaxLength(200);
            builder.Property(a => a.Action).HasMaxLength(16);
            builder.Property(a => a.PreviousHash).HasMaxLength(64);
            builder.Property(a => a.Hash).HasMaxLength(64);
            builder.HasIndex(a => a.At);
            builder.HasIndex(a => new { a.StationId, a.Sequence });
        }
    }
}
