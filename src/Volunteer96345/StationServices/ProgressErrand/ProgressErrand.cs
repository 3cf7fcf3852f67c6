using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.StationServices.Deadlines;
using Volunteer96345.StationServices.RequestErrand;

namespace Volunteer96345.StationServices.ProgressErrand;

public sealed class DocumentsInput
{
    public List<string>? Documents { get; set; }
}

public sealed class SubmitInput
{
    public string? OfficeName { get; set; }
    public DateOnly? SubmittedOn { get; set; }
    public string? OfficeHandler { get; set; }
}

public sealed class AnswerInput
{
    public ErrandStatus? Answer { get; set; }
    public string? Reason { get; set; }
}

public sealed class CloseInput
{
    public string? Result { get; set; }

    /// <summary>The resident's signature drawn on the staff member's phone: a PNG data URL from the canvas.</summary>
    public string? Signature { get; set; }
}

/// <summary>
/// The errand's way after receipt: more documents, submission to the office, the office's answer, fetching the
/// originals back, handing them back and closing with the resident's signature. Each step is one entity method; a
/// refusal changes nothing.
/// </summary>
internal sealed class ProgressErrandHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, ErrandClock errandClock, IStringLocalizer<SharedResource> localizer)
{
    private const string PngPrefix = "data:image/png;base64,";

    public Task<Result<int>> ReceiveDocuments(Guid id, DocumentsInput input, CancellationToken cancellationToken) =>
        Step(id, (e, now) =>
        {
            var v = new Validation(localizer).Items("documents", input.Documents, ErrandType.MaxDocuments, 50);
            v.Check(input.Documents is { Count: > 0 }, "documents", "Errand.NoDocumentsChosen");
            return v.IsValid ? Refusal(e.ReceiveDocuments(input.Documents!, user.Name, now), "documents") : v.ToError();
        }, cancellationToken);

    public Task<Result<int>> Submit(Guid id, SubmitInput input, CancellationToken cancellationToken) =>
        Step(id, (e, now) =>
        {
            var v = new Validation(localizer)
                .Line("officeName", input.OfficeName, 50)
                .Required("submittedOn", input.SubmittedOn)
                .Text("officeHandler", input.OfficeHandler, 50);
            if (input.SubmittedOn is { } on)
            {
                var today = Common.Time.Shanghai.Today(clock);
                v.Check(on <= today && on >= DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(e.ReceivedAt)), "submittedOn", "Errand.SubmittedOnOutOfRange");
            }

            return v.IsValid ? Refusal(e.Submit(input.OfficeName!, input.SubmittedOn!.Value, input.OfficeHandler!, user.Name, now), "officeName") : v.ToError();
        }, cancellationToken);

    public Task<Result<int>> Answer(Guid id, AnswerInput input, CancellationToken cancellationToken) =>
        Step(id, (e, now) =>
        {
            var v = new Validation(localizer).Defined("answer", input.Answer).Text("reason", input.Reason, 500,
                required: input.Answer is ErrandStatus.Rejected or ErrandStatus.MoreDocumentsNeeded);
            if (!v.IsValid)
            {
                return v.ToError();
            }

            if (Refusal(e.Answer(input.Answer!.Value, input.Reason, user.Name, now), "answer") is { } refused)
            {
                return refused;
            }

            if (input.Answer is ErrandStatus.Approved or ErrandStatus.Rejected)
            {
                _returnsDue = e;
            }

            return null;
        }, cancellationToken);

    public Task<Result<int>> Collect(Guid id, CancellationToken cancellationToken) =>
        Step(id, (e, now) => Refusal(e.CollectFromOffice(user.Name, now), "documents"), cancellationToken);

    public Task<Result<int>> Return(Guid id, DocumentsInput input, CancellationToken cancellationToken) =>
        Step(id, (e, now) => Refusal(e.ReturnDocuments(input.Documents ?? [], user.Name, now), "documents"), cancellationToken);

    public Task<Result<int>> Close(Guid id, CloseInput input, CancellationToken cancellationToken) =>
        Step(id, (e, now) =>
        {
            var v = new Validation(localizer).Text("result", input.Result, 500);
            var png = Png(input.Signature);
            v.Check(png is not null, "signature", "Errand.SignatureRequired");
            if (!v.IsValid)
            {
                return v.ToError();
            }

            var signature = Attachment.TryCreate(e.StationId, $"signature-{e.TrackingCode}.png", png!, user.UserId, now);
            if (signature is null)
            {
                return AppError.Invalid("signature", localizer["Errand.SignatureRequired"]);
            }

            if (Refusal(e.Close(input.Result!, signature.Id, user.Name, now), "documents") is { } refused)
            {
                return refused;
            }

            db.Attachments.Add(signature);
            return null;
        }, cancellationToken);

    private ProxyErrand? _returnsDue;

    private async Task<Result<int>> Step(Guid id, Func<ProxyErrand, DateTime, AppError?> step, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RequestErrandHandler.Runners))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var errand = await db.Set<ProxyErrand>().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (errand is null)
        {
            return AppError.NotFound(localizer["Errand.NotFound"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (step(errand, now) is { } error)
        {
            return error;
        }

        if (_returnsDue is { } answered)
        {
            var calendar = await errandClock.CalendarAsync(cancellationToken);
            var day = calendar.AddWorkingDays(DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(now)), errandClock.ReturnWithinWorkingDays);
            db.Add(ErrandTimer.For(answered, ErrandTimerKind.ReturnsDue, ErrandClock.EndOf(day)));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Errand.ChangedMeanwhile"]);
        }

        return errand.Version;
    }

    private AppError? Refusal(string? key, string field) => key is null ? null : AppError.Invalid(field, localizer[key]);

    /// <summary>The PNG bytes of a data URL, or null when it is not one (checked by the PNG signature, not the prefix alone).</summary>
    private static byte[]? Png(string? dataUrl)
    {
        if (dataUrl is null || !dataUrl.StartsWith(PngPrefix, StringComparison.Ordinal) || dataUrl.Length > Attachment.MaxBytes * 4 / 3)
        {
            return null;
        }

        var bytes = new byte[(dataUrl.Length - PngPrefix.Length) * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(dataUrl[PngPrefix.Length..], bytes, out var written) || written < 100)
        {
            return null;
        }

        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return bytes.AsSpan(0, 8).SequenceEqual(signature) ? bytes[..written] : null;
    }
}
