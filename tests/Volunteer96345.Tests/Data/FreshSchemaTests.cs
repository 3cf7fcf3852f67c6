using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Tests.Data;

/// <summary>
/// An empty database gets the current model's schema in one step instead of its migrations (<see cref="FreshSchema"/>):
/// the two must give the same tables, columns, keys, indexes and history, on the provider under test, and two starts on
/// one empty database must not both create it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FreshSchemaTests : IAsyncLifetime
{
    private readonly bool _postgres = Environment.GetEnvironmentVariable("TEST_DB") == DatabaseModule.Postgres;
    private readonly List<string> _databases = [];

    [Fact]
    public async Task The_schema_created_from_the_model_is_the_schema_the_migrations_build()
    {
        var migrated = await NewDatabase();
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync();
        }

        var created = await NewDatabase();
        await using (var db = Context(created))
        {
            var (applied, wasCreated) = await DatabaseModule.MigrateAsync(db, Connections(created));
            Assert.True(wasCreated);
            Assert.Equal(DatabaseState.MigrationIds(db.GetType()).Count, applied);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges());
        }

        // Left by the migrations alone: EF Core's migration lock table on SQLite.
        var expected = (await Describe(migrated)).Where(line => !line.Contains("__EFMigrationsLock", StringComparison.Ordinal)).ToHashSet();
        var actual = await Describe(created);
        Assert.True(expected.Count > 500, $"the description covers the schema ({expected.Count} lines)");
        Assert.True(expected.SetEquals(actual), "only after the migrations:\n" + string.Join("\n", expected.Except(actual).Order())
                                                + "\nonly after creating:\n" + string.Join("\n", actual.Except(expected).Order()));
    }

    [Fact]
    public async Task Two_starts_on_one_empty_database_create_it_once_and_both_find_it_whole()
    {
        var database = await NewDatabase();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var db = Context(database);
            return await DatabaseModule.MigrateAsync(db, Connections(database));
        })));

        Assert.Single(results, r => r.Created);
        await using var check = Context(database);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await check.Stations.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_migrated_database_is_left_as_it_is_and_one_from_another_version_is_refused_unchanged()
    {
        var database = await NewDatabase();
        await using (var db = Context(database))
        {
            await DatabaseModule.MigrateAsync(db, Connections(database));
            Assert.Equal((0, false), await DatabaseModule.MigrateAsync(db, Connections(database)));
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20990101000000_Future', '99.0')""");
        }

        await using (var db = Context(database))
        {
            var before = await Describe(database);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseModule.MigrateAsync(db, Connections(database)));

            Assert.Contains("20990101000000_Future", refused.Message, StringComparison.Ordinal);
            Assert.Contains("another version of Volunteer96345", refused.Message, StringComparison.Ordinal);
            Assert.True(before.SetEquals(await Describe(database)));
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            if (_postgres)
            {
                await using var admin = new NpgsqlConnection(AdminConnection);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            else
            {
                foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static string AdminConnection => Environment.GetEnvironmentVariable("TEST_PG_CONNECTION")
                                             ?? throw new InvalidOperationException("TEST_DB=Postgres needs TEST_PG_CONNECTION.");

    /// <summary>A new empty database: a PostgreSQL database name, or a SQLite file path.</summary>
    private async Task<string> NewDatabase()
    {
        string name;
        if (_postgres)
        {
            name = "v96345_fresh_" + Guid.NewGuid().ToString("N")[..12];
            await using var admin = new NpgsqlConnection(AdminConnection);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        else
        {
            name = Path.Combine(Path.GetTempPath(), $"v96345-fresh-{Guid.NewGuid():N}.db");
        }

        _databases.Add(name);
        return name;
    }

    private string ConnectionString(string database) => _postgres
        ? new NpgsqlConnectionStringBuilder(AdminConnection) { Database = database }.ToString()
        : new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();

    private DatabaseConnections Connections(string database) =>
        new(_postgres ? DatabaseModule.Postgres : DatabaseModule.Sqlite, ConnectionString(database), null,
            () =>
            {
                using var db = Context(database);
                return db.GetService<IRelationalTypeMappingSource>();
            });

    private AppDbContext Context(string database) => _postgres
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString(database)).Options,
            SqliteDesignTimeFactory.System(), TimeProvider.System)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString(database)).Options,
            SqliteDesignTimeFactory.System(), TimeProvider.System);

    /// <summary>One line per column, key, index, constraint and history row, in no particular order (column order may differ).</summary>
    private async Task<HashSet<string>> Describe(string database)
    {
        var queries = _postgres
            ? new[]
            {
                """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable
                       || ' default=' || coalesce(column_default, '-') || ' length=' || coalesce(character_maximum_length::text, '-')
                       || ' identity=' || is_identity || coalesce(identity_generation, '')
                FROM information_schema.columns WHERE table_schema = 'public'
                """,
                "SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'",
                "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
                "SELECT 'type ' || typname || ' ' || typtype::text FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype IN ('e', 'd')",
                "SELECT 'extension ' || extname FROM pg_extension",
                "SELECT 'sequence ' || sequence_name || ' ' || data_type FROM information_schema.sequences WHERE sequence_schema = 'public'",
                """SELECT 'history ' || "MigrationId" FROM "__EFMigrationsHistory" """,
            }
            : new[]
            {
                """
                SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' default=' || coalesce(c.dflt_value, '-') || ' pk=' || c.pk
                FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table'
                """,
                """
                SELECT 'index ' || m.name || ' ' || i.name || ' unique=' || i."unique" || ' partial=' || i.partial || ' origin=' || i.origin || ' '
                       || (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno))
                       || ' where=' || coalesce((SELECT substr(sql, instr(sql, 'WHERE')) FROM sqlite_master WHERE name = i.name AND sql LIKE '%WHERE%'), '-')
                FROM sqlite_master m JOIN pragma_index_list(m.name) i WHERE m.type = 'table'
                """,
                """
                SELECT 'foreign key ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || coalesce(f."to", '?') || ' on delete ' || f.on_delete || ' on update ' || f.on_update
                FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
                """,
                "SELECT 'check ' || name || ' ' || (length(sql) - length(replace(sql, 'CHECK', ''))) / 5 FROM sqlite_master WHERE type = 'table'",
                "SELECT 'object ' || type || ' ' || name FROM sqlite_master WHERE type IN ('trigger', 'view')",
                """SELECT 'history ' || "MigrationId" FROM "__EFMigrationsHistory" """,
            };
        var lines = new HashSet<string>(StringComparer.Ordinal);
        await using DbConnection connection = _postgres ? new NpgsqlConnection(ConnectionString(database)) : new SqliteConnection(ConnectionString(database));
        await connection.OpenAsync();
        foreach (var sql in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return lines;
    }
}
