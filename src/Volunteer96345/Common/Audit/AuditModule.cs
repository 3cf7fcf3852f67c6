using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;

namespace Volunteer96345.Common.Audit;

internal static class AuditModule
{
    public static void AddAuditLog(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLogHandler>();
        builder.Services.AddSingleton(sp => AuditAnchors.FromConfiguration(sp.GetRequiredService<Privacy.FieldProtector>(), builder.Configuration,
            builder.Environment.ContentRootPath));
        builder.Services.AddSingleton<AuditAnchorWriter>();
        builder.Services.AddBackgroundJob<AuditAnchorWriter>();
        builder.Services.AddScoped<Privacy.DataExportLog>();
    }

    public static void MapAuditLog(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/audit").RequireAuthorization(p => p.RequireRole(Roles.TownAdmin, Roles.StationManager)).WithTags("Audit");
        api.MapGet("/", (AuditLogHandler h, [AsParameters] AuditFilter filter, CancellationToken ct) => h.List(filter, ct));
        api.MapGet("/verify", (AuditLogHandler h, CancellationToken ct) => h.Verify(ct)).RequireAuthorization(p => p.RequireRole(Roles.TownAdmin));
    }
}
