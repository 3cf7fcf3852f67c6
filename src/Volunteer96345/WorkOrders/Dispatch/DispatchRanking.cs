using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Dispatch;

internal sealed record StationPlace(Guid Id, string Name, string Village, double Latitude, double Longitude, bool IsServicePoint, bool IsActive);

internal sealed record CandidateVolunteer(
    Guid Id,
    string Name,
    Guid StationId,
    bool IsPartyMember,
    IReadOnlyDictionary<Guid, SkillLevel> Skills,
    IReadOnlyList<AvailabilitySlot> Availability,
    IReadOnlyList<AvailabilityException> Exceptions);

internal sealed record CandidateTeam(Guid Id, string Name, Guid StationId, Guid? LeaderId, IReadOnlySet<Guid> SkillIds);

internal sealed record CandidateMerchant(Guid Id, string Name, Guid StationId, IReadOnlyList<string> Services);

/// <summary>What the ranking needs to know about one order.</summary>
internal sealed record RankingRequest(
    ResponderKind Responder,
    string ItemName,
    IReadOnlyCollection<Guid> RequiredSkillIds,
    double Latitude,
    double Longitude,
    Guid StationId,
    IReadOnlySet<Guid> PairedVolunteerIds);

/// <summary>The live facts at ranking time, read fresh from the database for every order.</summary>
internal sealed record RankingState(DateTime LocalNow, IReadOnlySet<Guid> OnDuty, IReadOnlySet<Guid> Busy, IReadOnlyDictionary<Guid, int> LoadThisWeek,
    VolunteerStanding Evaluation);

/// <summary>
/// The volunteers' composite evaluation (0–100) for the ranking, from the Evaluation module (<see cref="IVolunteerStandings"/>):
/// a volunteer without ratings gets <see cref="Default"/> (the town's mean), so that being unrated neither helps nor
/// hurts; the ranking adds score × <see cref="Weight"/> / 100.
/// </summary>
internal sealed record VolunteerStanding(IReadOnlyDictionary<Guid, double> Scores, double? Default, double Weight)
{
    public static readonly VolunteerStanding None = new(new Dictionary<Guid, double>(), null, 0);

    public double? Of(Guid volunteerId) => Weight > 0 ? Scores.TryGetValue(volunteerId, out var score) ? score : Default : null;
}

/// <summary>What the dispatch ranking asks of whoever evaluates volunteers (the Evaluation module registers it); never blocks an intake.</summary>
internal interface IVolunteerStandings
{
    VolunteerStanding Current { get; }
}

internal sealed record RankingOptions(double MaxTravelKm = 8, double SpeedKmPerHour = 20, int Limit = 30);

/// <summary>
/// The dispatch engine's ranking, a pure function of the registry snapshot and the live state so that it can be
/// tested and benchmarked on its own. Filter first (skills, on duty or available now, not busy on site, within reach),
/// then score: every minute of travel costs a point, every order this week three, being on the roster now gives ten,
/// the care recipient's paired party member thirty, and the composite evaluation (0–100) times the town's dispatch
/// weight over a hundred (a tenth of itself by default). Each candidate carries its reasons as codes (travel:8, load:2, duty, paired, skill:Expert, eval:85)
/// that the UI renders in the reader's language.
/// </summary>
internal static class DispatchRanking
{
    public static List<Offer> Rank(RankingRequest request, RegistrySnapshot registry, RankingState state, RankingOptions options) =>
        request.Responder switch
        {
            ResponderKind.Team => RankTeams(request, registry, state, options),
            ResponderKind.Merchant => RankMerchants(request, registry, options),
            ResponderKind.Station => RankStation(request, registry),
            _ => RankVolunteers(request, registry, state, options),
        };

