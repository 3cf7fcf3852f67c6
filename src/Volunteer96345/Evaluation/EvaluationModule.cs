using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data.Timers;
using Volunteer96345.Evaluation.Composite;
using Volunteer96345.Evaluation.Rectifications;
using Volunteer96345.Evaluation.SpotChecks;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.Evaluation;

/// <summary>
/// 考评: the party committee's control loop over the service (a top: it reads the other modules' facts, nothing reads
/// it; the dispatch ranking asks it through <see cref="IVolunteerStandings"/>). Spot checks and rectifications, the
/// composite evaluation of volunteers, teams, merchants and stations (docs/evaluation.md).
/// </summary>
internal static class EvaluationModule
{
    public static void AddEvaluation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RatingsReader>();
        builder.Services.AddScoped<EvaluationQueriesHandler>();
        builder.Services.AddScoped<EvaluationSettingsHandler>();
        builder.Services.AddScoped<SpotChecksHandler>();
        builder.Services.AddScoped<RectificationsHandler>();
        builder.Services.AddTimerOwner<RectificationTimers>();
        builder.Services.AddSingleton<DispatchStandings>();
        builder.Services.AddSingleton<IVolunteerStandings>(sp => sp.GetRequiredService<DispatchStandings>());
        builder.Services.AddSingleton<StandingsRefresher>();
        builder.Services.AddBackgroundJob<StandingsRefresher>();
        builder.Services.AddSingleton<MonthlyDraw>();
        builder.Services.AddBackgroundJob<MonthlyDraw>();
    }

    public static void MapEvaluation(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/evaluation").RequireAuthorization(p => p.RequireRole(Roles.Staff)).WithTags("Evaluation");
        api.MapGet("/settings", async (EvaluationSettingsHandler h, CancellationToken ct) => (await h.Get(ct)).ToHttp(TypedResults.Ok));
        api.MapPut("/settings", async (EvaluationSettingsHandler h, EvaluationSettingsInput input, CancellationToken ct) =>
            (await h.Save(input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapGet("/standings", async (EvaluationQueriesHandler h, string? period, ResponderKind? kind, CancellationToken ct) =>
            (await h.Table(period, kind, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/standings/{kind}/{id:guid}", async (EvaluationQueriesHandler h, ResponderKind kind, Guid id, string? period, CancellationToken ct) =>
            (await h.Ratings(period, kind, id, ct)).ToHttp(TypedResults.Ok));

        api.MapGet("/spot-checks/draws", async (SpotChecksHandler h, CancellationToken ct) => (await h.Draws(ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/spot-checks/draws", async (SpotChecksHandler h, DrawInput input, CancellationToken ct) =>
            (await h.Draw(input, ct)).ToHttp(d => TypedResults.Created($"/api/v1/evaluation/spot-checks?drawId={d.Id}", d)));
        api.MapPost("/spot-checks/draws/{id:guid}/replay", async (SpotChecksHandler h, Guid id, CancellationToken ct) =>
            (await h.Replay(id, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/spot-checks", async (SpotChecksHandler h, Guid? drawId, bool? done, CancellationToken ct) =>
            (await h.List(drawId, done, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/spot-checks/{id:guid}", async (SpotChecksHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/spot-checks/{id:guid}", async (SpotChecksHandler h, Guid id, SpotCheckInput input, CancellationToken ct) =>
            (await h.Work(id, input, null, ct)).ToHttp(TypedResults.Ok));

        api.MapGet("/rectifications", async (RectificationsHandler h, RectificationStatus? status, CancellationToken ct) =>
            (await h.List(status, ct)).ToHttp(TypedResults.Ok));
        api.MapGet("/rectifications/{id:guid}", async (RectificationsHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/rectifications", async (RectificationsHandler h, RectificationInput input, CancellationToken ct) =>
            (await h.Open(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/evaluation/rectifications/{id}", new { id })));
        api.MapPost("/rectifications/{id:guid}/answer", async (RectificationsHandler h, Guid id, RectificationAnswerInput input, CancellationToken ct) =>
            (await h.Answer(id, input, null, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/rectifications/{id:guid}/review", async (RectificationsHandler h, Guid id, RectificationReviewInput input, CancellationToken ct) =>
            (await h.Review(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
    }
}
