using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.Points.Rules;

internal sealed class RuleInput
{
    public EarningType? Type { get; set; }
    public RuleBasis? Basis { get; set; }
    public int? Points { get; set; }
    public int? BandSize { get; set; }
    public int? DailyCap { get; set; }
    public int? YearlyCap { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    public string? Note { get; set; }
    public Dictionary<ActivityLevel, decimal>? Coefficients { get; set; }
}

internal sealed record RuleRow(Guid Id, EarningType Type, RuleBasis Basis, int Points, int? BandSize, string Coefficients, int? DailyCap, int? YearlyCap,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Note, bool InForce);

/// <summary>
/// 积分规则: the town admin changes the rule of an earning type by adding a version from a date (today or later); the
/// version it replaces ends the day before. Versions are never edited, and postings keep the points they were given.
/// </summary>
internal sealed class ManageRulesHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxPoints = 100_000;

    public async Task<List<RuleRow>> List(CancellationToken cancellationToken)
    {
        var today = Shanghai.Today(clock);
        var rules = await db.EarningRules.AsNoTracking().OrderBy(r => r.Type).ThenByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        var inForce = rules.GroupBy(r => r.Type).Select(g => g.FirstOrDefault(r => r.InForceOn(today))?.Id).ToHashSet();
        return [.. rules.Select(r => new RuleRow(r.Id, r.Type, r.Basis, r.Points, r.BandSize, r.Coefficients, r.DailyCap, r.YearlyCap,
            r.EffectiveFrom, r.EffectiveTo, r.Note, inForce.Contains(r.Id)))];
    }

    public async Task<Result<Guid>> Change(RuleInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var today = Shanghai.Today(clock);
        var v = new Validation(localizer).Defined("type", input.Type).Defined("basis", input.Basis)
            .Range("points", input.Points, 0, MaxPoints)
            .Required("effectiveFrom", input.EffectiveFrom)
            .Text("note", input.Note, 200, required: false);
        if (input.Basis == RuleBasis.PerDonationBand)
        {
            v.Range("bandSize", input.BandSize, 1, 1_000_000);
        }

        if (input.DailyCap is not null)
        {
            v.Range("dailyCap", input.DailyCap, 1, PointsBank.MaxAmount);
        }

        if (input.YearlyCap is not null)
        {
            v.Range("yearlyCap", input.YearlyCap, 1, PointsBank.MaxAmount);
        }

        v.Check(input.EffectiveFrom is null || input.EffectiveFrom >= today, "effectiveFrom", "Points.RuleNotBackdated");
        foreach (var (level, coefficient) in input.Coefficients ?? [])
        {
            v.Check(Enum.IsDefined(level) && coefficient is >= 0 and <= 10, "coefficients", "Points.CoefficientRange");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var from = input.EffectiveFrom!.Value;
        var replaced = await db.EarningRules.Where(r => r.Type == input.Type && (r.EffectiveTo == null || r.EffectiveTo >= from)).ToListAsync(cancellationToken);
        foreach (var old in replaced)
        {
            old.SupersededFrom(from);
        }

        var rule = EarningRule.Create(input.Type!.Value, input.Basis!.Value, input.Points!.Value, input.Basis == RuleBasis.PerDonationBand ? input.BandSize : null,
            input.Coefficients ?? [], input.DailyCap, input.YearlyCap, from, input.Note, clock.GetUtcNow().UtcDateTime);
        db.EarningRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return rule.Id;
    }
}

/// <summary>The seed's examples of earning rules, for the demo and a fresh installation; an admin changes them on the rules page.</summary>
internal static class EarningRuleSeed
{
    public static async Task RunAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.EarningRules.AnyAsync(cancellationToken))
        {
            return;
        }

        var from = new DateOnly(2026, 1, 1);
        Dictionary<ActivityLevel, decimal> levels = new() { [ActivityLevel.County] = 1.5m, [ActivityLevel.City] = 2m, [ActivityLevel.Province] = 3m };
        db.EarningRules.AddRange(
            EarningRule.Create(EarningType.VolunteerService, RuleBasis.PerHour, 10, null, levels, 40, 2_000, from, "每服务1小时10分", now),
            EarningRule.Create(EarningType.ConvenienceService, RuleBasis.PerCatalogueItem, 0, null, new Dictionary<ActivityLevel, decimal>(), 50, 3_000, from, "按服务目录积分", now),
            EarningRule.Create(EarningType.GoodDeed, RuleBasis.Fixed, 20, null, levels, 60, 1_000, from, "每件好人好事20分", now),
            EarningRule.Create(EarningType.CharitableDonation, RuleBasis.PerDonationBand, 10, 100, new Dictionary<ActivityLevel, decimal>(), null, 2_000, from, "每捐赠100元10分", now),
            EarningRule.Create(EarningType.HeroicAct, RuleBasis.Fixed, 200, null, levels, null, null, from, "见义勇为由评定委员会认定", now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
