using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.Tests.Data;

/// <summary>
/// A start reads the database's state in plain SQL instead of asking EF Core (which first builds the model): the plain
/// answers must be EF Core's answers, on both providers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatabaseStateTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void The_migration_ids_are_the_ones_EF_Core_applies_in_its_order()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.Equal(sqlite.Database.GetMigrations(), DatabaseState.MigrationIds(typeof(SqliteAppDbContext)));
        Assert.Equal(postgres.Database.GetMigrations(), DatabaseState.MigrationIds(typeof(PostgresAppDbContext)));
    }

    [Fact]
    public async Task A_started_database_has_nothing_pending_and_says_what_EF_Core_says_about_its_rows()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connections = scope.ServiceProvider.GetRequiredService<DatabaseConnections>();
        await using var connection = await connections.OpenAsync(CancellationToken.None);

        var state = await DatabaseState.ReadAsync(connection, db.GetType(), CancellationToken.None);

        Assert.Empty(state.PendingMigrations);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(await db.Stations.IgnoreQueryFilters().AnyAsync(), state.HasStations);
        Assert.True(state.HasStations);
        Assert.Equal(await db.Users.AnyAsync(), state.HasUsers);
        Assert.True(state.HasUsers);
        // Start-up has already encrypted every key of the ring.
        Assert.False(state.HasClearKeys);
    }

    [Fact]
    public async Task An_empty_database_has_every_migration_pending_and_no_rows()
    {
        var file = Path.Combine(Path.GetTempPath(), $"v96345-state-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
            await connection.OpenAsync();

            var state = await DatabaseState.ReadAsync(connection, typeof(SqliteAppDbContext), CancellationToken.None);

            Assert.Equal(DatabaseState.MigrationIds(typeof(SqliteAppDbContext)), state.PendingMigrations);
            Assert.False(state.HasStations || state.HasUsers || state.HasClearKeys);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
