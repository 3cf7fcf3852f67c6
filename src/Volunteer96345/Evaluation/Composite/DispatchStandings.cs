using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.Evaluation.Composite;

/// <summary>
/// The volunteers' composite over the last twelve months for the dispatch ranking, computed off the intake's path and
/// kept in memory: an intake reads <see cref="Current"/> and never waits. Refreshed every Evaluation:RefreshMinutes
/// (default 10) where the deadline sweeper runs (Sla:Enabled); until the first refresh the ranking has no evaluation,
/// as before this module.
/// </summary>
internal sealed class DispatchStandings(IServiceScopeFactory scopes, TimeProvider clock) : IVolunteerStandings
{
    private volatile VolunteerStanding _current = VolunteerStanding.None;

    public VolunteerStanding Current => _current;

    public async Task<VolunteerStanding> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("evaluation");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await EvaluationSettingsHandler.CurrentAsync(db, cancellationToken);
        var ratings = await scope.ServiceProvider.GetRequiredService<RatingsReader>().ReadAsync(now.AddDays(-365), now, cancellationToken);
        var result = CompositeEvaluation.Compute(ratings, settings);
        var scores = result.Standings.Values.Where(s => s.Kind == ResponderKind.Volunteer && s.Composite is not null)
            .ToDictionary(s => s.Id, s => s.Composite!.Value);
        _current = new VolunteerStanding(scores, result.MeanComposite, settings.DispatchWeight);
        return _current;
    }
}

/// <summary>Refreshes <see cref="DispatchStandings"/> on the real clock: a cache of the process, not a business deadline.</summary>
internal sealed class StandingsRefresher(DispatchStandings standings, IConfiguration configuration, ILogger<StandingsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Evaluation:RefreshMinutes", 10.0);
        if (!configuration.GetValue("Sla:Enabled", true) || minutes <= 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await standings.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Refreshing the volunteers' evaluation for dispatch failed; retrying at the next period.");
            }

            await Task.Delay(TimeSpan.FromMinutes(minutes), stoppingToken);
        }
    }
}
