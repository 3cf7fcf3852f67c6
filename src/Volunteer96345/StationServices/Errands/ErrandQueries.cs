using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.StationServices.Errands;

public sealed record ErrandRow(Guid Id, string TrackingCode, string TypeName, string StationName, string ResidentName, string ResidentPhoneMasked,
    ErrandStatus Status, DateTime ReceivedAt, DateOnly DueDate, bool Overdue, int AtOffice, int AtPoint);

public sealed record DocumentRow(string Name, bool OnChecklist, DocumentCustody Custody, string? Holder, DateTime? ChangedAt);

public sealed record EventRow(DateTime At, ErrandEventKind Kind, string? Actor, string? Detail);

public sealed record ErrandView(Guid Id, string TrackingCode, Guid ErrandTypeId, string TypeName, ErrandOffice Office, Guid StationId, string StationName,
    string ResidentName, string ResidentPhoneMasked, string? Note, ErrandStatus Status, DateTime ReceivedAt, string ReceivedBy, int DeadlineWorkingDays,
    DateOnly DueDate, DateTime DueAt, bool Overdue, string? OfficeName, DateOnly? SubmittedOn, string? OfficeHandler, DateTime? AnsweredAt,
    string? OfficeReason, string? Result, DateTime? ClosedAt, Guid? SignatureId, IReadOnlyList<DocumentRow> Documents, IReadOnlyList<EventRow> Events);

/// <summary>What the public status page shows: the errand's progress and the custody of its documents, nothing personal.</summary>
public sealed record PublicErrandStatus(string TrackingCode, string TypeName, ErrandOffice Office, string StationName, ErrandStatus Status,
    DateTime ReceivedAt, DateOnly DueDate, DateTime? ClosedAt, IReadOnlyList<PublicDocument> Documents);

public sealed record PublicDocument(string Name, DocumentCustody Custody);

/// <summary>Reading errands for the back office (scope-filtered) and, by tracking code, for the public status page.</summary>
internal sealed class ErrandQueriesHandler(AppDbContext db, CurrentUser user)
{
    public async Task<List<ErrandRow>> List(bool openOnly, CancellationToken cancellationToken)
    {
        var errands = await db.Set<ProxyErrand>().AsNoTracking().Where(e => !openOnly || e.Status != ErrandStatus.Closed)
            .OrderByDescending(e => e.ReceivedAt).Take(500).ToListAsync(cancellationToken);
        var names = await StationNames(errands.Select(e => e.StationId), cancellationToken);
        return [.. errands.Select(e => new ErrandRow(e.Id, e.TrackingCode, e.TypeName, names.GetValueOrDefault(e.StationId, ""), e.ResidentName, e.ResidentPhoneMasked,
            e.Status, e.ReceivedAt, e.DueDate, e.Overdue, e.Documents.Count(d => d.Custody == DocumentCustody.AtOffice),
            e.Documents.Count(d => d.Custody == DocumentCustody.AtPoint)))];
    }

    public async Task<ErrandView?> Get(Guid id, CancellationToken cancellationToken)
    {
        var e = await db.Set<ProxyErrand>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null)
        {
            return null;
        }

        var station = await db.StationName(e.StationId, cancellationToken) ?? "";
        return new ErrandView(e.Id, e.TrackingCode, e.ErrandTypeId, e.TypeName, e.Office, e.StationId, station, e.ResidentName, e.ResidentPhoneMasked, e.Note,
            e.Status, e.ReceivedAt, e.ReceivedBy, e.DeadlineWorkingDays, e.DueDate, e.DueAt, e.Overdue, e.OfficeName, e.SubmittedOn, e.OfficeHandler,
            e.AnsweredAt, e.OfficeReason, e.Result, e.ClosedAt, e.SignatureId,
            [.. e.Documents.Select(d => new DocumentRow(d.Name, d.OnChecklist, d.Custody, d.Holder, d.ChangedAt))],
            [.. e.Events.OrderBy(v => v.At).Select(v => new EventRow(v.At, v.Kind, v.Actor, v.Detail))]);
    }

    /// <summary>
    /// The public page's view. Anyone holding the receipt may read it, so the decision to look past the station scope is
    /// made here: the unguessable code is the authorization, and the view carries no name, phone or note.
    /// </summary>
    public async Task<PublicErrandStatus?> Public(string code, CancellationToken cancellationToken)
    {
        var key = (code ?? "").Trim().ToUpperInvariant();
        if (key.Length != 10)
        {
            return null;
        }

        var e = await db.Set<ProxyErrand>().AcrossStations("a resident tracks an errand by its code, signed in or not").AsNoTracking().FirstOrDefaultAsync(x => x.TrackingCode == key, cancellationToken);
        if (e is null)
        {
            return null;
        }

        var station = await db.StationName(e.StationId, cancellationToken) ?? "";
        return new PublicErrandStatus(e.TrackingCode, e.TypeName, e.Office, station, e.Status, e.ReceivedAt, e.DueDate, e.ClosedAt,
            [.. e.Documents.Where(d => d.Custody != DocumentCustody.NotReceived).Select(d => new PublicDocument(d.Name, d.Custody))]);
    }

    /// <summary>The points and the sub-station where the caller may receive errands.</summary>
    public async Task<List<(Guid Id, string Name)>> Points(CancellationToken cancellationToken) =>
        [.. (await db.Stations.AsNoTracking().Where(s => s.IsActive && (s.Kind == StationKind.ServicePoint || s.Kind == StationKind.SubStation))
            .Select(s => new { s.Id, s.Name, s.Kind }).ToListAsync(cancellationToken))
            .OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => (s.Id, s.Name))];

    public bool CanRun => user.IsInAnyRole(RequestErrand.RequestErrandHandler.Runners);

    private async Task<Dictionary<Guid, string>> StationNames(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return await db.StationNames(list, cancellationToken);
    }
}
