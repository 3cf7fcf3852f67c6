namespace Volunteer96345.Common.Notifications;

/// <summary>One way of delivering an outbox message. It throws when the message did not arrive; the dispatcher records why and retries.</summary>
internal interface INotificationChannel
{
    NotificationChannel Channel { get; }

    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// A delivery that failed for a reason worth showing to the admin as it is ("SMS gateway not configured"). A permanent
/// failure (missing configuration) dead-letters at once: retrying cannot help until an admin fixes it and retries.
/// </summary>
internal sealed class DeliveryException(string message, bool permanent = false) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}
