using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Tests.Data;

/// <summary>The drift check: each provider's migrations must describe the current model exactly.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteAppDbContext ...");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_postgres_migrations_have_no_pending_model_changes()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgresAppDbContext ...");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Each_provider_sees_only_its_own_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations()));
    }
}
