using System.Globalization;
using Microsoft.Extensions.Options;

namespace Volunteer96345.Points;

/// <summary>One level of the volunteer privileges (志愿者礼遇), as configured under Points:Privileges:Levels.</summary>
public sealed class PrivilegeLevelOptions
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }

    /// <summary>Reached with this many points earned over the member's lifetime (spending does not lower it)...</summary>
    public long MinLifetimePoints { get; set; }

    /// <summary>...or with this many hours of service.</summary>
    public decimal MinHours { get; set; }

    public List<string> Perks { get; set; } = [];
    public List<string> PerksEn { get; set; } = [];
}

public sealed class PrivilegeOptions
{
    public List<PrivilegeLevelOptions> Levels { get; set; } = [];
}

/// <summary>A member's level as shown on their card and to a merchant who scans them; null Key when no level is reached yet.</summary>
public sealed record PrivilegeLevel(string? Key, string Name, IReadOnlyList<string> Perks, long LifetimePoints, decimal Hours, string? NextName, long? NextPoints, decimal? NextHours);

/// <summary>
/// Works out a member's privilege level. The levels are configuration, not code: the town changes the thresholds and
/// perks in appsettings without a release. A level is reached by points OR hours, whichever comes first, because the
/// seed rewards both long service and many good deeds.
/// </summary>
internal sealed class Privileges(IOptionsMonitor<PrivilegeOptions> options, IEnumerable<IServiceHours> sources)
{
    public IReadOnlyList<PrivilegeLevelOptions> Levels =>
        [.. options.CurrentValue.Levels.OrderBy(l => l.MinLifetimePoints).ThenBy(l => l.MinHours)];

    public PrivilegeLevel For(long lifetimePoints, decimal hours)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var levels = Levels;
        var index = -1;
        for (var i = 0; i < levels.Count; i++)
        {
            if (lifetimePoints >= levels[i].MinLifetimePoints || (levels[i].MinHours > 0 && hours >= levels[i].MinHours))
            {
                index = i;
            }
        }

        var reached = index >= 0 ? levels[index] : null;
        var next = index + 1 < levels.Count ? levels[index + 1] : null;
        string Name(PrivilegeLevelOptions l) => english && !string.IsNullOrWhiteSpace(l.NameEn) ? l.NameEn! : l.Name;
        return new PrivilegeLevel(reached?.Key, reached is null ? "" : Name(reached),
            reached is null ? [] : english && reached.PerksEn.Count > 0 ? reached.PerksEn : reached.Perks,
            lifetimePoints, hours, next is null ? null : Name(next), next?.MinLifetimePoints, next?.MinHours);
    }

    /// <summary>Hours of service: the sum of what every module that records service says of the member, to a tenth of an hour.</summary>
    public async Task<decimal> ServiceHours(Guid volunteerId, CancellationToken cancellationToken)
    {
        var hours = 0m;
        foreach (var source in sources)
        {
            hours += await source.HoursOf(volunteerId, cancellationToken);
        }

        return decimal.Round(hours, 1);
    }
}

/// <summary>
/// A module that records a volunteer's hours of service, for the privilege levels. The module registers it; Points does
/// not read the module's records itself (docs/architecture.md, the module map).
/// </summary>
internal interface IServiceHours
{
    /// <summary>The volunteer's hours of service in the whole town, unrounded.</summary>
    Task<decimal> HoursOf(Guid volunteerId, CancellationToken cancellationToken);
}
