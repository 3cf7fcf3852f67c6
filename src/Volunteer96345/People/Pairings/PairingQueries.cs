using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People.CareRecipients;

namespace Volunteer96345.People.Pairings;

public sealed record PairingFilter
{
    public Guid? CareRecipientId { get; init; }

    [System.ComponentModel.DefaultValue(false)]
    public bool? LapsedOnly { get; init; }

    [System.ComponentModel.DefaultValue(false)]
    public bool? IncludeEnded { get; init; }
}

public sealed record VisitRow(DateOnly On, VisitKind Kind, string? Notes, string? Issues);

public sealed record PairingRow(
    Guid Id, Guid CareRecipientId, string CareRecipientName, CarePriority Priority, Guid VolunteerId, string VolunteerName, string VolunteerNumber,
    Guid StationId, string StationName, DateOnly StartedOn, int CadenceDays, bool WarmthProgram, string? DualPost, DateOnly? LastVisitOn, DateOnly DueOn,
    DateOnly? EndedOn, bool IsLapsed, int DaysOverdue, IReadOnlyList<VisitRow> Visits);

public sealed record PartyMemberChoice(Guid Id, string Number, string Name, string StationName);

/// <summary>The pairings a caller may see, the lapse list (a visit overdue by the Shanghai calendar) and the members who may be paired.</summary>
internal sealed class PairingQueriesHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxVisitsShown = 20;

    public async Task<Result<List<PairingRow>>> List(PairingFilter filter, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole([.. RegisterCareRecipientHandler.CareRoles, Roles.Inspector]))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var today = Shanghai.Today(clock);
        var query = db.Pairings.AsNoTracking();
        if (filter.CareRecipientId is { } recipient)
        {
            query = query.Where(p => p.CareRecipientId == recipient);
        }

        if (filter.IncludeEnded != true || filter.LapsedOnly == true)
        {
            query = query.Where(p => p.EndedOn == null);
        }

        if (filter.LapsedOnly == true)
        {
            query = query.Where(p => p.DueOn < today);
        }

        var pairings = await query.OrderBy(p => p.DueOn).ToListAsync(cancellationToken);
        return await RowsAsync(pairings, today, cancellationToken);
    }

    /// <summary>How many of the caller's active pairings are lapsed today: the dashboard's alert.</summary>
    public async Task<int> LapsedCount(CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RegisterCareRecipientHandler.CareRoles))
        {
            return 0;
        }

        var today = Shanghai.Today(clock);
        return await db.Pairings.CountAsync(p => p.EndedOn == null && p.DueOn < today, cancellationToken);
    }

    /// <summary>Active party members (正式 and 预备党员) within the caller's scope.</summary>
    public async Task<Result<List<PartyMemberChoice>>> Candidates(CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RegisterCareRecipientHandler.CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var members = await db.Volunteers.AsNoTracking()
            .Where(v => v.Status == VolunteerStatus.Active
                        && (v.PoliticalStatus == PoliticalStatus.PartyMember || v.PoliticalStatus == PoliticalStatus.ProbationaryMember))
            .OrderBy(v => v.Number).Select(v => new { v.Id, v.Number, v.RealName, v.StationId }).ToListAsync(cancellationToken);
        var stations = await StationNamesAsync([.. members.Select(m => m.StationId)], cancellationToken);
        return members.Select(m => new PartyMemberChoice(m.Id, m.Number, m.RealName, stations.GetValueOrDefault(m.StationId, ""))).ToList();
    }

    /// <summary>Names come in queries of their own; the pairing query alone carries the scope.</summary>
    private async Task<List<PairingRow>> RowsAsync(List<Pairing> pairings, DateOnly today, CancellationToken cancellationToken)
    {
        var recipientIds = pairings.Select(p => p.CareRecipientId).Distinct().ToList();
        var volunteerIds = pairings.Select(p => p.VolunteerId).Distinct().ToList();
        var recipients = await db.CareRecipients.AcrossStations("a pairing may join a volunteer and a resident of different stations").AsNoTracking().Where(c => recipientIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Priority }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var volunteers = await db.Volunteers.AcrossStations("a pairing may join a volunteer and a resident of different stations").AsNoTracking().Where(v => volunteerIds.Contains(v.Id))
            .Select(v => new { v.Id, v.RealName, v.Number }).ToDictionaryAsync(v => v.Id, cancellationToken);
        var stations = await StationNamesAsync([.. pairings.Select(p => p.StationId)], cancellationToken);
        return
        [
            .. pairings.Select(p => new PairingRow(p.Id, p.CareRecipientId, recipients[p.CareRecipientId].Name, recipients[p.CareRecipientId].Priority,
                p.VolunteerId, volunteers[p.VolunteerId].RealName, volunteers[p.VolunteerId].Number, p.StationId, stations.GetValueOrDefault(p.StationId, ""),
                p.StartedOn, p.CadenceDays, p.WarmthProgram, p.DualPost, p.LastVisitOn, p.DueOn, p.EndedOn, p.IsLapsed(today), p.DaysOverdue(today),
                [.. p.Visits.OrderByDescending(v => v.On).Take(MaxVisitsShown).Select(v => new VisitRow(v.On, v.Kind, v.Notes, v.Issues))])),
        ];
    }

    private Task<Dictionary<Guid, string>> StationNamesAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        return db.StationNames(distinct, cancellationToken);
    }
}
