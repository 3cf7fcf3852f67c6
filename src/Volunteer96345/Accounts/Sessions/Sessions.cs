using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;

namespace Volunteer96345.Accounts.Sessions;

/// <summary>
/// Which sessions are live, as this instance last read them. A cookie is checked against its session on every
/// request, so the answer is cached for <see cref="SecurityOptions.SessionCheckSeconds"/>; an end recorded by this
/// instance takes effect at once, one recorded by another instance when the cached answer runs out. The absolute
/// lifetime is exact either way: the cached expiry is compared with the clock on every check.
/// </summary>
internal sealed class SessionRegistry(TimeProvider clock, IOptions<SecurityOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Known> _known = new();

    private sealed record Known(bool Ended, DateTime ExpiresAt, DateTime CheckedAt);

    public async ValueTask<bool> IsLiveAsync(Guid sessionId, AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!_known.TryGetValue(sessionId, out var known) || (!known.Ended && now - known.CheckedAt >= TimeSpan.FromSeconds(options.Value.SessionCheckSeconds)))
        {
            var row = await db.Set<UserSession>().AsNoTracking().Where(s => s.Id == sessionId)
                .Select(s => new { s.EndedAt, s.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
            known = new Known(row is null || row.EndedAt is not null, row?.ExpiresAt ?? DateTime.MinValue, now);
            if (_known.Count > 50_000)
            {
                foreach (var stale in _known.Where(k => k.Value.ExpiresAt < now || k.Value.Ended).Select(k => k.Key).ToList())
                {
                    _known.TryRemove(stale, out _);
                }
            }

            _known[sessionId] = known;
        }

        return !known.Ended && now < known.ExpiresAt;
    }

    /// <summary>Tells this instance that sessions ended (after the end was saved).</summary>
    public void Ended(IEnumerable<Guid> sessionIds)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in sessionIds)
        {
            _known[id] = new Known(true, now, now);
        }
    }
}

/// <summary>The claims a session adds to the account's own (<see cref="ScopeClaimsFactory"/>), kept when Identity refreshes the principal.</summary>
internal static class SessionClaims
{
    public const string Session = "v96345:sid";

    /// <summary>How the person signed in: pwd, pwd+totp, pwd+recovery.</summary>
    public const string Method = "v96345:amr";

    /// <summary>A town admin who must enrol a second factor before anything else.</summary>
    public const string MustEnrol = "v96345:must-enrol";

    public static readonly string[] All = [Session, Method, MustEnrol];

    public static Guid? SessionId(ClaimsPrincipal principal) => Guid.TryParse(principal.FindFirstValue(Session), out var id) ? id : null;
}

