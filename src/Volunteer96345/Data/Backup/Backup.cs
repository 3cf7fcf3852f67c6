using System.Globalization;
using Microsoft.Data.Sqlite;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Data.Backup;

internal sealed record BackupResult(bool Ok, string Message);

/// <summary>
/// <c>backup &lt;file&gt;</c> and the daily backup: a consistent copy of the running SQLite database (the online backup
/// API, while the app serves writes), written beside the target and moved into place only after its own integrity check
/// passed, then an audit anchor for the copy's last audit row (decision 0022).
/// </summary>
internal sealed class SqliteBackup(DatabaseConnections connections, AuditAnchors anchors, TimeProvider clock)
{
    public async Task<BackupResult> WriteAsync(string file, CancellationToken cancellationToken)
    {
        if (!connections.IsSqlite)
        {
            return new BackupResult(false, SqliteFiles.PostgresMessage);
        }

        var target = Path.GetFullPath(file);
        if (SqliteFiles.FileOf(connections.ConnectionString) is { } database && database == target)
        {
            return new BackupResult(false, "backup refused: the target is the database itself");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await SqliteFiles.CopyAsync(connections.ConnectionString, partial, cancellationToken);
            var integrity = await SqliteFiles.CheckIntegrityAsync(partial, cancellationToken);
            if (!integrity.Ok)
            {
                return new BackupResult(false, $"backup refused: the copy fails the integrity check, so the database itself is damaged ({integrity.Message})");
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        var anchored = "no audit rows to anchor";
        await using (var connection = new SqliteConnection(SqliteFiles.ConnectionTo(target)))
        {
            await connection.OpenAsync(cancellationToken);
            if (await FieldKeyGuard.ReadAsync(connection, cancellationToken) is { } key && await SqliteFiles.AuditTailAsync(target, cancellationToken) is { } tail)
            {
                await anchors.WriteAsync(new AuditAnchor(key.DatabaseId, tail.Sequence, tail.Hash, clock.GetUtcNow().UtcDateTime, AnchorKinds.Backup),
                    cancellationToken);
                anchored = string.Create(CultureInfo.InvariantCulture, $"audit anchor at row {tail.Sequence} written to {anchors.Directory}");
            }
        }

        return new BackupResult(true, string.Create(CultureInfo.InvariantCulture,
            $"backup written to {target} ({new FileInfo(target).Length} bytes); integrity check: ok; {anchored}. Back up the field key file apart from it."));
    }
}

/// <summary>
/// The daily backup (SQLite only): Backup:Directory (off when unset) gets volunteer96345-yyyy-MM-dd.db once a Shanghai day,
/// and files of that name older than Backup:KeepDays (default 7) days are deleted. It looks every Backup:CheckMinutes
/// (default 60), so a day missed while the app was down is made up at the next start.
/// </summary>
internal sealed class DailyBackup(SqliteBackup backup, DatabaseConnections connections, IConfiguration configuration, TimeProvider clock,
    ILogger<DailyBackup> logger) : PeriodicSweeper(clock, logger)
{
    public override bool Housekeeping => true;

    private const string Prefix = "volunteer96345-";
    private readonly string? _directory = configuration["Backup:Directory"] is { Length: > 0 } directory ? Path.GetFullPath(directory) : null;
    private readonly int _keepDays = Math.Max(1, configuration.GetValue("Backup:KeepDays", 7));

    protected override bool Enabled => _directory is not null && connections.IsSqlite;

    protected override TimeSpan Period { get; } = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Backup:CheckMinutes", 60.0)));

    /// <summary>Today's backup if it is not there yet, then the pruning; the path written, or null.</summary>
    internal async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_directory is null || !connections.IsSqlite)
        {
            return null;
        }

        var today = Common.Time.Shanghai.Today(Clock);
        var file = Path.Combine(_directory, Prefix + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".db");
        string? written = null;
        if (!File.Exists(file))
        {
            var result = await backup.WriteAsync(file, cancellationToken);
            if (!result.Ok)
            {
                Logger.LogError("Daily backup failed: {Message}", result.Message);
                return null;
            }

            Logger.LogInformation("Daily backup: {Message}", result.Message);
            written = file;
        }

        foreach (var old in Directory.EnumerateFiles(_directory, Prefix + "*.db"))
        {
            var name = Path.GetFileNameWithoutExtension(old)[Prefix.Length..];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day <= today.AddDays(-_keepDays))
            {
                File.Delete(old);
            }
        }

        return written;
    }

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        // SQLite's async calls complete synchronously: without this the first backup would run inside the host's start.
        await Task.Yield();
        await RunOnceAsync(cancellationToken);
    }
}

internal static class BackupModule
{
    public static void AddBackup(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SqliteDatabaseLock>();
        builder.Services.AddSingleton<SqliteBackup>();
        builder.Services.AddScoped<RestoreHandler>();
        builder.Services.AddSingleton<DailyBackup>();
        builder.Services.AddBackgroundJob<DailyBackup>();
    }
}
