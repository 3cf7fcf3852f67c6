using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

// Durable intake over HTTP (issue 4 bars): hotline orders posted to a running, published app as the signed-in dispatcher.
//   intake  — warm-up, closed-loop throughput with N clients, open-loop latency at a fixed rate, verification of every
//             2xx order in the database, and the same rows inserted with raw ADO.NET for the ratio.
//   load    — closed-loop load until killed or for a time, appending each 2xx order id to a file as it arrives (crash test).
//   verify  — every id in a file is in the database with its offers, timers, outbox and audit rows (crash test).
//   unfired — every id's accept-deadline timer is still unfired (crash test, right after a restart).
//   fired   — every id's accept-deadline timer has fired exactly once (crash test, after the deadline passed).
//   lateness — how long after its deadline each id's accept-deadline timer fired: p50, p99, max, and the intake's rate next
//              to the sweeper's over the same orders (escalation test).
//   due     — how many timers are due and unfired at a moment (backlog test, before the restart).
//   drained — the timers due at a moment: all fired, each once, oldest first, and how long after a moment the last fired
//             (backlog test, after the restart).
//   sql     — run one statement against the database file (crash test: shorten an item's accept deadline).
internal static class IntakeBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> Run(string mode, string[] args)
    {
        var o = Options.Parse(args);
        return mode switch
        {
            "intake" => await Intake(o),
            "load" => await Load(o),
            "verify" => Verify(o.Db, ReadIds(o.Ids)) ? 0 : 1,
            "unfired" => Unfired(o.Db, ReadIds(o.Ids)) ? 0 : 1,
            "fired" => Fired(o.Db, ReadIds(o.Ids)) ? 0 : 1,
            "lateness" => Lateness(o.Db, ReadIds(o.Ids)) ? 0 : 1,
            "sql" => Sql(o.Db, o.Sql),
            "due" => Due(o.Db, o.At),
            "drained" => Drained(o.Db, o.At, o.Since) ? 0 : 1,
            _ => throw new ArgumentException("unknown mode " + mode),
        };
    }

    private static async Task<int> Intake(Options o)
    {
        using var client = await SignIn(o.Url, o.Concurrency);
        var ids = new ConcurrentBag<Guid>();
        Console.WriteLine($"warm-up: {o.Concurrency} clients for {o.Warmup} s");
        await ClosedLoop(client, o.Concurrency, TimeSpan.FromSeconds(o.Warmup), ids, null);

        var before = ids.Count;
        var failures = new ConcurrentBag<string>();
        var (appCpu0, selfCpu0) = (CpuMs(o.Pid), Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds);
        var watch = Stopwatch.StartNew();
        await ClosedLoop(client, o.Concurrency, TimeSpan.FromSeconds(o.Seconds), ids, failures);
        var elapsed = watch.Elapsed.TotalSeconds;
        var ok = ids.Count - before;
        var throughput = ok / elapsed;
        Console.WriteLine($"throughput: {ok} orders in {elapsed:0.0} s with {o.Concurrency} clients = {throughput:0} orders/s ({failures.Count} failed{FirstFailure(failures)})");
        // On a shared machine the wall-clock rate says more about the neighbours than about the app; the CPU time the
        // app and the generator spent per order does not, and bounds what two dedicated cores could do.
        var appCpu = (CpuMs(o.Pid) - appCpu0) / ok;
        var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - selfCpu0) / ok;
        if (o.Pid > 0)
        {
            Console.WriteLine($"CPU per order: app {appCpu:0.00} ms, load generator {selfCpu:0.00} ms; CPU-bound ceiling on {Environment.ProcessorCount} cores: " +
                              $"{Environment.ProcessorCount * 1000 / (appCpu + selfCpu):0} orders/s with the generator on the same cores, {Environment.ProcessorCount * 1000 / appCpu:0} orders/s for the app alone");
        }

        var (latencies, openFailures) = await OpenLoop(client, o.Rate, TimeSpan.FromSeconds(o.RateSeconds), ids);
        latencies.Sort();
        Console.WriteLine($"latency at {o.Rate} orders/s open-loop for {o.RateSeconds} s: {latencies.Count} sent, p50 {Percentile(latencies, 50):0.0} ms, " +
                          $"p99 {Percentile(latencies, 99):0.0} ms, max {latencies[^1]:0.0} ms ({openFailures} failed)");

        var all = ids.ToList();
        if (!Verify(o.Db, all))
        {
            return 1;
        }

        var rows = RowsPerOrder(o.Db, all);
        Console.WriteLine("rows per order (mean): " + string.Join(", ", rows.Select(r => $"{r.Key} {r.Value:0.0}")));
        var rawCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        var (raw, rawCount) = RawInsert(o.Db, all[^1], TimeSpan.FromSeconds(o.Seconds));
        var rawCpu = (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - rawCpu0) / rawCount;
        Console.WriteLine($"raw ADO.NET: {raw:0} orders/s, CPU per order {rawCpu:0.000} ms (same rows, one transaction per order, prepared statements, WAL, synchronous=NORMAL)");
        if (o.Pid > 0)
        {
            Console.WriteLine($"CPU per order app/raw: {appCpu / rawCpu:0.0}x");
        }

        Console.WriteLine($"ratio app/raw: {throughput / raw:0.000} (raw is {raw / throughput:0.0}x the app)");
        Console.WriteLine($"RESULT throughput={throughput:0} p50={Percentile(latencies, 50):0.0} p99={Percentile(latencies, 99):0.0} raw={raw:0} ratio={throughput / raw:0.000}");
        return failures.IsEmpty && openFailures == 0 ? 0 : 1;
    }

    private static string FirstFailure(ConcurrentBag<string> failures) => failures.TryPeek(out var f) ? "; first: " + f : "";

    /// <summary>For the crash test: post orders until the time is up (or the server dies and stays dead), writing each 2xx id at once.</summary>
    private static async Task<int> Load(Options o)
    {
        using var client = await SignIn(o.Url, o.Concurrency);
        await using var file = new StreamWriter(o.Ids, append: true) { AutoFlush = true };
        var gate = new object();
        var ok = 0;
        var refused = 0;
        var deadline = Stopwatch.StartNew();
        var dead = false;
        var workers = Enumerable.Range(0, o.Concurrency).Select(w => Task.Run(async () =>
        {
            while (deadline.Elapsed.TotalSeconds < o.Seconds && !Volatile.Read(ref dead))
            {
                try
                {
                    using var response = await client.PostAsJsonAsync("/api/v1/work-orders", Call(Interlocked.Increment(ref _sequence)));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                        lock (gate)
                        {
                            file.WriteLine(id.ToString());
                            ok++;
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The server was killed: the orders in flight got no 2xx and so carry no promise. Stop the load.
                    Interlocked.Increment(ref refused);
                    Volatile.Write(ref dead, true);
                }
            }
        }));
        await Task.WhenAll(workers);
        Console.WriteLine($"load: {ok} orders acknowledged, {refused} requests cut off by the kill");
        return 0;
    }

    private static long _sequence = Random.Shared.Next(0, 1_000_000) * 100L;

    /// <summary>A hotline call for 水电维修 in one of the demo villages, from a different phone each time.</summary>
    private static object Call(long n)
    {
        var villages = Volunteer96345.Demo.DemoSeed.Villages;
        var village = villages[(int)(n % villages.Length)];
        return new
        {
            serviceCode = "LA-001",
            description = "厨房水管爆裂，水漫到客厅",
            address = $"{village}{(n % 30) + 1}组{(n % 50) + 1}号",
            village,
            callerName = "王阿姨",
            callerPhone = "139" + (n % 100_000_000).ToString("D8", Inv),
            answers = new Dictionary<string, string> { ["fault"] = "water" },
        };
    }

    private static async Task<HttpClient> SignIn(string url, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            MaxConnectionsPerServer = Math.Max(connections, 1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        // The API refuses a state-changing call made with the session cookie unless it comes from the app's own origin (CSRF).
        client.DefaultRequestHeaders.Add("Origin", new Uri(url).GetLeftPart(UriPartial.Authority));
        using var response = await client.PostAsJsonAsync("/api/v1/session", new { userName = "dispatcher", password = "Yanguan96345" });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    private static async Task ClosedLoop(HttpClient client, int concurrency, TimeSpan duration, ConcurrentBag<Guid> ids, ConcurrentBag<string>? failures)
    {
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var (id, error) = await Post(client);
                if (id is { } ok)
                {
                    ids.Add(ok);
                }
                else
                {
                    failures?.Add(error!);
                }
            }
        }));
        await Task.WhenAll(workers);
    }

    /// <summary>
    /// Sends at fixed intervals whatever the responses do, and measures each request from the moment it was due, so a
    /// stalled server shows up as latency rather than as fewer requests (no coordinated omission).
    /// </summary>
    private static async Task<(List<double> Latencies, int Failures)> OpenLoop(HttpClient client, int rate, TimeSpan duration, ConcurrentBag<Guid> ids)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var failures = 0;
        var tasks = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var (id, _) = await Post(client);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (id is { } ok)
                {
                    ids.Add(ok);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        await Task.WhenAll(tasks);
        return ([.. latencies], failures);
    }

    private static async Task<(Guid? Id, string? Error)> Post(HttpClient client)
    {
        try
        {
            using var response = await client.PostAsJsonAsync("/api/v1/work-orders", Call(Interlocked.Increment(ref _sequence)));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return (null, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, e.Message);
        }
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * p / 100.0) - 1)];

    private static List<Guid> ReadIds(string path) => [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(Guid.Parse).Distinct()];

    private static SqliteConnection Open(string db, bool readOnly = true)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = db,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Loads the ids into a temporary table, so every check is one query however many orders there are.</summary>
    private static void LoadIds(SqliteConnection c, IEnumerable<Guid> ids)
    {
        using (var create = c.CreateCommand())
        {
            create.CommandText = "CREATE TEMP TABLE IF NOT EXISTS acked (Id TEXT PRIMARY KEY); DELETE FROM acked;";
            create.ExecuteNonQuery();
        }

        using var tx = c.BeginTransaction();
        using var insert = c.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO acked VALUES ($id)";
        var p = insert.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in ids)
        {
            p.Value = id.ToString().ToUpperInvariant();
            insert.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), Inv);
    }

    /// <summary>Every acknowledged order is stored with its offers, SLA timers, outbox rows and audit row.</summary>
    public static bool Verify(string db, List<Guid> ids)
    {
        using var c = Open(db);
        LoadIds(c, ids);
        // Neither the outbox's Link nor the audit's entity id is indexed (the app never looks them up so): index copies, or the checks are quadratic.
        using (var links = c.CreateCommand())
        {
            links.CommandText = "DROP TABLE IF EXISTS temp.links; CREATE TEMP TABLE links AS SELECT DISTINCT Link FROM outbox WHERE Link LIKE '/m/orders/%'; " +
                                "CREATE INDEX temp.links_link ON links (Link); " +
                                "DROP TABLE IF EXISTS temp.audited; CREATE TEMP TABLE audited AS SELECT DISTINCT EntityId FROM audit_entries " +
                                "WHERE EntityType = 'WorkOrder' AND Action = 'Added'; CREATE INDEX temp.audited_id ON audited (EntityId);";
            links.ExecuteNonQuery();
        }

        var checks = new (string What, string Sql)[]
        {
            ("missing orders", "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM work_orders o WHERE o.Id = a.Id)"),
            ("orders without offers", "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM work_order_offers f WHERE f.WorkOrderId = a.Id)"),
            ("orders without an accept-deadline timer", "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM timers t WHERE t.WorkOrderId = a.Id AND t.Kind = 'AcceptDeadline')"),
            ("orders without outbox rows", "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM links m WHERE m.Link = '/m/orders/' || lower(a.Id))"),
            ("orders without an audit row", "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM audited e WHERE e.EntityId = lower(a.Id))"),
        };
        var ok = true;
        foreach (var (what, sql) in checks)
        {
            var n = Scalar(c, sql);
            if (n > 0)
            {
                Console.WriteLine($"VERIFY FAILED: {n} of {ids.Count} {what}");
                ok = false;
            }
        }

        if (ok)
        {
            Console.WriteLine($"verified: all {ids.Count} acknowledged orders are stored with offers, SLA timers, outbox and audit rows");
        }

        return ok;
    }

    /// <summary>No acknowledged order's accept deadline has fired yet (they are due a minute after receipt).</summary>
    private static bool Unfired(string db, List<Guid> ids)
    {
        using var c = Open(db);
        LoadIds(c, ids);
        var timers = Scalar(c, "SELECT count(*) FROM acked a JOIN timers t ON t.WorkOrderId = a.Id AND t.Kind = 'AcceptDeadline' AND t.FiredAt IS NULL");
        Console.WriteLine($"unfired: {timers} of {ids.Count} acknowledged orders of this round have their accept deadline pending");
        return timers == ids.Count;
    }

    /// <summary>Every acknowledged order's accept deadline fired exactly once, after its due time.</summary>
    private static bool Fired(string db, List<Guid> ids)
    {
        using var c = Open(db);
        LoadIds(c, ids);
        var unfired = Scalar(c, "SELECT count(*) FROM acked a JOIN timers t ON t.WorkOrderId = a.Id AND t.Kind = 'AcceptDeadline' WHERE t.FiredAt IS NULL");
        var early = Scalar(c, "SELECT count(*) FROM acked a JOIN timers t ON t.WorkOrderId = a.Id AND t.Kind = 'AcceptDeadline' WHERE t.FiredAt < t.DueAt");
        var notOnce = Scalar(c, "SELECT count(*) FROM acked a WHERE (SELECT count(*) FROM work_order_events e WHERE e.WorkOrderId = a.Id AND e.Kind = 'AcceptOverdue') <> 1");
        Console.WriteLine($"fired: {ids.Count} orders; accept deadline unfired {unfired}, fired early {early}, AcceptOverdue not exactly once {notOnce}");
        return unfired == 0 && early == 0 && notOnce == 0;
    }

    /// <summary>
    /// Escalation timing (bar: at most 1 s after the deadline at p99, never early, exactly once): the time from each
    /// acknowledged order's accept deadline to the moment the sweeper fired it, as the timer row records it.
    /// </summary>
    private static bool Lateness(string db, List<Guid> ids)
    {
        if (!Fired(db, ids))
        {
            return false;
        }

        using var c = Open(db);
        LoadIds(c, ids);
        using var command = c.CreateCommand();
        command.CommandText = "SELECT t.DueAt, t.FiredAt FROM acked a JOIN timers t ON t.WorkOrderId = a.Id AND t.Kind = 'AcceptDeadline'";
        using var reader = command.ExecuteReader();
        var late = new List<double>();
        var (firstDue, lastDue, firstFired, lastFired) = (DateTime.MaxValue, DateTime.MinValue, DateTime.MaxValue, DateTime.MinValue);
        while (reader.Read())
        {
            var (due, fired) = (reader.GetDateTime(0), reader.GetDateTime(1));
            late.Add((fired - due).TotalMilliseconds);
            (firstDue, lastDue) = (due < firstDue ? due : firstDue, due > lastDue ? due : lastDue);
            (firstFired, lastFired) = (fired < firstFired ? fired : firstFired, fired > lastFired ? fired : lastFired);
        }

        late.Sort();
        // Each deadline is its order's receipt plus one minute, so the deadlines fall due at the rate the intake took the orders.
        var intakeRate = late.Count / (lastDue - firstDue).TotalSeconds;
        var firingRate = late.Count / (lastFired - firstFired).TotalSeconds;
        Console.WriteLine($"rates: the intake took {intakeRate:0} orders/s over {(lastDue - firstDue).TotalSeconds:0.0} s; the sweeper fired their accept deadlines " +
                          $"at {firingRate:0}/s over {(lastFired - firstFired).TotalSeconds:0.0} s");
        Console.WriteLine($"lateness: {late.Count} accept deadlines fired p50 {Percentile(late, 50):0} ms, p99 {Percentile(late, 99):0} ms, " +
                          $"max {late[^1]:0} ms after their deadline (min {late[0]:0} ms)");
        Console.WriteLine($"RESULT escalation n={late.Count} p50={Percentile(late, 50):0} p99={Percentile(late, 99):0} max={late[^1]:0} " +
                          $"intake={intakeRate:0} fired={firingRate:0}");
        return true;
    }

    /// <summary>The timers due at <paramref name="at"/> (UTC) and not fired: the backlog a restart finds.</summary>
    private static int Due(string db, DateTime at)
    {
        using var c = Open(db);
        var due = Scalar(c, $"SELECT count(*) FROM timers WHERE FiredAt IS NULL AND DueAt <= '{at:yyyy-MM-dd HH:mm:ss.fffffff}'");
        Console.WriteLine($"due: {due} timers due by {at:O} and not fired");
        Console.WriteLine($"RESULT due={due}");
        return due > 0 ? 0 : 1;
    }

    /// <summary>
    /// Every timer due at <paramref name="at"/> has fired, none before its deadline; every order's accept deadline led to one
    /// AcceptOverdue event; the firings went oldest first (each batch's deadlines no newer than any later batch's); and
    /// the last fired so many seconds after <paramref name="since"/> (the restart).
    /// </summary>
    private static bool Drained(string db, DateTime at, DateTime since)
    {
        using var c = Open(db);
        var stamp = $"'{at:yyyy-MM-dd HH:mm:ss.fffffff}'";
        var unfired = Scalar(c, $"SELECT count(*) FROM timers WHERE FiredAt IS NULL AND DueAt <= {stamp}");
        var early = Scalar(c, $"SELECT count(*) FROM timers WHERE DueAt <= {stamp} AND FiredAt < DueAt");
        var notOnce = Scalar(c, $"SELECT count(*) FROM timers t WHERE t.Kind = 'AcceptDeadline' AND t.DueAt <= {stamp} AND " +
                                "(SELECT count(*) FROM work_order_events e WHERE e.WorkOrderId = t.WorkOrderId AND e.Kind = 'AcceptOverdue') <> 1");
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT DueAt, FiredAt FROM timers WHERE DueAt <= {stamp} AND FiredAt IS NOT NULL ORDER BY FiredAt, DueAt";
        using var reader = command.ExecuteReader();
        var (count, inversions, newestBefore, batchNewest, batch) = (0, 0, DateTime.MinValue, DateTime.MinValue, DateTime.MinValue);
        var (first, last) = (DateTime.MaxValue, DateTime.MinValue);
        while (reader.Read())
        {
            var (due, fired) = (reader.GetDateTime(0), reader.GetDateTime(1));
            if (fired != batch)
            {
                (newestBefore, batch) = (batchNewest > newestBefore ? batchNewest : newestBefore, fired);
            }

            inversions += due < newestBefore ? 1 : 0;
            batchNewest = due > batchNewest ? due : batchNewest;
            (first, last, count) = (fired < first ? fired : first, fired > last ? fired : last, count + 1);
        }

        var drain = (last - since).TotalSeconds;
        Console.WriteLine($"drained: {count} timers due by {at:O} fired, {unfired} unfired, {early} early, {notOnce} accept deadlines not escalated exactly once, " +
                          $"{inversions} fired after a newer one; the first fired {(first - since).TotalSeconds:0.0} s and the last {drain:0.0} s after the restart " +
                          $"({count / (last - first).TotalSeconds:0}/s)");
        Console.WriteLine($"RESULT backlog n={count} drain={drain:0.0} rate={count / (last - first).TotalSeconds:0} unfired={unfired} early={early} notOnce={notOnce} inversions={inversions}");
        return unfired == 0 && early == 0 && notOnce == 0 && inversions == 0;
    }

    private static int Sql(string db, string sql)
    {
        using var c = Open(db, readOnly: false);
        using var command = c.CreateCommand();
        command.CommandText = sql;
        Console.WriteLine($"sql: {command.ExecuteNonQuery()} rows changed");
        return 0;
    }

    private static readonly string[] Tables = ["work_orders", "work_order_offers", "work_order_events", "timers", "outbox", "audit_entries"];

    private static Dictionary<string, double> RowsPerOrder(string db, List<Guid> ids)
    {
        using var c = Open(db);
        LoadIds(c, ids);
        var n = (double)ids.Count;
        return new Dictionary<string, double>
        {
            ["work_orders"] = Scalar(c, "SELECT count(*) FROM work_orders o JOIN acked a ON a.Id = o.Id") / n,
            ["work_order_offers"] = Scalar(c, "SELECT count(*) FROM work_order_offers f JOIN acked a ON a.Id = f.WorkOrderId") / n,
            ["work_order_events"] = Scalar(c, "SELECT count(*) FROM work_order_events e JOIN acked a ON a.Id = e.WorkOrderId") / n,
            ["timers"] = Scalar(c, "SELECT count(*) FROM timers t JOIN acked a ON a.Id = t.WorkOrderId") / n,
            ["outbox"] = Scalar(c, "SELECT count(*) FROM outbox m JOIN acked a ON a.Id = upper(substr(m.Link, 11)) WHERE m.Link LIKE '/m/orders/%'") / n,
            ["audit_entries"] = Scalar(c, "SELECT count(*) FROM audit_entries e WHERE e.At >= (SELECT min(ReceivedAt) FROM work_orders o JOIN acked a ON a.Id = o.Id)") / n,
        };
    }

    /// <summary>
    /// The baseline: the rows one real order produced (its order, offers, events, timers, outbox and audit rows, read
    /// from the app's database) inserted again and again under new ids with prepared statements, one transaction per
    /// order, on a copy of the app's database (same schema, indexes and data volume) in WAL with synchronous=NORMAL.
    /// </summary>
    private static (double Rate, int Count) RawInsert(string db, Guid template, TimeSpan duration)
    {
        var copy = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db))!, "raw-" + Path.GetFileName(db));
        foreach (var f in new[] { copy, copy + "-wal", copy + "-shm" })
        {
            File.Delete(f);
        }

        using (var source = Open(db))
        using (var vacuum = source.CreateCommand())
        {
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", copy);
            vacuum.ExecuteNonQuery();
        }

        using var c = Open(copy, readOnly: false);
        using (var pragma = c.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        var id = template.ToString().ToUpperInvariant();
        var rows = new Dictionary<string, (List<string> Columns, List<object?[]> Values)>();
        var auditFrom = Scalar(c, $"SELECT min(Sequence) FROM audit_entries WHERE EntityType = 'WorkOrder' AND EntityId = '{id.ToLowerInvariant()}'");
        var auditTo = Scalar(c, $"SELECT coalesce((SELECT min(Sequence) FROM audit_entries WHERE Sequence > {auditFrom} AND EntityType = 'WorkOrder' AND Action = 'Added'), (SELECT max(Sequence) + 1 FROM audit_entries))");
        foreach (var table in Tables)
        {
            var where = table switch
            {
                "work_orders" => $"Id = '{id}'",
                "outbox" => $"Link = '/m/orders/{id.ToLowerInvariant()}'",
                "audit_entries" => $"Sequence >= {auditFrom} AND Sequence < {auditTo}",
                _ => $"WorkOrderId = '{id}'",
            };
            using var read = c.CreateCommand();
            read.CommandText = $"SELECT * FROM {table} WHERE {where}";
            using var reader = read.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var values = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                reader.GetValues(row!);
                values.Add(row);
            }

            rows[table] = (columns, values);
        }

        Console.WriteLine("raw ADO.NET rows per order: " + string.Join(", ", rows.Select(r => $"{r.Key} {r.Value.Values.Count}")));
        var commands = rows.ToDictionary(r => r.Key, r =>
        {
            var insert = c.CreateCommand();
            var columns = r.Value.Columns.Where(col => !(r.Key == "work_order_events" && col == "Id")).ToList();
            insert.CommandText = $"INSERT INTO {r.Key} ({string.Join(", ", columns.Select(col => $"\"{col}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            foreach (var (_, i) in columns.Select((col, i) => (col, i)))
            {
                insert.Parameters.Add("$p" + i, SqliteType.Text);
            }

            return (Command: insert, Columns: columns);
        });
        var last = Scalar(c, "SELECT max(Sequence) FROM audit_entries");
        var previousHash = "";
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            var orderId = Guid.CreateVersion7().ToString().ToUpperInvariant();
            using var tx = c.BeginTransaction();
            foreach (var (table, (columns, values)) in rows)
            {
                var (command, insertColumns) = commands[table];
                command.Transaction = tx;
                foreach (var row in values)
                {
                    for (var i = 0; i < insertColumns.Count; i++)
                    {
                        var value = row[columns.IndexOf(insertColumns[i])];
                        command.Parameters[i].Value = (table, insertColumns[i]) switch
                        {
                            ("work_orders", "Id") or (_, "WorkOrderId") => orderId,
                            (_, "Id") => Guid.CreateVersion7().ToString().ToUpperInvariant(),
                            ("work_orders", "TrackingCode") => "R" + count.ToString("D9", Inv),
                            ("audit_entries", "Sequence") => ++last,
                            ("audit_entries", "PreviousHash") => previousHash,
                            ("audit_entries", "Hash") => previousHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(last + previousHash))),
                            _ => value ?? DBNull.Value,
                        };
                    }

                    command.ExecuteNonQuery();
                }
            }

            tx.Commit();
            count++;
        }

        var rate = count / watch.Elapsed.TotalSeconds;
        foreach (var (command, _) in commands.Values)
        {
            command.Dispose();
        }

        return (rate, count);
    }

    /// <summary>User + system CPU time of a process in milliseconds, from /proc (clock ticks of 10 ms).</summary>
    private static double CpuMs(int pid)
    {
        if (pid <= 0)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], Inv) + long.Parse(fields[12], Inv)) * 10.0;
    }

    private sealed record Options(string Url, string Db, int Concurrency, int Warmup, int Seconds, int Rate, int RateSeconds, string Ids, string Sql, int Pid,
        DateTime At, DateTime Since)
    {
        public static Options Parse(string[] args)
        {
            string Get(string name, string fallback)
            {
                var i = Array.IndexOf(args, "--" + name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(Inv)), Inv);
            return new Options(Get("url", "http://127.0.0.1:5098"), Get("db", ""), Int("concurrency", 32), Int("warmup", 10), Int("seconds", 10),
                Int("rate", 200), Int("rate-seconds", 20), Get("ids", "ids.txt"), Get("sql", ""), Int("pid", 0), Time("at"), Time("since"));

            // A moment in UTC, as `date -u +%FT%T.%N` writes it, or now.
            DateTime Time(string name) => Get(name, "") is { Length: > 0 } text
                ? DateTime.Parse(text, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                : TimeProvider.System.GetUtcNow().UtcDateTime;
        }
    }
}
