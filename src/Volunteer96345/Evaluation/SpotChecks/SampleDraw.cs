using System.Buffers.Binary;
using System.Security.Cryptography;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation.SpotChecks;

/// <summary>
/// The month's sample, a pure function of the candidates, the seed and the rate so that it can be replayed and tested.
/// Per station and subject, max(minimum, ⌈n × rate⌉) of the n services are drawn (all of them when fewer), by weighted
/// sampling without replacement (Efraimidis–Spirakis: each candidate gets the key ln(u)/w and the largest keys win), so
/// a candidate of weight 3 is about three times as likely to be picked as one of weight 1. u comes from SHA-256 of the
/// seed and the service's id: the same seed picks the same services whatever order the candidates are read in, on any
/// runtime.
/// </summary>
internal static class SampleDraw
{
    /// <summary>Weight of a service whose resident rated it low (or whose call-back re-opened it).</summary>
    public const double LowRatingFactor = 3;

    /// <summary>Months without a spot check after which a volunteer counts as long unchecked; never checked counts as <see cref="UncheckedCap"/>.</summary>
    public const int LongUncheckedMonths = 6;

    public const int UncheckedCap = 12;

    public static List<SpotCheck.Candidate> Pick(IEnumerable<SpotCheck.Candidate> candidates, int seed, decimal ratePercent, int minimum) =>
    [
        .. candidates
            .GroupBy(c => (c.StationId, c.Subject))
            .OrderBy(g => g.Key.StationId).ThenBy(g => g.Key.Subject)
            .SelectMany(group =>
            {
                var all = group.ToList();
                var take = Math.Min(all.Count, Math.Max(minimum, (int)Math.Ceiling(all.Count * ratePercent / 100m)));
                return all.Select(c => (Candidate: c, Key: Key(seed, c.SubjectId, c.Weight)))
                    .OrderByDescending(x => x.Key).ThenBy(x => x.Candidate.SubjectId)
                    .Take(take)
                    .Select(x => x.Candidate);
            }),
    ];

    /// <summary>A candidate's weight: low ratings triple it; a volunteer unchecked for m months (capped at 12) multiplies it by 1 + m/6.</summary>
    public static (double Weight, DrawReasons Reasons) WeightOf(bool lowRating, ResponderKind ratedKind, int? monthsSinceChecked)
    {
        var weight = 1.0;
        var reasons = DrawReasons.None;
        if (lowRating)
        {
            weight *= LowRatingFactor;
            reasons |= DrawReasons.LowRating;
        }

        if (ratedKind != ResponderKind.Station)
        {
            var months = Math.Min(monthsSinceChecked ?? UncheckedCap, UncheckedCap);
            weight *= 1 + (months / (double)LongUncheckedMonths);
            if (months >= LongUncheckedMonths)
            {
                reasons |= DrawReasons.LongUnchecked;
            }
        }

        return (weight, reasons);
    }

    /// <summary>ln(u)/w with u in (0, 1) from SHA-256 of the seed and the id: larger is picked first.</summary>
    public static double Key(int seed, Guid id, double weight)
    {
        Span<byte> input = stackalloc byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(input, seed);
        id.TryWriteBytes(input[4..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var u = ((BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) + 0.5) / (1UL << 53);
        return Math.Log(u) / Math.Max(weight, 1e-9);
    }
}
