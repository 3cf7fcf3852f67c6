using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Points;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Tests.Points.Rules;

/// <summary>
/// 积分规则: points by the rule in force, weighed by the activity level and cut by the daily and yearly caps; new versions
/// from a date, never backdated, never rewriting a past posting. The demo seed's GoodDeed rule gives 20 points (×2 at city
/// level) with a daily cap of 60; its VolunteerService rule gives 10 points per hour.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EarningRulesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Key(string what) => $"test:rules:{what}:{Guid.NewGuid():N}";

    [Theory]
    [InlineData("PerHour", 10, null, 2.5, "County", 38)] // 10 × 2.5 h × 1.5 = 37.5, rounded half away from zero
    [InlineData("PerCatalogueItem", 0, null, 15, null, 15)]
    [InlineData("PerDonationBand", 10, 100, 250, null, 20)] // two full bands of 100 yuan
    [InlineData("Fixed", 20, null, 1, "City", 40)]
    [InlineData("Fixed", 20, null, 1, "Province", 60)]
    public void A_rule_weighs_the_units_by_its_basis_and_the_activity_level(string basis, int points, int? band, double units, string? level, long expected)
    {
        var rule = EarningRule.Create(EarningType.GoodDeed, Enum.Parse<RuleBasis>(basis), points, band,
            new Dictionary<ActivityLevel, decimal> { [ActivityLevel.County] = 1.5m, [ActivityLevel.City] = 2m, [ActivityLevel.Province] = 3m },
            null, null, new DateOnly(2026, 1, 1), null, AppFixture.Start.UtcDateTime);

        Assert.Equal(expected, rule.PointsFor((decimal)units, level is null ? null : Enum.Parse<ActivityLevel>(level)));
    }

    [Fact]
    public async Task The_daily_cap_cuts_the_earning_that_reaches_it_and_refuses_the_next_with_a_clear_message_posting_nothing()
    {
        var member = await app.NewResidentAccount();

        var first = await app.Rules(r => r.EarnByRule(member, EarningType.GoodDeed, 1, ActivityLevel.City, Key("a")));
        var second = await app.Rules(r => r.EarnByRule(member, EarningType.GoodDeed, 1, ActivityLevel.City, Key("b")));
        var before = await app.LedgerRows();
        var third = await app.Rules(r => r.EarnByRule(member, EarningType.GoodDeed, 1, null, Key("c")));

        Assert.Equal(40, first.Value.Amount);
        Assert.Equal(20, second.Value.Amount); // 40 more would pass the cap of 60
        Assert.Equal(ErrorKind.Conflict, third.Error!.Kind);
        Assert.Contains("上限", third.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await app.LedgerRows());
        Assert.Equal(60, await app.BalanceOf(member));
    }

    [Fact]
    public async Task Twenty_earnings_of_one_member_at_once_never_pass_the_daily_cap()
    {
        var member = await app.NewResidentAccount();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => app.Rules(r => r.EarnByRule(member, EarningType.GoodDeed, 1, null, Key("race"))))));

        Assert.Equal(3, results.Count(r => r.IsOk)); // 3 × 20 = the cap of 60
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(ErrorKind.Conflict, r.Error!.Kind));
        Assert.Equal(60, await app.BalanceOf(member));
        PointsSteps.AssertBalanced(await app.Verify());
    }

    [Fact]
    public async Task A_new_version_starts_on_its_date_ends_the_old_one_the_day_before_and_leaves_past_postings_alone()
    {
        var member = await app.NewResidentAccount();
        var before = await app.Rules(r => r.EarnByRule(member, EarningType.VolunteerService, 1, null, Key("before")));
        var today = Volunteer96345.Common.Time.Shanghai.Today(app.Clock);
        var current = await CurrentRule(EarningType.VolunteerService);

        var changed = await Change(new RuleInput
        {
            Type = EarningType.VolunteerService,
            Basis = RuleBasis.PerHour,
            Points = current.Points + 5,
            DailyCap = 1_000,
            EffectiveFrom = today.AddDays(1),
        });
        var sameDay = await app.Rules(r => r.EarnByRule(member, EarningType.VolunteerService, 1, null, Key("same-day")));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await app.Rules(r => r.EarnByRule(member, EarningType.VolunteerService, 1, null, Key("next-day")));

        Assert.True(changed.IsOk, changed.Error?.Message);
        Assert.Equal(current.Points, before.Value.Amount);
        Assert.Equal(current.Points, sameDay.Value.Amount);
        Assert.Equal(current.Points + 5, nextDay.Value.Amount);
        Assert.Equal(current.Points, await app.Db(db => db.Postings.Where(p => p.Id == before.Value.PostingId).Select(p => p.Amount).SingleAsync()));
        Assert.Equal(today, await app.Db(db => db.EarningRules.Where(r => r.Id == current.Id).Select(r => r.EffectiveTo).SingleAsync()));
    }

    [Fact]
    public async Task A_backdated_or_out_of_range_version_and_a_change_by_a_station_manager_are_refused_and_change_nothing()
    {
        var today = Volunteer96345.Common.Time.Shanghai.Today(app.Clock);
        var before = await app.Fingerprint();

        var backdated = await Change(new RuleInput { Type = EarningType.GoodDeed, Basis = RuleBasis.Fixed, Points = 5, EffectiveFrom = today.AddDays(-1) });
        var negative = await Change(new RuleInput { Type = EarningType.GoodDeed, Basis = RuleBasis.Fixed, Points = -5, EffectiveFrom = today });
        var badLevel = await Change(new RuleInput
        {
            Type = EarningType.GoodDeed,
            Basis = RuleBasis.Fixed,
            Points = 5,
            EffectiveFrom = today,
            Coefficients = new() { [ActivityLevel.City] = 11m },
        });
        var byManager = await app.As<ManageRulesHandler, Result<Guid>>("manager.chengjiao", h => h.Change(
            new RuleInput { Type = EarningType.GoodDeed, Basis = RuleBasis.Fixed, Points = 5, EffectiveFrom = today }, CancellationToken.None));

        Assert.NotNull(backdated.Error!.For("effectiveFrom"));
        Assert.NotNull(negative.Error!.For("points"));
        Assert.NotNull(badLevel.Error!.For("coefficients"));
        Assert.Equal(ErrorKind.Forbidden, byManager.Error!.Kind);
        Assert.Equal(before, await app.Fingerprint());
    }

    private Task<Result<Guid>> Change(RuleInput input) =>
        app.As<ManageRulesHandler, Result<Guid>>("admin", h => h.Change(input, CancellationToken.None));

    private Task<EarningRule> CurrentRule(EarningType type)
    {
        var today = Volunteer96345.Common.Time.Shanghai.Today(app.Clock);
        return app.Db(async db => (await db.EarningRules.AsNoTracking().Where(r => r.Type == type).ToListAsync()).Single(r => r.InForceOn(today)));
    }
}
