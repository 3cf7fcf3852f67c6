using Volunteer96345.Evaluation.Pioneer;
using Volunteer96345.People;

namespace Volunteer96345.Tests.Evaluation;

/// <summary>
/// 党员先锋指数 against hand-computed fixtures: the default scheme (base 60, maximum 100; docs/evaluation.md) for each member
/// category, with caps, the category weights, items that do not apply, a declared item, the limits and a veto.
/// </summary>
public sealed class PioneerIndexTests
{
    private static readonly PioneerScheme Scheme = PioneerScheme.Default(2026);

    // An active member's year: 24 h, 12 orders (cap 10), a good evaluation, three 25ths, four visits on time, two trainings,
    // 350 points, two declared units; one late arrival, two missed shifts, one unexcused absence.
    private static readonly Dictionary<IndexFact, decimal> Active = new()
    {
        [IndexFact.ServiceHours] = 24,
        [IndexFact.ClosedOrders] = 12,
        [IndexFact.GoodEvaluation] = 1,
        [IndexFact.ServiceDays] = 3,
        [IndexFact.PairingVisitsOnTime] = 4,
        [IndexFact.TrainingSessions] = 2,
        [IndexFact.PointsEarned] = 350,
        [IndexFact.Declared] = 2,
        [IndexFact.LateArrivals] = 1,
        [IndexFact.MissedShifts] = 2,
        [IndexFact.ServiceDayAbsences] = 1,
    };

    // A modest year: 10 h, 3 orders, two 25ths, two visits, one training, 120 points, one declared unit; one late arrival,
    // one upheld complaint, one missed shift, two unexcused absences.
    private static readonly Dictionary<IndexFact, decimal> Modest = new()
    {
        [IndexFact.ServiceHours] = 10,
        [IndexFact.ClosedOrders] = 3,
        [IndexFact.ServiceDays] = 2,
        [IndexFact.PairingVisitsOnTime] = 2,
        [IndexFact.TrainingSessions] = 1,
        [IndexFact.PointsEarned] = 120,
        [IndexFact.Declared] = 1,
        [IndexFact.LateArrivals] = 1,
        [IndexFact.UpheldComplaints] = 1,
        [IndexFact.MissedShifts] = 1,
        [IndexFact.ServiceDayAbsences] = 2,
    };

