using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Time;
using Volunteer96345.Points;
using Volunteer96345.Demo.Year;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Demo;

/// <summary>A fresh demo database whose first start plays the lived-in year (Demo:Year), as the README's command does.</summary>
public sealed class DemoYearFixture : AppFixture
{
    public DemoYearFixture()
    {
        FreshDatabase = true;
        Settings = new() { ["Demo:Year"] = "true" };
    }

    /// <summary>The year as it was played, once it has been (generous: the PostgreSQL run on a loaded machine).</summary>
    internal async Task<YearPlayed> Year()
    {
        var played = await Services.GetRequiredService<DemoYear>().Played.WaitAsync(TimeSpan.FromMinutes(8));
        return played ?? throw new InvalidOperationException("The demo year stopped before its end (see the log).");
    }
}

/// <summary>
/// The demo's year, played through the real handlers under a moved clock: twelve months of orders from every channel,
/// accepted, arrived, resolved, rated and called back, with a few late ones; the audit chain and the ledger verify after.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DemoYearTests(DemoYearFixture app) : IClassFixture<DemoYearFixture>
{
    // The seed's errand types that take over a catalogue item (a call for one becomes an errand).
    private static readonly string[] TakenOver = ["低保申请", "临时救助申请", "医疗救助申请", "残疾人两项补贴申请"];

    [Fact]
    public async Task The_year_is_played_with_almost_nothing_refused_and_the_jobs_are_released()
    {
        var year = await app.Year();

        Assert.True(year.Played > 3000, $"{year.Played} acts");
        Assert.True(year.Refused.Values.Sum() * 50 <= year.Played, string.Join(", ", year.Refused.Select(r => $"{r.Key} {r.Value}")));
        Assert.Null(app.Services.GetRequiredService<BackgroundHold>().Note);
    }

    [Fact]
    public async Task Every_month_has_orders_from_every_channel_and_the_tide_week_is_busiest()
    {
        await app.Year();
        var end = app.Clock.GetUtcNow().UtcDateTime;
        var orders = await app.Db(db => db.WorkOrders.Select(o => new { o.ReceivedAt, o.Channel, o.Status, o.ArrivalBreached, o.AcceptedAt }).ToListAsync());

        Assert.InRange(orders.Count, 800, 3000);
        Assert.All(orders, o => Assert.InRange(o.ReceivedAt, end.AddYears(-1).AddDays(-1), end));
        var months = orders.GroupBy(o => (Shanghai.ToLocal(o.ReceivedAt).Year, Shanghai.ToLocal(o.ReceivedAt).Month)).ToList();
        Assert.True(months.Count >= 12, $"{months.Count} months");
        // The first and the last month are partial.
        Assert.All(months.OrderBy(m => m.Key).Skip(1).SkipLast(1), m => Assert.True(m.Count() >= 40, $"{m.Key}: {m.Count()}"));
        Assert.All(new[] { IntakeChannel.Hotline, IntakeChannel.WalkIn, IntakeChannel.Online, IntakeChannel.CityPlatform },
            c => Assert.Contains(orders, o => o.Channel == c));

        // Most are closed; a realistic few arrived late; the last days' orders are still in hand, as in a live town.
        Assert.True(orders.Count(o => o.Status == WorkOrderStatus.Closed) > orders.Count / 2);
        var late = orders.Count(o => o.ArrivalBreached);
        Assert.InRange(late, 1, orders.Count / 10);
        Assert.Contains(orders, o => o.Status != WorkOrderStatus.Closed && o.ReceivedAt > end.AddDays(-3));

        var perDay = orders.GroupBy(o => DateOnly.FromDateTime(Shanghai.ToLocal(o.ReceivedAt))).ToDictionary(g => g.Key, g => g.Count());
        var tide = perDay.Where(d => YearCalendar.IsTideWeek(d.Key)).Select(d => d.Value).DefaultIfEmpty(0).Average();
        Assert.True(tide > perDay.Values.Average() * 1.5, $"tide week {tide:F1} a day against {perDay.Values.Average():F1}");
    }

    [Fact]
    public async Task Residents_rate_staff_call_back_and_volunteers_earn_for_what_they_did()
    {
        await app.Year();

        var feedback = await app.Db(db => db.Feedback.CountAsync());
        var orders = await app.Db(db => db.WorkOrders.CountAsync(o => o.ResolvedAt != null));
        Assert.InRange(feedback, orders / 2, orders);
        Assert.True(await app.Db(db => db.Callbacks.CountAsync(c => c.DoneAt != null)) > 0);
        Assert.True(await app.Db(db => db.Feedback.AnyAsync(f => f.Satisfaction <= 2)), "no low rating in a year");
        Assert.True(await app.Db(db => db.Postings.CountAsync()) > orders / 2, "volunteers earn points for their orders");
    }

    [Fact]
    public async Task Applications_called_in_became_errands_the_village_points_collected_and_ran()
    {
        await app.Year();

        var byPhone = await app.Db(db => db.Set<Volunteer96345.StationServices.ProxyErrand>()
            .Where(e => e.ReceivedBy == "李晓梅" && e.Note != null && e.Note.StartsWith("来电咨询申请办理")).Select(e => new { e.TypeName, e.Status, e.StationId }).ToListAsync());
        Assert.NotEmpty(byPhone);
        Assert.All(byPhone, e => Assert.Contains(e.TypeName, TakenOver));
        Assert.Contains(byPhone, e => e.Status == Volunteer96345.StationServices.ErrandStatus.Closed);
    }

    [Fact]
    public async Task The_audit_chain_and_the_ledger_verify_after_the_year()
    {
        await app.Year();

        var (audit, auditOutput) = await app.RunCommand("verify-audit");
        Assert.True(audit == 0, auditOutput);
        var (ledger, ledgerOutput) = await app.RunCommand("verify-ledger");
        Assert.True(ledger == 0, ledgerOutput);
    }

    [Fact]
    public async Task The_same_start_plans_the_same_year()
    {
        await app.Year();

        async Task<List<(DateTime At, string What)>> Plan()
        {
            var part = new OrdersYear();
            var stage = new YearStage(app.Services.GetRequiredService<IServiceScopeFactory>(), DateTime.MinValue, DateTime.MaxValue);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Volunteer96345.Common.Auth.CurrentUser>().ActAsSystem();
            await part.PrepareAsync(scope.ServiceProvider, stage, CancellationToken.None);
            for (var day = new DateOnly(2026, 1, 1); day < new DateOnly(2026, 2, 1); day = day.AddDays(1))
            {
                part.PlanDay(day, stage);
            }

            var acts = new List<(DateTime, string)>();
            while (stage.TryNext(DateTime.MaxValue, out var act))
            {
                acts.Add((act.At, act.What));
            }

            return acts;
        }

        var first = await Plan();
        Assert.True(first.Count > 60);
        Assert.Equal(first, await Plan());
    }
}
