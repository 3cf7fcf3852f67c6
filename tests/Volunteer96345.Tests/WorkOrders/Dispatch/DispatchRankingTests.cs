using Volunteer96345.People;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.Tests.WorkOrders.Dispatch;

/// <summary>The ranking filters by skill, duty or availability, busyness and reach, then scores with reasons.</summary>
public sealed class DispatchRankingTests
{
    private static readonly Guid Plumbing = Guid.NewGuid();
    private static readonly StationPlace Here = new(Guid.NewGuid(), "城郊村服务点", "城郊村", 30.41, 120.55, true, true);
    private static readonly StationPlace Far = new(Guid.NewGuid(), "远处", "远村", 30.60, 120.80, true, true);

    // Sunday 10:00 in town.
    private static readonly DateTime Now = new(2026, 11, 29, 10, 0, 0);

    private static CandidateVolunteer Volunteer(string name, StationPlace station, bool available = true, SkillLevel? plumbing = SkillLevel.Skilled) =>
        new(Guid.NewGuid(), name, station.Id, true,
            plumbing is { } level ? new Dictionary<Guid, SkillLevel> { [Plumbing] = level } : [],
            available ? [new AvailabilitySlot { Day = DayOfWeek.Sunday, From = new TimeOnly(8, 0), To = new TimeOnly(18, 0) }] : [],
            []);

    private static RankingState State(IEnumerable<Guid>? onDuty = null, IEnumerable<Guid>? busy = null, Dictionary<Guid, int>? load = null) =>
        new(Now, (onDuty ?? []).ToHashSet(), (busy ?? []).ToHashSet(), load ?? [], VolunteerStanding.None);

    private static RankingRequest Request(IEnumerable<Guid>? paired = null) =>
        new(ResponderKind.Volunteer, "水电维修", [Plumbing], Here.Latitude, Here.Longitude, Here.Id, (paired ?? []).ToHashSet());

    private static List<Offer> Rank(RegistrySnapshot registry, RankingState state, RankingRequest? request = null) =>
        DispatchRanking.Rank(request ?? Request(), registry, state, new RankingOptions());

    [Fact]
    public void Only_volunteers_with_the_skill_who_are_available_or_on_duty_free_and_within_reach_are_ranked()
    {
        var ok = Volunteer("合格", Here);
        var noSkill = Volunteer("无技能", Here, plumbing: null);
        var unavailable = Volunteer("没空", Here, available: false);
        var onDutyOnly = Volunteer("值班", Here, available: false);
        var busy = Volunteer("忙碌", Here);
        var far = Volunteer("太远", Far);
        var registry = new RegistrySnapshot([ok, noSkill, unavailable, onDutyOnly, busy, far], [Here, Far], [], []);

        var ranked = Rank(registry, State(onDuty: [onDutyOnly.Id], busy: [busy.Id]));

        Assert.Equal(["值班", "合格"], ranked.Select(o => o.CandidateName));
        Assert.Contains("duty", ranked[0].Reasons.Split(';'));
        Assert.Contains("travel:0", ranked[1].Reasons.Split(';'));
    }

    [Fact]
    public void The_paired_party_member_outranks_a_closer_less_loaded_volunteer_and_load_lowers_the_score()
    {
        var near = Volunteer("近的", Here);
        var loaded = Volunteer("忙了一周", Here);
        var nearby = new StationPlace(Guid.NewGuid(), "邻村", "邻村", 30.43, 120.56, true, true);
        var paired = Volunteer("结对党员", nearby);
        var registry = new RegistrySnapshot([near, loaded, paired], [Here, nearby], [], []);

        var ranked = Rank(registry, State(load: new() { [loaded.Id] = 4 }), Request(paired: [paired.Id]));

        Assert.Equal(["结对党员", "近的", "忙了一周"], ranked.Select(o => o.CandidateName));
        Assert.Contains("paired", ranked[0].Reasons.Split(';'));
        Assert.Contains("load:4", ranked[2].Reasons.Split(';'));
    }

    [Fact]
    public void An_availability_exception_covering_today_takes_the_volunteer_out()
    {
        var away = Volunteer("请假", Here) with
        {
            Exceptions = [new AvailabilityException { From = new DateOnly(2026, 11, 28), To = new DateOnly(2026, 11, 30), Reason = "外出" }],
        };
        var registry = new RegistrySnapshot([away], [Here], [], []);

        Assert.Empty(Rank(registry, State()));
    }

    [Fact]
    public void Team_items_rank_teams_that_hold_the_skills_and_have_a_leader()
    {
        var able = new CandidateTeam(Guid.NewGuid(), "水电维修队", Here.Id, Guid.NewGuid(), new HashSet<Guid> { Plumbing });
        var leaderless = new CandidateTeam(Guid.NewGuid(), "无队长", Here.Id, null, new HashSet<Guid> { Plumbing });
        var unskilled = new CandidateTeam(Guid.NewGuid(), "文艺队", Here.Id, Guid.NewGuid(), new HashSet<Guid>());
        var registry = new RegistrySnapshot([], [Here], [able, leaderless, unskilled], []);

        var ranked = Rank(registry, State(), Request() with { Responder = ResponderKind.Team });

        Assert.Equal("水电维修队", Assert.Single(ranked).CandidateName);
    }
}
