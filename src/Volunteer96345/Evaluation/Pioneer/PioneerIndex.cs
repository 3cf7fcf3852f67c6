using Volunteer96345.People;

namespace Volunteer96345.Evaluation.Pioneer;

/// <summary>One item's part of an index: the units counted, the points before the cap, and the points that count (signed).</summary>
public sealed record IndexLine(string Code, string Name, IndexItemKind Kind, IndexFact Fact, decimal Units, decimal Weight, decimal Uncapped, decimal Points,
    bool Capped, bool Applies);

public sealed record IndexResult(decimal BaseScore, IReadOnlyList<IndexLine> Lines, decimal Adjustment, decimal Score, PioneerGrade Grade, string? VetoedBy);

/// <summary>
/// 党员先锋指数, a pure function of the year's scheme, the member's category and the period's facts, so that the same
/// facts and scheme always give the same index and a hand-computed fixture can test it. Each item gives
/// units × points per unit × the category's weight, capped; plus items add, minus items subtract; the sum with the base
/// is kept within 0 and the scheme's maximum; a veto item with any unit zeroes it. The grade follows the thresholds.
/// Points are kept to two decimals, rounded half away from zero, per item and in the total. The branch's adjustment
/// (支部评议) is added before the sum is kept within bounds; a veto ignores it.
/// </summary>
internal static class PioneerIndex
{
    public static IndexResult Compute(PioneerScheme scheme, PartyMemberCategory? category, IReadOnlyDictionary<IndexFact, decimal> facts, decimal adjustment = 0)
    {
        var lines = new List<IndexLine>(scheme.Items.Count);
        string? vetoedBy = null;
        var score = scheme.BaseScore;
        foreach (var item in scheme.Items)
        {
            var units = facts.GetValueOrDefault(item.Fact);
            var weight = item.WeightFor(category);
            if (weight == 0)
            {
                lines.Add(new IndexLine(item.Code, item.Name, item.Kind, item.Fact, units, 0, 0, 0, Capped: false, Applies: false));
                continue;
            }

            if (item.Kind == IndexItemKind.Veto)
            {
                if (units > 0)
                {
                    vetoedBy ??= item.Code;
                }

                lines.Add(new IndexLine(item.Code, item.Name, item.Kind, item.Fact, units, weight, 0, 0, Capped: false, Applies: true));
                continue;
            }

            var uncapped = Round(units * item.PointsPerUnit * weight);
            var capped = item.Cap is { } cap && uncapped > cap;
            var points = capped ? item.Cap!.Value : uncapped;
            var signed = item.Kind == IndexItemKind.Minus ? -points : points;
            score += signed;
            lines.Add(new IndexLine(item.Code, item.Name, item.Kind, item.Fact, units, weight, uncapped, signed, capped, Applies: true));
        }

        score = vetoedBy is null ? Round(Math.Clamp(score + adjustment, 0, scheme.MaxScore)) : 0;
        return new IndexResult(scheme.BaseScore, lines, adjustment, score, vetoedBy is null ? GradeOf(scheme, score) : PioneerGrade.Unqualified, vetoedBy);
    }

    public static PioneerGrade GradeOf(PioneerScheme scheme, decimal score) =>
        score >= scheme.Excellent ? PioneerGrade.Excellent
        : score >= scheme.Qualified ? PioneerGrade.Qualified
        : score >= scheme.BasicallyQualified ? PioneerGrade.BasicallyQualified
        : PioneerGrade.Unqualified;

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
