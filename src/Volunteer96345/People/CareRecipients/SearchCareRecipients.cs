using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People.CareRecipients;

public sealed record CareRecipientFilter
{
    public string? Search { get; init; }

    public Guid? StationId { get; init; }

    public CareCategory? Category { get; init; }

    public CarePriority? Priority { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

/// <summary>A list row: the ID number and address only masked.</summary>
public sealed record CareRecipientRow(
    Guid Id, string Name, Gender Gender, int Age, string IdNumberMasked, string AddressMasked, string Village, CareCategory Category,
    DisabilityType DisabilityType, int? DisabilityLevel, CarePriority Priority, IReadOnlyList<string> Needs, Guid StationId, string StationName,
    bool IsActive);

/// <summary>The detail: which sensitive fields hold something, never what; revealing is a separate, audited call.</summary>
public sealed record CareRecipientView(
    CareRecipientRow Row, DateOnly BirthDate, string? Phone, string? GuardianName, string? GuardianPhone, string? Contacts, DateTime RegisteredAt,
    IReadOnlyList<CareField> FilledFields);

internal sealed class SearchCareRecipientsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<Page<CareRecipientRow>>> Search(CareRecipientFilter filter, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RegisterCareRecipientHandler.CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var page = await Filtered(filter).OrderByDescending(c => c.Priority == CarePriority.Urgent).ThenByDescending(c => c.Priority == CarePriority.High)
            .ThenBy(c => c.Name).ToPageAsync(filter.Page, filter.PageSize, cancellationToken);
        var rows = await RowsAsync(page.Items, cancellationToken);
        return new Page<CareRecipientRow>(rows, page.Total, page.PageNumber, page.PageSize);
    }

    public async Task<Result<CareRecipientView>> Get(Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(RegisterCareRecipientHandler.CareRoles))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var recipient = await db.CareRecipients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (recipient is null)
        {
            return AppError.NotFound(localizer["Care.NotFound"]);
        }

        var row = (await RowsAsync([recipient], cancellationToken))[0];
        return new CareRecipientView(row, recipient.BirthDate, recipient.Phone, recipient.GuardianName, recipient.GuardianPhone, recipient.Contacts, recipient.RegisteredAt,
            [.. Enum.GetValues<CareField>().Where(recipient.Has)]);
    }

    private IQueryable<CareRecipient> Filtered(CareRecipientFilter filter)
    {
        var query = db.CareRecipients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            if (term.All(char.IsAsciiLetter))
            {
                var initials = term.ToLowerInvariant();
                query = query.Where(c => c.NameInitials.StartsWith(initials));
            }
            else
            {
                query = query.Where(c => c.Name.Contains(term) || c.Village.Contains(term));
            }
        }

        if (filter.StationId is { } station)
        {
            query = query.Where(c => c.StationId == station);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }

        if (filter.Priority is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }

        return query;
    }

    /// <summary>Station names come in a query of their own, so the scope filter of the main query stays whole.</summary>
    private async Task<List<CareRecipientRow>> RowsAsync(IReadOnlyList<CareRecipient> recipients, CancellationToken cancellationToken)
    {
        var stationIds = recipients.Select(c => c.StationId).Distinct().ToList();
        var stations = await db.StationNames(stationIds, cancellationToken);
        var today = Shanghai.Today(clock);
        return
        [
            .. recipients.Select(c => new CareRecipientRow(c.Id, c.Name, c.Gender, Volunteer.AgeOn(c.BirthDate, today), c.IdNumberMasked, c.AddressMasked,
                c.Village, c.Category, c.DisabilityType, c.DisabilityLevel, c.Priority, c.Needs, c.StationId, stations.GetValueOrDefault(c.StationId, ""),
                c.IsActive)),
        ];
    }
}
