using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders.Callbacks;
using Volunteer96345.WorkOrders.Orders;

namespace Volunteer96345.WorkOrders.GiveFeedback;

public sealed class FeedbackInput
{
    public Attitude? Attitude { get; set; }
    public Outcome? Outcome { get; set; }
    public int? Satisfaction { get; set; }
    public string? Comment { get; set; }
}

public sealed record FeedbackFormView(string TrackingCode, string ServiceName, string? ResponderName, DateTime? ResolvedAt, string? Resolution);

/// <summary>
/// 服务评价 through the single-use link the resident got by SMS. The token is the only credential: it is checked
/// against the stored hash in constant time, and using it closes the order, so a second use (or a wrong token) finds
/// nothing and changes nothing. A low rating queues a call-back.
/// </summary>
internal sealed class GiveFeedbackHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    WorkOrderNotices notices, CallbackPolicy callbacks, Points.Rules.RuleEarnings points)
{
    public const string Actor = "resident";
    private const int MaxTokenLength = 64;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the form shows about the order; null for a used, wrong or unknown link (the page does not say which).</summary>
    public async Task<FeedbackFormView?> Open(string? code, string? token, CancellationToken cancellationToken)
    {
        var order = await FindAsync(code, token, tracking: false, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var service = await db.ServiceItems.AsNoTracking().Where(s => s.Id == order.ServiceItemId).Select(s => s.Name).FirstAsync(cancellationToken);
        return new FeedbackFormView(order.TrackingCode, service, ChineseName.MaskForPublic(order.ResponderName), order.ResolvedAt, order.Resolution);
    }

    public async Task<Result<bool>> Submit(string? code, string? token, FeedbackInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Defined("attitude", input.Attitude).Defined("outcome", input.Outcome)
            .Range("satisfaction", input.Satisfaction, 1, 5).Text("comment", input.Comment, 1000, required: false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var order = await FindAsync(code, token, tracking: true, cancellationToken);
        if (order is null)
        {
            return AppError.NotFound(localizer["Feedback.LinkInvalid"]);
        }

        // The token was the authorization: from here the resident acts as the system would, in the order's station.
        user.ActAsSystem(Actor);
        var now = Now;
        var feedback = WorkOrders.Feedback.Submit(order, input.Attitude!.Value, input.Outcome!.Value, input.Satisfaction!.Value, input.Comment, now);
        order.Log(now, WorkOrderEventKind.Feedback, Actor, HistoryText.Feedback(feedback.Satisfaction, feedback.Attitude, feedback.Outcome));
        if (!order.Close(Actor, HistoryText.ClosedByFeedback, now))
        {
            return AppError.NotFound(localizer["Feedback.LinkInvalid"]);
        }

        db.Feedback.Add(feedback);
        notices.Milestone(order, now);
        callbacks.FeedbackGiven(order, feedback, now);
        try
        {
            // The closing pays the responder's points in the same transaction (once per round: the posting's key says which).
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            await points.ServiceDone(order.ServiceRound(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same link submitted twice at once: the other submission closed the order.
            return AppError.NotFound(localizer["Feedback.LinkInvalid"]);
        }

        return feedback.IsLow;
    }

    private async Task<WorkOrder?> FindAsync(string? code, string? token, bool tracking, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 8 || string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var normalized = code.Trim().ToUpperInvariant();
        var query = db.WorkOrders.AcrossStations("a resident gives feedback by the order's link, signed in or not").Where(o => o.TrackingCode == normalized);
        var order = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return order is not null && order.RedeemFeedbackToken(token) ? order : null;
    }
}
