using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Points;
using Volunteer96345.Points.Expiry;
using static Volunteer96345.Tests.Points.PointsSteps;

namespace Volunteer96345.Tests.Points.Expiry;

/// <summary>Points of a year expire at the end of the following year, oldest spent first; the member sees it coming.</summary>
[Trait("Category", "Integration")]
public sealed class ExpiryTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Unspent_points_of_2026_are_shown_as_expiring_during_2027_and_expire_once_on_new_years_day_2028()
    {
        var member = await app.NewResidentAccount();
        var station = await app.StationAccount();
        await app.Earned(member, 50); // 2026-11-29
        await app.Bank(b => b.Transfer(member, station, 20, PostingKind.Redemption, Key()));
        app.Clock.Advance(TimeSpan.FromDays(60)); // 2027-01-28
        await app.Earned(member, 7);

        var upcoming = await Calculator(c => c.Upcoming(member, CancellationToken.None));
        Assert.Equal(new UpcomingExpiry(30, new DateOnly(2027, 12, 31)), upcoming);
        Assert.Equal(0, await Sweep());

        app.Clock.Advance(new DateTimeOffset(2027, 12, 31, 16, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow()); // 2028-01-01 00:00 in Shanghai
        Assert.True(await Sweep() >= 1);
        await Sweep();

        Assert.Equal(7, await app.BalanceOf(member));
        var expired = await app.Bank(b => b.Statement(member, PostingKind.Expiry, 1, 10));
        Assert.Equal(-30, Assert.Single(expired.Items).Amount);
        Assert.Equal("2026 年获得的积分到期", expired.Items[0].Reason);
        AssertBalanced(await app.Verify());
    }

    private Task<int> Sweep() => app.Services.GetRequiredService<ExpirySweeper>().ExpireDueAsync(CancellationToken.None);

    private async Task<T> Calculator<T>(Func<ExpiryCalculator, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ExpiryCalculator>());
    }
}