    [Theory]
    // Rural and community: 60 + hours 12 + orders 10 (capped from 12) + evaluation 5 + 25ths 3 + visits 4 + training 2
    // + points 3.5 + declared 2 − late 2 − missed 4 − absence 1 = 94.5.
    [InlineData(PartyMemberCategory.Rural, "94.5", "12", PioneerGrade.Excellent)]
    [InlineData(PartyMemberCategory.Community, "94.5", "12", PioneerGrade.Excellent)]
    // Employed: hours weigh 1.5, 24 × 0.5 × 1.5 = 18, capped at 15: 97.5.
    [InlineData(PartyMemberCategory.Employed, "97.5", "15", PioneerGrade.Excellent)]
    // Mobile: hours ×2 (24, capped 15), 25ths ×2 (6), visits and absences do not apply: 60 + 15 + 10 + 5 + 6 + 2 + 3.5 + 2 − 2 − 4 = 97.5.
    [InlineData(PartyMemberCategory.Mobile, "97.5", "15", PioneerGrade.Excellent)]
    // Elderly: hours ×1.5 (capped 15), missed shifts ×0.5 (−2): 60 + 15 + 10 + 5 + 3 + 4 + 2 + 3.5 + 2 − 2 − 2 − 1 = 99.5.
    [InlineData(PartyMemberCategory.Elderly, "99.5", "15", PioneerGrade.Excellent)]
    public void An_active_year_gives_the_hand_computed_index_for_each_category(PartyMemberCategory category, string score, string hours, PioneerGrade grade)
    {
        var result = PioneerIndex.Compute(Scheme, category, Active);

        Assert.Equal(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), result.Score);
        Assert.Equal(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture), Line(result, "hours").Points);
        Assert.Equal(grade, result.Grade);
        Assert.Null(result.VetoedBy);
        var orders = Line(result, "orders");
        Assert.True(orders.Capped);
        Assert.Equal(12, orders.Uncapped);
        Assert.Equal(10, orders.Points);
        Assert.Equal(2, Line(result, "declared").Points);
        Assert.Equal(-2, Line(result, "late").Points);
    }

    [Theory]
    // 60 + 5 + 3 + 2 + 2 + 1 + 1.2 + 1 − 2 − 5 − 2 − 2 = 64.2.
    [InlineData(PartyMemberCategory.Rural, "64.2", PioneerGrade.BasicallyQualified)]
    [InlineData(PartyMemberCategory.Community, "64.2", PioneerGrade.BasicallyQualified)]
    // Hours 7.5: 66.7.
    [InlineData(PartyMemberCategory.Employed, "66.7", PioneerGrade.BasicallyQualified)]
    // Hours 10, 25ths 4, no visits, no absences: 60 + 10 + 3 + 4 + 1 + 1.2 + 1 − 2 − 5 − 2 = 71.2.
    [InlineData(PartyMemberCategory.Mobile, "71.2", PioneerGrade.BasicallyQualified)]
    // Hours 7.5, missed shift −1: 60 + 7.5 + 3 + 2 + 2 + 1 + 1.2 + 1 − 2 − 5 − 1 − 2 = 67.7.
    [InlineData(PartyMemberCategory.Elderly, "67.7", PioneerGrade.BasicallyQualified)]
    public void A_modest_year_gives_the_hand_computed_index_for_each_category(PartyMemberCategory category, string score, PioneerGrade grade)
    {
        var result = PioneerIndex.Compute(Scheme, category, Modest);

        Assert.Equal(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), result.Score);
        Assert.Equal(grade, result.Grade);
        Assert.Equal(-5, Line(result, "complaints").Points);
    }

    [Fact]
    public void A_member_not_yet_classed_counts_every_item_at_its_plain_weight()
    {
        var result = PioneerIndex.Compute(Scheme, null, Active);

        // As a rural member, whose items all weigh 1: 94.5.
        Assert.Equal(94.5m, result.Score);
        Assert.All(result.Lines, l => Assert.True(l.Applies));
    }

    [Fact]
    public void Items_that_do_not_apply_to_a_category_count_nothing_and_say_so()
    {
        var result = PioneerIndex.Compute(Scheme, PartyMemberCategory.Mobile, Active);

        Assert.False(Line(result, "pairing").Applies);
        Assert.Equal(0, Line(result, "pairing").Points);
        Assert.Equal(4, Line(result, "pairing").Units);
        Assert.False(Line(result, "absences").Applies);
        Assert.True(Line(result, "hours").Applies);
    }

    [Fact]
    public void A_veto_zeroes_the_index_whatever_else_the_year_holds()
    {
        var facts = new Dictionary<IndexFact, decimal>(Active) { [IndexFact.Discipline] = 1 };

        var result = PioneerIndex.Compute(Scheme, PartyMemberCategory.Rural, facts);

        Assert.Equal(0, result.Score);
        Assert.Equal(PioneerGrade.Unqualified, result.Grade);
        Assert.Equal("discipline", result.VetoedBy);
        Assert.Equal(12, Line(result, "hours").Points);
    }

    [Fact]
    public void The_index_stays_within_nought_and_the_schemes_maximum()
    {
        var everything = Enum.GetValues<IndexFact>().Where(f => f != IndexFact.Discipline).ToDictionary(f => f, _ => 1000m);
        var plusOnly = everything.ToDictionary(p => p.Key, p => Scheme.Items.Any(i => i.Fact == p.Key && i.Kind == IndexItemKind.Minus) ? 0 : p.Value);
        var minusOnly = everything.ToDictionary(p => p.Key, p => Scheme.Items.Any(i => i.Fact == p.Key && i.Kind == IndexItemKind.Plus) ? 0 : p.Value);

        Assert.Equal(100, PioneerIndex.Compute(Scheme, PartyMemberCategory.Rural, plusOnly).Score);
        // Every minus item at its cap: 60 − 10 − 20 − 10 − 6 = 14, above nought.
        Assert.Equal(14, PioneerIndex.Compute(Scheme, PartyMemberCategory.Rural, minusOnly).Score);
        var harsh = Scheme with { BaseScore = 20 };
        Assert.Equal(0, PioneerIndex.Compute(harsh, PartyMemberCategory.Rural, minusOnly).Score);
    }

    [Theory]
    [InlineData("90", PioneerGrade.Excellent)]
    [InlineData("89.99", PioneerGrade.Qualified)]
    [InlineData("75", PioneerGrade.Qualified)]
    [InlineData("74.99", PioneerGrade.BasicallyQualified)]
    [InlineData("60", PioneerGrade.BasicallyQualified)]
    [InlineData("59.99", PioneerGrade.Unqualified)]
    public void The_grade_follows_the_schemes_thresholds(string score, PioneerGrade grade) =>
        Assert.Equal(grade, PioneerIndex.GradeOf(Scheme, decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_same_facts_and_scheme_give_the_same_index()
    {
        var first = PioneerIndex.Compute(Scheme, PartyMemberCategory.Community, Modest);
        var second = PioneerIndex.Compute(PioneerScheme.Default(2026), PartyMemberCategory.Community, new Dictionary<IndexFact, decimal>(Modest.Reverse()));

        Assert.Equal(first.Score, second.Score);
        Assert.Equal(first.Lines, second.Lines);
    }

    private static IndexLine Line(IndexResult result, string code) => result.Lines.Single(l => l.Code == code);
}
