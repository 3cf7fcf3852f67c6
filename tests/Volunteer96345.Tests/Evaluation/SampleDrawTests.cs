using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.SpotChecks;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// The month's sample as a pure function: seeded and replayable whatever order the services are read in, the size per
/// station and subject, and the weighting. Ids come from a seeded generator, so that every run draws the same.
/// </summary>
public sealed class SampleDrawTests
{
    private static readonly DateTime ServedAt = new(2026, 11, 10, 2, 0, 0, DateTimeKind.Utc);

    private static Guid Id(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static SpotCheck.Candidate Candidate(Guid id, Guid station, SpotCheckSubject subject = SpotCheckSubject.WorkOrder, double weight = 1) =>
        new(subject, id, station, "label", ServedAt, ResponderKind.Volunteer, Guid.Empty, "志愿者", DrawReasons.None, weight);

    /// <summary>Three stations with 40 work orders and 30 attendances each.</summary>
    private static List<SpotCheck.Candidate> Month()
    {
        var random = new Random(96345);
        var stations = Enumerable.Range(0, 3).Select(_ => Id(random)).ToList();
        return
        [
            .. stations.SelectMany(s => Enumerable.Range(0, 40).Select(_ => Candidate(Id(random), s))),
            .. stations.SelectMany(s => Enumerable.Range(0, 30).Select(_ => Candidate(Id(random), s, SpotCheckSubject.Attendance))),
        ];
    }

    private static List<Guid> Picks(IEnumerable<SpotCheck.Candidate> candidates, int seed, decimal rate = 5, int minimum = 2) =>
        [.. SampleDraw.Pick(candidates, seed, rate, minimum).Select(c => c.SubjectId)];

    [Fact]
    public void The_same_seed_picks_the_same_services_whatever_order_they_are_read_in()
    {
        var month = Month();
        var shuffled = month.ToArray();
        new Random(7).Shuffle(shuffled);
        var reversed = Enumerable.Reverse(month).ToList();

        var picks = Picks(month, 20261130);

        Assert.Equal(12, picks.Count);
        Assert.Equal(picks, Picks(shuffled, 20261130));
        Assert.Equal(picks, Picks(reversed, 20261130));
        Assert.Equal(picks.Count, picks.Distinct().Count());
    }

    [Fact]
    public void Another_seed_picks_other_services()
    {
        var month = Month();

        var first = Picks(month, 1);
        var second = Picks(month, 2);

        Assert.Equal(first.Count, second.Count);
        Assert.NotEqual(first.ToHashSet(), second.ToHashSet());
    }

    [Theory]
    [InlineData(0, 5, 2, 0)]
    [InlineData(1, 5, 2, 1)]
    [InlineData(2, 5, 2, 2)]
    [InlineData(3, 5, 2, 2)]
    [InlineData(40, 5, 2, 2)]
    [InlineData(41, 5, 2, 3)]
    [InlineData(100, 5, 2, 5)]
    [InlineData(101, 5, 2, 6)]
    [InlineData(10, 5, 0, 1)]
    [InlineData(10, 0.5, 0, 1)]
    [InlineData(30, 10, 5, 5)]
    [InlineData(30, 50, 5, 15)]
    [InlineData(7, 100, 2, 7)]
    [InlineData(3, 5, 10, 3)]
    public void Each_station_and_subject_gets_the_larger_of_the_minimum_and_the_rate_rounded_up_but_never_more_than_it_has(int n, double rate, int minimum,
        int expected)
    {
        var random = new Random(n);
        var here = Id(random);
        var there = Id(random);
        var candidates = Enumerable.Range(0, n).Select(_ => Candidate(Id(random), here))
            .Concat(Enumerable.Range(0, n).Select(_ => Candidate(Id(random), here, SpotCheckSubject.OutpostEntry)))
            .Concat(Enumerable.Range(0, n).Select(_ => Candidate(Id(random), there)))
            .ToList();

        var picked = SampleDraw.Pick(candidates, 42, (decimal)rate, minimum);

        Assert.Equal(expected, picked.Count(c => c.StationId == here && c.Subject == SpotCheckSubject.WorkOrder));
        Assert.Equal(expected, picked.Count(c => c.StationId == here && c.Subject == SpotCheckSubject.OutpostEntry));
        Assert.Equal(expected, picked.Count(c => c.StationId == there));
        Assert.Equal(3 * expected, picked.Count);
    }

    [Fact]
    public void A_service_of_weight_three_is_picked_about_three_times_as_often_as_one_of_weight_one()
    {
        var random = new Random(3);
        var station = Id(random);
        var heavy = Candidate(Id(random), station, weight: 3);
        var light = Enumerable.Range(0, 9).Select(_ => Candidate(Id(random), station)).ToList();
        List<SpotCheck.Candidate> candidates = [heavy, .. light];
        const int Seeds = 3000;

        var counts = Enumerable.Range(0, Seeds).Select(seed => SampleDraw.Pick(candidates, seed, 5, 1).Single().SubjectId)
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        // Weights 3 + 9 · 1: the heavy one is drawn with probability 3/12 = 0.25, each light one with 1/12 ≈ 0.083.
        Assert.InRange(counts[heavy.SubjectId] / (double)Seeds, 0.21, 0.29);
        Assert.All(light, c => Assert.InRange(counts.GetValueOrDefault(c.SubjectId) / (double)Seeds, 0.05, 0.12));
        Assert.True(counts[heavy.SubjectId] > 2 * light.Max(c => counts.GetValueOrDefault(c.SubjectId)));
    }

    [Fact]
    public void The_key_is_a_function_of_the_seed_and_the_id_and_grows_with_the_weight()
    {
        var id = Id(new Random(11));

        Assert.Equal(SampleDraw.Key(5, id, 1), SampleDraw.Key(5, id, 1));
        Assert.NotEqual(SampleDraw.Key(5, id, 1), SampleDraw.Key(6, id, 1));
        Assert.True(SampleDraw.Key(5, id, 3) > SampleDraw.Key(5, id, 1));
        Assert.True(SampleDraw.Key(5, id, 1) < 0);
    }

    [Theory]
    [InlineData(false, ResponderKind.Volunteer, 0, 1.0, DrawReasons.None)]
    [InlineData(true, ResponderKind.Volunteer, 0, 3.0, DrawReasons.LowRating)]
    [InlineData(false, ResponderKind.Volunteer, null, 3.0, DrawReasons.LongUnchecked)]
    [InlineData(true, ResponderKind.Volunteer, null, 9.0, DrawReasons.LowRating | DrawReasons.LongUnchecked)]
    [InlineData(false, ResponderKind.Volunteer, 3, 1.5, DrawReasons.None)]
    [InlineData(false, ResponderKind.Volunteer, 6, 2.0, DrawReasons.LongUnchecked)]
    [InlineData(false, ResponderKind.Volunteer, 24, 3.0, DrawReasons.LongUnchecked)]
    [InlineData(false, ResponderKind.Team, null, 3.0, DrawReasons.LongUnchecked)]
    [InlineData(false, ResponderKind.Station, null, 1.0, DrawReasons.None)]
    [InlineData(true, ResponderKind.Station, null, 3.0, DrawReasons.LowRating)]
    public void A_low_rating_triples_the_weight_and_a_volunteer_long_unchecked_counts_up_to_three_times(bool lowRating, ResponderKind kind, int? months,
        double weight, DrawReasons reasons)
    {
        Assert.Equal((weight, reasons), SampleDraw.WeightOf(lowRating, kind, months));
    }
}
