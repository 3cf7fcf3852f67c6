using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data.Timers;
using Volunteer96345.StationServices;

namespace Volunteer96345.Tests.StationServices;

/// <summary>
/// The errand clock against a real database across the 2027 Spring Festival. Its own fixture: the test moves the clock
/// fourteen months on, which no other test should see.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ErrandDeadlineTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_errand_received_before_the_Spring_Festival_is_escalated_once_when_the_offices_close_on_its_last_working_day()
    {
        // Wednesday 3 February 2027, 10:00 in Shanghai.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 3, 2, 0, 0, TimeSpan.Zero));
        var received = await app.Receive("医保参保登记");
        var sweeper = app.Services.GetRequiredService<TimerSweeper>();
        var subject = $"【代办超时】医保参保登记 {received.TrackingCode}";

        Assert.Equal(new DateOnly(2027, 2, 12), received.DueDate);

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 12, 8, 59, 0, TimeSpan.Zero));
        await sweeper.FireDueAsync(CancellationToken.None);
        Assert.False((await app.Errand(received.Id)).Overdue);

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 12, 9, 0, 1, TimeSpan.Zero));
        await sweeper.FireDueAsync(CancellationToken.None);
        await sweeper.FireDueAsync(CancellationToken.None);

        var errand = await app.Errand(received.Id);
        Assert.True(errand.Overdue);
        Assert.Single(errand.Events, e => e.Kind == ErrandEventKind.Overdue);
        var alerts = await app.Db(db => db.Outbox.Where(m => m.Subject == subject).ToListAsync());
        Assert.NotEmpty(alerts);
        Assert.All(alerts, m => Assert.Equal(NotificationChannel.Inbox, m.Channel));
        Assert.Equal(alerts.Count, alerts.Select(m => m.Recipient).Distinct().Count());
    }
}
