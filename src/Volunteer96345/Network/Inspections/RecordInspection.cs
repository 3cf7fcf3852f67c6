using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.Network.Inspections;

public sealed class InspectionItemInput
{
    public FiveHasItem? Item { get; set; }
    public bool? Passed { get; set; }
    public string? Note { get; set; }

    /// <summary>An attachment uploaded for this station beforehand (POST /api/v1/stations/{id}/attachments).</summary>
    public Guid? EvidenceId { get; set; }
}

public sealed class InspectionInput
{
    public DateOnly? InspectedOn { get; set; }
    public string? Note { get; set; }
    public List<InspectionItemInput>? Items { get; set; }
}

public sealed record InspectionRow(
    Guid Id, Guid StationId, string StationName, DateOnly InspectedOn, string InspectorName, string? Note, bool Passed,
    IReadOnlyList<InspectionItemRow> Items, DateTime RecordedAt);

public sealed record InspectionItemRow(FiveHasItem Item, bool Passed, string? Note, Guid? EvidenceId, string? EvidenceName);

internal sealed class RecordInspectionHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    private static readonly DateOnly Earliest = new(2017, 1, 1);

    /// <summary>Evidence files picked in the page come with the input; the API uploads them first and sends their ids.</summary>
    public async Task<Result<Guid>> Record(Guid stationId, InspectionInput input, IReadOnlyDictionary<FiveHasItem, UploadedFile>? uploads,
        CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.Inspector))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (!await db.Stations.AnyAsync(s => s.Id == stationId, cancellationToken))
        {
            return AppError.NotFound(localizer["Station.NotFound"]);
        }

        var today = Shanghai.Today(clock);
        var v = new Validation(localizer)
            .Required("inspectedOn", input.InspectedOn)
            .Text("note", input.Note, 1000, required: false);
        if (input.InspectedOn is { } on)
        {
            v.Check(on <= today && on >= Earliest, "inspectedOn", "Inspection.DateOutOfRange", Earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        var items = input.Items ?? [];
        var judged = items.Where(i => i.Item is { } item && Enum.IsDefined(item)).Select(i => i.Item!.Value).ToList();
        v.Check(items.Count == 5 && judged.Distinct().Count() == 5, "items", "Inspection.AllFiveItems");
        var evidenceIds = items.Where(i => i.EvidenceId is not null).Select(i => i.EvidenceId!.Value).ToList();
        var known = await db.Attachments.Where(a => evidenceIds.Contains(a.Id) && a.StationId == stationId).Select(a => a.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < items.Count && i < 5; i++)
        {
            var item = items[i];
            var field = $"items[{i}]";
            v.Required(field + ".passed", item.Passed);
            v.Text(field + ".note", item.Note, 500, required: item.Passed == false);
            v.Check(item.EvidenceId is null || known.Contains(item.EvidenceId.Value), field + ".evidenceId", "Inspection.UnknownEvidence");
        }

        foreach (var (item, file) in uploads ?? new Dictionary<FiveHasItem, UploadedFile>())
        {
            v.Check(Attachment.IsAcceptable(file.FileName, file.Content.LongLength), $"items[{items.FindIndex(x => x.Item == item)}].evidenceId",
                "Attachment.NotAcceptable", string.Join(' ', Attachment.AllowedExtensions), Attachment.MaxBytes / 1024 / 1024);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<FiveHasResult>();
        foreach (var item in items)
        {
            var evidenceId = item.EvidenceId;
            if (uploads is not null && uploads.TryGetValue(item.Item!.Value, out var file))
            {
                var attachment = Attachment.TryCreate(stationId, file.FileName, file.Content, user.UserId, now)!;
                db.Attachments.Add(attachment);
                evidenceId = attachment.Id;
            }

            results.Add(new FiveHasResult { Item = item.Item!.Value, Passed = item.Passed!.Value, Note = item.Note?.Trim(), EvidenceId = evidenceId });
        }

        var inspection = FiveHasInspection.Record(stationId, input.InspectedOn!.Value, user.UserId, user.Name, input.Note, results, now);
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(cancellationToken);
        return inspection.Id;
    }
}
