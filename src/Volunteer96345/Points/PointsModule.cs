using Volunteer96345.Points.VerifyLedger;

namespace Volunteer96345.Points;

/// <summary>The Good Deeds Bank (好人好事银行): the ledger, earning rules, claims and the member's pages.</summary>
internal static class PointsModule
{
    public static void AddPoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PointsBank>();
        builder.Services.AddScoped<VerifyLedgerHandler>();
    }

    public static void MapPoints(this WebApplication app)
    {
    }
}
