namespace Volunteer96345.Common.Background;

/// <summary>
/// Holds the background jobs back while a piece of start-up work writes under a clock of its own (the demo's lived-in
/// year fires its timers and sweeps itself, at the moments it plays): the jobs begin when every hold is released. While a
/// hold is on, the app shell shows its note (a resource key) with the progress the holder reports.
/// </summary>
internal sealed class BackgroundHold
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _free = Free();
    private int _holds;

    /// <summary>The note of the current hold (a key of the shared resources), or null when nothing holds the jobs.</summary>
    public string? Note { get; private set; }

    /// <summary>How far the holder has come, for the note (for instance the month it is writing).</summary>
    public DateOnly? Progress { get; set; }

    public Task WhenFree
    {
        get
        {
            lock (_gate)
            {
                return _free.Task;
            }
        }
    }

    public IDisposable Hold(string note)
    {
        lock (_gate)
        {
            if (_holds++ == 0)
            {
                _free = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            Note = note;
        }

        return new Release(this);
    }

    private void Let()
    {
        lock (_gate)
        {
            if (--_holds == 0)
            {
                Note = null;
                Progress = null;
                _free.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Free()
    {
        var free = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        free.SetResult();
        return free;
    }

    private sealed class Release(BackgroundHold hold) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                hold.Let();
            }
        }
    }
}
