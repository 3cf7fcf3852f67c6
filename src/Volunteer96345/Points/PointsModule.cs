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
        builder.Services.AddSingleton<ClaimSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClaimSweeper>());
    }

    public static void MapPoints(this WebApplication app)
    {
    }
}
