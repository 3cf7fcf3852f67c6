using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Points;

namespace Volunteer96345.Bench;

// Points ledger (issue 5 bars), on a fresh seeded SQLite file with the app's own settings (WAL, synchronous=NORMAL):
//   1. single durable postings per second: each Earn is its own committed transaction in its own DI scope, as a request
//      makes it; sequential, then with 8 concurrent writers (target ≥ 5,000/s);
//   2. a balance read on an account with 1 entry and on one with 100,000 entries (it must not grow with history);
//   3. one statement page (20 lines, newest first, with the total) of the account with 100,000 entries, all kinds and
//      filtered by kind (target ≤ 50 ms).
// Usage: dotnet run -c Release --project bench/Volunteer96345.Bench -- postings [postings=100000] [reads=500]
internal static class PointsBench
{
    public static async Task<int> Run(string[] args)
    {
        var postings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var reads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VOLUNTEER96345", App.ContentRoot());
        await using var app = new App();
        long big, small;
        await using (var scope = app.Scope())
        {
            var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
            big = (await bank.AccountForResident("13900000001", "bench big")).Value;
            small = (await bank.AccountForResident("13900000002", "bench small")).Value;
            await bank.Earn(small, 1, EarningType.GoodDeed, "bench:small");
        }

        // Warm-up: JIT, connection pool, statement caches.
        await Post(app, big, 0, 2_000, "warm");

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Post(app, big, 0, postings, "seq");
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var sequential = postings / watch.Elapsed.TotalSeconds;
        // CPU per posting is the figure a loaded machine disturbs least; on two idle cores 1 s / (CPU per posting) bounds the rate.
        Console.WriteLine($"sequential: {postings} single postings in {watch.ElapsedMilliseconds} ms = {sequential:0} postings/s, "
                          + $"CPU {cpu.TotalMilliseconds * 1000 / postings:0} µs per posting");

        var concurrent = postings / 4;
        var writers = 8;
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Post(app, big, w, concurrent / writers, "par"))));
        watch.Stop();
        Console.WriteLine($"{writers} concurrent writers: {concurrent / writers * writers} single postings in {watch.ElapsedMilliseconds} ms = "
                          + $"{concurrent / writers * writers / watch.Elapsed.TotalSeconds:0} postings/s");

        await using (var scope = app.Scope())
        {
            var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
            var entries = postings + 2_000 + (concurrent / writers * writers);
            Console.WriteLine($"balance read, 1 entry: median {await Median(reads, () => bank.Balance(small)):0.000} ms");
            Console.WriteLine($"balance read, {entries} entries: median {await Median(reads, () => bank.Balance(big)):0.000} ms");
            var page = await Percentiles(reads, () => bank.Statement(big, null, 1, 20));
            Console.WriteLine($"statement page 1 of {entries} entries: median {page.Median:0.00} ms, p95 {page.P95:0.00} ms, max {page.Max:0.00} ms");
            var filtered = await Percentiles(reads, () => bank.Statement(big, PostingKind.Earn, 1, 20));
            Console.WriteLine($"statement page 1 filtered by kind: median {filtered.Median:0.00} ms, p95 {filtered.P95:0.00} ms");
            var deep = await Percentiles(Math.Min(reads, 100), () => bank.Statement(big, null, 500, 20));
            Console.WriteLine($"statement page 500: median {deep.Median:0.00} ms, p95 {deep.P95:0.00} ms");
            var ok = sequential >= 5_000 && page.P95 <= 50;
            Console.WriteLine(ok ? "bars met" : "a bar is NOT met");
            return ok ? 0 : 1;
        }
    }

    private static async Task Post(App app, long account, int writer, int count, string prefix)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = app.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<PointsBank>()
                .Earn(account, 1, EarningType.VolunteerService, string.Create(CultureInfo.InvariantCulture, $"bench:{prefix}:{writer}:{i}"), new PostingNote("bench"));
            if (!result.IsOk)
            {
                throw new InvalidOperationException(result.Error!.Message);
            }
        }
    }

    private static async Task<double> Median<T>(int count, Func<Task<T>> read) => (await Percentiles(count, read)).Median;

    private static async Task<(double Median, double P95, double Max)> Percentiles<T>(int count, Func<Task<T>> read)
    {
        for (var i = 0; i < 20; i++)
        {
            await read();
        }

        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await read();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]);
    }
}
