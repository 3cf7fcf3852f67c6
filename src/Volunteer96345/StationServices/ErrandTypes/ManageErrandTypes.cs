using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.StationServices.ErrandTypes;

public sealed class ErrandTypeInput
{
    public string? Name { get; set; }
    public ErrandOffice? Office { get; set; }
    public List<string>? Documents { get; set; }
    public int? DeadlineWorkingDays { get; set; }

    /// <summary>The catalogue item (its service code) whose requests become errands of this type; empty for none.</summary>
    public string? ServiceCode { get; set; }
}

public sealed record ErrandTypeRow(Guid Id, string Name, ErrandOffice Office, IReadOnlyList<string> Documents, int DeadlineWorkingDays, bool IsActive,
    string? ServiceCode);

/// <summary>The town's errand types: any staff member reads them, the town administrator defines and edits them.</summary>
internal sealed class ManageErrandTypesHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<List<ErrandTypeRow>> List(bool activeOnly, CancellationToken cancellationToken) =>
        (await db.Set<ErrandType>().AsNoTracking().Where(t => !activeOnly || t.IsActive).ToListAsync(cancellationToken))
        .OrderBy(t => t.Office).ThenBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => new ErrandTypeRow(t.Id, t.Name, t.Office, t.Documents, t.DeadlineWorkingDays, t.IsActive, t.ServiceCode)).ToList();

    /// <summary>The catalogue items a type may take over: code and name, by code.</summary>
    public async Task<List<(string Code, string Name)>> Items(CancellationToken cancellationToken) =>
        [.. (await db.ServiceItems.AsNoTracking().Where(i => !i.IsRetired).OrderBy(i => i.Code).Select(i => new { i.Code, i.Name }).ToListAsync(cancellationToken))
            .Select(i => (i.Code, i.Name))];

    public async Task<Result<Guid>> Save(Guid? id, ErrandTypeInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var existing = id is { } key ? await db.Set<ErrandType>().FirstOrDefaultAsync(t => t.Id == key, cancellationToken) : null;
        if (id is not null && existing is null)
        {
            return AppError.NotFound(localizer["Errand.UnknownType"]);
        }

        var name = input.Name?.Trim();
        var v = new Validation(localizer)
            .Line("name", name, 50)
            .Defined("office", input.Office)
            .Range("deadlineWorkingDays", input.DeadlineWorkingDays, 1, ErrandType.MaxDeadline)
            .Items("documents", input.Documents, ErrandType.MaxDocuments, 50);
        v.Check(input.Documents is { Count: > 0 } docs && docs.Any(d => !string.IsNullOrWhiteSpace(d)), "documents", "Errand.ChecklistRequired");
        if (name is { Length: > 0 } && await db.Set<ErrandType>().AnyAsync(t => t.Name == name && t.Id != id, cancellationToken))
        {
            v.Add("name", localizer["Errand.DuplicateType", name]);
        }

        var code = string.IsNullOrWhiteSpace(input.ServiceCode) ? null : input.ServiceCode.Trim();
        if (code is not null)
        {
            v.Check(await db.ServiceItems.AnyAsync(i => i.Code == code && !i.IsRetired, cancellationToken), "serviceCode", "WorkOrder.UnknownService");
            if (await db.Set<ErrandType>().Where(t => t.ServiceCode == code && t.Id != id && t.IsActive).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) is { } taken)
            {
                v.Add("serviceCode", localizer["Errand.ItemTaken", taken]);
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (existing is null)
        {
            existing = ErrandType.Define(name!, input.Office!.Value, input.Documents!, input.DeadlineWorkingDays!.Value, clock.GetUtcNow().UtcDateTime, code);
            db.Add(existing);
        }
        else
        {
            existing.Revise(name!, input.Office!.Value, input.Documents!, input.DeadlineWorkingDays!.Value, code);
        }

        await db.SaveChangesAsync(cancellationToken);
        return existing.Id;
    }

    public async Task<Result<bool>> SetActive(Guid id, bool active, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<ErrandType>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } type)
        {
            return AppError.NotFound(localizer["Errand.UnknownType"]);
        }

        type.SetActive(active);
        await db.SaveChangesAsync(cancellationToken);
        return active;
    }
}
