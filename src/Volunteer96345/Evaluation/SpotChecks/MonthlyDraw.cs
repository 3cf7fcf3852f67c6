using System.Security.Cryptography;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Time;

namespace Volunteer96345.Evaluation.SpotChecks;

/// <summary>
/// Draws last month's spot-check sample as soon as a month has ended (hourly; the draw of a month happens once,
/// whoever comes first: this job, an inspector's button, another instance). It runs where the deadline sweeper runs
/// (Sla:Enabled), unless Evaluation:MonthlyDraw is false (the inspectors then draw by hand).
/// </summary>
internal sealed class MonthlyDraw(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<MonthlyDraw> logger)
    : PeriodicSweeper(clock, logger)
{
    protected override bool Enabled => configuration.GetValue("Sla:Enabled", true) && configuration.GetValue("Evaluation:MonthlyDraw", true);

    /// <summary>The name the job draws as; the pages show it as 平台自动抽样 in the reader's language.</summary>
    public const string Actor = "spot-check draw";

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var last = Shanghai.Today(Clock).AddMonths(-1);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem(Actor);
        try
        {
            if (await scope.ServiceProvider.GetRequiredService<SpotChecksHandler>().DrawAsync(last.Year, last.Month, RandomNumberGenerator.GetInt32(int.MaxValue),
                    cancellationToken) is { } draw)
            {
                Logger.LogInformation("Drew {Count} spot checks for {Month}.", draw.Count, draw.Month);
            }
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another instance or an inspector drew the month meanwhile (the unique month): nothing to do.
        }
    }
}
