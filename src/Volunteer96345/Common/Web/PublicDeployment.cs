using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Volunteer96345.Common.Web;

/// <summary>
/// What a public deployment behind a reverse proxy needs (docs/deploy.md): the real client address, scheme and host
/// from X-Forwarded-* — trusted only from ReverseProxy:KnownProxies / ReverseProxy:KnownNetworks (loopback by default),
/// so a spoofed header from anyone else is ignored; security headers on every response; no Server header; HSTS and
/// Secure cookies when the request came in over TLS.
/// </summary>
internal static class PublicDeployment
{
    /// <summary>
    /// The policy of every page and API answer: scripts only from the app itself, no framing, no plugins. Two inline event
    /// handlers that AntDesign writes into its markup are allowed by their hashes and nothing else ('unsafe-hashes'):
    /// <c>event.preventDefault();</c> (a tab's ondragover) and <c>event.stopPropagation()</c>.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-hashes' 'sha256-3TGu3MXeXy11eUrHvptBo1UVsvdEkIojBrR41fi1sqM=' " +
        "'sha256-jHF5hTIlMDyGZRAsNK0HO/WFYrwPvI2I1q0o1xKKB6I='; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (/scalar) is a third-party page that configures itself with an inline script; only it gets that.</summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static void AddPublicDeployment(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var section = builder.Configuration.GetSection("ReverseProxy");
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // One proxy (the town's nginx) in front: take the address it saw, not whatever the client wrote before it.
            o.ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1;
            foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // X-Forwarded-Host is believed only for the names the town serves (AllowedHosts), never for any name.
            var hosts = (builder.Configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!hosts.Contains("*"))
            {
                foreach (var host in hosts)
                {
                    o.AllowedHosts.Add(host);
                }
            }
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        // Cookies issued over TLS are Secure; the standard policy keeps plain-HTTP development working.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = builder.Configuration.GetValue<bool>("App:RequireSecureCookies")
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>First in the pipeline, so that everything after it (rate limits, audit, links, HSTS) sees the real client.</summary>
    public static void UsePublicDeployment(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=()";
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            // HSTS goes out only on HTTPS requests, which behind the proxy means X-Forwarded-Proto: https.
            app.UseHsts();
        }

        app.UseCookiePolicy();
        if (app.Environment.IsProduction() && string.IsNullOrWhiteSpace(app.Configuration["App:PublicBaseUrl"]))
        {
            app.Logger.LogWarning("App:PublicBaseUrl is not set: links in texts, QR codes and feeds point to {Default}, which phones cannot open. " +
                                  "Set it to the address residents use (see docs/deploy.md).", PublicLinks.DefaultBaseUrl);
        }
    }
}
