using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Time;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.Tests.WorkOrders.Dispatch;

/// <summary>
/// The registry snapshot the ranking reads: kept while nothing changes it, whatever the app's clock says (the demo's year
/// moves it hours between two orders); a new day reads only that day's shifts; a change to the registry reads it anew.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RegistryCacheTests(AppFixture app) : IClassFixture<AppFixture>
{
    private RegistryCache Cache => app.Services.GetRequiredService<RegistryCache>();

    private Task<RegistrySnapshot> Snapshot() => app.Db(db => Cache.GetAsync(db, CancellationToken.None));

    [Fact]
    public async Task A_new_day_keeps_the_registry_and_reads_its_shifts_and_a_registry_change_reads_it_anew()
    {
        // Other suites' saves may change the registry (the version is the process's) between two reads: try again then.
        for (var attempt = 0; ; attempt++)
        {
            var version = RegistryVersion.Current;
            var first = await Snapshot();
            var later = await Snapshot();
            app.Clock.Advance(TimeSpan.FromDays(1));
            var nextDay = await Snapshot();
            if (RegistryVersion.Current != version && attempt < 5)
            {
                continue;
            }

            Assert.Equal(Shanghai.Today(app.Clock), nextDay.Day);
            Assert.Equal(first.Day.AddDays(1), nextDay.Day);
            Assert.Same(first, later);
            Assert.Same(first.Volunteers, nextDay.Volunteers);
            Assert.All(nextDay.Shifts, s => Assert.InRange(s.Date, nextDay.Day.AddDays(-1), nextDay.Day.AddDays(1)));
            break;
        }

        var kept = await Snapshot();
        RegistryVersion.Bump();
        var fresh = await Snapshot();
        Assert.NotSame(kept.Volunteers, fresh.Volunteers);
        Assert.Equal(kept.Volunteers.Count, fresh.Volunteers.Count);
    }
}
