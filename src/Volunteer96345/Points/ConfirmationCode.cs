using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points;

/// <summary>
/// The short code a member's phone shows to confirm a redemption at the counter: the member's consent, given in person.
/// One use, a few minutes' life, and only its hash is stored, so that nobody reading the table can redeem in a member's name.
/// </summary>
internal sealed class ConfirmationCode
{
    public const int Digits = 6;

    /// <summary>Wrong codes entered for a member while their code is outstanding before it is void: 5 guesses of a million.</summary>
    public const int MaxFailedAttempts = 5;

    private ConfirmationCode()
    {
    }

    public Guid Id { get; private set; }
    public Guid VolunteerId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTime IssuedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    /// <summary>Wrong codes entered at a counter for this member while this code was outstanding; at <see cref="MaxFailedAttempts"/> it is void.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>A new code and its row; the plain code goes to the member's screen and nowhere else.</summary>
    public static (ConfirmationCode Row, string Code) Issue(Guid volunteerId, TimeSpan lifetime, DateTime now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var row = new ConfirmationCode
        {
            Id = Guid.CreateVersion7(),
            VolunteerId = volunteerId,
            CodeHash = Hash(volunteerId, code),
            IssuedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (row, code);
    }

    /// <summary>Salted with the member, so that one code's hash matches no other member's code.</summary>
    public static string Hash(Guid volunteerId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{volunteerId:N}:{code.Trim()}")));

    internal sealed class Configuration : IEntityTypeConfiguration<ConfirmationCode>
    {
        public void Configure(EntityTypeBuilder<ConfirmationCode> builder)
        {
            builder.ToTable("confirmation_codes");
            builder.Property(c => c.CodeHash).HasMaxLength(64);
            builder.HasIndex(c => new { c.VolunteerId, c.CodeHash });
            builder.HasIndex(c => c.ExpiresAt);
            builder.HasOne<People.Volunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
