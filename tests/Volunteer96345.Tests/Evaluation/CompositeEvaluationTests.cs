using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.Composite;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// The composite evaluation against fixtures computed by hand: the town's weighted mean per dimension, the Bayesian
/// shrinkage towards it, the shares of the composite, the counts and the minimum. Defaults: feedback weighs 1, a call-back
/// 2, a spot check 3; the prior weighs 5; 3 ratings are enough; attitude 30 %, outcome 40 %, satisfaction 30 %.
/// </summary>
public sealed class CompositeEvaluationTests
{
    private static readonly DateTime At = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid StationS = Guid.NewGuid();
    private static readonly Guid StationT = Guid.NewGuid();

    private static Rating Feedback(Guid station, Guid volunteer, Attitude attitude, Outcome outcome, int satisfaction) =>
        new(RatingSource.Feedback, Guid.NewGuid(), Guid.NewGuid(), station, ResponderKind.Volunteer, volunteer, At,
            Rating.Of(attitude), Rating.Of(outcome), Rating.OfFive(satisfaction));

    private static Rating Callback(Guid station, Guid volunteer, bool reopened, int satisfaction) =>
        new(RatingSource.Callback, Guid.NewGuid(), Guid.NewGuid(), station, ResponderKind.Volunteer, volunteer, At,
            null, reopened ? 0 : 100, Rating.OfFive(satisfaction));

    private static Rating SpotCheck(Guid station, Guid volunteer, int attitude, Outcome outcome, int satisfaction) =>
        new(RatingSource.SpotCheck, Guid.NewGuid(), Guid.NewGuid(), station, ResponderKind.Volunteer, volunteer, At,
            Rating.OfFive(attitude), Rating.Of(outcome), Rating.OfFive(satisfaction));

    private static EvaluationSettings Settings(Action<EvaluationSettingsInput> change)
    {
        var settings = EvaluationSettings.Defaults();
        var input = EvaluationSettingsInput.From(settings);
        change(input);
        settings.Update(input, "test", At);
        return settings;
    }

    [Fact]
    public void Ratings_map_to_the_common_scale_of_0_to_100()
    {
        Assert.Equal([0.0, 25.0, 50.0, 75.0, 100.0], Enumerable.Range(1, 5).Select(v => Rating.OfFive(v)!.Value));
        Assert.Null(Rating.OfFive(null));
        Assert.Equal([100.0, 50.0, 0.0], new[] { Attitude.Good, Attitude.Fair, Attitude.Poor }.Select(Rating.Of));
        Assert.Equal([100.0, 50.0, 0.0], new Outcome?[] { Outcome.Solved, Outcome.PartlySolved, Outcome.NotSolved }.Select(o => Rating.Of(o)!.Value));
        Assert.Null(Rating.Of((Outcome?)null));
    }

    [Fact]
    public void Two_volunteers_and_two_stations_score_as_computed_by_hand()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Rating[] ratings =
        [
            Feedback(StationS, a, Attitude.Good, Outcome.Solved, 5), // 100, 100, 100 (w 1)
            Feedback(StationS, a, Attitude.Fair, Outcome.PartlySolved, 3), // 50, 50, 50 (w 1)
            SpotCheck(StationS, a, 4, Outcome.PartlySolved, 5), // 75, 50, 100 (w 3)
            Callback(StationT, b, reopened: true, 1), // -, 0, 0 (w 2)
            Callback(StationT, b, reopened: false, 3), // -, 100, 50 (w 2)
        ];

        var result = CompositeEvaluation.Compute(ratings, EvaluationSettings.Defaults());

        // Town: attitude (100 + 50 + 3·75) / 5 = 75; outcome (100 + 50 + 3·50 + 2·0 + 2·100) / 9 = 55.56;
        // satisfaction (100 + 50 + 3·100 + 2·0 + 2·50) / 9 = 61.11; composite .3·75 + .4·55.56 + .3·61.11 = 63.06.
        Assert.Equal(75, result.MeanAttitude);
        Assert.Equal(55.6, result.MeanOutcome);
        Assert.Equal(61.1, result.MeanSatisfaction);
        Assert.Equal(63.1, result.MeanComposite);

        // A: attitude raw 375/5 = 75, shrunk (375 + 5·75) / 10 = 75; outcome raw 300/5 = 60, shrunk (300 + 5·55.56) / 10 = 57.78;
        // satisfaction raw 450/5 = 90, shrunk (450 + 5·61.11) / 10 = 75.56; composite .3·75 + .4·57.8 + .3·75.6 = 68.3.
        var sa = result.Standings[(ResponderKind.Volunteer, a)];
        Assert.Equal(new DimensionScore(75, 75, 3), sa.Attitude);
        Assert.Equal(new DimensionScore(57.8, 60, 3), sa.Outcome);
        Assert.Equal(new DimensionScore(75.6, 90, 3), sa.Satisfaction);
        Assert.Equal(68.3, sa.Composite);
        Assert.Equal((3, 2, 0, 1, true), (sa.Count, sa.Feedback, sa.Callbacks, sa.SpotChecks, sa.Enough));

