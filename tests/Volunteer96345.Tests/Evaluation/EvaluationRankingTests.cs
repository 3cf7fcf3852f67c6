using Volunteer96345.People;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>The dispatch ranking's use of the composite: composite × weight / 100 points, and the reason eval:NN.</summary>
public sealed class EvaluationRankingTests
{
    private static readonly StationPlace Here = new(Guid.NewGuid(), "城郊村服务点", "城郊村", 30.41, 120.55, true, true);
    private static readonly DateTime Now = new(2026, 11, 29, 10, 0, 0);

    private static CandidateVolunteer Volunteer(string name) =>
        new(Guid.NewGuid(), name, Here.Id, false, new Dictionary<Guid, SkillLevel>(),
            [new AvailabilitySlot { Day = DayOfWeek.Sunday, From = new TimeOnly(8, 0), To = new TimeOnly(18, 0) }], []);

    private static List<Offer> Rank(RegistrySnapshot registry, VolunteerStanding standing) =>
        DispatchRanking.Rank(new RankingRequest(ResponderKind.Volunteer, "陪同就医", [], Here.Latitude, Here.Longitude, Here.Id, new HashSet<Guid>()),
            registry, new RankingState(Now, new HashSet<Guid>(), new HashSet<Guid>(), new Dictionary<Guid, int>(), standing), new RankingOptions());

    private static string? Evaluation(Offer offer) => offer.Reasons.Split(';').SingleOrDefault(r => r.StartsWith("eval:", StringComparison.Ordinal));

    [Fact]
    public void The_composite_adds_its_weighted_points_and_a_reason_and_an_unrated_volunteer_gets_the_town_s_mean()
    {
        var good = Volunteer("好评");
        var poor = Volunteer("差评");
        var unrated = Volunteer("新人");
        var registry = new RegistrySnapshot([poor, unrated, good], [Here], [], []);

        var ranked = Rank(registry, new VolunteerStanding(new Dictionary<Guid, double> { [good.Id] = 92.4, [poor.Id] = 40 }, 60.6, 10));

        Assert.Equal(["好评", "新人", "差评"], ranked.Select(o => o.CandidateName));
        Assert.Equal(["eval:92", "eval:61", "eval:40"], ranked.Select(Evaluation));
        Assert.Equal([109.2, 106.1, 104.0], ranked.Select(o => o.Score));
    }

    [Fact]
    public void A_weight_of_zero_or_no_town_mean_leaves_the_ranking_as_without_evaluation()
    {
        var good = Volunteer("好评");
        var unrated = Volunteer("新人");
        var registry = new RegistrySnapshot([good, unrated], [Here], [], []);
        var scores = new Dictionary<Guid, double> { [good.Id] = 92.4 };

        var off = Rank(registry, new VolunteerStanding(scores, 60.6, 0));
        var none = Rank(registry, VolunteerStanding.None);
        var noMean = Rank(registry, new VolunteerStanding(scores, null, 10));

        Assert.All(off.Concat(none), o => Assert.Null(Evaluation(o)));
        Assert.All(off.Concat(none), o => Assert.Equal(100, o.Score));
        Assert.Equal("eval:92", Evaluation(noMean.Single(o => o.CandidateId == good.Id)));
        Assert.Null(Evaluation(noMean.Single(o => o.CandidateId == unrated.Id)));
        Assert.Equal(100, noMean.Single(o => o.CandidateId == unrated.Id).Score);
    }

    [Theory]
    [InlineData(80, 10, 8)]
    [InlineData(80, 50, 40)]
    [InlineData(55.5, 20, 11.1)]
    public void The_points_are_the_composite_times_the_weight_over_a_hundred(double composite, double weight, double points)
    {
        var volunteer = Volunteer("某人");
        var registry = new RegistrySnapshot([volunteer], [Here], [], []);

        var offer = Assert.Single(Rank(registry, new VolunteerStanding(new Dictionary<Guid, double> { [volunteer.Id] = composite }, 50, weight)));

        Assert.Equal(Math.Round(100 + points, 1), offer.Score);
    }
}
