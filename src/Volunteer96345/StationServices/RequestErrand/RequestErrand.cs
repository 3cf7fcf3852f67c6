using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.StationServices.Deadlines;

namespace Volunteer96345.StationServices.RequestErrand;

public sealed class RequestErrandInput
{
    public Guid? ErrandTypeId { get; set; }
    public Guid? StationId { get; set; }
    public string? ResidentName { get; set; }
    public string? ResidentPhone { get; set; }

    /// <summary>The checklist documents the point has in hand; the rest are recorded as not received.</summary>
    public List<string>? ReceivedDocuments { get; set; }
    public string? Note { get; set; }
}

public sealed record ErrandReceived(Guid Id, string TrackingCode, DateOnly DueDate);

/// <summary>
/// A resident asks for an errand at a service point (or the sub-station, for a hotline caller): the point checks the
/// originals against the type's checklist, and the working-day deadline is stored with its timer from this moment.
/// </summary>
internal sealed class RequestErrandHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, FieldProtector protector, ErrandClock errandClock, IStringLocalizer<SharedResource> localizer)
{
    public static readonly string[] Runners = [Roles.TownAdmin, Roles.StationManager, Roles.Dispatcher];

    public async Task<Result<ErrandReceived>> Request(RequestErrandInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Runners))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var phone = ChinesePhone.NormalizeAny(input.ResidentPhone);
        var v = new Validation(localizer)
            .Required("errandTypeId", input.ErrandTypeId)
            .Required("stationId", input.StationId)
            .Line("residentName", input.ResidentName, 50)
            .Text("residentPhone", input.ResidentPhone, 20)
            .Text("note", input.Note, 500, required: false)
            .Items("receivedDocuments", input.ReceivedDocuments, ErrandType.MaxDocuments, 50);
        if (!string.IsNullOrWhiteSpace(input.ResidentPhone))
        {
            v.Check(phone is not null, "residentPhone", "Errand.BadPhone");
        }

        var type = input.ErrandTypeId is { } typeId ? await db.Set<ErrandType>().FirstOrDefaultAsync(t => t.Id == typeId && t.IsActive, cancellationToken) : null;
        if (input.ErrandTypeId is not null && type is null)
        {
            v.Add("errandTypeId", localizer["Errand.UnknownType"]);
        }

        // The scope filter hides the stations the caller does not run: an errand can only be received at one's own point.
        var station = input.StationId is { } stationId ? await db.Stations.FirstOrDefaultAsync(s => s.Id == stationId && s.IsActive, cancellationToken) : null;
        if (input.StationId is not null && station is not { Kind: StationKind.ServicePoint or StationKind.SubStation })
        {
            v.Add("stationId", localizer["Errand.NotAServicePoint"]);
        }

        var received = (input.ReceivedDocuments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        if (type is not null)
        {
            var off = received.Where(d => !type.Documents.Contains(d)).ToList();
            v.Check(off.Count == 0, "receivedDocuments", "Errand.NotOnChecklist", string.Join("、", off));
            v.Check(received.Count > 0, "receivedDocuments", "Errand.NothingReceived");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var errand = await ReceiveAsync(db, errandClock, protector, type!, station!.Id, input.ResidentName!, phone!, received, input.Note, user.Name,
            clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new ErrandReceived(errand.Id, errand.TrackingCode, errand.DueDate);
    }

    /// <summary>
    /// Records a checked errand with its working-day deadline and the deadline's timer, and saves: the one way an errand
    /// is received, at the point's desk or handed over from a call (<see cref="ErrandHandOver"/>).
    /// </summary>
    internal static async Task<ProxyErrand> ReceiveAsync(AppDbContext db, ErrandClock errandClock, FieldProtector protector, ErrandType type, Guid stationId,
        string residentName, string phone, IReadOnlyCollection<string> received, string? note, string actor, DateTime now, CancellationToken cancellationToken)
    {
        var calendar = await errandClock.CalendarAsync(cancellationToken);
        var due = ErrandClock.DueDate(calendar, now, type.DeadlineWorkingDays);
        var errand = ProxyErrand.Receive(new ErrandIntake(type, stationId, residentName, protector.Protect(phone), protector.Hash(phone),
            ChinesePhone.MaskAny(phone), received, note, due, ErrandClock.EndOf(due)), actor, now);
        db.Add(errand);
        db.Add(ErrandTimer.For(errand, ErrandTimerKind.Deadline, errand.DueAt));
        await db.SaveChangesAsync(cancellationToken);
        return errand;
    }
}
