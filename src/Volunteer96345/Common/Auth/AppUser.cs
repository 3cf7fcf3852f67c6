using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Common.Auth;

internal sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>A town-wide account sees every station; otherwise it sees only its <see cref="StaffStation"/> rows.</summary>
    public bool TownWide { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>For a volunteer's own account: the registry record it may read on the phone pages.</summary>
    public Guid? VolunteerId { get; set; }

    public List<StaffStation> Stations { get; } = [];
}

/// <summary>One station in a staff account's scope. The set of these rows is the account's data scope.</summary>
internal sealed class StaffStation
{
    public Guid UserId { get; set; }
    public Guid StationId { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<StaffStation>
    {
        public void Configure(EntityTypeBuilder<StaffStation> builder)
        {
            builder.ToTable("staff_stations");
            builder.HasKey(s => new { s.UserId, s.StationId });
            builder.HasIndex(s => s.StationId);
            builder.HasOne<AppUser>().WithMany(u => u.Stations).HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
