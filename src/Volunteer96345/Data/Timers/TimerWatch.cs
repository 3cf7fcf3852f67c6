using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Volunteer96345.Data.Timers;

/// <summary>
/// Sees every timer this instance adds, at its save, and keeps the earliest deadline among them until someone takes it:
/// for a loop that runs the app's time by hand (the demo's year, ADR 0029) and must know before each step whether a
/// timer falls due, without asking the database after every step. Timers are only added by saves (never by plain SQL),
/// so a loop that reads <see cref="TimerSweeper.NextDueAsync(CancellationToken)"/> once and then takes the
/// earliest added deadline after each step knows the next deadline; a save rolled back after it was seen can only make
/// it early, which costs a sweep that finds nothing. It looks at saves only while someone watches (<see cref="Watch"/>):
/// other saves pay one read of a field.
/// </summary>
internal sealed class TimerWatch : ISaveObserver
{
    private readonly Lock _lock = new();
    private DateTime? _earliest;
    private int _watchers;

    /// <summary>Starts seeing the timers saves add, until the returned handle is disposed.</summary>
    public IDisposable Watch()
    {
        Interlocked.Increment(ref _watchers);
        return new Unwatch(this);
    }

    public bool BeforeSave(ChangeTracker changes)
    {
        if (Volatile.Read(ref _watchers) == 0)
        {
            return false;
        }

        foreach (var entry in changes.Entries<DueTimer>())
        {
            if (entry.State == EntityState.Added)
            {
                lock (_lock)
                {
                    if (_earliest is not { } earliest || entry.Entity.DueAt < earliest)
                    {
                        _earliest = entry.Entity.DueAt;
                    }
                }
            }
        }

        return false;
    }

    public void Committed()
    {
    }

    /// <summary>The earliest deadline among the timers added since the last call (null: none), and forgets it.</summary>
    public DateTime? TakeEarliestAdded()
    {
        lock (_lock)
        {
            var earliest = _earliest;
            _earliest = null;
            return earliest;
        }
    }

    private sealed class Unwatch(TimerWatch watch) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref watch._watchers);
            }
        }
    }
}
