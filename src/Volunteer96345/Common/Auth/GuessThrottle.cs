using System.Collections.Concurrent;

namespace Volunteer96345.Common.Auth;

// Interim in-process version, replaced by the database-backed throttle from the `guess` branch.
internal sealed record GuessPolicy(int FreeFailures, TimeSpan Window, TimeSpan FirstWait, TimeSpan MaxWait);

internal static class GuessPurpose
{
    public const string SignIn = "sign-in";
    public const string SignInLockout = "sign-in-lockout";
    public const string Activation = "activation";
    public const string SmsReset = "sms-reset";
}

internal sealed class GuessThrottleState
{
    public ConcurrentDictionary<string, (int Failures, DateTime Until)> State { get; } = new();
}

internal sealed class GuessThrottle(TimeProvider clock, GuessThrottleState state)
{
    private ConcurrentDictionary<string, (int Failures, DateTime Until)> State => state.State;

    public Task<TimeSpan?> WaitAsync(string purpose, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        TimeSpan? wait = null;
        foreach (var key in keys)
        {
            if (State.TryGetValue(purpose + "|" + key, out var s) && s.Until > now && (wait is null || s.Until - now > wait))
            {
                wait = s.Until - now;
            }
        }

        return Task.FromResult(wait);
    }

    public Task<TimeSpan?> FailedAsync(string purpose, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        TimeSpan? started = null;
        foreach (var key in keys)
        {
            var s = State.AddOrUpdate(purpose + "|" + key, _ => (1, DateTime.MinValue), (_, old) => (old.Failures + 1, old.Until));
            if (s.Failures > 5)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(900, Math.Pow(2, s.Failures - 5)));
                State[purpose + "|" + key] = (s.Failures, now + wait);
                started = wait;
            }
        }

        return Task.FromResult(started);
    }

    public Task SucceededAsync(string purpose, IReadOnlyList<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            State.TryRemove(purpose + "|" + key, out _);
        }

        return Task.CompletedTask;
    }
}
