using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Auth;

internal static class AuthModule
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>();

        // Keys live in the database, so that every app instance reads the cookies of the others and a restart keeps sessions.
        services.AddDataProtection().SetApplicationName("Volunteer96345").PersistKeysToDbContext<AppDbContext>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "v96345.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            // An API caller gets a status code, not a login page.
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateStampWhenDue;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddScoped<CurrentUser>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitUserHandler>());
        services.AddAuthorization();
    }

    /// <summary>
    /// Identity's security-stamp check, resolved only when it is due. The validator checks the stamp once the cookie is older
    /// than the validation interval and otherwise does nothing; but resolving it builds a sign-in manager, a user manager
    /// and a user store for every request, which cost about 3 % of a work order's intake. The same test comes first here.
    /// </summary>
    private static Task ValidateStampWhenDue(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Every HTTP request's scope learns its user here; circuits learn it in <see cref="CircuitUserHandler"/>.</summary>
    public static void UseCurrentUser(this WebApplication app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentUser>().Set(context.User);
            return next(context);
        });

    public sealed record LoginRequest(string? UserName, string? Password);

    public static void MapAccounts(this WebApplication app)
    {
        var session = app.MapGroup("/api/v1/session").WithTags("Session");
        session.MapPost("/", async (LoginRequest request, SignInService signIn) =>
        {
            var result = await signIn.SignIn(request.UserName, request.Password);
            return result.IsOk ? Results.NoContent() : Errors.Problems.ToProblem(result.Error!);
        }).AllowAnonymous();
        session.MapDelete("/", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        });
        session.MapGet("/", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            userName = user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            stations = user.FindAll(CurrentUser.StationClaim).Select(c => c.Value),
        })).RequireAuthorization();

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        });
        app.MapGet("/account/logout", async (SignInManager<AppUser> signIn, string? reason) =>
        {
            // Reached by the idle timer's redirect; a GET sign-out only ever ends the caller's own session.
            await signIn.SignOutAsync();
            return Results.LocalRedirect(reason == "idle" ? "~/account/login?idle=1" : "~/account/login");
        });
    }
}

/// <summary>One way to sign in, for the login page and the session API alike.</summary>
internal sealed class SignInService(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Signs in; the value says whether the account is staff (back office) or not (phone pages).</summary>
    public async Task<Errors.Result<bool>> SignIn(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 256 || password.Length > 256)
        {
            return Errors.AppError.Invalid("userName", localizer["Login.Missing"]);
        }

        var user = await users.FindByNameAsync(userName.Trim());
        if (user is { IsActive: false })
        {
            return Errors.AppError.Invalid("userName", localizer["Login.Failed"]);
        }

        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Errors.AppError.Invalid("userName", localizer["Login.LockedOut"]);
        }

        if (!result.Succeeded)
        {
            return Errors.AppError.Invalid("userName", localizer["Login.Failed"]);
        }

        // True when the account works in the back office; false for volunteers and merchants.
        var roles = await users.GetRolesAsync(user!);
        return roles.Any(r => Roles.Staff.Contains(r));
    }
}

/// <summary>Re-checks a circuit's user every few minutes, so a disabled account or a changed scope ends a live session.</summary>
internal sealed class RevalidatingUserStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || !user.IsActive)
        {
            return false;
        }

        var stamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(user);
    }
}
