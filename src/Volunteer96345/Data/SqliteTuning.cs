using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
/// Sets PRAGMA synchronous on every SQLite connection as it opens (the setting is per connection, not stored in the file).
/// NORMAL in WAL mode: a commit is durable once its frames are in the WAL file, so no commit is lost when the process is
/// killed; only an OS crash or power loss can lose the last commits before a checkpoint. FULL also survives those at one
/// fsync per commit. Database:SqliteSynchronous (default NORMAL). See docs/decisions/0011-sqlite-durability.md.
/// </summary>
internal sealed class SqliteSynchronousInterceptor(string mode) : DbConnectionInterceptor
{
    private readonly string _pragma = mode.ToUpperInvariant() switch
    {
        "OFF" or "NORMAL" or "FULL" or "EXTRA" => $"PRAGMA synchronous={mode.ToUpperInvariant()};",
        _ => throw new InvalidOperationException($"Database:SqliteSynchronous must be OFF, NORMAL, FULL or EXTRA, not '{mode}'."),
    };

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
