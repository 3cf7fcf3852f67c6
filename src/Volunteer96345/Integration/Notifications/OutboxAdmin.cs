using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Integration.Notifications;

public enum OutboxState
{
    /// <summary>Not yet sent and not given up: waiting for its first try or for a retry after a failure.</summary>
    Pending,

    /// <summary>Failed <see cref="OutboxMessage.MaxAttempts"/> times; waits for an admin.</summary>
    Dead,
}

public sealed record OutboxRow(
    Guid Id, NotificationChannel Channel, string Recipient, string Subject, int Attempts, string? LastError,
    DateTime CreatedAt, DateTime DueAt, DateTime? DeadAt);

public sealed record OutboxFilter
{
    public string? State { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

/// <summary>
/// The town admin's view of delivery: what is waiting, what failed and why, and a retry for dead letters. A phone
/// number is shown as "encrypted" only: this page never decrypts one.
/// </summary>
internal sealed class OutboxAdminHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const string MaskedPhone = "••••••";

    public async Task<Result<Page<OutboxRow>>> List(OutboxFilter filter, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var state = OutboxState.Pending;
        if ((filter.State is { Length: > 0 } s && !Enum.TryParse(s, ignoreCase: true, out state)) || !Enum.IsDefined(state))
        {
            return AppError.Invalid("state", localizer["Outbox.BadState"]);
        }

        var query = db.Outbox.AsNoTracking().Where(m => m.SentAt == null);
        query = state == OutboxState.Dead
            ? query.Where(m => m.DeadAt != null).OrderByDescending(m => m.DeadAt).ThenBy(m => m.Id)
            : query.Where(m => m.DeadAt == null).OrderBy(m => m.DueAt).ThenBy(m => m.Id);
        var page = await query.ToPageAsync(filter.Page, filter.PageSize, cancellationToken);

        var userIds = page.Items.Where(m => m.Channel == NotificationChannel.Inbox)
            .Select(m => Guid.TryParse(m.Recipient, out var id) ? id : Guid.Empty).ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var clientIds = page.Items.Where(m => m.Channel == NotificationChannel.CityCallback)
            .Select(m => Guid.TryParse(m.Recipient, out var id) ? id : Guid.Empty).ToList();
        var clients = await db.ApiClients.Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        string Recipient(OutboxMessage m) => m.Channel switch
        {
            NotificationChannel.Sms => MaskedPhone,
            NotificationChannel.Inbox when Guid.TryParse(m.Recipient, out var id) && users.TryGetValue(id, out var name) => name,
            NotificationChannel.CityCallback when Guid.TryParse(m.Recipient, out var id) && clients.TryGetValue(id, out var name) => name,
            NotificationChannel.Webhook when Uri.TryCreate(m.Recipient, UriKind.Absolute, out var url) => url.GetLeftPart(UriPartial.Path),
            _ => m.Recipient,
        };

        return new Page<OutboxRow>(
            [.. page.Items.Select(m => new OutboxRow(m.Id, m.Channel, Recipient(m), m.Subject, m.Attempts, m.LastError, m.CreatedAt, m.DueAt, m.DeadAt))],
            page.Total, page.PageNumber, page.PageSize);
    }

    /// <summary>Sends a dead letter again from its first attempt; the change is audited under the admin's name.</summary>
    public async Task<Result<DateTime>> Retry(Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return AppError.NotFound(localizer["Outbox.NotFound"]);
        }

        if (!message.Retry(clock.GetUtcNow().UtcDateTime))
        {
            return AppError.Conflict(localizer["Outbox.NotDead"]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return message.DueAt;
    }
}