        // B: no attitude (call-backs do not ask): the town's 75 with count 0; outcome raw 200/4 = 50, shrunk (200 + 5·55.56) / 9 = 53.09;
        // satisfaction raw 100/4 = 25, shrunk (100 + 5·61.11) / 9 = 45.06; composite .3·75 + .4·53.1 + .3·45.1 = 57.27; 2 < 3 ratings.
        var sb = result.Standings[(ResponderKind.Volunteer, b)];
        Assert.Equal(new DimensionScore(75, null, 0), sb.Attitude);
        Assert.Equal(new DimensionScore(53.1, 50, 2), sb.Outcome);
        Assert.Equal(new DimensionScore(45.1, 25, 2), sb.Satisfaction);
        Assert.Equal(57.3, sb.Composite);
        Assert.Equal((2, 0, 2, 0, false), (sb.Count, sb.Feedback, sb.Callbacks, sb.SpotChecks, sb.Enough));

        // Each station holds exactly its volunteer's ratings, so scores the same.
        var ss = result.Standings[(ResponderKind.Station, StationS)];
        var st = result.Standings[(ResponderKind.Station, StationT)];
        Assert.Equal(sa with { Kind = ResponderKind.Station, Id = StationS }, ss);
        Assert.Equal(sb with { Kind = ResponderKind.Station, Id = StationT }, st);
        Assert.Equal(4, result.Standings.Count);
    }

    [Fact]
    public void Twenty_good_ratings_beat_one_perfect_rating()
    {
        var one = Guid.NewGuid();
        var many = Guid.NewGuid();
        var poor = Guid.NewGuid();
        var ratings = new List<Rating> { Feedback(StationS, one, Attitude.Good, Outcome.Solved, 5) };
        ratings.AddRange(Enumerable.Range(0, 20).Select(_ => Feedback(StationS, many, Attitude.Good, Outcome.Solved, 4)));
        ratings.AddRange(Enumerable.Range(0, 10).Select(_ => Feedback(StationT, poor, Attitude.Poor, Outcome.NotSolved, 1)));

        var result = CompositeEvaluation.Compute(ratings, EvaluationSettings.Defaults());

        // Town: attitude and outcome 2100/31 = 67.74, satisfaction (100 + 20·75) / 31 = 51.61.
        // One: (100 + 5·67.74) / 6 = 73.12 and (100 + 5·51.61) / 6 = 59.68; many: (2000 + 5·67.74) / 25 = 93.55 and (1500 + 5·51.61) / 25 = 70.32.
        var single = result.Standings[(ResponderKind.Volunteer, one)];
        var twenty = result.Standings[(ResponderKind.Volunteer, many)];
        Assert.Equal(new DimensionScore(73.1, 100, 1), single.Attitude);
        Assert.Equal(new DimensionScore(59.7, 100, 1), single.Satisfaction);
        Assert.Equal(69.1, single.Composite);
        Assert.False(single.Enough);
        Assert.Equal(new DimensionScore(93.5, 100, 20), twenty.Attitude);
        Assert.Equal(new DimensionScore(70.3, 75, 20), twenty.Satisfaction);
        Assert.Equal(86.5, twenty.Composite);
        Assert.True(twenty.Enough);
        Assert.True(single.Satisfaction.Raw > twenty.Satisfaction.Raw);
        Assert.True(twenty.Composite > single.Composite);
    }

    [Fact]
    public void A_spot_check_weighs_three_times_a_resident_s_feedback()
    {
        var praisedByResident = Guid.NewGuid();
        var praisedByInspector = Guid.NewGuid();
        Rating[] ratings =
        [
            Feedback(StationS, praisedByResident, Attitude.Good, Outcome.Solved, 5),
            SpotCheck(StationS, praisedByResident, 1, Outcome.NotSolved, 1),
            Feedback(StationS, praisedByInspector, Attitude.Poor, Outcome.NotSolved, 1),
            SpotCheck(StationS, praisedByInspector, 5, Outcome.Solved, 5),
        ];

        var weighted = CompositeEvaluation.Compute(ratings, EvaluationSettings.Defaults());
        var equal = CompositeEvaluation.Compute(ratings, Settings(s => s.SpotCheckWeight = 1));

        // (1·100 + 3·0) / 4 = 25 against (1·0 + 3·100) / 4 = 75; the town's mean is (100 + 0 + 0 + 300) / 8 = 50,
        // so the scores are (100 + 250) / 9 = 38.9 and (300 + 250) / 9 = 61.1.
        foreach (var dimension in new Func<Standing, DimensionScore>[] { s => s.Attitude, s => s.Outcome, s => s.Satisfaction })
        {
            Assert.Equal(new DimensionScore(38.9, 25, 2), dimension(weighted.Standings[(ResponderKind.Volunteer, praisedByResident)]));
            Assert.Equal(new DimensionScore(61.1, 75, 2), dimension(weighted.Standings[(ResponderKind.Volunteer, praisedByInspector)]));
            Assert.Equal(50, dimension(equal.Standings[(ResponderKind.Volunteer, praisedByResident)]).Raw);
            Assert.Equal(50, dimension(equal.Standings[(ResponderKind.Volunteer, praisedByInspector)]).Raw);
        }

        Assert.Equal(50, weighted.MeanComposite);
    }

    [Fact]
    public void Without_a_prior_the_score_is_the_weighted_mean_and_the_minimum_count_comes_from_the_settings()
    {
        var volunteer = Guid.NewGuid();
        Rating[] ratings =
        [
            Feedback(StationS, volunteer, Attitude.Good, Outcome.Solved, 5),
            Callback(StationS, volunteer, reopened: false, 2),
        ];

        var result = CompositeEvaluation.Compute(ratings, Settings(s =>
        {
            s.PriorWeight = 0;
            s.MinimumCount = 2;
        }));

        // Satisfaction (1·100 + 2·25) / 3 = 50; outcome (100 + 2·100) / 3 = 100; attitude from the feedback alone.
        var standing = result.Standings[(ResponderKind.Volunteer, volunteer)];
        Assert.Equal(new DimensionScore(100, 100, 1), standing.Attitude);
        Assert.Equal(new DimensionScore(100, 100, 2), standing.Outcome);
        Assert.Equal(new DimensionScore(50, 50, 2), standing.Satisfaction);
        Assert.Equal(85, standing.Composite);
        Assert.True(standing.Enough);
    }

    [Fact]
    public void A_rating_of_a_station_itself_or_without_a_responder_rates_only_the_station()
    {
        var station = new Rating(RatingSource.SpotCheck, Guid.NewGuid(), Guid.NewGuid(), StationS, ResponderKind.Station, StationS, At, 100, 100, 100);
        var unassigned = new Rating(RatingSource.Feedback, Guid.NewGuid(), Guid.NewGuid(), StationS, null, null, At, 0, 0, 0);

        var result = CompositeEvaluation.Compute([station, unassigned], EvaluationSettings.Defaults());

        var standing = Assert.Single(result.Standings.Values);
        Assert.Equal((ResponderKind.Station, StationS), (standing.Kind, standing.Id));
        Assert.Equal((2, 1, 1), (standing.Count, standing.Feedback, standing.SpotChecks));
        Assert.Equal(75, standing.Attitude.Raw);
    }

    [Fact]
    public void The_composite_weighs_the_dimensions_by_their_shares_and_leaves_out_those_without_a_score()
    {
        var defaults = EvaluationSettings.Defaults();

        Assert.Equal(71, CompositeEvaluation.Composite(100, 50, 70, defaults));
        Assert.Equal(71.4, CompositeEvaluation.Composite(null, 50, 100, defaults));
        Assert.Null(CompositeEvaluation.Composite(null, null, null, defaults));
        Assert.Equal(50, CompositeEvaluation.Composite(100, 50, 0, Settings(s => (s.AttitudeShare, s.OutcomeShare, s.SatisfactionShare) = (0, 100, 0))));
    }

    [Fact]
    public void Nothing_to_rate_gives_no_standings_and_no_means()
    {
        var result = CompositeEvaluation.Compute([], EvaluationSettings.Defaults());

        Assert.Empty(result.Standings);
        Assert.Null(result.MeanAttitude);
        Assert.Null(result.MeanComposite);
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var input = EvaluationSettingsInput.From(EvaluationSettings.Defaults());

        Assert.Equal((5m, 2), (input.SampleRatePercent, input.SampleMinimum));
        Assert.Equal((1.0, 2.0, 3.0), (input.FeedbackWeight, input.CallbackWeight, input.SpotCheckWeight));
        Assert.Equal((5.0, 3), (input.PriorWeight, input.MinimumCount));
        Assert.Equal((30, 40, 30), (input.AttitudeShare, input.OutcomeShare, input.SatisfactionShare));
        Assert.Equal(10.0, input.DispatchWeight);
    }
}
