using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Audit;

namespace Volunteer96345.Common.Notifications;

public enum NotificationChannel
{
    /// <summary>The in-app inbox of a user account; recipient is the user id.</summary>
    Inbox,

    /// <summary>An HTTP POST signed with HMAC-SHA256; recipient is the URL.</summary>
    Webhook,

    /// <summary>A text message through the configured SMS/WeChat gateway; recipient is the phone number (encrypted).</summary>
    Sms,

    /// <summary>A status callback to the city platform; recipient is its configured URL.</summary>
    CityCallback,
}

/// <summary>
/// A message to send, written in the same transaction as the change it reports, so that a committed change is never
/// left unannounced and a rolled-back one never announced. The dispatcher drains it with retries and backoff; after
/// <see cref="MaxAttempts"/> failures it is dead-lettered for an admin to see and retry.
/// </summary>
internal sealed class OutboxMessage : IDerivedRecord
{
    public const int MaxAttempts = 8;

    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }
    public NotificationChannel Channel { get; private set; }
    public string Recipient { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Link { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime DueAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? DeadAt { get; private set; }

    /// <summary>A sender holds the message until this time; another instance may take it over after.</summary>
    public DateTime? LockedUntil { get; private set; }

    /// <summary>
    /// The body carries a secret (an activation or reset code): it is stored encrypted with the field key, decrypted only
    /// by the channel at the moment of sending, and wiped once sent, so no code outlives its delivery in the database.
    /// </summary>
    public bool Secret { get; private set; }

    /// <summary>The notice the subject and body were rendered from (<see cref="Notifications.Notice"/>, as JSON), for the inbox to show in its reader's language.</summary>
    public string? Notice { get; private set; }

    public const int NoticeMaxLength = 2000;

    public static OutboxMessage Create(NotificationChannel channel, string recipient, string subject, string body, string? link, DateTime now,
        bool secret = false, string? notice = null) => new()
        {
            Notice = notice is { Length: <= NoticeMaxLength } ? notice : null,
            Id = Guid.CreateVersion7(),
            Channel = channel,
            Recipient = recipient,
            Subject = subject.Length > 200 ? subject[..200] : subject,
            Body = body,
            Link = link,
            CreatedAt = now,
            DueAt = now,
            Secret = secret,
        };

    public void Sent(DateTime now)
    {
        if (Secret)
        {
            Body = "";
        }

        SentAt = now;
        LockedUntil = null;
        LastError = null;
    }

    /// <summary>Backoff doubles from 5 s (5, 10, 20 … s, at most an hour) with ±20 % jitter so that retries do not arrive in step; a permanent failure dead-letters at once.</summary>
    public void Failed(string error, DateTime now, double jitter, bool permanent = false)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        LockedUntil = null;
        if (permanent || Attempts >= MaxAttempts)
        {
            DeadAt = now;
            return;
        }

        var seconds = Math.Min(3600, 5 * Math.Pow(2, Attempts - 1)) * (0.8 + (0.4 * jitter));
        DueAt = now.AddSeconds(seconds);
    }

    /// <summary>An admin sends a dead letter again from the start.</summary>
    public bool Retry(DateTime now)
    {
        if (DeadAt is null)
        {
            return false;
        }

        DeadAt = null;
        Attempts = 0;
        DueAt = now;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<OutboxMessage>
    {
        public void Configure(EntityTypeBuilder<OutboxMessage> builder)
        {
            builder.ToTable("outbox");
            builder.Property(m => m.Recipient).HasMaxLength(500);
            builder.Property(m => m.Subject).HasMaxLength(200);
            builder.Property(m => m.Body).HasMaxLength(8000);
            builder.Property(m => m.Link).HasMaxLength(500);
            builder.Property(m => m.LastError).HasMaxLength(1000);
            builder.Property(m => m.Notice).HasMaxLength(NoticeMaxLength);
            builder.HasIndex(m => new { m.SentAt, m.DeadAt, m.DueAt });
        }
    }
}

/// <summary>An in-app message for one user account; unread until opened.</summary>
internal sealed class InboxMessage : IDerivedRecord
{
    private InboxMessage()
    {
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Link { get; private set; }
    /// <summary>When the notice was raised (its outbox message's creation): delivery follows within a second, or later after a retry.</summary>
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    /// <summary>The outbox message it came from: delivering the same message twice leaves one inbox row.</summary>
    public Guid OutboxId { get; private set; }

    /// <summary>The message's notice, for showing it in the reader's language (<see cref="Notifications.Notice"/>); the subject and body are its Chinese copy.</summary>
    public string? Notice { get; private set; }

    public static InboxMessage Deliver(OutboxMessage message, Guid userId) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Subject = message.Subject,
        Body = message.Body,
        Link = message.Link,
        CreatedAt = message.CreatedAt,
        OutboxId = message.Id,
        Notice = message.Notice,
    };

    public bool MarkRead(DateTime now)
    {
        if (ReadAt is not null)
        {
            return false;
        }

        ReadAt = now;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<InboxMessage>
    {
        public void Configure(EntityTypeBuilder<InboxMessage> builder)
        {
            builder.ToTable("inbox");
            builder.Property(m => m.Subject).HasMaxLength(200);
            builder.Property(m => m.Body).HasMaxLength(8000);
            builder.Property(m => m.Link).HasMaxLength(500);
            builder.Property(m => m.Notice).HasMaxLength(OutboxMessage.NoticeMaxLength);
            builder.HasIndex(m => new { m.UserId, m.ReadAt });
            builder.HasIndex(m => m.OutboxId).IsUnique();
        }
    }
}
