using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Volunteer96345.Data;

/// <summary>
/// What a start needs to know about the database before it serves, read in plain SQL: which migrations are missing,
/// whether anything is there yet, and whether data protection keys still wait to be encrypted. Asking EF Core the same
/// questions builds the model of some hundred entity types first (about a second on the town's two-core server), which
/// a restart does not otherwise need before its first request; the model is then built on another core meanwhile
/// (<see cref="DatabasePreparation"/>).
/// </summary>
internal sealed record DatabaseState(IReadOnlyList<string> PendingMigrations, bool HasStations, bool HasUsers, bool HasClearKeys)
{
    /// <summary>Migrations the database records that this build does not have: a newer build's, or a pre-release build's from before the squash (ADR 0002).</summary>
    public IReadOnlyList<string> UnknownMigrations { get; init; } = [];

    public static async Task<DatabaseState> ReadAsync(DbConnection connection, Type contextType, CancellationToken cancellationToken)
    {
        var known = MigrationIds(contextType);
        if (!await TableExistsAsync(connection, null, "__EFMigrationsHistory", cancellationToken))
        {
            return new DatabaseState(known, false, false, false);
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var pending = known.Where(id => !applied.Contains(id)).ToList();
        // Before the first migration there are no tables to ask.
        var migrated = applied.Count > 0;
        return new DatabaseState(pending,
            migrated && await AnyAsync(connection, "SELECT 1 FROM \"stations\" LIMIT 1", cancellationToken),
            migrated && await AnyAsync(connection, "SELECT 1 FROM \"AspNetUsers\" LIMIT 1", cancellationToken),
            migrated && await AnyAsync(connection, "SELECT 1 FROM \"DataProtectionKeys\" WHERE \"Xml\" LIKE '%requiresEncryption%' LIMIT 1", cancellationToken))
        {
            UnknownMigrations = [.. applied.Except(known).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>The context's migrations in the order EF Core applies them: the ids of its <see cref="Migration"/> types.</summary>
    public static IReadOnlyList<string> MigrationIds(Type contextType) =>
        [.. contextType.Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    public static async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        var sql = connection is Microsoft.Data.Sqlite.SqliteConnection
            ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @name"
            : "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<bool> AnyAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