    // Ten thousand volunteers must rank in milliseconds (issue 4 bar, bench/…/RankingBench.cs), so this pass only filters
    // and scores, with one distance per station rather than per volunteer and no allocation per volunteer; the
    // reasons and the Offer objects are built for the few that make the top. The result is the same as scoring every
    // candidate into an Offer and sorting them all (score rounded to 0.1 descending, then name, then id).
    private static List<Offer> RankVolunteers(RankingRequest request, RegistrySnapshot registry, RankingState state, RankingOptions options)
    {
        var today = DateOnly.FromDateTime(state.LocalNow);
        var time = TimeOnly.FromDateTime(state.LocalNow);
        var travel = new Dictionary<Guid, double>(registry.Stations.Count);
        foreach (var (id, station) in registry.Stations)
        {
            travel[id] = Geo.DistanceKm(station.Latitude, station.Longitude, request.Latitude, request.Longitude);
        }

        var best = new PriorityQueue<Scored, Scored>(options.Limit + 1, WorstFirst.Instance);
        foreach (var volunteer in registry.VolunteersWith(request.RequiredSkillIds))
        {
            if (state.Busy.Contains(volunteer.Id) || !travel.TryGetValue(volunteer.StationId, out var km) || km > options.MaxTravelKm)
            {
                continue;
            }

            var onDuty = state.OnDuty.Contains(volunteer.Id);
            if (!onDuty && !IsAvailable(volunteer, today, time))
            {
                continue;
            }

            var minutes = Math.Ceiling(km / options.SpeedKmPerHour * 60);
            var load = state.LoadThisWeek.GetValueOrDefault(volunteer.Id);
            var paired = request.PairedVolunteerIds.Contains(volunteer.Id);
            var score = 100 - minutes - (3 * load) + (onDuty ? 10 : 0) + (paired ? 30 : 0);
            SkillLevel? level = null;
            if (request.RequiredSkillIds.Count > 0)
            {
                var max = SkillLevel.Basic;
                foreach (var skill in request.RequiredSkillIds)
                {
                    max = volunteer.Skills[skill] > max ? volunteer.Skills[skill] : max;
                }

                level = max;
                score += 2 * (int)max;
            }

            var evaluation = state.Evaluation.Of(volunteer.Id);
            score += evaluation * state.Evaluation.Weight / 100 ?? 0;
            var candidate = new Scored(volunteer, Math.Round(score, 1), minutes, load, onDuty, paired, level, evaluation);
            if (best.Count < options.Limit)
            {
                best.Enqueue(candidate, candidate);
            }
            else if (options.Limit > 0 && WorstFirst.Instance.Compare(candidate, best.Peek()) > 0)
            {
                best.DequeueEnqueue(candidate, candidate);
            }
        }

        var top = new List<Scored>(best.Count);
        while (best.TryDequeue(out var candidate, out _))
        {
            top.Add(candidate);
        }

        top.Reverse();
        return [.. top.Select(ToOffer)];
    }

    private readonly record struct Scored(CandidateVolunteer Volunteer, double Score, double Minutes, int Load, bool OnDuty, bool Paired,
        SkillLevel? Level, double? Evaluation);

