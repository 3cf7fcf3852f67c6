using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;
using Volunteer96345.WorkOrders.Callbacks;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.WorkOrders.Respond;

public sealed class DeclineInput
{
    public string? Reason { get; set; }
}

public sealed class ArriveInput
{
    /// <summary>The phone's own clock, kept as evidence beside the server's time.</summary>
    public DateTimeOffset? PhoneTime { get; set; }

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

public sealed class ResolveInput
{
    public string? Resolution { get; set; }
}

/// <summary>
/// The responder's steps: accept or decline an offer, set off, arrive, resolve. A volunteer acts on their own offers
/// and orders (a team's leader for the team); staff of the order's station (and the town) may act for merchants and
/// stations, who answer by phone. Every step is a method on <see cref="WorkOrder"/>; this handler loads, checks who,
/// calls and saves.
/// </summary>
internal sealed class RespondHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    DispatchService dispatch, WorkOrderNotices notices, CallbackPolicy callbacks)
{
    public const int MaxPhotos = 3;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<WorkOrderStatus>> Accept(Guid orderId, Guid offerId, CancellationToken cancellationToken)
    {
        var (order, error) = await LoadForOfferAsync(orderId, offerId, cancellationToken);
        if (order is null)
        {
            return error!;
        }

        var offer = order.Offers.First(o => o.Id == offerId);
        var answering = await dispatch.AnsweringVolunteerAsync(offer, cancellationToken) ?? user.VolunteerId ?? Guid.Empty;
        if (!order.Accept(offerId, answering, user.Name, Now))
        {
            return AppError.Conflict(localizer["WorkOrder.OfferTaken"]);
        }

        notices.Milestone(order, Now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another accept (or a decline, a bounce, the sweeper) changed the order since it was loaded: first one wins.
            return AppError.Conflict(localizer["WorkOrder.OfferTaken"]);
        }

        return order.Status;
    }

    public async Task<Result<WorkOrderStatus>> Decline(Guid orderId, Guid offerId, DeclineInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Text("reason", input.Reason, 200);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var (order, error) = await LoadForOfferAsync(orderId, offerId, cancellationToken);
        if (order is null)
        {
            return error!;
        }

        if (!order.Decline(offerId, input.Reason!, user.Name, Now))
        {
            return AppError.Conflict(localizer["WorkOrder.OfferTaken"]);
        }

        // The last open offer declined: move on to the next candidates at once rather than wait for the round timer.
        if (!order.HasOpenOffers)
        {
            await dispatch.OfferNextRoundAsync(order, user.Name, cancellationToken);
        }

        return await SaveAsync(order, cancellationToken);
    }

    public Task<Result<WorkOrderStatus>> StartTravel(Guid orderId, CancellationToken cancellationToken) =>
        StepAsync(orderId, order => order.StartTravel(user.Name, Now), cancellationToken);

    public Task<Result<WorkOrderStatus>> Arrive(Guid orderId, ArriveInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer);
        if (input.Latitude is not null || input.Longitude is not null)
        {
            v.Range("latitude", input.Latitude, -90, 90).Range("longitude", input.Longitude, -180, 180);
        }

