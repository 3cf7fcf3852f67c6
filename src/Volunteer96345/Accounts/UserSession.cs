using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Accounts;

/// <summary>Back-office sessions are short (an office PC is shared); phone sessions are long (a volunteer's own phone).</summary>
public enum SessionKind
{
    Staff,
    Phone,
}

public enum SessionEnd
{
    SignedOut,
    Expired,
    AccountDisabled,
    PasswordChanged,
    PasswordReset,
    ScopeChanged,
    TwoFactorChanged,
    Replaced,
}

/// <summary>
/// One sign-in, held on the server. The cookie names its session; a cookie whose session has ended is refused, so
/// signing out, disabling the account or resetting its password ends every copy of the cookie at once. The session
/// also carries the absolute lifetime, which sliding renewal of the cookie never extends.
/// </summary>
/// <remarks>
/// The row is itself the record of the sign-in (who, when, from which address, how), so its creation is not copied
/// into the audit trail (<see cref="IDerivedRecord"/>); its end is, like any change.
/// </remarks>
internal sealed class UserSession : IDerivedRecord
{
    public const int UserAgentLength = 200;

    private UserSession()
    {
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public SessionKind Kind { get; private set; }

    /// <summary>How the person proved who they are: "pwd", "pwd+totp" or "pwd+recovery".</summary>
    public string Method { get; private set; } = "";

    public DateTime StartedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public SessionEnd? EndReason { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    public bool IsLive(DateTime now) => EndedAt is null && now < ExpiresAt;

    public static UserSession Start(Guid userId, SessionKind kind, string method, TimeSpan lifetime, string? clientAddress, string? userAgent, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Kind = kind,
        Method = method,
        StartedAt = now,
        ExpiresAt = now + lifetime,
        ClientAddress = clientAddress?.Length > 64 ? clientAddress[..64] : clientAddress,
        UserAgent = userAgent?.Length > UserAgentLength ? userAgent[..UserAgentLength] : userAgent,
    };

    /// <summary>Ends a live session; false when it had ended already (the first reason stands).</summary>
    public bool End(SessionEnd reason, DateTime now)
    {
        if (EndedAt is not null)
        {
            return false;
        }

        EndedAt = now;
        EndReason = reason;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<UserSession>
    {
        public void Configure(EntityTypeBuilder<UserSession> builder)
        {
            builder.ToTable("user_sessions");
            builder.Property(s => s.Method).HasMaxLength(16);
            builder.Property(s => s.ClientAddress).HasMaxLength(64);
            builder.Property(s => s.UserAgent).HasMaxLength(UserAgentLength);
            builder.HasIndex(s => new { s.UserId, s.EndedAt });
            builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
