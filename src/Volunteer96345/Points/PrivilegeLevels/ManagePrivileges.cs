using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Points.PrivilegeLevels;

public sealed class PrivilegeInput
{
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    public decimal? MinHours { get; set; }

    /// <summary>Empty when the level is reached by hours only.</summary>
    public long? MinLifetimePoints { get; set; }

    public List<string>? Perks { get; set; }
    public List<string>? PerksEn { get; set; }
}

public sealed record PrivilegeRow(Guid Id, string Key, string Name, string? NameEn, decimal MinHours, long? MinLifetimePoints, IReadOnlyList<string> Perks,
    IReadOnlyList<string> PerksEn, DateTime UpdatedAt);

/// <summary>
/// 志愿者礼遇: the town admin keeps the levels, their thresholds and perks in the app. A level keeps its place in the
/// scale: each one's thresholds must lie strictly between its neighbours', so that a higher level is always harder to
/// reach. Everyone may read the levels (a member's card names the next one).
/// </summary>
internal sealed class ManagePrivilegesHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public async Task<List<PrivilegeRow>> List(CancellationToken cancellationToken) =>
        [.. (await db.Set<Privilege>().AsNoTracking().ToListAsync(cancellationToken)).OrderBy(l => l.MinHours)
            .Select(l => new PrivilegeRow(l.Id, l.Key, l.Name, l.NameEn, l.MinHours, l.MinLifetimePoints, l.Perks, l.PerksEn, l.UpdatedAt))];

    public async Task<Result<bool>> Update(Guid id, PrivilegeInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var levels = (await db.Set<Privilege>().ToListAsync(cancellationToken)).OrderBy(l => l.MinHours).ToList();
        var level = levels.FirstOrDefault(l => l.Id == id);
        if (level is null)
        {
            return AppError.NotFound(localizer["Privilege.NotFound"]);
        }

        var v = new Validation(localizer)
            .Line("name", input.Name, 30)
            .Text("nameEn", input.NameEn, 60, required: false)
            .Range("minHours", (double?)input.MinHours, 0, Privilege.MaxHours)
            .Items("perks", input.Perks, Privilege.MaxPerks, 50)
            .Items("perksEn", input.PerksEn, Privilege.MaxPerks, 100);
        if (input.MinLifetimePoints is not null)
        {
            v.Range("minLifetimePoints", input.MinLifetimePoints, 0, Privilege.MaxPoints);
        }

        var index = levels.IndexOf(level);
        var below = index > 0 ? levels[index - 1] : null;
        var above = index + 1 < levels.Count ? levels[index + 1] : null;
        if (input.MinHours is { } h && v.IsValid)
        {
            v.Check((below is null || h > below.MinHours) && (above is null || h < above.MinHours), "minHours", "Privilege.OutOfOrder",
                below?.Name ?? "—", above?.Name ?? "—");
        }

        if (input.MinLifetimePoints is { } p && v.IsValid)
        {
            v.Check((below?.MinLifetimePoints is not { } low || p > low) && (above?.MinLifetimePoints is not { } high || p < high), "minLifetimePoints",
                "Privilege.OutOfOrder", below?.Name ?? "—", above?.Name ?? "—");
        }

        var name = input.Name?.Trim();
        if (name is not null && levels.Any(l => l.Id != id && l.Name == name))
        {
            v.Add("name", localizer["Privilege.DuplicateName", name]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        level.Revise(name!, input.NameEn, input.MinHours!.Value, input.MinLifetimePoints, input.Perks ?? [], input.PerksEn ?? [], clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