        return !v.IsValid
            ? Task.FromResult<Result<WorkOrderStatus>>(v.ToError())
            : StepAsync(orderId, order => order.Arrive(input.PhoneTime?.UtcDateTime, input.Latitude, input.Longitude, user.Name, Now), cancellationToken);
    }

    public async Task<Result<WorkOrderStatus>> Resolve(Guid orderId, ResolveInput input, IReadOnlyList<UploadedFile> photos, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Text("resolution", input.Resolution, 2000)
            .Check(photos.Count <= MaxPhotos, "photos", "WorkOrder.TooManyPhotos", MaxPhotos);
        foreach (var photo in photos)
        {
            v.Check(Attachment.IsAcceptable(photo.FileName, photo.Content.LongLength) && IsImage(photo.FileName), "photos", "Attachment.NotAcceptable", string.Join(" ", Attachment.AllowedExtensions), Attachment.MaxBytes / 1024 / 1024);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        string? token = null;
        var result = await StepAsync(orderId, order =>
        {
            var attachments = photos.Select(p => Attachment.TryCreate(order.StationId, p.FileName, p.Content, user.UserId, Now)!).ToList();
            token = order.Resolve(input.Resolution!, attachments.Select(a => a.Id), user.Name, Now);
            if (token is null)
            {
                return false;
            }

            db.Attachments.AddRange(attachments);
            notices.FeedbackLink(order, token);
            callbacks.Resolved(order, Now);
            return true;
        }, cancellationToken);
        return result;
    }

    private static bool IsImage(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".webp" or ".heic";

    private async Task<Result<WorkOrderStatus>> StepAsync(Guid orderId, Func<WorkOrder, bool> step, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, cancellationToken);
        if (order is null)
        {
            return AppError.NotFound(localizer["WorkOrder.NotFound"]);
        }

        if (!await IsResponderAsync(order, cancellationToken))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (!step(order))
        {
            return AppError.Conflict(localizer["WorkOrder.WrongStatus", localizer["WorkOrderStatus." + order.Status]]);
        }

        notices.Milestone(order, Now);
        return await SaveAsync(order, cancellationToken);
    }

    private async Task<Result<WorkOrderStatus>> SaveAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return order.Status;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["WorkOrder.Changed"]);
        }
    }

    /// <summary>Loads the order ignoring the station scope, then grants its station to a volunteer who is its responder or offered it.</summary>
    private async Task<WorkOrder?> LoadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var station = await db.WorkOrders.AcrossStations("a volunteer answers orders of any station they were offered").Where(o => o.Id == orderId).Select(o => (Guid?)o.StationId).FirstOrDefaultAsync(cancellationToken);
        if (station is not { } stationId)
        {
            return null;
        }

        if (!user.CanSee(stationId) && user.VolunteerId is { } me)
        {
            var led = await db.Teams.AcrossStations("a volunteer answers orders of any station they were offered").Where(t => t.LeaderId == me).Select(t => t.Id).ToListAsync(cancellationToken);
            if (await db.WorkOrders.AcrossStations("a volunteer answers orders of any station they were offered").AnyAsync(o => o.Id == orderId &&
                    (o.ResponderVolunteerId == me || o.Offers.Any(f => f.CandidateId == me || led.Contains(f.CandidateId))), cancellationToken))
            {
                user.Grant(stationId);
            }
        }

        return user.CanSee(stationId) ? await db.WorkOrders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) : null;
    }

    private async Task<(WorkOrder? Order, AppError? Error)> LoadForOfferAsync(Guid orderId, Guid offerId, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, cancellationToken);
        var offer = order?.Offers.FirstOrDefault(o => o.Id == offerId);
        if (order is null || offer is null)
        {
            return (null, AppError.NotFound(localizer["WorkOrder.NotFound"]));
        }

        return await MayAnswerAsync(offer, cancellationToken) ? (order, null) : (null, AppError.Forbidden(localizer["Problem.Forbidden"]));
    }

    /// <summary>The offered volunteer or team leader; or staff with the order's station in scope (who answer for merchants and stations).</summary>
    private async Task<bool> MayAnswerAsync(Offer offer, CancellationToken cancellationToken) =>
        IsStaff() || (user.VolunteerId is { } me && await dispatch.AnsweringVolunteerAsync(offer, cancellationToken) == me);

    private Task<bool> IsResponderAsync(WorkOrder order, CancellationToken cancellationToken) =>
        Task.FromResult(IsStaff() || (user.VolunteerId is { } me && order.ResponderVolunteerId == me));

    private bool IsStaff() => user.IsInAnyRole(Roles.TownAdmin, Roles.Dispatcher, Roles.StationManager);
}
