using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Common.Privacy;

/// <summary>
/// A record that someone read a masked field in clear. Saving it puts the reveal into the audit trail with the
/// station, like any change: who looked at whose ID number, and when.
/// </summary>
internal sealed class Reveal : IStationScoped
{
    private Reveal()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string EntityType { get; private set; } = "";
    public Guid EntityId { get; private set; }
    public string Field { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public DateTime At { get; private set; }

    public static Reveal Of(string entityType, Guid entityId, string field, Guid stationId, Guid? userId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        StationId = stationId,
        EntityType = entityType,
        EntityId = entityId,
        Field = field,
        UserId = userId,
        At = now,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<Reveal>
    {
        public void Configure(EntityTypeBuilder<Reveal> builder)
        {
            builder.ToTable("reveals");
            builder.Property(r => r.EntityType).HasMaxLength(64);
            builder.Property(r => r.Field).HasMaxLength(64);
            builder.HasIndex(r => new { r.EntityType, r.EntityId });
        }
    }
}
