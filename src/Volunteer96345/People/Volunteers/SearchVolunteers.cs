using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.Volunteers;

public sealed record VolunteerFilter
{
    public string? Search { get; init; }

    public Guid? SkillId { get; init; }

    public Guid? StationId { get; init; }

    public Guid? PartyOrganizationId { get; init; }

    public VolunteerStatus? Status { get; init; }

    [System.ComponentModel.DefaultValue(false)]
    public bool? AvailableNow { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

public sealed record VolunteerRow(
    Guid Id, string Number, string RealName, Gender Gender, int Age, string IdNumberMasked, string Mobile, string Village,
    Guid StationId, string StationName, PoliticalStatus PoliticalStatus, string? PartyOrganizationName, VolunteerStatus Status,
    IReadOnlyList<string> Skills, PartyMemberCategory? MemberCategory = null);

public sealed record VolunteerSkillRow(Guid SkillId, string Name, SkillLevel Level, Guid? EvidenceId);

public sealed record VolunteerView(
    VolunteerRow Row, DateOnly BirthDate, string Address, RecruitmentChannel Channel, string? ReferredBy, Guid? PartyOrganizationId,
    PartyMemberCategory? MemberCategory, RegistrationSource Source, DateTime RegisteredAt, DateTime ConsentedAt, string? GuardianName, string? GuardianMobile,
    DateTime? GuardianConsentedAt, string? StatusNote, IReadOnlyList<VolunteerSkillRow> Skills,
    IReadOnlyList<AvailabilityInput> Availability, IReadOnlyList<UnavailabilityInput> Exceptions);

/// <summary>
/// The volunteer registry's reads: by name, pinyin initials ("zs" finds 张三), number or mobile; by skill, station,
/// party organisation, status; and who is available right now. The station scope applies by itself.
/// </summary>
internal sealed class SearchVolunteersHandler(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxExportRows = 50_000;

    public async Task<Page<VolunteerRow>> Search(VolunteerFilter filter, CancellationToken cancellationToken)
    {
        var page = await Filtered(filter).OrderBy(v => v.Number).Select(v => v.Id).ToPageAsync(filter.Page, filter.PageSize, cancellationToken);
        var rows = await RowsAsync(page.Items, cancellationToken);
        return new Page<VolunteerRow>(rows, page.Total, page.PageNumber, page.PageSize);
    }

    public async Task<List<VolunteerRow>> All(VolunteerFilter filter, CancellationToken cancellationToken)
    {
        var ids = await Filtered(filter).OrderBy(v => v.Number).Select(v => v.Id).Take(MaxExportRows).ToListAsync(cancellationToken);
        return await RowsAsync(ids, cancellationToken);
    }

    public async Task<Result<VolunteerView>> Get(Guid id, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return AppError.NotFound(localizer["Volunteer.NotFound"]);
        }

        var row = (await RowsAsync([id], cancellationToken))[0];
        var skillIds = volunteer.Skills.Select(s => s.SkillId).ToList();
        var names = await db.Skills.Where(s => skillIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return new VolunteerView(row, volunteer.BirthDate, volunteer.Address, volunteer.Channel, volunteer.ReferredBy, volunteer.PartyOrganizationId,
            volunteer.MemberCategory, volunteer.Source, volunteer.RegisteredAt, volunteer.ConsentedAt, volunteer.GuardianName, volunteer.GuardianMobile, volunteer.GuardianConsentedAt,
            volunteer.StatusNote,
            [.. volunteer.Skills.Select(s => new VolunteerSkillRow(s.SkillId, names.GetValueOrDefault(s.SkillId, ""), s.Level, s.EvidenceId))],
            [.. volunteer.Availability.OrderBy(a => a.Day).ThenBy(a => a.From).Select(a => new AvailabilityInput { Day = a.Day, From = a.From, To = a.To })],
            [.. volunteer.Exceptions.OrderBy(e => e.From).Select(e => new UnavailabilityInput { From = e.From, To = e.To, Reason = e.Reason })]);
    }

    private IQueryable<Volunteer> Filtered(VolunteerFilter filter)
    {
        var query = db.Volunteers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            if (term.All(char.IsAsciiLetter))
            {
                var initials = term.ToLowerInvariant();
                query = query.Where(v => v.NameInitials.StartsWith(initials));
            }
            else if (term.All(char.IsAsciiLetterOrDigit))
            {
                var upper = term.ToUpperInvariant();
                query = query.Where(v => v.Number == upper || v.Mobile.StartsWith(term) || v.Mobile.EndsWith(term));
            }
            else
            {
                query = query.Where(v => v.RealName.Contains(term));
            }
        }

        if (filter.SkillId is { } skill)
        {
            query = query.Where(v => v.Skills.Any(s => s.SkillId == skill));
        }

        if (filter.StationId is { } station)
        {
            query = query.Where(v => v.StationId == station);
        }

        if (filter.PartyOrganizationId is { } party)
        {
            query = query.Where(v => v.PartyOrganizationId == party);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(v => v.Status == status);
        }

        if (filter.AvailableNow == true)
        {
            var local = Shanghai.ToLocal(clock.GetUtcNow().UtcDateTime);
            var day = local.DayOfWeek;
            var time = TimeOnly.FromDateTime(local);
            var date = DateOnly.FromDateTime(local);
            query = query.Where(v => v.Status == VolunteerStatus.Active
                                     && v.Availability.Any(a => a.Day == day && a.From <= time && a.To > time)
                                     && !v.Exceptions.Any(e => e.From <= date && e.To >= date));
        }

        return query;
    }

    /// <summary>Station, party and skill names come in queries of their own, so the scope filter of the main query stays whole.</summary>
    private async Task<List<VolunteerRow>> RowsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var volunteers = await db.Volunteers.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken);
        var stationIds = volunteers.Select(v => v.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        var parties = await db.PartyOrganizations.ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var skills = await db.Skills.ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var today = Shanghai.Today(clock);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return
        [
            .. volunteers.OrderBy(v => order[v.Id]).Select(v => new VolunteerRow(v.Id, v.Number, v.RealName, v.Gender, Volunteer.AgeOn(v.BirthDate, today),
                v.IdNumberMasked, v.Mobile, v.Village, v.StationId, stations.GetValueOrDefault(v.StationId, ""), v.PoliticalStatus,
                v.PartyOrganizationId is { } p ? parties.GetValueOrDefault(p) : null, v.Status,
                [.. v.Skills.Select(s => skills.GetValueOrDefault(s.SkillId, ""))], v.MemberCategory)),
        ];
    }
}
