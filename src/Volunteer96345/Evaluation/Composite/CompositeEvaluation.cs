using System.Globalization;
using Volunteer96345.Common.Time;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation.Composite;

/// <summary>Where a rating comes from: the resident's feedback form, a staff call-back, an inspector's spot check.</summary>
public enum RatingSource
{
    Feedback,
    Callback,
    SpotCheck,
}

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>A month, quarter or year of Shanghai's calendar; a rating counts in the period it was given.</summary>
public readonly record struct EvaluationPeriod(PeriodKind Kind, int Year, int Number)
{
    public DateOnly FirstDay => Kind switch
    {
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Quarter => new DateOnly(Year, ((Number - 1) * 3) + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly EndDay => Kind switch
    {
        PeriodKind.Month => FirstDay.AddMonths(1),
        PeriodKind.Quarter => FirstDay.AddMonths(3),
        _ => FirstDay.AddYears(1),
    };

    public DateTime FromUtc => Shanghai.StartOfDayUtc(FirstDay);
    public DateTime ToUtc => Shanghai.StartOfDayUtc(EndDay);

    /// <summary>2026-11, 2026-Q4, 2026: the form the API takes and gives.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Number:00}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}"),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string? text, out EvaluationPeriod period)
    {
        period = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 7 || !int.TryParse(text.AsSpan(0, Math.Min(4, text.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 2017 or > 2100)
        {
            return false;
        }

        var rest = text[4..];
        if (rest.Length == 0)
        {
            period = new EvaluationPeriod(PeriodKind.Year, year, 1);
            return true;
        }

        if (rest.StartsWith("-Q", StringComparison.OrdinalIgnoreCase) && int.TryParse(rest.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 4)
        {
            period = new EvaluationPeriod(PeriodKind.Quarter, year, q);
            return true;
        }

        if (rest.StartsWith('-') && rest.Length == 3 && int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
        {
            period = new EvaluationPeriod(PeriodKind.Month, year, m);
            return true;
        }

        return false;
    }

    public static EvaluationPeriod Of(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Month => new EvaluationPeriod(kind, day.Year, day.Month),
        PeriodKind.Quarter => new EvaluationPeriod(kind, day.Year, ((day.Month - 1) / 3) + 1),
        _ => new EvaluationPeriod(kind, day.Year, 1),
    };
}

/// <summary>
/// One rating on the common 0–100 scale of each dimension it speaks to (null where the source says nothing about it). It
/// rates the station, and the responder or volunteer when there is one; it counts in the period it was given
/// (<see cref="At"/>: feedback submitted, call-back made, spot check worked). <see cref="SubjectId"/> is the work order
/// rated, or the spot check's sampled service.
/// </summary>
internal readonly record struct Rating(RatingSource Source, Guid SourceId, Guid SubjectId, Guid StationId, ResponderKind? RatedKind, Guid? RatedId, DateTime At,
    double? Attitude, double? Outcome, double? Satisfaction)
{
    /// <summary>1–5 stars or marks to 0–100.</summary>
    public static double? OfFive(int? value) => value is { } v ? (v - 1) * 25.0 : null;

    public static double Of(Attitude attitude) => attitude switch
    {
        WorkOrders.Attitude.Good => 100,
        WorkOrders.Attitude.Fair => 50,
        _ => 0,
    };

    public static double? Of(Outcome? outcome) => outcome switch
    {
        WorkOrders.Outcome.Solved => 100,
        WorkOrders.Outcome.PartlySolved => 50,
        WorkOrders.Outcome.NotSolved => 0,
        _ => null,
    };
}

public enum Dimension
{
    Attitude,
    Outcome,
    Satisfaction,
}

/// <summary>A dimension's score: shrunk towards the town's mean (<see cref="Score"/>), the plain weighted mean (<see cref="Raw"/>) and how many ratings spoke to it.</summary>
public sealed record DimensionScore(double? Score, double? Raw, int Count);

/// <summary>One subject's composite for a period: the three dimensions, the weighted composite, and the number of ratings behind it.</summary>
public sealed record Standing(ResponderKind Kind, Guid Id, DimensionScore Attitude, DimensionScore Outcome, DimensionScore Satisfaction, double? Composite,
    int Count, int Feedback, int Callbacks, int SpotChecks, bool Enough);

/// <summary>
/// 综合评价, a pure function of the ratings and the town's settings so that it can be tested against hand-computed
/// fixtures. For each dimension, a subject's score is the Bayesian average
/// (Σ wᵢ·rᵢ + C·μ) / (Σ wᵢ + C): each rating rᵢ weighted by its source (spot checks most), and C (the prior weight) ratings
/// at the town's weighted mean μ of the same period added, so that one perfect rating does not beat fifty good ones.
/// The composite is the dimensions' scores weighted by their shares.
/// </summary>
internal static class CompositeEvaluation
{
    public sealed record Result(IReadOnlyDictionary<(ResponderKind Kind, Guid Id), Standing> Standings, double? MeanAttitude, double? MeanOutcome,
        double? MeanSatisfaction, double? MeanComposite);

    public static Result Compute(IReadOnlyList<Rating> ratings, EvaluationSettings settings)
    {
        var town = new Accumulator();
        var subjects = new Dictionary<(ResponderKind, Guid), Accumulator>();
        foreach (var rating in ratings)
        {
            var weight = settings.WeightOf(rating.Source);
            if (weight <= 0)
            {
                // A source the town has switched off counts for nothing, not even in the counts.
                continue;
            }

            town.Add(rating, weight);
            Get(subjects, (ResponderKind.Station, rating.StationId)).Add(rating, weight);
            if (rating is { RatedKind: { } kind and not ResponderKind.Station, RatedId: { } id })
            {
                Get(subjects, (kind, id)).Add(rating, weight);
            }
        }

        var means = (town.Attitude.Mean, town.Outcome.Mean, town.Satisfaction.Mean);
        var standings = new Dictionary<(ResponderKind, Guid), Standing>(subjects.Count);
        foreach (var ((kind, id), a) in subjects)
        {
            var attitude = a.Attitude.Score(means.Item1, settings.PriorWeight);
            var outcome = a.Outcome.Score(means.Item2, settings.PriorWeight);
            var satisfaction = a.Satisfaction.Score(means.Item3, settings.PriorWeight);
            standings[(kind, id)] = new Standing(kind, id, attitude, outcome, satisfaction, Composite(attitude.Score, outcome.Score, satisfaction.Score, settings),
                a.Count, a.Feedback, a.Callbacks, a.SpotChecks, a.Count >= settings.MinimumCount);
        }

        return new Result(standings, Round(means.Item1), Round(means.Item2), Round(means.Item3), Composite(means.Item1, means.Item2, means.Item3, settings));
    }

    /// <summary>The shares of the dimensions that have a score, weighted; null when none has.</summary>
    public static double? Composite(double? attitude, double? outcome, double? satisfaction, EvaluationSettings settings)
    {
        double sum = 0, shares = 0;
        foreach (var (score, share) in new[] { (attitude, settings.AttitudeShare), (outcome, settings.OutcomeShare), (satisfaction, settings.SatisfactionShare) })
        {
            if (score is { } s && share > 0)
            {
                sum += s * share;
                shares += share;
            }
        }

        return shares > 0 ? Math.Round(sum / shares, 1) : null;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static Accumulator Get(Dictionary<(ResponderKind, Guid), Accumulator> map, (ResponderKind, Guid) key)
    {
        if (!map.TryGetValue(key, out var accumulator))
        {
            accumulator = new Accumulator();
            map[key] = accumulator;
        }

        return accumulator;
    }

    private sealed class Accumulator
    {
        public Sum Attitude;
        public Sum Outcome;
        public Sum Satisfaction;
        public int Count;
        public int Feedback;
        public int Callbacks;
        public int SpotChecks;

        public void Add(Rating rating, double weight)
        {
            Count++;
            switch (rating.Source)
            {
                case RatingSource.Feedback:
                    Feedback++;
                    break;
                case RatingSource.Callback:
                    Callbacks++;
                    break;
                default:
                    SpotChecks++;
                    break;
            }

            Attitude.Add(rating.Attitude, weight);
            Outcome.Add(rating.Outcome, weight);
            Satisfaction.Add(rating.Satisfaction, weight);
        }
    }

    private struct Sum
    {
        private double _weighted;
        private double _weights;
        private int _count;

        public readonly double? Mean => _weights > 0 ? _weighted / _weights : null;

        public void Add(double? value, double weight)
        {
            if (value is { } v && weight > 0)
            {
                _weighted += v * weight;
                _weights += weight;
                _count++;
            }
        }

        public readonly DimensionScore Score(double? townMean, double prior)
        {
            if (_count == 0)
            {
                return new DimensionScore(Round(townMean), null, 0);
            }

            var score = townMean is { } mu ? (_weighted + (prior * mu)) / (_weights + prior) : _weighted / _weights;
            return new DimensionScore(Round(score), Round(_weighted / _weights), _count);
        }
    }
}
