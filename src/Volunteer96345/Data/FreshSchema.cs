using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Volunteer96345.Data;

/// <summary>
/// An empty database gets today's schema in one step: the tables, indexes and keys of the current model (EF Core's
/// CreateTables, one diff from nothing) and every migration recorded as applied, in one transaction. Applying the
/// migrations one by one builds each migration's target model first, about a second more on the town's two-core server
/// for every new deployment and every test database (docs/benchmarks.md); the schema is the same (FreshSchemaTests
/// compares the two, table by table, on both providers). Existing databases still go forward by their migrations, so a
/// migration's own SQL must change data only: a table, column or index belongs in the model, or a fresh database would
/// lack it (docs/architecture.md, Start-up).
/// </summary>
internal static class FreshSchema
{
    /// <summary>Any constant the app alone uses: two instances creating one PostgreSQL database take turns on it.</summary>
    private const long PostgresLock = 96345_0001;

    /// <summary>
    /// Creates the schema when the database has no migrations history; false (nothing done) when it has one, e.g. because
    /// another instance created it a moment ago: then the caller migrates as usual. The transaction holds the database's
    /// write lock on SQLite (BEGIN IMMEDIATE) and an advisory lock on PostgreSQL before it looks, so two starts cannot
    /// both create.
    /// </summary>
    public static async Task<bool> TryCreateAsync(AppDbContext db, bool isSqlite, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (!isSqlite)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLock})", cancellationToken);
        }

        if (await DatabaseState.TableExistsAsync(connection, transaction.GetDbTransaction(), "__EFMigrationsHistory", cancellationToken))
        {
            return false;
        }

        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        var history = db.GetService<IHistoryRepository>();
        var script = new StringBuilder(history.GetCreateScript());
        foreach (var id in DatabaseState.MigrationIds(db.GetType()))
        {
            script.Append(history.GetInsertScript(new HistoryRow(id, ProductInfo.GetVersion())));
        }

        await db.Database.ExecuteSqlRawAsync(script.ToString(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
