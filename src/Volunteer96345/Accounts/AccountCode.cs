using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Accounts;

public enum CodePurpose
{
    /// <summary>A new account: the person sets their first password.</summary>
    Activation,

    /// <summary>A station or the town reset the password: the person sets a new one.</summary>
    Reset,

    /// <summary>The person asked for a reset by text message (6 digits, minutes).</summary>
    SmsReset,
}

/// <summary>
/// A single-use code that lets a person set their password. Only a keyed hash is stored, so nobody who reads the
/// database (or its backup) can use a code; the code itself exists only on the slip, the screen or the text message.
/// Issuing a new code voids the account's earlier unused ones.
/// </summary>
internal sealed class AccountCode
{
    /// <summary>Digits only: elderly volunteers type them from a paper slip on a phone's number pad.</summary>
    public const int ActivationDigits = 12;

    public const int SmsDigits = 6;

    private AccountCode()
    {
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public CodePurpose Purpose { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTime IssuedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }
    public DateTime? VoidedAt { get; private set; }

    /// <summary>Who issued it: a staff account, or null when the person asked for it themselves (SMS).</summary>
    public Guid? IssuedBy { get; private set; }

    public bool IsUsable(DateTime now) => UsedAt is null && VoidedAt is null && now < ExpiresAt;

    /// <summary>A fresh random code of <paramref name="digits"/> digits, uniformly drawn.</summary>
    public static string NewCode(int digits) =>
        string.Create(digits, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });

    /// <summary>The code as printed: groups of four digits.</summary>
    public static string Format(string code) =>
        string.Join(' ', Enumerable.Range(0, (code.Length + 3) / 4).Select(i => code.Substring(i * 4, Math.Min(4, code.Length - (i * 4)))));

    /// <summary>What a person typed, without spaces or dashes; null when it cannot be a code of that length.</summary>
    public static string? Normalize(string? typed, int digits)
    {
        var code = new string([.. (typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        return code.Length == digits && code.All(char.IsAsciiDigit) ? code : null;
    }

    public static AccountCode Issue(Guid userId, CodePurpose purpose, string codeHash, TimeSpan validFor, Guid? issuedBy, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Purpose = purpose,
        CodeHash = codeHash,
        IssuedAt = now,
        ExpiresAt = now + validFor,
        IssuedBy = issuedBy,
    };

    public bool Use(DateTime now)
    {
        if (!IsUsable(now))
        {
            return false;
        }

        UsedAt = now;
        return true;
    }

    public void Void(DateTime now) => VoidedAt ??= now;

    internal sealed class Configuration : IEntityTypeConfiguration<AccountCode>
    {
        public void Configure(EntityTypeBuilder<AccountCode> builder)
        {
            builder.ToTable("account_codes");
            builder.Property(c => c.CodeHash).HasMaxLength(64);
            builder.HasIndex(c => c.CodeHash);
            builder.HasIndex(c => new { c.UserId, c.UsedAt });
            builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>One of a staff member's ten recovery codes for when the authenticator phone is lost; stored as a keyed hash, used once.</summary>
internal sealed class RecoveryCode
{
    private RecoveryCode()
    {
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    public static RecoveryCode Of(Guid userId, string codeHash, DateTime now) =>
        new() { Id = Guid.CreateVersion7(), UserId = userId, CodeHash = codeHash, CreatedAt = now };

    public bool Use(DateTime now)
    {
        if (UsedAt is not null)
        {
            return false;
        }

        UsedAt = now;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<RecoveryCode>
    {
        public void Configure(EntityTypeBuilder<RecoveryCode> builder)
        {
            builder.ToTable("recovery_codes");
            builder.Property(c => c.CodeHash).HasMaxLength(64);
            builder.HasIndex(c => new { c.UserId, c.CodeHash });
            builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
