using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Web;
using Volunteer96345.Data.Timers;
using Volunteer96345.Evaluation.Composite;
using Volunteer96345.Evaluation.Pioneer;
using Volunteer96345.Evaluation.Rectifications;
using Volunteer96345.Evaluation.SpotChecks;
using Volunteer96345.Evaluation.Suggestions;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.Evaluation;

/// <summary>
/// 考评: the party committee's control loop over the service (a top: it reads the other modules' facts, nothing reads
/// it; the dispatch ranking asks it through <see cref="IVolunteerStandings"/>). Spot checks and rectifications, the
/// composite evaluation of volunteers, teams, merchants and stations, and the party members' Pioneer Index with its
/// quarterly review (docs/evaluation.md).
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
        builder.Services.AddScoped<PioneerFacts>();
        builder.Services.AddScoped<PioneerHandler>();
        builder.Services.AddScoped<PioneerSchemesHandler>();
        builder.Services.AddScoped<SuggestionsHandler>();
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

        api.MapGet("/suggestions", async (SuggestionsHandler h, SuggestionStatus? status, CancellationToken ct) => (await h.List(status, ct)).ToHttp(TypedResults.Ok));
        api.MapPost("/suggestions/{id:guid}/owner", async (SuggestionsHandler h, Guid id, SuggestionOwnerInput input, CancellationToken ct) =>
            (await h.Assign(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        api.MapPost("/suggestions/{id:guid}/answer", async (SuggestionsHandler h, Guid id, SuggestionAnswerInput input, CancellationToken ct) =>
            (await h.Answer(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));

        // Anyone may suggest and read the answers, without signing in.
        var open = app.MapGroup("/api/v1/evaluation/suggestions").AllowAnonymous().WithTags("Evaluation");
        open.MapPost("", async (SuggestionsHandler h, SuggestionInput input, CancellationToken ct) =>
            (await h.Submit(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/evaluation/suggestions/{id}", new { id }))).RequireRateLimiting(RateLimits.ApiSubmit);
        open.MapGet("/public", async (SuggestionsHandler h, CancellationToken ct) => TypedResults.Ok(await h.Public(ct)));

        // The Pioneer Index: members and secretaries act from their phone accounts, so the group asks only for a sign-in;
        // each handler checks who may do what.
        var pioneer = app.MapGroup("/api/v1/evaluation/pioneer").RequireAuthorization().WithTags("Evaluation");
        pioneer.MapGet("/schemes/{year:int}", async (PioneerSchemesHandler h, int year, CancellationToken ct) => (await h.Get(year, ct)).ToHttp(TypedResults.Ok));
        pioneer.MapPut("/schemes/{year:int}", async (PioneerSchemesHandler h, int year, SchemeInput input, CancellationToken ct) =>
            (await h.Save(year, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        pioneer.MapPost("/quarters", async (PioneerHandler h, QuarterInput input, CancellationToken ct) =>
            (await h.OpenQuarter(input, ct)).ToHttp(n => TypedResults.Ok(new { opened = n })));
        pioneer.MapGet("/assessments", async (PioneerHandler h, int? year, int? quarter, Guid? organizationId, CancellationToken ct) =>
            (await h.Board(year, quarter, organizationId, ct)).ToHttp(TypedResults.Ok));
        pioneer.MapGet("/assessments/{id:guid}", async (PioneerHandler h, Guid id, CancellationToken ct) => (await h.Get(id, ct)).ToHttp(TypedResults.Ok));
        pioneer.MapGet("/mine", async (PioneerHandler h, int? year, int? quarter, CancellationToken ct) => (await h.Mine(year, quarter, ct)).ToHttp(TypedResults.Ok));
        pioneer.MapPost("/assessments/{id:guid}/declarations", async (PioneerHandler h, Guid id, DeclarationInput input, CancellationToken ct) =>
            (await h.Declare(id, input, null, ct)).ToHttp(d => TypedResults.Created($"/api/v1/evaluation/pioneer/assessments/{id}", new { id = d })));
        pioneer.MapDelete("/assessments/{id:guid}/declarations/{declarationId:guid}", async (PioneerHandler h, Guid id, Guid declarationId, CancellationToken ct) =>
            (await h.Withdraw(id, declarationId, ct)).ToHttp(_ => TypedResults.NoContent()));
        pioneer.MapGet("/assessments/{id:guid}/proof/{fileId:guid}", async (PioneerHandler h, Guid id, Guid fileId, CancellationToken ct) =>
            await h.Proof(id, fileId, ct) is { IsOk: true } found ? Results.File(found.Value.Content, found.Value.ContentType, found.Value.FileName) : Results.NotFound());
        pioneer.MapPost("/assessments/{id:guid}/review", async (PioneerHandler h, Guid id, ReviewInput input, CancellationToken ct) =>
            (await h.Review(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        pioneer.MapPost("/assessments/{id:guid}/return", async (PioneerHandler h, Guid id, ReasonInput input, CancellationToken ct) =>
            (await h.Return(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        pioneer.MapPost("/assessments/{id:guid}/approve", async (PioneerHandler h, Guid id, CancellationToken ct) =>
            (await h.Approve([id], ct)).ToHttp(_ => TypedResults.NoContent()));
        pioneer.MapPost("/assessments/{id:guid}/objections", async (PioneerHandler h, Guid id, ReasonInput input, CancellationToken ct) =>
            (await h.Object(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        pioneer.MapPost("/assessments/{id:guid}/objections/{objectionId:guid}/decision",
            async (PioneerHandler h, Guid id, Guid objectionId, DecisionInput input, CancellationToken ct) =>
                (await h.Decide(id, objectionId, input, ct)).ToHttp(_ => TypedResults.NoContent()));
    }
}
