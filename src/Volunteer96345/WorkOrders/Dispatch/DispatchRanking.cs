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
    IReadOnlyDictionary<Guid, double> Evaluation);

internal sealed record RankingOptions(double MaxTravelKm = 8, double SpeedKmPerHour = 20, int Limit = 30);

/// <summary>
/// The dispatch engine's ranking, a pure function of the registry snapshot and the live state so that it can be
/// tested and benchmarked on its own. Filter first (skills, on duty or available now, not busy on site, within reach),
/// then score: every minute of travel costs a point, every order this week three, being on the roster now gives ten,
/// the care recipient's paired party member thirty, and the evaluation score (0–100, once evaluations exist) a tenth
/// of itself. Each candidate carries its reasons as codes (travel:8, load:2, duty, paired, skill:Expert, eval:85)
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

    private static List<Offer> RankVolunteers(RankingRequest request, RegistrySnapshot registry, RankingState state, RankingOptions options)
    {
        var today = DateOnly.FromDateTime(state.LocalNow);
        var time = TimeOnly.FromDateTime(state.LocalNow);
        var ranked = new List<Offer>();
        foreach (var volunteer in registry.VolunteersWith(request.RequiredSkillIds))
        {
            if (state.Busy.Contains(volunteer.Id) || !registry.Stations.TryGetValue(volunteer.StationId, out var home))
            {
                continue;
            }

            var onDuty = state.OnDuty.Contains(volunteer.Id);
            if (!onDuty && !IsAvailable(volunteer, today, time))
            {
                continue;
            }

            var km = Geo.DistanceKm(home.Latitude, home.Longitude, request.Latitude, request.Longitude);
            if (km > options.MaxTravelKm)
            {
                continue;
            }

            var minutes = Math.Ceiling(km / options.SpeedKmPerHour * 60);
            var load = state.LoadThisWeek.GetValueOrDefault(volunteer.Id);
            var paired = request.PairedVolunteerIds.Contains(volunteer.Id);
            var score = 100 - minutes - (3 * load) + (onDuty ? 10 : 0) + (paired ? 30 : 0);
            var reasons = new List<string> { $"travel:{minutes:0}", $"load:{load}" };
            if (onDuty)
            {
                reasons.Add("duty");
            }

            if (paired)
            {
                reasons.Add("paired");
            }

            if (request.RequiredSkillIds.Count > 0)
            {
                var level = request.RequiredSkillIds.Max(s => volunteer.Skills[s]);
                score += 2 * (int)level;
                reasons.Add($"skill:{level}");
            }

            if (state.Evaluation.TryGetValue(volunteer.Id, out var evaluation))
            {
                score += evaluation / 10;
                reasons.Add($"eval:{evaluation:0}");
            }

            ranked.Add(Candidate(ResponderKind.Volunteer, volunteer.Id, volunteer.Name, score, reasons));
        }

        return Top(ranked, options.Limit);
    }

    /// <summary>A volunteer is available when a weekly slot covers now and no exception covers today.</summary>
    public static bool IsAvailable(CandidateVolunteer volunteer, DateOnly today, TimeOnly time) =>
        !volunteer.Exceptions.Any(e => e.From <= today && today <= e.To) &&
        volunteer.Availability.Any(a => a.Day == today.DayOfWeek && a.From <= time && time < a.To);

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
