using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Activities.Summarize;

/// <summary>What the organiser wrote and photographed after the activity; public, so no personal data.</summary>
internal sealed record ActivitySummary(Guid ActivityId, string? Summary, IReadOnlyList<Guid> PhotoIds);

/// <summary>
/// 活动总结: once the activity has started, its organiser (a town admin, or a station manager within their stations) writes
/// a summary and adds up to <see cref="MaxPhotos"/> photos, stored as <see cref="Attachment"/> rows of the activity's station.
/// A photo is taken for what its bytes are, never for its name: a renamed document is refused.
/// </summary>
internal sealed class SummarizeHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxPhotos = 9;
    public const int MaxSummary = 2000;

    public async Task<Result<ActivitySummary>> Save(Guid activityId, string? summary, IReadOnlyList<UploadedFile> photos, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(activityId, cancellationToken);
        if (!found.IsOk)
        {
            return found.Error!;
        }

        var activity = found.Value;
        var v = new Validation(localizer).Text("summary", summary, MaxSummary, required: false)
            .Check(activity.PhotoIds.Count + photos.Count <= MaxPhotos, "photos", "Activity.TooManyPhotos", MaxPhotos, activity.PhotoIds.Count);
        var kinds = photos.Select(p => (Photo: p, Extension: ImageExtension(p.Content))).ToList();
        foreach (var (photo, extension) in kinds)
        {
            v.Check(extension is not null && photo.Content.LongLength <= Attachment.MaxBytes, "photos", "Activity.PhotoNotAcceptable",
                Path.GetFileName(photo.FileName), Attachment.MaxBytes / 1024 / 1024);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var attachments = kinds.Select(k => Attachment.TryCreate(activity.StationId, PhotoName(k.Photo.FileName, k.Extension!), k.Photo.Content, user.UserId, now)!).ToList();
        db.Attachments.AddRange(attachments);
        activity.Summarize(summary, attachments.Select(a => a.Id));
        await db.SaveChangesAsync(cancellationToken);
        return new ActivitySummary(activity.Id, activity.Summary, activity.PhotoIds);
    }

    public async Task<Result<ActivitySummary>> RemovePhoto(Guid activityId, Guid photoId, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(activityId, cancellationToken);
        if (!found.IsOk)
        {
            return found.Error!;
        }

        var activity = found.Value;
        if (!activity.RemovePhoto(photoId))
        {
            return AppError.NotFound(localizer["Activity.PhotoNotFound"]);
        }

        // The photo belonged to this summary alone: removing it removes the file.
        if (await db.Attachments.FirstOrDefaultAsync(a => a.Id == photoId, cancellationToken) is { } attachment)
        {
            db.Attachments.Remove(attachment);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ActivitySummary(activity.Id, activity.Summary, activity.PhotoIds);
    }

    public async Task<Result<ActivitySummary>> Get(Guid activityId, CancellationToken cancellationToken) =>
        await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, cancellationToken) is { } activity
            ? new ActivitySummary(activity.Id, activity.Summary, activity.PhotoIds)
            : AppError.NotFound(localizer["Activity.NotFound"]);

    /// <summary>The photo's bytes for the public pages: only a photo of an activity's summary, and only once the activity has started.</summary>
    public async Task<Attachment?> PublicPhoto(Guid activityId, Guid photoId, CancellationToken cancellationToken)
    {
        // Public by design, like the notices: the summary's photos are published with it, whatever the station.
        var activity = await db.Set<Activity>().AcrossStations("the public summary of any activity").AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null || !activity.HasStarted(clock.GetUtcNow().UtcDateTime) || !activity.PhotoIds.Contains(photoId))
        {
            return null;
        }

        return await db.Attachments.AcrossStations("the public summary of any activity").AsNoTracking().FirstOrDefaultAsync(a => a.Id == photoId, cancellationToken);
    }

    /// <summary>The extension for what the bytes are (JPEG, PNG or WebP), or null for anything else.</summary>
    public static string? ImageExtension(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ".jpg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => ".png",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => ".webp",
        _ => null,
    };

    private static string PhotoName(string fileName, string extension)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName));
        name = name.Length is 0 or > 150 ? "photo" : name;
        return name + extension;
    }

    private async Task<Result<Activity>> LoadAsync(Guid activityId, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        // The station scope leaves a manager only the activities of their own stations.
        var activity = await db.Set<Activity>().FirstOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null)
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        return activity.HasStarted(clock.GetUtcNow().UtcDateTime) ? activity : AppError.Conflict(localizer["Activity.SummaryBeforeStart"]);
    }
}
