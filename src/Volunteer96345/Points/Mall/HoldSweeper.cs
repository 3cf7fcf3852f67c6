using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Data;

namespace Volunteer96345.Points.Mall;

/// <summary>
/// Releases the holds of mall orders nobody fulfilled in time: the points go back to the member and the stock to the
/// shelf. Each order is closed through <see cref="MallOrders"/>, whose status token and the ledger's settle-once rule make
/// a second instance, or a merchant fulfilling at the same moment, harmless: exactly one of them closes it. Runs every
/// Points:Mall:SweepSeconds (default 60); off with Points:Mall:SweepEnabled=false (tests drive <see cref="ExpireDueAsync"/>).
/// </summary>
internal sealed class HoldSweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<HoldSweeper> logger)
    : PeriodicSweeper(clock, logger)
{
    protected override bool Enabled => configuration.GetValue("Points:Mall:SweepEnabled", configuration.GetValue("Sla:Enabled", true));

    protected override TimeSpan Period => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Points:Mall:SweepSeconds", 60)));

    protected override Task SweepAsync(CancellationToken cancellationToken) => ExpireDueAsync(cancellationToken);

    /// <summary>Expires every open order whose hold ran out; returns how many this call expired.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("hold-sweeper");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = Clock.GetUtcNow().UtcDateTime;
            due = await db.Set<MallOrder>().Where(o => o.Status == MallOrderStatus.Held && o.ExpiresAt <= now).OrderBy(o => o.ExpiresAt)
                .Select(o => o.Id).Take(200).ToListAsync(cancellationToken);
        }

        var expired = 0;
        foreach (var id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("hold-sweeper");
            var result = await scope.ServiceProvider.GetRequiredService<MallOrders>().CloseAsync(id, MallOrderStatus.Expired, "hold-sweeper", cancellationToken);
            if (result.IsOk)
            {
                expired++;
                logger.LogInformation("Mall order {OrderId} expired; its hold was released.", id);
            }
        }

        return expired;
    }
}
