using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Volunteer96345.Data;

/// <summary>
/// SQLite allows one writer at a time. Without this gate, concurrent requests all issue BEGIN IMMEDIATE and the losers
/// wait inside SQLite's busy handler, each blocking a thread-pool thread while it sleeps and retries; under intake load
/// that starves the pool and turns into long tail latencies. Queueing the writers of this process here instead, in
/// arrival order and without blocking threads, keeps exactly the same one-writer semantics (SQLite's lock still guards
/// other processes and explicit transactions such as the SLA sweeper's) at a fraction of the cost. See docs/decisions/0011.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>One gate per database (connection string), so that test fixtures on different files do not queue on each other.</summary>
    public static SemaphoreSlim For(string connectionString) => Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
}

/// <summary>
/// Sets the per-connection PRAGMAs (they are not stored in the file) once for each physical connection, the first time the
/// pool hands it out, rather than on every logical open: a pooled connection keeps its settings, and the extra command per
/// request cost about 5 % of a ledger posting.
/// <list type="bullet">
/// <item>synchronous: NORMAL in WAL mode: a commit is durable once its frames are in the WAL file, so no commit is lost when
/// the process is killed; only an OS crash or power loss can lose the last commits before a checkpoint. FULL also survives
/// those at one fsync per commit. Database:SqliteSynchronous (default NORMAL). See docs/decisions/0011-sqlite-durability.md.</item>
/// <item>wal_autocheckpoint=0 when <see cref="SqliteCheckpointer"/> runs: the checkpoint (copying the WAL into the database
/// file, with an fsync) then happens on its own timer instead of inside whichever request's commit crossed 1,000 pages.
/// See docs/decisions/0016-background-checkpoints.md.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _prepared = [];
    private readonly string _pragmas;

    public SqliteConnectionSetup(string synchronous, bool backgroundCheckpoints)
    {
        var mode = synchronous.ToUpperInvariant();
        if (mode is not ("OFF" or "NORMAL" or "FULL" or "EXTRA"))
        {
            throw new InvalidOperationException($"Database:SqliteSynchronous must be OFF, NORMAL, FULL or EXTRA, not '{synchronous}'.");
        }

        // foreign_keys as EF Core turns it on at every open, for connections that EF Core does not open.
        _pragmas = $"PRAGMA foreign_keys=1;PRAGMA synchronous={mode};" + (backgroundCheckpoints ? "PRAGMA wal_autocheckpoint=0;" : "");
    }

    /// <summary>For connections opened outside EF Core (the ledger's own transactions): the same settings, once per physical connection.</summary>
    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (FirstUse(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    /// <summary>The same, for the few synchronous callers (the data protection key ring).</summary>
    public void Prepare(DbConnection connection)
    {
        if (FirstUse(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        PrepareAsync(connection, cancellationToken);

    // The native handle outlives the SqliteConnection that borrowed it from the pool; it is the physical connection.
    private bool FirstUse(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _prepared.TryAdd(handle, handle);
}

/// <summary>
/// Copies the WAL into the database file every Database:SqliteCheckpointSeconds (default 1; 0 leaves it to SQLite's
/// automatic checkpoint inside a commit). PASSIVE: it never waits for or blocks a writer, and it stops short of frames a
/// reader still needs; the next writer rewinds the WAL once all of it has been copied. See docs/decisions/0016.
/// </summary>
internal sealed class SqliteCheckpointer(string connectionString, TimeSpan period, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The real clock on purpose: this is housekeeping of the file, not a business deadline, and it must run under a test's fake clock too.
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(stoppingToken);
                }
                catch (SqliteException e)
                {
                    logger.LogWarning(e, "SQLite checkpoint failed; the next one will try again.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// The provider and connection string the app runs on, for code that writes with plain ADO.NET and must not pay for a
/// DbContext's start-up per call (the ledger's single postings, ADR 0014). Connections come from the same pools as EF Core's.
/// </summary>
internal sealed class DatabaseConnections(string provider, string connectionString, SqliteConnectionSetup? sqliteSetup,
    Func<IRelationalTypeMappingSource> typeMappings)
{
    private readonly Lazy<IRelationalTypeMappingSource> _mappings = new(typeMappings);

    public bool IsSqlite { get; } = provider == DatabaseModule.Sqlite;

    public string ConnectionString { get; } = connectionString;

    /// <summary>The process's one SQLite write lock (docs/decisions/0011), which plain ADO.NET writers take as EF Core's saves do; none on PostgreSQL.</summary>
    public SemaphoreSlim? WriteGate() => IsSqlite ? SqliteWriteGate.For(ConnectionString) : null;

    /// <summary>
    /// On SQLite, copies the whole WAL into the database file and truncates it, holding the write lock so that no commit
    /// runs meanwhile (the periodic PASSIVE checkpoint never catches up with a writer that never pauses, and the WAL then
    /// grows without bound); nothing on PostgreSQL. For long runs of writes by this process: the demo's year at each day's end.
    /// </summary>
    public async Task RewindLogAsync(CancellationToken cancellationToken)
    {
        if (WriteGate() is not { } gate)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Create();
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (sqliteSetup is not null)
            {
                await sqliteSetup.PrepareAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A synchronous open, for interfaces that have no asynchronous form (<see cref="DataProtectionKeyRepository"/>).</summary>
    public DbConnection Open()
    {
        var connection = Create();
        try
        {
            connection.Open();
            sqliteSetup?.Prepare(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private DbConnection Create() => IsSqlite ? new SqliteConnection(ConnectionString) : new Npgsql.NpgsqlConnection(ConnectionString);

    /// <summary>A command with its parameters (<c>@name</c>) bound by EF Core's type mappings (<see cref="MappedParameters"/>).</summary>
    public DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.AddMapped(_mappings.Value, parameters);
    }
}
