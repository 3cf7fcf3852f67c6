using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;

namespace Volunteer96345.Data;

internal static class DatabaseModule
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// Database:Provider (Sqlite by default, or Postgres) and ConnectionStrings:Default (default: data/volunteer96345.db, WAL).
    /// Owned collections (a volunteer's skills, slots and exceptions) load in split queries, not one cartesian join.
    /// The options are built once (they depend on configuration only), not again for every request's context.
    /// </summary>
    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? Sqlite;
        var connectionString = builder.Configuration.GetConnectionString("Default");
        switch (provider)
        {
            case Sqlite:
                connectionString ??= DefaultSqlite(builder.Environment.ContentRootPath);
                // WAL with synchronous=NORMAL unless configured otherwise (docs/decisions/0011-sqlite-durability.md), and
                // checkpoints on a timer of their own rather than inside a request's commit (0016-background-checkpoints.md).
                var checkpointEvery = builder.Configuration.GetValue("Database:SqliteCheckpointSeconds", 1.0);
                var setup = new SqliteConnectionSetup(builder.Configuration["Database:SqliteSynchronous"] ?? "NORMAL", checkpointEvery > 0);
                builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o =>
                    o.UseSqlite(connectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(setup, AcrossStationsInterceptor.Instance),
                    optionsLifetime: ServiceLifetime.Singleton);
                var sqlite = connectionString;
                builder.Services.AddSingleton(sp => new DatabaseConnections(Sqlite, sqlite, setup, () => TypeMappings(sp)));
                if (checkpointEvery > 0)
                {
                    builder.Services.AddHostedService(sp => new SqliteCheckpointer(sqlite, TimeSpan.FromSeconds(checkpointEvery),
                        sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
                }

                break;
            case Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
                }

                builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>(o =>
                    o.UseNpgsql(connectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(AcrossStationsInterceptor.Instance),
                    optionsLifetime: ServiceLifetime.Singleton);
                builder.Services.AddSingleton(sp => new DatabaseConnections(Postgres, connectionString, null, () => TypeMappings(sp)));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider must be '{Sqlite}' or '{Postgres}', not '{provider}'.");
        }

        // Group commit of the intake's additions (docs/decisions/0019-group-commit.md); Database:GroupCommit=false writes each save alone.
        if (builder.Configuration.GetValue("Database:GroupCommit", true))
        {
            builder.Services.AddSingleton<GroupCommit>();
        }

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<Timers.TimerBacklogHealthCheck>("timers", tags: [Common.Web.PlatformModule.DetailOnly]);
        Backup.BackupModule.AddBackup(builder);

        // The one timer table's sweeper; the modules register the owners that fire their kinds of timer.
        builder.Services.AddSingleton<Timers.TimerSweeper>();
        builder.Services.AddBackgroundJob<Timers.TimerSweeper>();
        builder.Services.AddSingleton<Timers.TimerWatch>();
        builder.Services.AddSingleton<ISaveObserver>(s => s.GetRequiredService<Timers.TimerWatch>());
    }

    /// <summary>
    /// The provider's type mappings for plain SQL's parameters, from the app's own EF Core services: asking for them builds
    /// no model, and the app builds those services at start anyway.
    /// </summary>
    private static IRelationalTypeMappingSource TypeMappings(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().GetService<IRelationalTypeMappingSource>();
    }

    public static string DefaultSqlite(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "volunteer96345.db") }.ToString();
    }

    /// <summary>
    /// Applies the provider's migrations that <see cref="DatabaseState"/> finds missing (an up-to-date database, the usual
    /// restart, costs one plain query instead of EF Core building the model to ask); a database without any gets the
    /// current schema at once instead (<see cref="FreshSchema"/>). On SQLite also switches the file to WAL (a property of
    /// the file, kept across opens). Returns how many migrations were applied or recorded, and whether the schema was
    /// created whole.
    /// </summary>
    public static async Task<(int Applied, bool Created)> MigrateAsync(AppDbContext db, DatabaseConnections connections,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var known = DatabaseState.MigrationIds(db.GetType()).Count;
        var state = await DatabaseState.ReadAsync(connection, db.GetType(), cancellationToken);
        if (state.UnknownMigrations.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database records migrations this build does not have ({string.Join(", ", state.UnknownMigrations)}): it was made by another "
                + "version of Volunteer96345, a newer one or a pre-release build from before the migrations were squashed. Start the version that "
                + "made it, restore a backup this version made, or (a pre-release demo database) delete it and start again.");
        }

        var pending = state.PendingMigrations.Count;
        var created = false;
        if (pending == known)
        {
            created = await FreshSchema.TryCreateAsync(db, connections.IsSqlite, cancellationToken);
        }

        if (pending > 0 && !created)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (connections.IsSqlite)
        {
            await using var wal = connections.Command(connection, "PRAGMA journal_mode=WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        return (pending, created);
    }
}

/// <summary>
/// A real query, not only a connection: a missing schema is unhealthy too. Plain SQL, so that the answer says whether the
/// database serves, not whether EF Core's model has finished building (docs/architecture.md, Start-up).
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseConnections connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var command = connections.Command(connection, "SELECT 1 FROM \"stations\" LIMIT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}

/// <summary>For dotnet-ef: each provider's context, built without starting the app. No server is contacted to add a migration.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options, System(), TimeProvider.System);

    internal static CurrentUser System()
    {
        var user = new CurrentUser();
        user.ActAsSystem();
        return user;
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
            SqliteDesignTimeFactory.System(), TimeProvider.System);
}
