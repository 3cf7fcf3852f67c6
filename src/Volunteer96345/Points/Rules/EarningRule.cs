using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points.Rules;

/// <summary>How a rule turns what was done into points.</summary>
internal enum RuleBasis
{
    /// <summary>Points per service hour.</summary>
    PerHour,

    /// <summary>The work-order catalogue item's own points.</summary>
    PerCatalogueItem,

    /// <summary>Points per full band of a donation (e.g. 10 points per 100 yuan).</summary>
    PerDonationBand,

    /// <summary>A fixed award (a heroic act, a good deed).</summary>
    Fixed,
}

/// <summary>The level of the activity or deed; each rule may weigh a level with a coefficient (1 when not set).</summary>
public enum ActivityLevel
{
    Village,
    Town,
    County,
    City,
    Province,
}

/// <summary>
/// One version of the rule for an earning type, in force from <see cref="EffectiveFrom"/> to <see cref="EffectiveTo"/>
/// (Shanghai dates, inclusive). A posting stores the points it computed, so changing a rule (which closes this version
/// and opens a new one) never rewrites a past posting.
/// </summary>
internal sealed class EarningRule
{
    public Guid Id { get; private set; }
    public EarningType Type { get; private set; }
    public RuleBasis Basis { get; private set; }

    /// <summary>Points per unit (hour, band) or the fixed award; unused for <see cref="RuleBasis.PerCatalogueItem"/>.</summary>
    public int Points { get; private set; }

    /// <summary>Yuan per band, for <see cref="RuleBasis.PerDonationBand"/>.</summary>
    public int? BandSize { get; private set; }

    /// <summary>Level coefficients as <c>Town=1.2;County=1.5</c>; a level not named weighs 1.</summary>
    public string Coefficients { get; private set; } = "";
    public int? DailyCap { get; private set; }
    public int? YearlyCap { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public DateOnly? EffectiveTo { get; private set; }
    public string Note { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public static EarningRule Create(EarningType type, RuleBasis basis, int points, int? bandSize, IReadOnlyDictionary<ActivityLevel, decimal> coefficients,
        int? dailyCap, int? yearlyCap, DateOnly from, string? note, DateTime now) => new()
        {
            Id = Guid.CreateVersion7(),
            Type = type,
            Basis = basis,
            Points = points,
            BandSize = bandSize,
            Coefficients = Format(coefficients),
            DailyCap = dailyCap,
            YearlyCap = yearlyCap,
            EffectiveFrom = from,
            Note = note?.Trim() ?? "",
            CreatedAt = now,
        };

    public bool InForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);

    /// <summary>Ends this version the day before its successor starts.</summary>
    public void SupersededFrom(DateOnly successorFrom) => EffectiveTo = successorFrom.AddDays(-1);

    public IReadOnlyDictionary<ActivityLevel, decimal> CoefficientMap() => Coefficients.Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('='))
        .Where(p => p.Length == 2 && Enum.TryParse<ActivityLevel>(p[0], out _))
        .ToDictionary(p => Enum.Parse<ActivityLevel>(p[0]), p => decimal.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>Points before the caps: units (hours, catalogue points or yuan) by the basis, weighed by the level.</summary>
    public long PointsFor(decimal units, ActivityLevel? level)
    {
        var raw = Basis switch
        {
            RuleBasis.PerHour => Points * units,
            RuleBasis.PerCatalogueItem => units,
            RuleBasis.PerDonationBand => BandSize is > 0 ? Points * Math.Floor(units / BandSize.Value) : 0,
            _ => Points,
        };
        var coefficient = level is { } l && CoefficientMap().TryGetValue(l, out var c) ? c : 1m;
        return (long)Math.Round(raw * coefficient, MidpointRounding.AwayFromZero);
    }

    private static string Format(IReadOnlyDictionary<ActivityLevel, decimal> coefficients) =>
        string.Join(';', coefficients.Where(c => c.Value != 1m).OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}"));

    internal sealed class Configuration : IEntityTypeConfiguration<EarningRule>
    {
        public void Configure(EntityTypeBuilder<EarningRule> builder)
        {
            builder.ToTable("points_rules", t => t.HasCheckConstraint("CK_points_rules_points", "\"Points\" >= 0"));
            builder.Property(r => r.Coefficients).HasMaxLength(200);
            builder.Property(r => r.Note).HasMaxLength(200);
            builder.HasIndex(r => new { r.Type, r.EffectiveFrom });
        }
    }
}
