using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Evaluation.Suggestions;

public sealed class SuggestionInput
{
    public Guid? StationId { get; set; }
    public SuggestionTopic? Topic { get; set; }
    public string? Text { get; set; }
    public string? Name { get; set; }
    public string? Mobile { get; set; }
}

public sealed class SuggestionAnswerInput
{
    public bool? Adopted { get; set; }
    public string? Answer { get; set; }
    public bool? IsPublic { get; set; }
}

public sealed class SuggestionOwnerInput
{
    public Guid? OwnerUserId { get; set; }
}

public sealed record SuggestionRow(Guid Id, Guid StationId, string StationName, SuggestionSource Source, SuggestionTopic Topic, string Text, string? SubmitterName,
    string? SubmitterMobile, DateTime SubmittedAt, string? RecordedBy, string? OwnerName, SuggestionStatus Status, bool? Adopted, string? Answer,
    DateTime? AnsweredAt, string? AnsweredBy, bool IsPublic);

/// <summary>An answered suggestion as the public sees it: what was suggested and answered, where and when, never by whom.</summary>
public sealed record PublicSuggestion(string StationName, SuggestionTopic Topic, string Text, DateTime SubmittedAt, bool Adopted, string Answer, DateTime AnsweredAt);

/// <summary>
/// 意见建议 (docs/evaluation.md): anyone submits from the phone (named or not), staff record what they heard; the station's
/// managers or the town give each an owner, who answers it; the public sees the answered ones without names.
/// </summary>
internal sealed class SuggestionsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, Notifier notifier, IStringLocalizer<SharedResource> localizer)
{
    public const int PublicCount = 100;
    private const string Why = "a suggestion may concern any station, and the public list shows every station's answers";

