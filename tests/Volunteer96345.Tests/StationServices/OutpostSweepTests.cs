using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.StationServices;
using Volunteer96345.StationServices.Outposts;

namespace Volunteer96345.Tests.StationServices;

/// <summary>Items left past closing time: one alert, then lost-and-found. Its own fixture, since it moves the clock days on.</summary>
[Trait("Category", "Integration")]
public sealed class OutpostSweepTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_item_not_collected_by_closing_time_raises_one_alert_and_goes_to_lost_and_found_after_the_configured_days()
    {
        var outpost = (await app.RedCubes())[0];
        await app.OnDuty(outpost.Id);
        var stored = await app.Store(outpost.Id, "蓝色保温杯");
        var sweeper = app.Services.GetRequiredService<StoredItemSweeper>();
        var alert = $"【寄存未取】{outpost.Name}";

        // The demo's 红立方 outposts close at 21:00: 13:00 UTC.
        Assert.Equal(new DateTime(2026, 11, 29, 13, 0, 0, DateTimeKind.Utc), stored.CollectBy);
        app.Clock.SetUtcNow(new DateTimeOffset(stored.CollectBy).AddMinutes(1));
        await sweeper.SweepItemsAsync(CancellationToken.None);
        await sweeper.SweepItemsAsync(CancellationToken.None);
        var alerted = await app.Db(db => db.Set<StoredItem>().IgnoreQueryFilters().SingleAsync(i => i.Id == stored.Id));
        Assert.NotNull(alerted.AlertedAt);
        Assert.Equal(StoredItemStatus.Stored, alerted.Status);
        var alerts = await app.Db(db => db.Outbox.CountAsync(m => m.Subject == alert && m.Body.Contains("蓝色保温杯")));
        Assert.True(alerts >= 1);

        app.Clock.SetUtcNow(new DateTimeOffset(stored.CollectBy).AddDays(7).AddMinutes(1));
        await sweeper.SweepItemsAsync(CancellationToken.None);

        var lost = await app.Db(db => db.Set<StoredItem>().IgnoreQueryFilters().SingleAsync(i => i.Id == stored.Id));
        Assert.Equal(StoredItemStatus.LostAndFound, lost.Status);
        Assert.Equal(alerts, await app.Db(db => db.Outbox.CountAsync(m => m.Subject == alert && m.Body.Contains("蓝色保温杯"))));
    }
}
