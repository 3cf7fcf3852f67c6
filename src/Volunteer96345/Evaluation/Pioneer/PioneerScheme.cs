using Volunteer96345.People;

namespace Volunteer96345.Evaluation.Pioneer;

public enum IndexItemKind
{
    /// <summary>加分项.</summary>
    Plus,

    /// <summary>减分项.</summary>
    Minus,

    /// <summary>一票否决: any unit zeroes the index and the grade is 不合格.</summary>
    Veto,
}

/// <summary>The facts the platform counts for a member in a period, each the unit of one or more scheme items.</summary>
public enum IndexFact
{
    /// <summary>Hours of service: work orders and activities (the hours the volunteer's record shows).</summary>
    ServiceHours,

    /// <summary>Work orders the member resolved that were closed.</summary>
    ClosedOrders,

    /// <summary>1 when the member's composite evaluation is at least the scheme's "good" mark with enough ratings, else 0.</summary>
    GoodEvaluation,

    /// <summary>Pioneer Service Days (the 25th) and holiday activities attended.</summary>
    ServiceDays,

    /// <summary>Pairing visits made by their due date.</summary>
    PairingVisitsOnTime,

    /// <summary>Training sessions attended.</summary>
    TrainingSessions,

    /// <summary>Good Deeds Bank points earned in the period (all earning types).</summary>
    PointsEarned,

    /// <summary>Commendations (表彰) the member declared with the certificate and the branch accepted.</summary>
    Commendations,

    /// <summary>Units the member declared with proof and the branch accepted (自评).</summary>
    Declared,

    /// <summary>Orders the member accepted and reached late: a breach of the 30-minute promise that was theirs.</summary>
    LateArrivals,

    /// <summary>Complaints about the member that a call-back or a spot check upheld.</summary>
    UpheldComplaints,

    /// <summary>Duty shifts the member was rostered for and missed.</summary>
    MissedShifts,

    /// <summary>Pioneer Service Days signed up for and missed without an excuse (excused absences do not count).</summary>
    ServiceDayAbsences,

    /// <summary>A violation of discipline or law recorded by the branch or the town.</summary>
    Discipline,
}

public enum PioneerGrade
{
    /// <summary>优秀.</summary>
    Excellent,

    /// <summary>合格.</summary>
    Qualified,

    /// <summary>基本合格.</summary>
    BasicallyQualified,

    /// <summary>不合格.</summary>
    Unqualified,
}

/// <summary>
/// One item of a year's scheme: what it counts (<see cref="Fact"/>), the points per unit, the cap on its points, and per
/// member category a multiplier of the points per unit (missing: 1; 0: the item does not apply to that category).
/// </summary>
public sealed record SchemeItem(string Code, string Name, IndexItemKind Kind, IndexFact Fact, decimal PointsPerUnit, decimal? Cap,
    IReadOnlyDictionary<PartyMemberCategory, decimal>? Weights = null)
{
    /// <summary>The category's multiplier; a member not yet classed counts at 1 on every item.</summary>
    public decimal WeightFor(PartyMemberCategory? category) => Weights is not null && category is { } c && Weights.TryGetValue(c, out var weight) ? weight : 1;
}

/// <summary>
/// A year's 党员先锋指数 scheme: the base score, the items, the most an index can reach, the grades' thresholds, and the
/// composite evaluation (0–100, with enough ratings) that counts as 优良 for <see cref="IndexFact.GoodEvaluation"/>.
/// </summary>
public sealed record PioneerScheme(int Year, decimal BaseScore, decimal MaxScore, IReadOnlyList<SchemeItem> Items, decimal Excellent, decimal Qualified,
    decimal BasicallyQualified, decimal GoodEvaluationMark = 80)
{
    /// <summary>The facts a member declares with proof (自评) and the branch accepts; every other fact the platform counts.</summary>
    public static readonly IReadOnlySet<IndexFact> Declarable = new HashSet<IndexFact> { IndexFact.Declared, IndexFact.Commendations };

    /// <summary>The item the branch records a violation under; it is never declared by the member.</summary>
    public static bool IsBranchRecorded(IndexFact fact) => fact == IndexFact.Discipline;

    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The scheme as stored with a frozen result and in the year's row: the same text gives the same scheme back.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static PioneerScheme FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<PioneerScheme>(json, Json)!;

    /// <summary>
    /// The scheme seeded for a new year, modelled on the common shape of Zhejiang's 党员先锋指数 schemes (a base score,
    /// plus and minus items each with a cap, veto items, four grades); the numbers are ours, for the town to edit, and
    /// docs/evaluation.md gives the reason for each.
    /// </summary>
    public static PioneerScheme Default(int year) => new(year, 60, 100,
    [
        new("hours", "志愿服务时长", IndexItemKind.Plus, IndexFact.ServiceHours, 0.5m, 15,
            new Dictionary<PartyMemberCategory, decimal> { [PartyMemberCategory.Employed] = 1.5m, [PartyMemberCategory.Mobile] = 2m, [PartyMemberCategory.Elderly] = 1.5m }),
        new("orders", "办结96345工单", IndexItemKind.Plus, IndexFact.ClosedOrders, 1, 10),
        new("evaluation", "综合评价优良", IndexItemKind.Plus, IndexFact.GoodEvaluation, 5, 5),
        new("service-days", "参加先锋服务日活动", IndexItemKind.Plus, IndexFact.ServiceDays, 1, 12,
            new Dictionary<PartyMemberCategory, decimal> { [PartyMemberCategory.Mobile] = 2m }),
        new("pairing", "结对帮扶按时走访", IndexItemKind.Plus, IndexFact.PairingVisitsOnTime, 1, 8,
            new Dictionary<PartyMemberCategory, decimal> { [PartyMemberCategory.Mobile] = 0m }),
        new("training", "参加培训", IndexItemKind.Plus, IndexFact.TrainingSessions, 1, 4),
        new("points", "好人好事积分", IndexItemKind.Plus, IndexFact.PointsEarned, 0.01m, 5),
        new("commendations", "获得表彰", IndexItemKind.Plus, IndexFact.Commendations, 3, 6),
        new("declared", "自评申报（支部认定）", IndexItemKind.Plus, IndexFact.Declared, 1, 5),
        new("late", "超时未到达（30分钟承诺）", IndexItemKind.Minus, IndexFact.LateArrivals, 2, 10),
        new("complaints", "服务投诉属实", IndexItemKind.Minus, IndexFact.UpheldComplaints, 5, 20),
        new("missed-shifts", "无故缺岗", IndexItemKind.Minus, IndexFact.MissedShifts, 2, 10,
            new Dictionary<PartyMemberCategory, decimal> { [PartyMemberCategory.Elderly] = 0.5m }),
        new("absences", "先锋服务日无故缺席", IndexItemKind.Minus, IndexFact.ServiceDayAbsences, 1, 6,
            new Dictionary<PartyMemberCategory, decimal> { [PartyMemberCategory.Mobile] = 0m }),
        new("discipline", "违纪违法", IndexItemKind.Veto, IndexFact.Discipline, 0, null),
    ], Excellent: 90, Qualified: 75, BasicallyQualified: 60);
}
