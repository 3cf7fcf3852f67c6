using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Notifications;

/// <summary>
/// Puts the message in a user's in-app inbox. The row is added to the dispatcher's unit of work, so it commits in the
/// same transaction that marks the message sent; the unique OutboxId keeps a second delivery from adding a second row.
/// </summary>
internal sealed class InboxChannel(AppDbContext db) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Inbox;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!Guid.TryParse(message.Recipient, out var userId))
        {
            throw new DeliveryException($"Inbox recipient '{message.Recipient}' is not a user id.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw new DeliveryException($"No user account {userId}.");
        }

        if (await db.Inbox.AnyAsync(i => i.OutboxId == message.Id, ct))
        {
            return;
        }

        db.Inbox.Add(InboxMessage.Deliver(message, userId));
    }
}
