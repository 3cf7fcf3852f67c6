using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.WorkOrders.Dispatch;
using Volunteer96345.WorkOrders.Orders;

namespace Volunteer96345.WorkOrders.Callbacks;

public sealed class CallbackInput
{
    public bool? Reached { get; set; }
    public int? Satisfaction { get; set; }
    public string? Comment { get; set; }
    public bool? Reopen { get; set; }
}

public sealed record CallbackRow(
    Guid Id, Guid WorkOrderId, string TrackingCode, string ServiceName, ServiceCategory Category, string? Village, string Description,
    string StationName, CallbackReason Reason, DateTime QueuedAt, string? CallerName, string CallerPhoneMasked, string? ResponderName,
    WorkOrderStatus Status, DateTime? ResolvedAt, string? Resolution, int? FeedbackSatisfaction, DateTime? DoneAt, string? DoneByName,
    bool? Reached, int? Satisfaction, string? Comment, bool Reopened);

/// <summary>
/// 电话回访: the queue of call-backs (oldest first) for the staff who make them — station managers for their stations
/// (the scope filter), dispatchers and the admin for the town — the audited reveal of the caller's number, and the
/// record of the call. A call-back that finds the problem unsolved re-opens the order: a new round of service with
/// fresh deadlines, ranking and alerts, the first round's history kept.
/// </summary>
internal sealed class CallbacksHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    FieldProtector protector, DispatchService dispatch, WorkOrderNotices notices, Points.Rules.RuleEarnings points)
{
    public const int CommentLength = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<List<CallbackRow>>> List(bool done, CancellationToken cancellationToken)
    {
        if (!MayCall() && !user.IsInRole(Roles.Inspector))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var query = done ? db.Callbacks.Where(c => c.DoneAt != null).OrderByDescending(c => c.DoneAt) : db.Callbacks.Where(c => c.DoneAt == null).OrderBy(c => c.QueuedAt);
        var rows = await query.Take(200)
            .Join(db.WorkOrders, c => c.WorkOrderId, o => o.Id, (c, o) => new { c, o })
            .Join(db.ServiceItems, x => x.o.ServiceItemId, s => s.Id, (x, s) => new { x.c, x.o, ServiceName = s.Name })
            .AsNoTracking().ToListAsync(cancellationToken);

        // A separate query: AcrossStations would lift the station scope from every part of the query above.
        var stationIds = rows.Select(r => r.c.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        var orderIds = rows.Select(r => r.o.Id).ToList();
        var ratings = await db.Feedback.Where(f => orderIds.Contains(f.WorkOrderId)).OrderBy(f => f.SubmittedAt)
            .Select(f => new { f.WorkOrderId, f.Satisfaction }).ToListAsync(cancellationToken);
        var latest = ratings.GroupBy(r => r.WorkOrderId).ToDictionary(g => g.Key, g => g.Last().Satisfaction);
        var ordered = done ? rows.OrderByDescending(r => r.c.DoneAt) : rows.OrderBy(r => r.c.QueuedAt);
        return ordered.Select(r => new CallbackRow(r.c.Id, r.o.Id, r.o.TrackingCode, r.ServiceName, r.o.Category, r.o.Village,
            r.o.Description.Length > 80 ? r.o.Description[..80] + "…" : r.o.Description, stations.GetValueOrDefault(r.c.StationId, ""), r.c.Reason, r.c.QueuedAt, r.o.CallerName,
            r.o.CallerPhoneMasked, r.o.ResponderName, r.o.Status, r.o.ResolvedAt, r.o.Resolution,
            latest.TryGetValue(r.o.Id, out var s) ? s : null, r.c.DoneAt, r.c.DoneByName, r.c.Reached, r.c.Satisfaction, r.c.Comment,
            r.c.Reopened)).ToList();
    }

    /// <summary>The caller's number in clear, to dial; the reveal is recorded (and so audited) like any sensitive field.</summary>
    public async Task<Result<string>> RevealPhone(Guid callbackId, CancellationToken cancellationToken)
    {
        if (!MayCall())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var order = await db.Callbacks.Where(c => c.Id == callbackId).Join(db.WorkOrders, c => c.WorkOrderId, o => o.Id, (c, o) => o)
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return AppError.NotFound(localizer["Callback.NotFound"]);
        }

        db.Reveals.Add(Reveal.Of(nameof(WorkOrder), order.Id, nameof(WorkOrder.CallerPhoneCipher), order.StationId, user.UserId, Now));
        await db.SaveChangesAsync(cancellationToken);
        return protector.Unprotect(order.CallerPhoneCipher);
    }

    public async Task<Result<bool>> Record(Guid callbackId, CallbackInput input, CancellationToken cancellationToken)
    {
        if (!MayCall())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Required("reached", input.Reached).Text("comment", input.Comment, CommentLength, required: input.Reopen == true);
        if (input.Reached == true)
        {
            v.Range("satisfaction", input.Satisfaction, 1, 5);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var callback = await db.Callbacks.FirstOrDefaultAsync(c => c.Id == callbackId, cancellationToken);
        var order = callback is null ? null : await db.WorkOrders.FirstOrDefaultAsync(o => o.Id == callback.WorkOrderId, cancellationToken);
        if (callback is null || order is null)
        {
            return AppError.NotFound(localizer["Callback.NotFound"]);
        }

        var reopen = input.Reopen == true;
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        if (!callback.Record(input.Reached!.Value, input.Satisfaction, input.Comment, reopen, user.UserId, user.Name, Now))
        {
            return AppError.Conflict(localizer["Callback.AlreadyDone"]);
        }

        order.Log(Now, WorkOrderEventKind.Callback, user.Name, HistoryText.Callback(input.Reached == true, input.Satisfaction, callback.Comment));
        if (reopen)
        {
            var item = await db.ServiceItems.FirstAsync(s => s.Id == order.ServiceItemId, cancellationToken);

            // Takes back what the closing paid, in the same transaction; points already spent stay spent, and the order's
            // history says so (NotFound: the closing paid nothing, e.g. no catalogue points or a resident responder).
            var reversal = await points.ServiceUndone(order.ServiceRound(), callback.Comment!, cancellationToken);
            if (!order.Reopen(item, callback.Comment!, user.Name, Now))
            {
                return AppError.Conflict(localizer["WorkOrder.WrongStatus", localizer["WorkOrderStatus." + order.Status]]);
            }

            if (reversal.Error is { Kind: not ErrorKind.NotFound } refused)
            {
                order.NotePointsNotReversed(localizer["WorkOrder.PointsNotReversed", refused.Message], user.Name, Now);
            }

            db.SlaTimers.AddRange(order.ScheduleTimers());
            await dispatch.RankAsync(order, item, cancellationToken);
            await dispatch.OfferNextRoundAsync(order, user.Name, cancellationToken);
            notices.Milestone(order, Now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["WorkOrder.Changed"]);
        }

        return reopen;
    }

    /// <summary>Who calls residents back. Inspectors read the call-backs (the list) but neither call nor record.</summary>
    private bool MayCall() => user.IsInAnyRole(Roles.TownAdmin, Roles.Dispatcher, Roles.StationManager);
}
