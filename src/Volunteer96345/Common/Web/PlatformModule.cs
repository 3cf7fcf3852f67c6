using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Volunteer96345.Common.Errors;

namespace Volunteer96345.Common.Web;

internal static class PlatformModule
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TimeProvider>(new Time.TravelClock(TimeProvider.System));
        services.TryAddSingleton<Background.BackgroundHold>();
        services.AddScoped<Events.DomainEvents>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.AllowTrailingCommas = false);
        services.AddOpenApi();
        services.AddScoped<Operations>();
        services.AddSingleton<PublicLinks>();
        services.AddHostedService<Background.StartupTrim>();
        builder.AddRateLimits();
        builder.AddPublicDeployment();
        builder.AddTelemetry();
    }

    /// <summary>Telemetry:Exporter = none (default), console or otlp (OTEL_EXPORTER_OTLP_ENDPOINT applies).</summary>
    private static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var exporter = builder.Configuration["Telemetry:Exporter"] ?? "none";
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("Volunteer96345"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(AppTelemetry.Name);
                if (exporter == "otlp")
                {
                    m.AddOtlpExporter();
                }
                else if (exporter == "console")
                {
                    m.AddConsoleExporter();
                }
            })
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/_framework"))
                    .AddSource(AppTelemetry.Name);
                if (exporter == "otlp")
                {
                    t.AddOtlpExporter();
                }
                else if (exporter == "console")
                {
                    t.AddConsoleExporter();
                }
            });
    }

    /// <summary>The cookie of the phone pages' large-text mode (长辈模式).</summary>
    public const string LargeTextCookie = "v96345.large-text";

    /// <summary>The tag of a health check that only <c>/healthz/detail</c> runs.</summary>
    public const string DetailOnly = "detail";

    /// <summary>Each check's status, description and figures, as JSON (no exception text: the endpoint is public).</summary>
    private static Task WriteHealthDetail(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UsePublicDeployment();
        // Localization before the error pages, so that error responses speak the caller's language.
        app.UseRequestLocalization();
        app.UseErrorPages();

        // /healthz answers whether the app serves (load balancers, start-up); /healthz/detail adds what an operator watches,
        // such as deadlines the sweeper has fallen behind on, as JSON.
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => !check.Tags.Contains(DetailOnly),
            ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = 503 },
        }).AllowAnonymous();
        app.MapHealthChecks("/healthz/detail", new HealthCheckOptions
        {
            ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = 503 },
            ResponseWriter = WriteHealthDetail,
        }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Volunteer96345 API")).AllowAnonymous();

        // A path of this app ("/m/feedback/AB?t=x"), never another host ("//evil", "/\\evil").
        static bool IsLocalPath(string r) => r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal);

        // The language switch: remembered for a year in the standard culture cookie.
        app.MapGet("/culture/set", (HttpContext context, string culture, string? redirectUri) =>
        {
            if (Cultures.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            }

            return Results.LocalRedirect(redirectUri is { Length: > 0 } r && IsLocalPath(r) ? "~" + r : "~/");
        }).AllowAnonymous();

        // 长辈模式: large text on every phone page, remembered for a year like the language.
        app.MapGet("/text-size/set", (HttpContext context, bool large, string? redirectUri) =>
        {
            if (large)
            {
                context.Response.Cookies.Append(LargeTextCookie, "1",
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }
            else
            {
                context.Response.Cookies.Delete(LargeTextCookie);
            }

            return Results.LocalRedirect(redirectUri is { Length: > 0 } r && IsLocalPath(r) ? "~" + r : "~/m");
        }).AllowAnonymous();
    }
}

internal static class AppTelemetry
{
    public const string Name = "Volunteer96345";
    public static readonly System.Diagnostics.ActivitySource Source = new(Name);
    public static readonly System.Diagnostics.Metrics.Meter Meter = new(Name);

    /// <summary>Audited changes written, by entity type and action: the rate of work the town does through the system.</summary>
    public static readonly System.Diagnostics.Metrics.Counter<long> AuditedChanges =
        Meter.CreateCounter<long>("v96345.audited_changes", description: "Changes written to the audit trail");

    /// <summary>Work orders received, by channel.</summary>
    public static readonly System.Diagnostics.Metrics.Counter<long> OrdersReceived =
        Meter.CreateCounter<long>("v96345.work_orders_received", description: "Work orders received");

    /// <summary>SLA escalations fired with effect, by kind (AcceptOverdue, ArrivalWarning, ArrivalBreach, ResolveOverdue).</summary>
    public static readonly System.Diagnostics.Metrics.Counter<long> SlaEscalations =
        Meter.CreateCounter<long>("v96345.sla_escalations", description: "SLA escalations fired");
}
