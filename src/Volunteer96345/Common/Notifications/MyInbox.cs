using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Notifications;

public sealed record InboxRow(Guid Id, string Subject, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt)
{
    public bool IsRead => ReadAt is not null;

    /// <summary>Only a link inside the app is followed, so a message can never send its reader to another site.</summary>
    public string? LocalLink => Link is { Length: > 0 } l && l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("/\\", StringComparison.Ordinal)
        ? l
        : null;
}

public sealed record InboxFilter
{
    public int? Page { get; init; }

    public int? PageSize { get; init; }

    public bool? UnreadOnly { get; init; }
}

/// <summary>
/// The signed-in user's own inbox. Every query filters by the caller's user id here, in one place: another user's
/// message is "not found", never "forbidden", so ids cannot be probed.
/// </summary>
internal sealed class MyInboxHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    private IQueryable<InboxMessage> Mine(Guid userId) => db.Inbox.Where(m => m.UserId == userId);

    public async Task<Result<Page<InboxRow>>> List(InboxFilter filter, CancellationToken cancellationToken)
    {
        if (user.UserId is not { } userId)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var query = Mine(userId).AsNoTracking();
        if (filter.UnreadOnly == true)
        {
            query = query.Where(m => m.ReadAt == null);
        }

        var page = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPageAsync(filter.Page, filter.PageSize, cancellationToken);
        return new Page<InboxRow>([.. page.Items.Select(Row)], page.Total, page.PageNumber, page.PageSize);
    }

    /// <summary>A message as its reader sees it: a notice in the reader's language, a message in fixed words as written.</summary>
    private InboxRow Row(InboxMessage message)
    {
        var (subject, body) = Notice.FromJson(message.Notice)?.Render(localizer) ?? (message.Subject, message.Body);
        return new InboxRow(message.Id, subject, body, message.Link, message.CreatedAt, message.ReadAt);
    }

    public async Task<int> UnreadCount(CancellationToken cancellationToken) =>
        user.UserId is { } userId ? await Mine(userId).CountAsync(m => m.ReadAt == null, cancellationToken) : 0;

    public async Task<Result<InboxRow>> MarkRead(Guid id, CancellationToken cancellationToken)
    {
        var message = user.UserId is { } userId ? await Mine(userId).FirstOrDefaultAsync(m => m.Id == id, cancellationToken) : null;
        if (message is null)
        {
            return AppError.NotFound(localizer["Inbox.NotFound"]);
        }

        if (message.MarkRead(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Row(message);
    }

    public async Task<int> MarkAllRead(CancellationToken cancellationToken)
    {
        if (user.UserId is not { } userId)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var unread = await Mine(userId).Where(m => m.ReadAt == null).ToListAsync(cancellationToken);
        var count = unread.Count(m => m.MarkRead(now));
        if (count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return count;
    }
}

/// <summary>Per circuit: the inbox page tells the bell in the top bar that the unread count has changed.</summary>
internal sealed class InboxSignal
{
    public event Action? Changed;

    public void Raise() => Changed?.Invoke();
}
