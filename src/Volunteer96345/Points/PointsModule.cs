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
        builder.Services.AddScoped<VerifyLedgerHandler>();
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
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Expiry.ExpirySweeper>());
        builder.Services.AddSingleton<ClaimSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClaimSweeper>());
    }

    public static void MapPoints(this WebApplication app)
    {
        var staff = app.MapGroup("/api/v1/points").RequireAuthorization(p => p.RequireRole(Common.Auth.Roles.Staff)).WithTags("Points");
        staff.MapGet("/report", (Report.PointsReportHandler h, int? year, TimeProvider clock, CancellationToken ct) =>
            h.Get(year ?? Common.Time.Shanghai.Today(clock).Year, ct));
        staff.MapGet("/report.xlsx", async (Report.PointsReportHandler h, int? year, TimeProvider clock, CancellationToken ct) =>
            TypedResults.File(await h.Excel(year ?? Common.Time.Shanghai.Today(clock).Year, ct), Report.PointsReportHandler.ContentType, "points-report.xlsx"));
    }
}
