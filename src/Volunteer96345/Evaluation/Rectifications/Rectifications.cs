using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Evaluation.Rectifications;

public sealed class RectificationInput
{
    public Guid? StationId { get; set; }
    public string? Issue { get; set; }
    public DateOnly? DueOn { get; set; }
}

public sealed class RectificationAnswerInput
{
    public string? Text { get; set; }
    public List<Guid>? EvidenceIds { get; set; }
}

public sealed class RectificationReviewInput
{
    /// <summary>True closes it; false returns it to the station with the reason and a new due date.</summary>
    public bool? Accept { get; set; }

    public string? Note { get; set; }
    public DateOnly? DueOn { get; set; }
}

public sealed record RectificationStepRow(DateTime At, RectificationStepKind Kind, string? Actor, string? Text, IReadOnlyList<Guid> EvidenceIds);

public sealed record RectificationRow(Guid Id, Guid StationId, string StationName, Guid? SpotCheckId, string? SpotCheckLabel, string Issue, DateOnly DueOn,
    RectificationStatus Status, bool Overdue, DateTime OpenedAt, string OpenedBy, DateTime? ClosedAt, int Returns, IReadOnlyList<RectificationStepRow> Steps);

/// <summary>
/// 整改: the town's inspectors open a rectification for a station (from a spot check's finding, or on its own), the
/// station's manager answers with what was done and evidence, the inspector closes it or returns it. The station sees
/// only its own; the town's staff see all.
/// </summary>
internal sealed class RectificationsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, Notifier notifier, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The latest due date an inspector may give: a quarter ahead.</summary>
    public const int MaxDueDays = 90;

    private bool MayInspect => user.IsInAnyRole(Roles.TownAdmin, Roles.Inspector);

    public async Task<Result<List<RectificationRow>>> List(RectificationStatus? status, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Staff))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var query = db.Set<Rectification>().AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        // Open first, then answered, then closed (the status is stored as its name), each by due date.
        var rows = await query.OrderBy(r => r.Status == RectificationStatus.Open ? 0 : r.Status == RectificationStatus.Answered ? 1 : 2).ThenBy(r => r.DueOn)
            .Take(1000).ToListAsync(cancellationToken);
        return await RowsAsync(rows, cancellationToken);
    }

    public async Task<Result<RectificationRow>> Get(Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Staff))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        return await db.Set<Rectification>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } rectification
            ? (await RowsAsync([rectification], cancellationToken))[0]
            : AppError.NotFound(localizer["Rectification.NotFound"]);
    }

    /// <summary>A rectification on its own (a finding of a visit or of the five-has inspection).</summary>
    public async Task<Result<Guid>> Open(RectificationInput input, CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Required("stationId", input.StationId);
        CheckOpening(v, "issue", input.Issue, "dueOn", input.DueOn, Shanghai.Today(clock));
        if (input.StationId is { } stationId && !await db.Set<Station>().AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            v.Check(false, "stationId", "Station.NotFound");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var rectification = await OpenAsync(db, notifier, input.StationId!.Value, null, input.Issue!, input.DueOn!.Value, user, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return rectification.Id;
    }

    internal static void CheckOpening(Validation v, string issueField, string? issue, string dueField, DateOnly? dueOn, DateOnly today)
    {
        v.Text(issueField, issue, 1000);
        CheckDue(v, dueField, dueOn, today);
    }

    private static void CheckDue(Validation v, string field, DateOnly? dueOn, DateOnly today)
    {
        v.Required(field, dueOn);
        if (dueOn is { } due)
        {
            v.Check(due > today && due <= today.AddDays(MaxDueDays), field, "Rectification.DueOutOfRange", MaxDueDays);
        }
    }

    /// <summary>Adds the rectification, its due date's timer and the notice to the station's managers to the caller's unit of work.</summary>
    internal static async Task<Rectification> OpenAsync(AppDbContext db, Notifier notifier, Guid stationId, Guid? spotCheckId, string issue, DateOnly dueOn, CurrentUser user,
        DateTime now, CancellationToken cancellationToken)
    {
        var rectification = Rectification.Open(stationId, spotCheckId, issue, dueOn, user.UserId, user.Name, now);
        db.Add(rectification);
        db.Add(RectificationTimer.For(rectification, Shanghai.StartOfDayUtc(dueOn.AddDays(1))));
        var managers = await db.StationManagersAsync([stationId], cancellationToken);
        var station = await db.Set<Station>().Where(s => s.Id == stationId).Select(s => s.Name).SingleAsync(cancellationToken);
        notifier.ToUsers(managers[stationId], new Notice("Notice.RectificationOpened.Subject", "Notice.RectificationOpened.Body",
            station, Shanghai.Format(dueOn), Short(issue)), Link(rectification.Id));
        return rectification;
    }

    /// <summary>The station's answer, by its manager (or the town admin on its behalf).</summary>
    public async Task<Result<bool>> Answer(Guid id, RectificationAnswerInput input, IReadOnlyCollection<UploadedFile>? uploads, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<Rectification>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } rectification)
        {
            return AppError.NotFound(localizer["Rectification.NotFound"]);
        }

        if (rectification.Status != RectificationStatus.Open)
        {
            return AppError.Conflict(localizer["Rectification.NotOpen"]);
        }

        var v = new Validation(localizer).Text("text", input.Text, 1000);
        await Evidence.CheckAsync(db, v, "evidenceIds", rectification.StationId, input.EvidenceIds, uploads, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        rectification.Answer(input.Text!, Evidence.Store(db, rectification.StationId, input.EvidenceIds, uploads, user.UserId, now), user.Name, now);
        if (rectification.OpenedById is { } inspector)
        {
            notifier.ToUsers([inspector], new Notice("Notice.RectificationAnswered.Subject", "Notice.RectificationAnswered.Body",
                await StationName(rectification.StationId, cancellationToken), Short(rectification.Issue)), Link(id));
        }

        return await SaveAsync(cancellationToken);
    }

    /// <summary>The inspector's review of an answer: close, or return with a reason and a new due date.</summary>
    public async Task<Result<bool>> Review(Guid id, RectificationReviewInput input, CancellationToken cancellationToken)
    {
        if (!MayInspect)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<Rectification>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } rectification)
        {
            return AppError.NotFound(localizer["Rectification.NotFound"]);
        }

        if (rectification.Status != RectificationStatus.Answered)
        {
            return AppError.Conflict(localizer["Rectification.NotAnswered"]);
        }

        var v = new Validation(localizer).Required("accept", input.Accept).Text("note", input.Note, 1000, required: input.Accept == false);
        if (input.Accept == false)
        {
            CheckDue(v, "dueOn", input.DueOn, Shanghai.Today(clock));
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var managers = await db.StationManagersAsync([rectification.StationId], cancellationToken);
        if (input.Accept == true)
        {
            rectification.Close(input.Note, user.Name, now);
            notifier.ToUsers(managers[rectification.StationId], new Notice("Notice.RectificationClosed.Subject", "Notice.RectificationClosed.Body",
                Short(rectification.Issue)), Link(id));
        }
        else
        {
            rectification.Return(input.Note!, input.DueOn!.Value, user.Name, now);
            db.Add(RectificationTimer.For(rectification, Shanghai.StartOfDayUtc(input.DueOn!.Value.AddDays(1))));
            notifier.ToUsers(managers[rectification.StationId], new Notice("Notice.RectificationReturned.Subject", "Notice.RectificationReturned.Body",
                Short(rectification.Issue), Shanghai.Format(input.DueOn!.Value), Short(input.Note!)), Link(id));
        }

        return await SaveAsync(cancellationToken);
    }

    /// <summary>Saves a step; a step another person took on the same rectification meanwhile wins (its Version), this one is a conflict.</summary>
    private async Task<Result<bool>> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Rectification.Changed"]);
        }
    }

    /// <summary>The stations a rectification can be opened for (active ones), for the page's select.</summary>
    public async Task<List<(Guid Id, string Name)>> Stations(CancellationToken cancellationToken) =>
        [.. (await db.Set<Station>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Kind).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name })
            .ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];

    internal static string Link(Guid id) => $"/evaluation/rectifications?id={id}";

    internal static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private Task<string> StationName(Guid stationId, CancellationToken cancellationToken) =>
        db.Set<Station>().AcrossStations("a rectification names its station").Where(s => s.Id == stationId).Select(s => s.Name).SingleAsync(cancellationToken);

    private async Task<List<RectificationRow>> RowsAsync(List<Rectification> rectifications, CancellationToken cancellationToken)
    {
        var stationIds = rectifications.Select(r => r.StationId).Distinct().ToList();
        var stations = await db.Set<Station>().AcrossStations("a rectification names its station").Where(s => stationIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var checkIds = rectifications.Where(r => r.SpotCheckId != null).Select(r => r.SpotCheckId!.Value).ToList();
        var labels = await db.Set<SpotCheck>().Where(c => checkIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Label, cancellationToken);
        var today = Shanghai.Today(clock);
        return [.. rectifications.Select(r => new RectificationRow(r.Id, r.StationId, stations.GetValueOrDefault(r.StationId) ?? "", r.SpotCheckId,
            r.SpotCheckId is { } c ? labels.GetValueOrDefault(c) : null, r.Issue, r.DueOn, r.Status, r.Status == RectificationStatus.Open && today > r.DueOn,
            r.OpenedAt, r.OpenedBy, r.ClosedAt, r.Returns,
            [.. r.Steps.OrderBy(s => s.At).Select(s => new RectificationStepRow(s.At, s.Kind, s.Actor, s.Text, s.EvidenceIds))]))];
    }
}
