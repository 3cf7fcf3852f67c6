using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Data.Backup;

namespace Volunteer96345.Tests.Data.Backup;

/// <summary>backup and restore as an operator runs them, against the running app's database.</summary>
[Trait("Category", "Integration")]
public sealed class BackupRestoreTests(AppFixture app) : IClassFixture<AppFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("v96345-backup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_backup_taken_while_the_app_writes_restores_into_a_fresh_file_with_every_write_acknowledged_before_it()
    {
        if (app.IsPostgres)
        {
            var (code, output) = await RunDll("backup", Path.Combine(_folder, "x.db"));
            Assert.Equal(2, code);
            Assert.Contains("pg_dump", output, StringComparison.Ordinal);
            return;
        }

        var acknowledged = new List<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var marker = $"backup-load-{i}";
                await app.Db(async db =>
                {
                    db.DataExports.Add(DataExport.Of("BackupLoad", i, true, marker, null, "test", app.Clock.GetUtcNow().UtcDateTime));
                    return await db.SaveChangesAsync();
                });
                lock (acknowledged)
                {
                    acknowledged.Add(marker);
                }
            }
        });
        while (Count() < 20)
        {
            await Task.Delay(10);
        }

        var before = Snapshot();
        var file = Path.Combine(_folder, "during-writes.db");
        var result = await app.Services.GetRequiredService<SqliteBackup>().WriteAsync(file, CancellationToken.None);
        var during = Count();
        await stop.CancelAsync();
        await writer;

        Assert.True(result.Ok, result.Message);
        Assert.True(during > before.Count, "the writes went on while the backup ran");
        var target = Path.Combine(_folder, "restored.db");
        var (exit, report) = await RunDll("restore", "--ConnectionStrings:Default=Data Source=" + target, file);

        Assert.True(exit == 0, report);
        Assert.Contains("restore complete: all checks passed", report, StringComparison.Ordinal);
        Assert.True((await SqliteFiles.CheckIntegrityAsync(target, CancellationToken.None)).Ok);
        var restored = Markers(target);
        Assert.All(before, m => Assert.Contains(m, restored));
        // One consistent moment: the writes present are a prefix of the acknowledged ones.
        Assert.Equal(Snapshot().Take(restored.Count), restored.OrderBy(m => int.Parse(m["backup-load-".Length..], System.Globalization.CultureInfo.InvariantCulture)));

        int Count()
        {
            lock (acknowledged)
            {
                return acknowledged.Count;
            }
        }

        List<string> Snapshot()
        {
            lock (acknowledged)
            {
                return [.. acknowledged];
            }
        }
    }

    [Fact]
    public async Task Restore_refuses_while_the_app_runs_on_the_database_and_changes_nothing()
    {
        if (app.IsPostgres)
        {
            var (code, output) = await RunDll("restore", Path.Combine(_folder, "x.db"));
            Assert.Equal(2, code);
            Assert.Contains("pg_restore", output, StringComparison.Ordinal);
            return;
        }

        var file = Path.Combine(_folder, "good.db");
        Assert.True((await app.Services.GetRequiredService<SqliteBackup>().WriteAsync(file, CancellationToken.None)).Ok);
        var before = await app.Fingerprint();

        var (exit, report) = await RunDll("restore", file);

        Assert.Equal(1, exit);
        Assert.Contains("the app is running", report, StringComparison.Ordinal);
        Assert.Equal(before, await app.Fingerprint());
        Assert.Null(SqliteDatabaseLock.TryExclusive(SqliteFiles.FileOf(app.ConnectionString)!));
    }

    [Fact]
    public async Task A_corrupted_copy_fails_restore_and_the_verify_commands_and_leaves_the_current_database_untouched()
    {
        if (app.IsPostgres)
        {
            return; // PostgreSQL has no file to damage; its integrity is pg_dump's and the server's.
        }

        var good = Path.Combine(_folder, "good.db");
        var (backedUp, backupReport) = await RunDll("backup", good);
        Assert.True(backedUp == 0, backupReport);
        Assert.Contains("integrity check: ok", backupReport, StringComparison.Ordinal);
        var current = Path.Combine(_folder, "current.db");
        File.Copy(good, current);
        var currentBytes = SHA256.HashData(await File.ReadAllBytesAsync(current));

        var damaged = Path.Combine(_folder, "damaged.db");
        File.Copy(good, damaged);
        Damage(damaged);

        var (restored, restoreReport) = await RunDll("restore", "--ConnectionStrings:Default=Data Source=" + current, damaged);
        Assert.Equal(1, restored);
        Assert.Contains("fails the integrity check", restoreReport, StringComparison.Ordinal);
        Assert.Contains("untouched", restoreReport, StringComparison.Ordinal);
        Assert.Equal(currentBytes, SHA256.HashData(await File.ReadAllBytesAsync(current)));
        Assert.False(File.Exists(current + ".before-restore"));

        foreach (var command in new[] { "verify-audit", "verify-ledger" })
        {
            var (verified, verifyReport) = await RunDll(command, "--ConnectionStrings:Default=Data Source=" + damaged);
            Assert.True(verified == 1, verifyReport);
            Assert.Contains("is damaged", verifyReport, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_daily_backup_writes_one_file_a_day_and_keeps_the_configured_number_of_days()
    {
        if (app.IsPostgres)
        {
            return;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backup:Directory"] = _folder,
            ["Backup:KeepDays"] = "2",
        }).Build();
        var daily = new DailyBackup(app.Services.GetRequiredService<SqliteBackup>(), app.Services.GetRequiredService<DatabaseConnections>(),
            configuration, app.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<DailyBackup>.Instance);
        var old = Path.Combine(_folder, "volunteer96345-2026-11-26.db");
        await File.WriteAllTextAsync(old, "an old backup");

        var first = await daily.RunOnceAsync(CancellationToken.None);
        var again = await daily.RunOnceAsync(CancellationToken.None);

        // 2026-11-29 10:00 in Shanghai: today's file, and the one of three days ago is gone.
        Assert.Equal(Path.Combine(_folder, "volunteer96345-2026-11-29.db"), first);
        Assert.Null(again);
        Assert.False(File.Exists(old));
        Assert.True((await SqliteFiles.CheckIntegrityAsync(first!, CancellationToken.None)).Ok);
    }

    /// <summary>Overwrites the start of a few pages (their b-tree headers and cell pointers) in the middle of the file.</summary>
    /// <summary>
    /// Overwrites the cell pointers of eight b-tree pages from a third of the file on: pages of tables and indexes, not the
    /// overflow pages of a stored file, whose damaged bytes the integrity check could not tell from content.
    /// </summary>
    private static void Damage(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        var pageSize = 4096;
        var pages = stream.Length / pageSize;
        var damaged = 0;
        for (var page = pages / 3; page < pages && damaged < 8; page++)
        {
            // A b-tree page that holds cells (bytes 3-4: the cell count): overwriting the cell pointers of an empty table's
            // root page would change nothing the integrity check reads.
            stream.Position = page * pageSize;
            var header = new byte[5];
            stream.ReadExactly(header);
            if (header[0] is 0x02 or 0x05 or 0x0A or 0x0D && ((header[3] << 8) | header[4]) > 0)
            {
                stream.Position = (page * pageSize) + 8;
                stream.Write(Enumerable.Repeat((byte)0xA5, 1024).ToArray());
                damaged++;
            }
        }

        Assert.Equal(8, damaged);
    }

    private static HashSet<string> Markers(string file)
    {
        using var connection = new SqliteConnection(SqliteFiles.ConnectionTo(file));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Filter" FROM data_exports WHERE "Kind" = 'BackupLoad'""";
        using var reader = command.ExecuteReader();
        var markers = new HashSet<string>();
        while (reader.Read())
        {
            markers.Add(reader.GetString(0));
        }

        return markers;
    }

    /// <summary>The published app's dll with a command, on this fixture's database and key file unless an argument says otherwise; the file (if any) last.</summary>
    private async Task<(int ExitCode, string Output)> RunDll(string command, params string[] rest)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var keyFile = FieldProtector.KeyFilePath(configuration, app.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, "Volunteer96345.dll"), command,
            $"--Database:Provider={app.Provider}", $"--Privacy:KeyFile={keyFile}", $"--Audit:AnchorDirectory={Path.Combine(_folder, "anchors")}" };
        if (!rest.Any(r => r.StartsWith("--ConnectionStrings:Default=", StringComparison.Ordinal)))
        {
            arguments.Add($"--ConnectionStrings:Default={app.ConnectionString}");
        }

        arguments.AddRange(rest);
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
