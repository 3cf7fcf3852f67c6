using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Accounts.Activation;
using Volunteer96345.Accounts.Passwords;
using Volunteer96345.Accounts.Sessions;
using Volunteer96345.Accounts.SignIn;
using Volunteer96345.Accounts.Staff;
using Volunteer96345.Accounts.TwoFactor;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts;

/// <summary>Accounts for everyone who works in the system, and sign-in: sessions held on the server, a second factor, activation codes.</summary>
internal static class AccountsModule
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                // The policy is PasswordRules (its validator below); Identity's own character rules are switched off.
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Failed sign-ins are counted by the GuessThrottle per user name, not on the account (see SignInHandler).
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddPasswordValidator<PasswordRulesValidator>();

        // Keys live in the database, so that every app instance reads the cookies of the others and a restart keeps sessions.
        services.AddDataProtection().SetApplicationName("Volunteer96345").PersistKeysToDatabase();

        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection("Security")).PostConfigure(o =>
        {
            // The demo's admin signs in with the README's password alone, unless the setting says otherwise.
            if (builder.Configuration["Security:RequireTotpForAdmins"] is null && builder.Configuration.GetValue<bool>("Demo:Seed"))
            {
                o.RequireTotpForAdmins = false;
            }
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "v96345.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = RedirectDenied;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            // A refreshed principal keeps its session: the claims that name it are not the account's own.
            o.OnRefreshingPrincipal = context =>
            {
                var identity = (ClaimsIdentity)context.NewPrincipal!.Identity!;
                foreach (var claim in context.CurrentPrincipal!.Claims.Where(c => SessionClaims.All.Contains(c.Type)))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddHttpContextAccessor();
        services.AddSingleton<SessionRegistry>();
        services.AddScoped<SessionsHandler>();
        services.AddScoped<SignInHandler>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<AccountCodes>();
        services.AddScoped<PersonAccounts>();
        services.AddScoped<ActivateHandler>();
        services.AddScoped<PasswordsHandler>();
        services.AddScoped<StaffAccountsHandler>();
        services.AddScoped<CurrentUser>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitUserHandler>());
        services.AddAuthorization();
    }

    /// <summary>
    /// Every request's cookie must name a live session of the server (so a sign-out ends every copy of it), and then
    /// passes Identity's security-stamp check when that is due (resolving the validator builds a sign-in manager, a user
    /// manager and a store, about 3 % of a work order's intake, so the interval test comes first).
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (SessionClaims.SessionId(context.Principal!) is not { } sessionId
            || !await services.GetRequiredService<SessionRegistry>().IsLiveAsync(sessionId, services.GetRequiredService<AppDbContext>(), context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is not { } issued || now - issued > options.ValidationInterval)
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A volunteer or merchant who opens a back-office page lands on their phone home, not on an access-denied page.</summary>
    private static Task RedirectDenied(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        var roles = ctx.HttpContext.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (!ctx.Request.Path.StartsWithSegments("/api") && ctx.Request.Path == "/" && !roles.Any(r => Roles.Staff.Contains(r)) && roles.Count > 0)
        {
            ctx.Response.Redirect(SignInHandler.Home(roles));
            return Task.CompletedTask;
        }

        return ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
    }

    /// <summary>Every HTTP request's scope learns its user here (its address in <see cref="ClientAddressMiddleware"/>); circuits learn the user in <see cref="CircuitUserHandler"/>.</summary>
    public static void UseCurrentUser(this WebApplication app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUser>().Set(context.User);
            if (context.User.HasClaim(c => c.Type == SessionClaims.MustEnrol) && !MayPassBeforeEnrolment(context.Request.Path))
            {
                // A town admin without a second factor enrols before anything else.
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                    return AppError.Forbidden(localizer["TwoFactor.Required"]).ToProblem().ExecuteAsync(context);
                }

                context.Response.Redirect(TwoFactorPaths.Enrol + "?required=1");
                return Task.CompletedTask;
            }

            return next(context);
        });

    private static bool MayPassBeforeEnrolment(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/api/v1/session") || path.StartsWithSegments("/api/v1/me/two-factor")
        || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_blazor")
        || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/culture") || path.StartsWithSegments("/healthz");

    public static void MapAccounts(this WebApplication app)
    {
        var session = app.MapGroup("/api/v1/session").WithTags("Session");
        session.MapPost("/", async (SignInInput input, SignInHandler h, CancellationToken ct) =>
        {
            var result = await h.SignIn(input, ct);
            if (!result.IsOk)
            {
                return result.Error!.ToProblem();
            }

            return result.Value.Step == SignInStep.SecondFactor
                ? TypedResults.Problem(title: h.SecondFactorTitle, statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true })
                : Results.NoContent();
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Guess);
        session.MapDelete("/", async (SessionsHandler h, CancellationToken ct) =>
        {
            await h.SignOutAsync(ct);
            return TypedResults.NoContent();
        });
        session.MapGet("/", (ClaimsPrincipal user) => TypedResults.Ok(new SessionInfo(
            user.Identity?.Name,
            user.FindFirstValue(CurrentUser.DisplayNameClaim),
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
            [.. user.FindAll(CurrentUser.StationClaim).Select(c => c.Value)],
            user.FindFirstValue(SessionClaims.Method)))).RequireAuthorization();

        app.MapPost("/account/logout", async (SessionsHandler h, CancellationToken ct) =>
        {
            await h.SignOutAsync(ct);
            return Results.LocalRedirect("~/account/login");
        });
        app.MapGet("/account/logout", async (SessionsHandler h, string? reason, CancellationToken ct) =>
        {
            // Reached by the idle timer's redirect; a GET sign-out only ever ends the caller's own session.
            await h.SignOutAsync(ct);
            return Results.LocalRedirect(reason == "idle" ? "~/account/login?idle=1" : "~/account/login");
        });

        app.MapAccountsApi();
    }
}

/// <summary>Who is signed in: GET /api/v1/session.</summary>
internal sealed record SessionInfo(string? UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Stations, string? Method);
