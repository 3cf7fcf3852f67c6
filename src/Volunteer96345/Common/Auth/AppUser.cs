using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Common.Auth;

/// <summary>
/// A person's account. Staff accounts carry their data scope (<see cref="TownWide"/> or <see cref="Stations"/>); a volunteer's
/// or merchant's account points at the registry record it acts for and at the station that looks after it. An account is
/// created without a password: the person sets one with an activation code (Accounts/Activation), so nobody else ever
/// knows it.
/// </summary>
internal sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameLength = 50;

    public string DisplayName { get; set; } = "";

    /// <summary>A town-wide account sees every station; otherwise it sees only its <see cref="StaffStation"/> rows.</summary>
    public bool TownWide { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>For a volunteer's own account: the registry record it may read on the phone pages.</summary>
    public Guid? VolunteerId { get; set; }

    /// <summary>For a merchant's account: the alliance member it acts for at the merchant desk and in the mall.</summary>
    public Guid? AllianceMemberId { get; set; }

    /// <summary>For a volunteer's or merchant's account: the station whose managers may reissue its activation code.</summary>
    public Guid? HomeStationId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the person first set a password with an activation code; null while the account waits for activation.</summary>
    public DateTime? ActivatedAt { get; set; }

    public DateTime? PasswordChangedAt { get; set; }

    /// <summary>The TOTP secret (RFC 6238), encrypted with the field key; set while enrolling, in force once <see cref="IdentityUser{TKey}.TwoFactorEnabled"/>.</summary>
    public string? TotpSecretCipher { get; set; }

    /// <summary>The last TOTP time step accepted, so that a code seen over a shoulder cannot be used twice.</summary>
    public long? TotpLastStep { get; set; }

    public List<StaffStation> Stations { get; } = [];

    /// <summary>Waiting for its person to set a password with an activation code.</summary>
    public bool AwaitsActivation => PasswordHash is null;

    internal sealed class Configuration : IEntityTypeConfiguration<AppUser>
    {
        public void Configure(EntityTypeBuilder<AppUser> builder)
        {
            builder.Property(u => u.DisplayName).HasMaxLength(DisplayNameLength);
            builder.Property(u => u.TotpSecretCipher).HasMaxLength(200);
            builder.HasIndex(u => u.VolunteerId).IsUnique();
            builder.HasIndex(u => u.AllianceMemberId);
            builder.HasIndex(u => u.HomeStationId);
        }
    }
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
