using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Dispatch;

/// <summary>
/// The part of the registry the ranking reads, held in memory: active volunteers indexed by skill, stations with
/// their coordinates, teams with leaders, active alliance merchants. Ranking ten thousand volunteers must take
/// milliseconds, so this is not read from the database per order; the live facts (who is busy or loaded) are, in
/// <see cref="RankingState"/>. Intake reads the rest of what it needs from here too: the catalogue, the duty shifts
/// around today, and how to reach each volunteer.
/// </summary>
internal sealed class RegistrySnapshot
{
    private readonly Dictionary<Guid, List<CandidateVolunteer>> _bySkill;

    public RegistrySnapshot(IEnumerable<CandidateVolunteer> volunteers, IEnumerable<StationPlace> stations, IEnumerable<CandidateTeam> teams,
        IEnumerable<CandidateMerchant> merchants)
    {
        Volunteers = [.. volunteers];
        Stations = stations.ToDictionary(s => s.Id);
        Teams = [.. teams];
        Merchants = [.. merchants];
        _bySkill = Volunteers.SelectMany(v => v.Skills.Keys.Select(s => (Skill: s, Volunteer: v)))
            .GroupBy(x => x.Skill).ToDictionary(g => g.Key, g => g.Select(x => x.Volunteer).ToList());
    }

    // The same registry with another day's shifts.
    private RegistrySnapshot(RegistrySnapshot registry, DateOnly day, IReadOnlyList<DutyShift> shifts)
    {
        _bySkill = registry._bySkill;
        Volunteers = registry.Volunteers;
        Stations = registry.Stations;
        Teams = registry.Teams;
        Merchants = registry.Merchants;
        SubStationId = registry.SubStationId;
        Items = registry.Items;
        ItemsByCode = registry.ItemsByCode;
        Contacts = registry.Contacts;
        Day = day;
        Shifts = shifts;
    }

    public IReadOnlyList<CandidateVolunteer> Volunteers { get; }
    public IReadOnlyDictionary<Guid, StationPlace> Stations { get; }
    public IReadOnlyList<CandidateTeam> Teams { get; }
    public IReadOnlyList<CandidateMerchant> Merchants { get; }

    /// <summary>The town's sub-station, where an order goes when no service point is responsible.</summary>
    public Guid? SubStationId { get; init; }

    /// <summary>The catalogue's items in service, by id and by code (read-only: never attach them to a context).</summary>
    public IReadOnlyDictionary<Guid, ServiceItem> Items { get; init; } = new Dictionary<Guid, ServiceItem>();

    public IReadOnlyDictionary<string, ServiceItem> ItemsByCode { get; init; } = new Dictionary<string, ServiceItem>();

    /// <summary>The Shanghai date the snapshot was taken on (by the app's clock): <see cref="Shifts"/> are around it.</summary>
    public DateOnly Day { get; init; }

    /// <summary>Duty shifts from the day before the snapshot was taken to the day after (Shanghai dates).</summary>
    public IReadOnlyList<DutyShift> Shifts { get; init; } = [];

    /// <summary>Each active volunteer's mobile (plain, as the registry keeps it), sign-in accounts and station.</summary>
    public IReadOnlyDictionary<Guid, VolunteerContact> Contacts { get; init; } = new Dictionary<Guid, VolunteerContact>();

    /// <summary>Volunteers holding every one of the skills, starting from the rarest skill's list.</summary>
    public IEnumerable<CandidateVolunteer> VolunteersWith(IReadOnlyCollection<Guid> skillIds)
    {
        if (skillIds.Count == 0)
        {
            return Volunteers;
        }

        List<CandidateVolunteer>? rarest = null;
        foreach (var skill in skillIds)
        {
            if (!_bySkill.TryGetValue(skill, out var holders))
            {
                return [];
            }

            if (rarest is null || holders.Count < rarest.Count)
            {
                rarest = holders;
            }
        }

        return rarest!.Where(v => skillIds.All(v.Skills.ContainsKey));
    }

    /// <summary>The same registry on another day: that day's shifts (the day before to the day after), read anew.</summary>
    public async Task<RegistrySnapshot> OnDayAsync(AppDbContext db, DateOnly day, CancellationToken cancellationToken) =>
        new(this, day, await ShiftsAroundAsync(db, day, cancellationToken));

    private static Task<List<DutyShift>> ShiftsAroundAsync(AppDbContext db, DateOnly day, CancellationToken cancellationToken) =>
        db.DutyShifts.AcrossStations("dispatch ranks every responder of the town").AsNoTracking().Where(s => s.Date >= day.AddDays(-1) && s.Date <= day.AddDays(1))
            .ToListAsync(cancellationToken);

