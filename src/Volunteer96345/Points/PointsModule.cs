using Volunteer96345.Common.Background;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Events;
using Volunteer96345.Data;
using Volunteer96345.Points.Claims;
using Volunteer96345.Points.Rules;
using Volunteer96345.Points.VerifyLedger;

namespace Volunteer96345.Points;

/// <summary>The Good Deeds Bank (好人好事银行): the ledger, earning rules, claims and the member's pages.</summary>
internal static class PointsModule
{
    public static void AddPoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PointsBank>();
        builder.Services.AddScoped<RuleEarnings>();
        builder.Services.AddStartingData(EarningRuleSeed.RunAsync);
        builder.Services.AddScoped<VerifyLedgerHandler>();
        builder.Services.AddScoped<IRecordsCheck>(s => s.GetRequiredService<VerifyLedgerHandler>());
        builder.Services.AddScoped<ManageRulesHandler>();
        builder.Services.Configure<ClaimOptions>(builder.Configuration.GetSection("Points:Claims"));
        builder.Services.AddScoped<DeclareClaimHandler>();
        builder.Services.AddScoped<ReviewClaimsHandler>();
        builder.Services.AddScoped<PublicityHandler>();
        builder.Services.AddScoped<MyPoints.MyPointsHandler>();
        builder.Services.AddScoped<Report.PointsReportHandler>();
        builder.Services.Configure<Expiry.ExpiryOptions>(builder.Configuration.GetSection("Points:Expiry"));
        builder.Services.AddScoped<Expiry.ExpiryCalculator>();
        builder.Services.AddSingleton<Expiry.ExpirySweeper>();
        builder.Services.AddBackgroundJob<Expiry.ExpirySweeper>();
        builder.Services.AddScoped<Deductions.ManageDeductionsHandler>();
        builder.Services.AddScoped<Deductions.DeductionHandler>();
        builder.Services.AddScoped<Donate.DonateHandler>();
        builder.Services.Configure<Training.TrainingPointsOptions>(builder.Configuration.GetSection("Points:Training"));
        builder.Services.AddScoped<Training.TrainingPoints>();
        builder.Services.AddScoped<IHandle<People.Training.TrainingAttended>>(s => s.GetRequiredService<Training.TrainingPoints>());
        builder.Services.AddScoped<IHandle<People.Training.TrainingAttendanceRemoved>>(s => s.GetRequiredService<Training.TrainingPoints>());
        builder.Services.AddSingleton<ClaimSweeper>();
        builder.Services.AddBackgroundJob<ClaimSweeper>();
    }

    public static void MapPoints(this WebApplication app)
    {
        var staff = app.MapGroup("/api/v1/points").RequireAuthorization(p => p.RequireRole(Common.Auth.Roles.Staff)).WithTags("Points");
        staff.MapGet("/report", (Report.PointsReportHandler h, int? year, TimeProvider clock, CancellationToken ct) =>
            h.Get(year ?? Common.Time.Shanghai.Today(clock).Year, ct));
        staff.MapGet("/report.xlsx", async (Report.PointsReportHandler h, int? year, TimeProvider clock, CancellationToken ct) =>
            TypedResults.File(await h.Excel(year ?? Common.Time.Shanghai.Today(clock).Year, ct), Report.PointsReportHandler.ContentType, "points-report.xlsx"));

        // 扣分: items (the town admin manages them) and deductions (station managers for their stations' members).
        var deductions = app.MapGroup("/api/v1/points").RequireAuthorization(p => p.RequireRole(Common.Auth.Roles.TownAdmin, Common.Auth.Roles.StationManager))
            .WithTags("Points");
        deductions.MapGet("/deduction-items", (Deductions.ManageDeductionsHandler h, bool? includeRetired, CancellationToken ct) => h.List(includeRetired ?? false, ct));
        deductions.MapPost("/deduction-items", async (Deductions.ManageDeductionsHandler h, Deductions.DeductionItemInput input, CancellationToken ct) =>
            (await h.Create(input, ct)).ToHttp(id => TypedResults.Created($"/api/v1/points/deduction-items/{id}", new { id })));
        deductions.MapPut("/deduction-items/{id:guid}", async (Deductions.ManageDeductionsHandler h, Guid id, Deductions.DeductionItemInput input, CancellationToken ct) =>
            (await h.Update(id, input, ct)).ToHttp(_ => TypedResults.NoContent()));
        deductions.MapPost("/deduction-items/{id:guid}/retire", async (Deductions.ManageDeductionsHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, false, ct)).ToHttp(active => TypedResults.Ok(new { active })));
        deductions.MapPost("/deduction-items/{id:guid}/restore", async (Deductions.ManageDeductionsHandler h, Guid id, CancellationToken ct) =>
            (await h.SetActive(id, true, ct)).ToHttp(active => TypedResults.Ok(new { active })));
        deductions.MapGet("/deductions", (Deductions.DeductionHandler h, CancellationToken ct) => h.Recent(50, ct));

        // A retry with the same Idempotency-Key returns the first deduction (200) and deducts nothing more.
        deductions.MapPost("/deductions", async (Deductions.DeductionHandler h, Deductions.DeductionInput input, HttpRequest request, CancellationToken ct) =>
            (await h.Post(input, request.Headers[RedemptionModule.IdempotencyHeader].FirstOrDefault(), ct)).ToHttp(r => r.Replayed
                ? TypedResults.Ok(r)
                : TypedResults.Created($"/api/v1/points/deductions/{r.PostingId}", r)));
    }
}