/// <summary>Starts, reissues and ends sessions: the cookie and its row together.</summary>
internal sealed class SessionsHandler(
    AppDbContext db,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<AppUser> claims,
    UserManager<AppUser> users,
    SessionRegistry registry,
    CurrentUser currentUser,
    TimeProvider clock,
    IOptions<SecurityOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Records a new session for <paramref name="user"/> and gives the browser its cookie.</summary>
    public async Task StartAsync(AppUser user, string method, bool mustEnrol, CancellationToken cancellationToken)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("A session starts in an HTTP request.");
        var kind = (await users.GetRolesAsync(user)).Any(r => Roles.Staff.Contains(r)) ? SessionKind.Staff : SessionKind.Phone;
        var session = UserSession.Start(user.Id, kind, method, options.Value.LifetimeFor(kind), context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent.ToString(), Now);
        db.Add(session);
        var principal = await PrincipalAsync(user, session, mustEnrol);
        // The sign-in is recorded in the audit under the person who signed in.
        currentUser.Set(principal);
        await db.SaveChangesAsync(cancellationToken);
        await IssueCookieAsync(context, principal, session);
    }

    /// <summary>A new cookie for the caller's live session, with the account's current claims (after enrolling a second factor).</summary>
    public async Task ReissueAsync(AppUser user, string method, CancellationToken cancellationToken)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("A session is reissued in an HTTP request.");
        var id = SessionClaims.SessionId(context.User);
        var session = id is null ? null : await db.Set<UserSession>().FirstOrDefaultAsync(s => s.Id == id && s.UserId == user.Id, cancellationToken);
        if (session is null || !session.IsLive(Now))
        {
            await StartAsync(user, method, mustEnrol: false, cancellationToken);
            return;
        }

        await IssueCookieAsync(context, await PrincipalAsync(user, session, mustEnrol: false, method), session);
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(AppUser user, UserSession session, bool mustEnrol, string? method = null)
    {
        var principal = await claims.CreateAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaims.Session, session.Id.ToString()));
        identity.AddClaim(new Claim(SessionClaims.Method, method ?? session.Method));
        if (mustEnrol)
        {
            identity.AddClaim(new Claim(SessionClaims.MustEnrol, "totp"));
        }

        return principal;
    }

    private async Task IssueCookieAsync(HttpContext context, ClaimsPrincipal principal, UserSession session)
    {
        var now = clock.GetUtcNow();
        // The idle timeout slides: the cookie handler renews it by the same span it was issued with.
        var properties = new AuthenticationProperties
        {
            IsPersistent = session.Kind == SessionKind.Phone,
            IssuedUtc = now,
            ExpiresUtc = now + options.Value.IdleFor(session.Kind),
            AllowRefresh = true,
        };
        await context.SignInAsync(IdentityConstants.ApplicationScheme, principal, properties);
    }

    /// <summary>Ends the caller's own session and removes the cookie.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        var context = http.HttpContext;
        if (context is null)
        {
            return;
        }

        if (SessionClaims.SessionId(context.User) is { } id
            && await db.Set<UserSession>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } session
            && session.End(SessionEnd.SignedOut, Now))
        {
            await db.SaveChangesAsync(cancellationToken);
            registry.Ended([id]);
        }

        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// Marks every live session of the account ended, to be saved with the caller's change; <see cref="Forget"/> after the
    /// save tells this instance. Returns the ended sessions' ids.
    /// </summary>
    public async Task<List<Guid>> EndAllAsync(Guid userId, SessionEnd reason, CancellationToken cancellationToken, Guid? except = null)
    {
        var now = Now;
        var live = await db.Set<UserSession>().Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now && s.Id != except)
            .ToListAsync(cancellationToken);
        foreach (var session in live)
        {
            session.End(reason, now);
        }

        return [.. live.Select(s => s.Id)];
    }

    public void Forget(IEnumerable<Guid> ended) => registry.Ended(ended);

    /// <summary>The account's sessions of the last 30 days, newest first: what the person and the admin see.</summary>
    public async Task<List<SessionRow>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var since = Now.AddDays(-30);
        var current = SessionClaims.SessionId(currentUser.Principal);
        var rows = await db.Set<UserSession>().AsNoTracking().Where(s => s.UserId == userId && s.StartedAt >= since)
            .OrderByDescending(s => s.StartedAt).Take(50).ToListAsync(cancellationToken);
        return [.. rows.Select(s => new SessionRow(s.Id, s.Kind, s.Method, s.StartedAt, s.ExpiresAt, s.EndedAt, s.EndReason,
            s.ClientAddress, s.UserAgent, s.IsLive(Now), s.Id == current))];
    }
}

internal sealed record SessionRow(Guid Id, SessionKind Kind, string Method, DateTime StartedAt, DateTime ExpiresAt, DateTime? EndedAt,
    SessionEnd? EndReason, string? ClientAddress, string? UserAgent, bool Live, bool Current);

/// <summary>
/// Re-checks a live Blazor circuit's user every 30 seconds, so that a signed-out session, a disabled account or a reset
/// password ends an open back-office screen too, not just the next HTTP request.
/// </summary>
internal sealed class RevalidatingUserStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, SessionRegistry registry)
    : Microsoft.AspNetCore.Components.Server.RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(Microsoft.AspNetCore.Components.Authorization.AuthenticationState authenticationState,
        CancellationToken cancellationToken)
    {
        if (SessionClaims.SessionId(authenticationState.User) is not { } sessionId)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await registry.IsLiveAsync(sessionId, db, cancellationToken);
    }
}
