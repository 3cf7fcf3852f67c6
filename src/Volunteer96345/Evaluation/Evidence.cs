using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Data;

namespace Volunteer96345.Evaluation;

/// <summary>
/// Evidence for a spot check or a rectification: attachments of the station uploaded beforehand (the API,
/// POST /api/v1/stations/{id}/attachments) by id, and files picked in the page. Checked first, stored on save.
/// </summary>
internal static class Evidence
{
    public const int MaxFiles = 6;

    public static async Task CheckAsync(AppDbContext db, Validation v, string field, Guid stationId, IReadOnlyCollection<Guid>? ids,
        IReadOnlyCollection<UploadedFile>? uploads, CancellationToken cancellationToken)
    {
        var wanted = ids ?? [];
        v.Check(wanted.Count + (uploads?.Count ?? 0) <= MaxFiles, field, "Evidence.TooMany", MaxFiles);
        if (wanted.Count > 0)
        {
            var known = await db.Attachments.Where(a => wanted.Contains(a.Id) && a.StationId == stationId).CountAsync(cancellationToken);
            v.Check(known == wanted.Distinct().Count(), field, "Evidence.Unknown");
        }

        foreach (var file in uploads ?? [])
        {
            v.Check(Attachment.IsAcceptable(file.FileName, file.Content.LongLength), field, "Attachment.NotAcceptable",
                string.Join(' ', Attachment.AllowedExtensions), Attachment.MaxBytes / 1024 / 1024);
        }
    }

    /// <summary>The ids to record: the given ones and the uploads, added to the context (saved with the caller's change).</summary>
    public static List<Guid> Store(AppDbContext db, Guid stationId, IReadOnlyCollection<Guid>? ids, IReadOnlyCollection<UploadedFile>? uploads, Guid? userId, DateTime now)
    {
        var all = new List<Guid>(ids?.Distinct() ?? []);
        foreach (var file in uploads ?? [])
        {
            var attachment = Attachment.TryCreate(stationId, file.FileName, file.Content, userId, now)!;
            db.Attachments.Add(attachment);
            all.Add(attachment.Id);
        }

        return all;
    }
}
