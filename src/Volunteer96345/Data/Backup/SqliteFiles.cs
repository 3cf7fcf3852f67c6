using Microsoft.Data.Sqlite;

namespace Volunteer96345.Data.Backup;

/// <summary>What <c>PRAGMA integrity_check</c> said of a database file.</summary>
internal sealed record IntegrityResult(bool Ok, string Message);

/// <summary>The SQLite file operations of backup and restore: the integrity check, the copy through the online backup API, the lock file.</summary>
internal static class SqliteFiles
{
    public const string PostgresMessage =
        "On PostgreSQL, back up with pg_dump and restore with pg_restore (see docs/deploy.md, \"Backup and restore\"): "
        + "pg_dump -Fc -f volunteer96345.dump <database>; pg_restore --clean --if-exists -d <database> volunteer96345.dump";

    /// <summary>The database file a connection string names (full path), or null for an in-memory database.</summary>
    public static string? FileOf(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(source);
    }

    /// <summary>An existing file, opened for the check without creating it and outside any pool.</summary>
    public static string ConnectionTo(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();

    /// <summary>
    /// <c>PRAGMA integrity_check</c>: "ok", or the first problems it found. A file that is not a database at all, or
    /// that SQLite cannot read, fails too. A plain copy of a file in use can look fine to every query and fail here.
    /// </summary>
    public static async Task<IntegrityResult> CheckIntegrityAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return new IntegrityResult(false, $"{file} does not exist");
        }

        try
        {
            await using var connection = new SqliteConnection(ConnectionTo(file));
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check(20);";
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(reader.GetString(0));
                }
            }

            return lines is ["ok"]
                ? new IntegrityResult(true, "integrity check: ok")
                : new IntegrityResult(false, "integrity check failed: " + string.Join("; ", lines));
        }
        catch (SqliteException e)
        {
            return new IntegrityResult(false, $"integrity check failed: {e.Message}");
        }
    }

    /// <summary>
    /// A consistent copy of the database <paramref name="sourceConnectionString"/> names, made by SQLite's online backup API in one step: it reads one
    /// snapshot while writers (in this or another process; WAL) go on, and it takes the WAL's committed frames with it.
    /// Starting that read can meet a lock for a moment (a checkpoint, a connection closing the WAL): SQLite's busy handler
    /// waits for it, and a copy that still meets one is started again, a few times, before the error is the answer.
    /// </summary>
    public static async Task CopyAsync(string sourceConnectionString, string destinationFile, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var source = new SqliteConnection(sourceConnectionString);
                source.Open();
                using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationFile, Pooling = false }.ToString());
                destination.Open();
                foreach (var connection in new[] { source, destination })
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA busy_timeout = 5000;";
                    command.ExecuteNonQuery();
                }

                await Task.Run(() => source.BackupDatabase(destination), cancellationToken);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 5)
            {
                await Task.Delay(200 * attempt, cancellationToken);
            }
        }
    }

    /// <summary>The last audit row of a database file (sequence and hash), or null when it has none.</summary>
    public static async Task<(long Sequence, string Hash)?> AuditTailAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionTo(file));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Sequence", "Hash" FROM audit_entries ORDER BY "Sequence" DESC LIMIT 1""";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public static string LockFileOf(string databaseFile) => databaseFile + ".lock";
}

/// <summary>
/// The lock a running app holds on its SQLite database so that <c>restore</c> cannot replace the file under it: a shared
/// lock (flock LOCK_SH, through FileShare) on data/volunteer96345.db.lock, taken at start-up (one open of an empty file)
/// and held until the process ends, when the OS drops it even after a crash. Several instances may share a database;
/// restore asks for the exclusive lock and is refused while any of them holds its shared one.
/// </summary>
internal sealed class SqliteDatabaseLock(DatabaseConnections connections) : IDisposable
{
    private FileStream? _held;

    public void Acquire()
    {
        if (!connections.IsSqlite || _held is not null || SqliteFiles.FileOf(connections.ConnectionString) is not { } file)
        {
            return;
        }

        var path = SqliteFiles.LockFileOf(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The database {file} is being restored ({path} is locked); start the app again when the restore has finished.", e);
        }
    }

    /// <summary>The exclusive lock for a restore, or null while an app holds its shared lock on the database.</summary>
    public static FileStream? TryExclusive(string databaseFile)
    {
        var path = SqliteFiles.LockFileOf(databaseFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _held?.Dispose();
}
