using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Activities.Types;

internal sealed record ActivityTypeRow(Guid Id, string Name, bool IsActive, int Activities);

internal sealed class ActivityTypeInput
{
    public string? Name { get; set; }
}

/// <summary>
/// 活动类型: the administrator lists, adds, renames and retires the activity types. A type is never deleted, since
/// activities and templates refer to it; a retired type is no longer offered for new activities and can be brought back.
/// </summary>
internal sealed class ActivityTypesHandler(AppDbContext db, CurrentUser user, IStringLocalizer<SharedResource> localizer)
{
    public const int NameLength = 50;

    public async Task<List<ActivityTypeRow>> List(CancellationToken cancellationToken) =>
        await db.Set<ActivityType>().AsNoTracking().OrderByDescending(t => t.IsActive).ThenBy(t => t.Name)
            .Select(t => new ActivityTypeRow(t.Id, t.Name, t.IsActive, db.Set<Activity>().AcrossStations("an activity type is used by every station").Count(a => a.TypeId == t.Id)))
            .ToListAsync(cancellationToken);

    public async Task<Result<Guid>> Add(ActivityTypeInput input, CancellationToken cancellationToken)
    {
        var refused = await Check(input, null, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var type = ActivityType.Define(input.Name!);
        db.Add(type);
        await db.SaveChangesAsync(cancellationToken);
        return type.Id;
    }

    public async Task<Result<Guid>> Rename(Guid id, ActivityTypeInput input, CancellationToken cancellationToken)
    {
        var type = user.IsInRole(Roles.TownAdmin) ? await db.Set<ActivityType>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) : null;
        var refused = await Check(input, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (type is null)
        {
            return AppError.NotFound(localizer["ActivityType.NotFound"]);
        }

        type.Rename(input.Name!);
        await db.SaveChangesAsync(cancellationToken);
        return type.Id;
    }

    /// <summary>Retires a type (or brings it back): activities keep it, new ones cannot pick it.</summary>
    public async Task<Result<Guid>> SetActive(Guid id, bool active, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var type = await db.Set<ActivityType>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (type is null)
        {
            return AppError.NotFound(localizer["ActivityType.NotFound"]);
        }

        if (!active && await db.Set<ActivityType>().CountAsync(t => t.IsActive && t.Id != id, cancellationToken) == 0)
        {
            return AppError.Conflict(localizer["ActivityType.LastActive"]);
        }

        if (active)
        {
            type.Reactivate();
        }
        else
        {
            type.Retire();
        }

        await db.SaveChangesAsync(cancellationToken);
        return type.Id;
    }

    private async Task<AppError?> Check(ActivityTypeInput input, Guid? self, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Line("name", input.Name, NameLength);
        var name = input.Name?.Trim() ?? "";
        if (v.IsValid && await db.Set<ActivityType>().AnyAsync(t => t.Name == name && t.Id != self, cancellationToken))
        {
            v.Add("name", localizer["ActivityType.Exists", name]);
        }

        return v.IsValid ? null : v.ToError();
    }
}
