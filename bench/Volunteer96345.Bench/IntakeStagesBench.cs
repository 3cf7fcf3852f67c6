using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Demo;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.Bench;

// Where an intake's CPU goes without HTTP: the intake handler called in-process, one order at a time in its own DI
// scope as a request would, on a seeded SQLite file with the app's settings. Prints CPU per order for the whole
// handler and for its SaveChanges (measured by an EF save interceptor), so that the HTTP bench's "app CPU per order"
// splits into HTTP + handler reads and checks + the save. Sequential: one thread, so neighbours on a shared machine
// inflate it less than they do the concurrent HTTP run.
// Usage: dotnet run -c Release --project bench/Volunteer96345.Bench -- intake-stages [orders=5000]
internal static class IntakeStagesBench
{
    public static async Task<int> Run(string[] args)
    {
        var orders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VOLUNTEER96345", App.ContentRoot());
        // Only the intake itself: the outbox's SMS sends (no gateway here) and the SLA sweeper would add their own CPU.
        await using var app = new App(new Dictionary<string, string> { ["Notifications:Enabled"] = "false", ["Sla:Enabled"] = "false" });
        await Submit(app, 0, 500); // warm-up: JIT, pools, the registry snapshot

        var saves = SaveTimer.Instance;
        saves.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Submit(app, 1_000, orders);
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"intake handler in-process, sequential: {orders} orders in {watch.ElapsedMilliseconds} ms = {orders / watch.Elapsed.TotalSeconds:0} orders/s, "
                          + $"process CPU {cpu.TotalMilliseconds / orders:0.000} ms per order");
        Console.WriteLine($"  of which SaveChanges (wall, one thread): median {saves.Median():0.000} ms, mean {saves.Mean():0.000} ms per order");
        return 0;
    }

    private static async Task Submit(App app, int from, int count)
    {
        for (var n = from; n < from + count; n++)
        {
            await using var scope = app.Scope();
            var villages = DemoSeed.Villages;
            var village = villages[n % villages.Length];
            var input = new IntakeInput
            {
                ServiceCode = "LA-001",
                Description = "厨房水管爆裂，水漫到客厅",
                Address = $"{village}{(n % 30) + 1}组{(n % 50) + 1}号",
                Village = village,
                CallerName = "王阿姨",
                CallerPhone = "139" + (n % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
                Answers = new Dictionary<string, string> { ["fault"] = "water" },
            };
            var result = await scope.ServiceProvider.GetRequiredService<IntakeHandler>().Submit(input, WorkOrders.IntakeChannel.Hotline, CancellationToken.None);
            if (!result.IsOk)
            {
                throw new InvalidOperationException(result.Error!.Message);
            }
        }
    }
}

/// <summary>Times EF Core's own save (from SaveChangesStarting to SaveChangesCompleted, as EF's diagnostic events report them).</summary>
internal sealed class SaveTimer : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public static readonly SaveTimer Instance = new();

    private readonly AsyncLocal<long> _started = new();
    private readonly List<double> _times = [];

    private SaveTimer() => DiagnosticListener.AllListeners.Subscribe(this);

    public void Reset()
    {
        lock (_times)
        {
            _times.Clear();
        }
    }

    public double Median()
    {
        lock (_times)
        {
            var sorted = _times.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }
    }

    public double Mean()
    {
        lock (_times)
        {
            return _times.Count == 0 ? 0 : _times.Average();
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            value.Subscribe(this);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key.EndsWith("SaveChangesStarting", StringComparison.Ordinal))
        {
            _started.Value = Stopwatch.GetTimestamp();
        }
        else if (value.Key.EndsWith("SaveChangesCompleted", StringComparison.Ordinal) && _started.Value != 0)
        {
            lock (_times)
            {
                _times.Add(Stopwatch.GetElapsedTime(_started.Value).TotalMilliseconds);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