    public static async Task<RegistrySnapshot> LoadAsync(AppDbContext db, DateTime utcNow, CancellationToken cancellationToken)
    {
        var stations = await db.Stations.AcrossStations("dispatch ranks every responder of the town").AsNoTracking()
            .Select(s => new { Place = new StationPlace(s.Id, s.Name, s.Village, s.Latitude, s.Longitude, s.Kind == StationKind.ServicePoint, s.IsActive), s.Kind })
            .ToListAsync(cancellationToken);
        var volunteers = await db.Volunteers.AcrossStations("dispatch ranks every responder of the town").AsNoTracking().Where(v => v.Status == VolunteerStatus.Active).ToListAsync(cancellationToken);
        var teams = await db.Teams.AcrossStations("dispatch ranks every responder of the town").AsNoTracking().ToListAsync(cancellationToken);
        var merchants = await db.AllianceMembers.AcrossStations("dispatch ranks every responder of the town").AsNoTracking().Where(m => m.Status == AllianceStatus.Active)
            .Select(m => new CandidateMerchant(m.Id, m.Name, m.StationId, m.Services)).ToListAsync(cancellationToken);
        var items = await db.ServiceItems.AsNoTracking().Where(i => !i.IsRetired).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(utcNow));
        var shifts = await ShiftsAroundAsync(db, today, cancellationToken);
        var accounts = (await db.Users.AsNoTracking().Where(u => u.VolunteerId != null).Select(u => new { u.Id, VolunteerId = u.VolunteerId!.Value })
            .ToListAsync(cancellationToken)).ToLookup(u => u.VolunteerId, u => u.Id);
        return new RegistrySnapshot(
            volunteers.Select(v => new CandidateVolunteer(v.Id, v.RealName, v.StationId, v.IsPartyMember,
                v.Skills.GroupBy(s => s.SkillId).ToDictionary(g => g.Key, g => g.Max(s => s.Level)), v.Availability, v.Exceptions)),
            stations.Where(s => s.Place.IsActive).Select(s => s.Place),
            teams.Select(t => new CandidateTeam(t.Id, t.Name, t.StationId, t.LeaderId, t.RequiredSkills.Select(s => s.SkillId).ToHashSet())),
            merchants)
        {
            SubStationId = stations.FirstOrDefault(s => s.Kind == StationKind.SubStation && s.Place.IsActive)?.Place.Id,
            Day = today,
            Items = items.ToDictionary(i => i.Id),
            ItemsByCode = items.ToDictionary(i => i.Code, StringComparer.Ordinal),
            Shifts = shifts,
            Contacts = volunteers.ToDictionary(v => v.Id, v => new VolunteerContact(v.Mobile, [.. accounts[v.Id]], v.StationId)),
        };
    }
}

/// <summary>How to reach a volunteer, and their station (whence an offer's distance is told).</summary>
internal sealed record VolunteerContact(string Mobile, IReadOnlyList<Guid> Accounts, Guid StationId);

/// <summary>Bumped by every save that touches the registry, so that a cached snapshot is known to be stale at once.</summary>
internal static class RegistryVersion
{
    private static long _current;

    public static long Current => Interlocked.Read(ref _current);

    public static void Bump() => Interlocked.Increment(ref _current);
}

/// <summary>Watches every save for a change to the registry (volunteers, teams, merchants, stations, duty shifts, the catalogue, accounts).</summary>
internal sealed class RegistryChanges : ISaveObserver
{
    public bool BeforeSave(ChangeTracker changes)
    {
        if (changes.Entries().Any(e => e.State != EntityState.Unchanged && e.Entity is Volunteer or Team or AllianceMember or Station or DutyShift or ServiceItem or AppUser))
        {
            RegistryVersion.Bump();
        }

        return false;
    }

    public void Committed()
    {
    }
}

/// <summary>
/// One snapshot per app instance, reloaded when this instance changed the registry (volunteers, teams, merchants,
/// stations, duty shifts, the catalogue, accounts), when the app's clock has moved to another day (the shifts are
/// around the day it was taken), or, for changes made by another instance, when it is older than
/// Dispatch:SnapshotSeconds (default 30). That age is real time: it bounds how stale another instance's changes can be,
/// whatever the app's clock says (the demo's year moves the clock hours between two orders, ADR 0029).
/// </summary>
internal sealed class RegistryCache(TimeProvider clock, IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _maxAge = TimeSpan.FromSeconds(configuration.GetValue("Dispatch:SnapshotSeconds", 30));
    private (RegistrySnapshot Snapshot, long Version, long LoadedAt)? _cached;

    public async Task<RegistrySnapshot> GetAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (Fresh() is { } snapshot)
        {
            return snapshot;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loaded)
            {
                return loaded;
            }

            var version = RegistryVersion.Current;
            if (Current() is { } registry)
            {
                // Only the day has moved: the same registry, that day's shifts.
                var moved = await registry.Snapshot.OnDayAsync(db, Shanghai.Today(clock), cancellationToken);
                _cached = (moved, registry.Version, registry.LoadedAt);
                return moved;
            }

            var started = TimeProvider.System.GetTimestamp();
            var fresh = await RegistrySnapshot.LoadAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
            _cached = (fresh, version, started);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    // The registry as this instance last read it, if nothing has changed it since (whatever the day).
    private (RegistrySnapshot Snapshot, long Version, long LoadedAt)? Current() =>
        _cached is { } c && c.Version == RegistryVersion.Current && TimeProvider.System.GetElapsedTime(c.LoadedAt) < _maxAge ? c : null;

    private RegistrySnapshot? Fresh() => Current() is { } c && c.Snapshot.Day == Shanghai.Today(clock) ? c.Snapshot : null;
}
