namespace Volunteer96345.Data.Timers;

/// <summary>
/// A module that keeps timers of one kind (registered scoped with <see cref="TimerRegistration.AddTimerOwner{TOwner}"/>):
/// the sweeper hands it the claimed timers of its kind, oldest first, inside the transaction and the DI scope of the
/// batch, and saves and commits what the owner changed together with the claims.
/// </summary>
internal interface ITimerOwner
{
    Type TimerType { get; }

    Task FireAsync(IReadOnlyList<DueTimer> timers, DateTime now, CancellationToken cancellationToken);
}

/// <summary>The typed side of <see cref="ITimerOwner"/>: fire each timer, and call <see cref="DueTimer.TookEffect"/> on those that acted.</summary>
internal abstract class TimerOwner<TTimer> : ITimerOwner
    where TTimer : DueTimer
{
    public Type TimerType => typeof(TTimer);

    Task ITimerOwner.FireAsync(IReadOnlyList<DueTimer> timers, DateTime now, CancellationToken cancellationToken) =>
        FireAsync([.. timers.Cast<TTimer>()], now, cancellationToken);

    protected abstract Task FireAsync(IReadOnlyList<TTimer> timers, DateTime now, CancellationToken cancellationToken);
}

internal static class TimerRegistration
{
    public static IServiceCollection AddTimerOwner<TOwner>(this IServiceCollection services)
        where TOwner : class, ITimerOwner => services.AddScoped<ITimerOwner, TOwner>();
}