    private bool Manages => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager, Roles.Inspector);

    /// <summary>A suggestion from the phone page (anyone) or recorded by staff, who then write it down as heard.</summary>
    public async Task<Result<Guid>> Submit(SuggestionInput input, CancellationToken cancellationToken)
    {
        var staff = user.IsInAnyRole(Roles.Staff);
        var v = new Validation(localizer).Required("stationId", input.StationId).Defined("topic", input.Topic).Text("suggestion", input.Text, Suggestion.TextLength)
            .Line("name", input.Name, 50, required: false);
        string? mobile = null;
        if (!string.IsNullOrWhiteSpace(input.Mobile))
        {
            v.Mobile("mobile", input.Mobile, out mobile);
        }

        if (input.StationId is { } stationId && !await db.Set<Station>().AcrossStations(Why).AnyAsync(s => s.Id == stationId && s.IsActive, cancellationToken))
        {
            v.Check(false, "stationId", "Station.NotFound");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var suggestion = Suggestion.Submit(input.StationId!.Value, staff ? SuggestionSource.Staff : SuggestionSource.Phone, input.Topic!.Value, input.Text!,
            input.Name, mobile, staff ? user.Name : null, clock.GetUtcNow().UtcDateTime);
        db.Add(suggestion);

        // A resident suggests to any station: the scope guard lets this unit of work write there (the audit names the caller).
        user.Grant(suggestion.StationId);
        var managers = await db.StationManagersAsync([suggestion.StationId], cancellationToken);
        notifier.ToUsers(managers[suggestion.StationId], new Notice("Notice.Suggestion.Subject", "Notice.Suggestion.Body", Rectifications.RectificationsHandler.Short(suggestion.Text)), Link);
        await db.SaveChangesAsync(cancellationToken);
        return suggestion.Id;
    }

    /// <summary>The staff's register, open first; a station manager sees their stations' (the scope filter).</summary>
    public async Task<Result<List<SuggestionRow>>> List(SuggestionStatus? status, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Staff))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var query = db.Set<Suggestion>().AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(x => x.Status == s);
        }

        var rows = await query.OrderBy(x => x.Status == SuggestionStatus.Open ? 0 : 1).ThenByDescending(x => x.SubmittedAt).Take(1000).ToListAsync(cancellationToken);
        var names = await db.StationNames([.. rows.Select(r => r.StationId).Distinct()], cancellationToken);
        return rows.Select(r => new SuggestionRow(r.Id, r.StationId, names.GetValueOrDefault(r.StationId, ""), r.Source, r.Topic, r.Text, r.SubmitterName,
            r.SubmitterMobile, r.SubmittedAt, r.RecordedBy, r.OwnerName, r.Status, r.Adopted, r.Answer, r.AnsweredAt, r.AnsweredBy, r.IsPublic)).ToList();
    }

    /// <summary>The staff who may own a suggestion: active staff accounts (not volunteers' or merchants').</summary>
    public async Task<List<(Guid Id, string Name)>> Owners(CancellationToken cancellationToken) =>
        [.. (await db.Users.AsNoTracking().Where(u => u.IsActive && u.VolunteerId == null && u.AllianceMemberId == null).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken)).Select(u => (u.Id, u.DisplayName))];

    public async Task<Result<bool>> Assign(Guid id, SuggestionOwnerInput input, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<Suggestion>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } suggestion)
        {
            return AppError.NotFound(localizer["Suggestion.NotFound"]);
        }

        var owner = input.OwnerUserId is { } ownerId
            ? await db.Users.AsNoTracking().Where(u => u.Id == ownerId && u.IsActive && u.VolunteerId == null && u.AllianceMemberId == null)
                .Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var v = new Validation(localizer).Required("ownerUserId", input.OwnerUserId);
        v.Check(input.OwnerUserId is null || owner is not null, "ownerUserId", "Suggestion.BadOwner");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        suggestion.Assign(owner!.Id, owner.DisplayName);
        notifier.ToUsers([owner.Id], new Notice("Notice.SuggestionAssigned.Subject", "Notice.SuggestionAssigned.Body", Rectifications.RectificationsHandler.Short(suggestion.Text)), Link);
        return await SaveAsync(cancellationToken);
    }

    /// <summary>The owner, the station's manager or the town answers (again, to correct it).</summary>
    public async Task<Result<bool>> Answer(Guid id, SuggestionAnswerInput input, CancellationToken cancellationToken)
    {
        if (await db.Set<Suggestion>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } suggestion)
        {
            return AppError.NotFound(localizer["Suggestion.NotFound"]);
        }

        if (!Manages && suggestion.OwnerUserId != user.UserId)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Required("adopted", input.Adopted).Text("answer", input.Answer, Suggestion.TextLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        suggestion.Reply(input.Adopted!.Value, input.Answer!, input.IsPublic ?? true, user.Name, clock.GetUtcNow().UtcDateTime);
        return await SaveAsync(cancellationToken);
    }

    /// <summary>The latest answered, public suggestions, for anyone: no names, no numbers.</summary>
    public async Task<List<PublicSuggestion>> Public(CancellationToken cancellationToken)
    {
        var rows = await db.Set<Suggestion>().AcrossStations(Why).AsNoTracking().Where(s => s.IsPublic && s.Status == SuggestionStatus.Answered)
            .OrderByDescending(s => s.AnsweredAt).Take(PublicCount)
            .Select(s => new { s.StationId, s.Topic, s.Text, s.SubmittedAt, s.Adopted, s.Answer, s.AnsweredAt }).ToListAsync(cancellationToken);
        var names = await db.StationNames([.. rows.Select(r => r.StationId).Distinct()], cancellationToken);
        return [.. rows.Select(r => new PublicSuggestion(names.GetValueOrDefault(r.StationId, ""), r.Topic, r.Text, r.SubmittedAt, r.Adopted ?? false, r.Answer!,
            r.AnsweredAt!.Value))];
    }

    public async Task<List<(Guid Id, string Name)>> Stations(CancellationToken cancellationToken) =>
        [.. (await db.Set<Station>().AcrossStations(Why).AsNoTracking().Where(s => s.IsActive && s.Kind != StationKind.Outpost).OrderBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];

    private const string Link = "/evaluation/suggestions";

    private async Task<Result<bool>> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Suggestion.Changed"]);
        }
    }
}
