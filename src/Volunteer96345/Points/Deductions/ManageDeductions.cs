using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Points.Deductions;

internal sealed class DeductionItemInput
{
    public string? Code { get; set; }
    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public int? Points { get; set; }
}

internal sealed record DeductionItemRow(Guid Id, string Code, string NameZh, string NameEn, int Points, bool IsActive);

/// <summary>
/// 扣分项目: the town admin adds, revises, retires and restores the items; station managers read them to post a deduction.
/// The code of an item never changes (other modules name it in their source), and an item is never deleted.
/// </summary>
internal sealed class ManageDeductionsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public Task<List<DeductionItemRow>> List(bool includeRetired, CancellationToken cancellationToken) =>
        db.Set<DeductionItem>().AsNoTracking().Where(i => includeRetired || i.IsActive).OrderByDescending(i => i.IsActive).ThenBy(i => i.Code)
            .Select(i => new DeductionItemRow(i.Id, i.Code, i.NameZh, i.NameEn, i.Points, i.IsActive)).ToListAsync(cancellationToken);

    public async Task<Result<Guid>> Create(DeductionItemInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = Validate(input).Text("code", input.Code, DeductionItem.CodeLength);
        if (!string.IsNullOrWhiteSpace(input.Code))
        {
            v.Check(DeductionItem.IsValidCode(input.Code), "code", "Deduction.CodeFormat");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var code = input.Code!.Trim();
        if (await db.Set<DeductionItem>().AnyAsync(i => i.Code == code, cancellationToken))
        {
            return AppError.Conflict(localizer["Deduction.CodeTaken", code]);
        }

        var item = DeductionItem.Create(code, input.NameZh!, input.NameEn!, input.Points!.Value, clock.GetUtcNow().UtcDateTime);
        db.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id;
    }

    /// <summary>New names or points from now on; the code stays, and deductions already posted keep their points.</summary>
    public async Task<Result<bool>> Update(Guid id, DeductionItemInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = Validate(input);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var item = await db.Set<DeductionItem>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Deduction.UnknownItem"]);
        }

        if (input.Code is { Length: > 0 } code && code.Trim() != item.Code)
        {
            return AppError.Invalid("code", localizer["Deduction.CodeFixed"]);
        }

        item.Revise(input.NameZh!, input.NameEn!, input.Points!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<Result<bool>> SetActive(Guid id, bool active, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var item = await db.Set<DeductionItem>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Deduction.UnknownItem"]);
        }

        if (active)
        {
            item.Restore();
        }
        else
        {
            item.Retire();
        }

        await db.SaveChangesAsync(cancellationToken);
        return active;
    }

    private Validation Validate(DeductionItemInput input) => new Validation(localizer)
        .Text("nameZh", input.NameZh, DeductionItem.NameLength)
        .Text("nameEn", input.NameEn, DeductionItem.NameLength)
        .Range("points", input.Points, 1, DeductionItem.MaxPoints);
}