    /// <summary>Orders candidates from worst to best, so that the queue's head is the one to drop: the ranking's order reversed.</summary>
    private sealed class WorstFirst : IComparer<Scored>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Scored x, Scored y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byName = string.CompareOrdinal(y.Volunteer.Name, x.Volunteer.Name);
            return byName != 0 ? Math.Sign(byName) : y.Volunteer.Id.CompareTo(x.Volunteer.Id);
        }
    }

    private static Offer ToOffer(Scored c)
    {
        var reasons = new List<string> { $"travel:{c.Minutes:0}", $"load:{c.Load}" };
        if (c.OnDuty)
        {
            reasons.Add("duty");
        }

        if (c.Paired)
        {
            reasons.Add("paired");
        }

        if (c.Level is { } level)
        {
            reasons.Add($"skill:{level}");
        }

        if (c.Evaluation is { } evaluation)
        {
            reasons.Add($"eval:{evaluation:0}");
        }

        return Candidate(ResponderKind.Volunteer, c.Volunteer.Id, c.Volunteer.Name, c.Score, reasons);
    }

    /// <summary>A volunteer is available when a weekly slot covers now and no exception covers today.</summary>
    public static bool IsAvailable(CandidateVolunteer volunteer, DateOnly today, TimeOnly time)
    {
        // Loops rather than LINQ: this runs for every volunteer of every ranking.
        foreach (var exception in volunteer.Exceptions)
        {
            if (exception.From <= today && today <= exception.To)
            {
                return false;
            }
        }

        foreach (var slot in volunteer.Availability)
        {
            if (slot.Day == today.DayOfWeek && slot.From <= time && time < slot.To)
            {
                return true;
            }
        }

        return false;
    }

    private static List<Offer> RankTeams(RankingRequest request, RegistrySnapshot registry, RankingState state, RankingOptions options)
    {
        var ranked = new List<Offer>();
        foreach (var team in registry.Teams)
        {
            if (team.LeaderId is not { } leader || !request.RequiredSkillIds.All(team.SkillIds.Contains) ||
                !registry.Stations.TryGetValue(team.StationId, out var home))
            {
                continue;
            }

            var km = Geo.DistanceKm(home.Latitude, home.Longitude, request.Latitude, request.Longitude);
            var minutes = Math.Ceiling(km / options.SpeedKmPerHour * 60);
            var load = state.LoadThisWeek.GetValueOrDefault(leader);
            var skillMatch = request.RequiredSkillIds.Count > 0 ? 20 : 0;
            ranked.Add(Candidate(ResponderKind.Team, team.Id, team.Name, 100 - minutes - (3 * load) + skillMatch,
                skillMatch > 0 ? [$"travel:{minutes:0}", $"load:{load}", "team-skill"] : [$"travel:{minutes:0}", $"load:{load}"]));
        }

        return Top(ranked, options.Limit);
    }

    private static List<Offer> RankMerchants(RankingRequest request, RegistrySnapshot registry, RankingOptions options)
    {
        var ranked = new List<Offer>();
        foreach (var merchant in registry.Merchants)
        {
            if (!registry.Stations.TryGetValue(merchant.StationId, out var home))
            {
                continue;
            }

            var km = Geo.DistanceKm(home.Latitude, home.Longitude, request.Latitude, request.Longitude);
            var minutes = Math.Ceiling(km / options.SpeedKmPerHour * 60);
            var offers = merchant.Services.Any(s => request.ItemName.Contains(s, StringComparison.Ordinal) || s.Contains(request.ItemName, StringComparison.Ordinal));
            ranked.Add(Candidate(ResponderKind.Merchant, merchant.Id, merchant.Name, 100 - minutes + (offers ? 30 : 0),
                offers ? [$"travel:{minutes:0}", "offers-service"] : [$"travel:{minutes:0}"]));
        }

        return Top(ranked, options.Limit);
    }

    private static List<Offer> RankStation(RankingRequest request, RegistrySnapshot registry) =>
        registry.Stations.TryGetValue(request.StationId, out var station)
            ? [Candidate(ResponderKind.Station, station.Id, station.Name, 100, ["responsible"])]
            : [];

    private static Offer Candidate(ResponderKind kind, Guid id, string name, double score, List<string> reasons) => new()
    {
        Kind = kind,
        CandidateId = id,
        CandidateName = name,
        Score = Math.Round(score, 1),
        Reasons = string.Join(';', reasons),
    };

    private static List<Offer> Top(List<Offer> ranked, int limit) =>
        [.. ranked.OrderByDescending(o => o.Score).ThenBy(o => o.CandidateName, StringComparer.Ordinal).ThenBy(o => o.CandidateId).Take(limit)];
}

internal static class Geo
{
    /// <summary>Great-circle distance; the town is small enough that this is the road distance's lower bound and good for ranking.</summary>
    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        const double EarthRadiusKm = 6371;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLng = double.DegreesToRadians(lng2 - lng1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
