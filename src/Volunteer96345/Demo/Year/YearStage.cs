using System.Security.Claims;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Time;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// Where the parts of the demo's year play: the timeline of acts in the order of their moments, and the way an act runs
/// a real handler, in a scope of its own, as the person who did it, at its moment (<see cref="TravelClock"/>). An act the
/// platform refuses is counted and logged, never forced: the year contains only what the handlers accepted.
/// </summary>
internal sealed class YearStage(IServiceScopeFactory scopes, DateTime firstDayUtc, DateTime endUtc)
{
    private readonly PriorityQueue<Act, (DateTime At, long Order)> _acts = new();
    private long _order;

    /// <summary>The start of the year's first day (UTC).</summary>
    public DateTime FirstDayUtc { get; } = firstDayUtc;

    /// <summary>The moment the year ends: the seed's now. Acts planned after it are dropped, so that the last days look as a live town's do (orders open, call-backs due).</summary>
    public DateTime EndUtc { get; } = endUtc;

    public int Played { get; private set; }

    /// <summary>The moment of the act now playing (the runner sets it with the clock).</summary>
    public DateTime Now { get; internal set; }

    /// <summary>What the platform refused, by the act's name: a few are a town's normal (a full activity, a code typed late).</summary>
    public Dictionary<string, int> Refused { get; } = [];

    /// <summary>Puts an act on the timeline at <paramref name="utc"/>; acts at the same moment play in the order they were put.</summary>
    public void At(DateTime utc, string what, Func<CancellationToken, Task<AppError?>> act)
    {
        if (utc < EndUtc)
        {
            _acts.Enqueue(new Act(utc, what, act), (utc, _order++));
        }
    }

    /// <summary>The next act before <paramref name="beforeUtc"/>, if any.</summary>
    public bool TryNext(DateTime beforeUtc, out Act act)
    {
        if (_acts.TryPeek(out var next, out var key) && key.At < beforeUtc)
        {
            act = _acts.Dequeue();
            return true;
        }

        act = null!;
        return false;
    }

    internal void Count(string what, AppError? error)
    {
        Played++;
        if (error is not null)
        {
            Refused[what] = Refused.GetValueOrDefault(what) + 1;
        }
    }

    /// <summary>Runs <paramref name="work"/> with a handler of a new scope, as <paramref name="who"/> (null: the system).</summary>
    public async Task<T> Run<THandler, T>(ClaimsPrincipal? who, Func<THandler, Task<T>> work)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        if (who is null)
        {
            user.ActAsSystem("demo");
        }
        else
        {
            user.Set(who);
        }

        return await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    private readonly Dictionary<string, ClaimsPrincipal> _accounts = [];

    /// <summary>A demo account as it is after signing in (its roles and station scope), for the acts of staff and of the demo's own accounts.</summary>
    public async Task<ClaimsPrincipal> Account(string userName)
    {
        if (!_accounts.TryGetValue(userName, out var principal))
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"The demo has no account {userName}.");
            principal = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
            _accounts[userName] = principal;
        }

        return principal;
    }

    /// <summary>A handler's answer as the stage counts it: null when it was accepted.</summary>
    public static AppError? Outcome<T>(Result<T> result) => result.Error;

    /// <summary>A count drawn from a Poisson distribution of <paramref name="mean"/> (Knuth's method): how many requests, claims or visitors a day brings.</summary>
    public static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    /// <summary>A moment of <paramref name="day"/> in Shanghai time, as UTC.</summary>
    public static DateTime On(DateOnly day, int hour, int minute = 0) => Shanghai.StartOfDayUtc(day).AddHours(hour).AddMinutes(minute);

    internal sealed record Act(DateTime At, string What, Func<CancellationToken, Task<AppError?>> Run);
}

/// <summary>One thread of the town's year (orders, activities, points, station services): what it reads once, and what each day brings.</summary>
internal abstract class YearPart
{
    /// <summary>Reads what the part needs before the first day (the registries' ids and names), as the system.</summary>
    public virtual Task PrepareAsync(IServiceProvider services, YearStage stage, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Puts the day's acts on the stage; an act may put its own follow-ups (an accept after an intake) when it plays.</summary>
    public abstract void PlanDay(DateOnly day, YearStage stage);
}

/// <summary>The people of the year as the handlers see them: staff by their demo accounts, volunteers as from their phones.</summary>
internal static class YearActors
{
    /// <summary>A resident or another system, not signed in.</summary>
    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    /// <summary>A registry volunteer acting from the phone page (the demo gives most of them no account: the audit names them).</summary>
    public static ClaimsPrincipal Volunteer(Guid volunteerId, string name) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, name),
            new Claim(CurrentUser.DisplayNameClaim, name),
            new Claim(ClaimTypes.Role, Roles.Volunteer),
            new Claim(CurrentUser.VolunteerClaim, volunteerId.ToString()),
        ], "demo"));
}
