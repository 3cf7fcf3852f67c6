using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Points;

/// <summary>A member's level as shown on their card and to a merchant who scans them; null Key when no level is reached yet.</summary>
public sealed record PrivilegeLevel(string? Key, string Name, IReadOnlyList<string> Perks, long LifetimePoints, decimal Hours, string? NextName, long? NextPoints, decimal? NextHours);

/// <summary>
/// Works out a member's privilege level from the levels the town admin keeps in the app (<see cref="Privilege"/>). A
/// level is reached by hours OR points, whichever comes first, because the seed rewards both long service and many good
/// deeds; the one hours figure is every module's (<see cref="IServiceHours"/>).
/// </summary>
internal sealed class Privileges(AppDbContext db, IEnumerable<IServiceHours> sources)
{
    private List<Privilege>? _levels;

    /// <summary>The levels, lowest first (read once per scope).</summary>
    public async Task<IReadOnlyList<Privilege>> LevelsAsync(CancellationToken cancellationToken) =>
        _levels ??= [.. (await db.Set<Privilege>().AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(l => l.MinHours).ThenBy(l => l.MinLifetimePoints ?? long.MaxValue)];

    public async Task<PrivilegeLevel> For(long lifetimePoints, decimal hours, CancellationToken cancellationToken) =>
        For(await LevelsAsync(cancellationToken), lifetimePoints, hours);

    public static PrivilegeLevel For(IReadOnlyList<Privilege> levels, long lifetimePoints, decimal hours)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var index = -1;
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].ReachedBy(lifetimePoints, hours))
            {
                index = i;
            }
        }

        var reached = index >= 0 ? levels[index] : null;
        var next = index + 1 < levels.Count ? levels[index + 1] : null;
        string Name(Privilege l) => english && !string.IsNullOrWhiteSpace(l.NameEn) ? l.NameEn! : l.Name;
        return new PrivilegeLevel(reached?.Key, reached is null ? "" : Name(reached),
            reached is null ? [] : english && reached.PerksEn.Count > 0 ? reached.PerksEn : reached.Perks,
            lifetimePoints, hours, next is null ? null : Name(next), next?.MinLifetimePoints, next?.MinHours);
    }

    /// <summary>
    /// Hours of service: the sum of what every module that records service says of the member, to a tenth of an hour. The
    /// one figure the level, the counter and the volunteer's own record show.
    /// </summary>
    public async Task<decimal> ServiceHours(Guid volunteerId, CancellationToken cancellationToken) =>
        decimal.Round((await ServiceHoursBySource(volunteerId, cancellationToken)).Sum(s => s.Hours), 1);

    /// <summary>Each source's share of <see cref="ServiceHours"/>, unrounded, in a fixed order.</summary>
    public async Task<List<(string Source, decimal Hours)>> ServiceHoursBySource(Guid volunteerId, CancellationToken cancellationToken)
    {
        var hours = new List<(string, decimal)>();
        foreach (var source in sources.OrderBy(s => s.Source, StringComparer.Ordinal))
        {
            hours.Add((source.Source, await source.HoursOf(volunteerId, cancellationToken)));
        }

        return hours;
    }
}

/// <summary>
/// A module that records a volunteer's hours of service, for the privilege levels. The module registers it; Points does
/// not read the module's records itself (docs/architecture.md, the module map).
/// </summary>
internal interface IServiceHours
{
    /// <summary>What the hours come from, as a resource key's last part ("WorkOrders", "Activities"), for the breakdown shown to the volunteer.</summary>
    string Source { get; }

    /// <summary>The volunteer's hours of service in the whole town, unrounded.</summary>
    Task<decimal> HoursOf(Guid volunteerId, CancellationToken cancellationToken);
}
