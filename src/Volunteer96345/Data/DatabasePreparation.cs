using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Data;

internal static class DatabasePreparation
{
    /// <summary>
    /// Takes the SQLite lock file's shared lock (a restore then refuses to run); Database:MigrateOnStartup (default: on
    /// when Demo:Seed is on) applies migrations; the field key is checked against the database (refusing to start with
    /// another key); Demo:Seed fills an empty database with the Yanguan demo; otherwise an empty database gets one town
    /// admin from Admin:UserName and Admin:Password.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var seedDemo = app.Configuration.GetValue<bool>("Demo:Seed");
        var migrate = app.Configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? seedDemo;
        app.Services.GetRequiredService<Backup.SqliteDatabaseLock>().Acquire();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connections = scope.ServiceProvider.GetRequiredService<DatabaseConnections>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (migrate)
        {
            // EF Core builds a model once per context type: a migration waits for the build already under way.
            var (applied, created) = await DatabaseModule.MigrateAsync(db, connections);
            if (created)
            {
                app.Logger.LogInformation("Database created from the current model in {Milliseconds} ms ({Count} migration(s) recorded).", clock.ElapsedMilliseconds, applied);
            }
            else
            {
                app.Logger.LogInformation("Database migrated in {Milliseconds} ms ({Count} migration(s) applied).", clock.ElapsedMilliseconds, applied);
            }
        }

        DatabaseState state;
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            state = await DatabaseState.ReadAsync(connection, db.GetType(), CancellationToken.None);
        }

        await CheckFieldKeyAsync(scope.ServiceProvider, app.Logger, lookForClearKeys: state.HasClearKeys);

        // The demo seed is for an empty database and the first admin for one without accounts; a restart knows from the
        // plain reads above that neither applies, without building the model.
        if (seedDemo && !state.HasStations && !state.HasUsers)
        {
            clock.Restart();
            var demo = scope.ServiceProvider.GetService<DemoData>() ?? throw new InvalidOperationException("Demo:Seed is on, but this build registers no demo.");
            await demo.SeedAsync(scope.ServiceProvider);
            app.Logger.LogInformation("Demo seed checked in {Milliseconds} ms.", clock.ElapsedMilliseconds);
        }
        else if (!seedDemo && !state.HasUsers)
        {
            await EnsureFirstAdminAsync(scope.ServiceProvider, app.Configuration, app.Logger);
        }
    }

    /// <summary>
    /// Builds the EF Core model on another core while this thread maps the routes, checks the database in plain SQL and
    /// starts the host, so that a start does not wait for them in turn. Called as soon as the app knows it will serve
    /// (after the operator commands). The first query that needs the model waits for it (EF Core builds a model once per
    /// context type); a failure here is logged, and the first query then reports it again.
    /// </summary>
    public static void BuildModelMeanwhile(this WebApplication app) => _ = Task.Run(() =>
    {
        try
        {
            using var scope = app.Services.CreateScope();
            _ = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        }
        catch (Exception e)
        {
            app.Logger.LogError(e, "Building the database model failed.");
        }
    });

    /// <summary>
    /// The field key must be the one the database's protected data was written with (<see cref="FieldKeyGuard"/>): the
    /// first start stores its check value, a later start with another key refuses (and removes a key file it has just
    /// made), rather than serving a database whose ID numbers it cannot read. Then the key ring's secrets still stored in
    /// the clear are encrypted with it. Costs one single-row read per start, and a read of the small key-ring table when
    /// the start found keys in the clear.
    /// </summary>
    internal static async Task CheckFieldKeyAsync(IServiceProvider services, ILogger logger, FieldProtector? key = null, bool lookForClearKeys = true)
    {
        var protector = key ?? services.GetRequiredService<FieldProtector>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        FieldKeyVerdict verdict;
        var connections = services.GetRequiredService<DatabaseConnections>();
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            verdict = await FieldKeyGuard.CheckAsync(connection, protector, recordWith: connections, now, CancellationToken.None);
        }

        if (!verdict.Matches)
        {
            if (protector.CreatedKeyFile is { } created)
            {
                File.Delete(created);
            }

            logger.LogCritical("Refusing to start: {Message}", verdict.Message);
            throw new FieldKeyMismatchException(verdict.Message);
        }

        if (verdict.DatabaseId is not null && lookForClearKeys)
        {
            var encrypted = await FieldKeyXmlEncryption.EncryptClearKeysAsync(services.GetRequiredService<AppDbContext>(), protector, CancellationToken.None);
            if (encrypted > 0)
            {
                logger.LogInformation("Encrypted {Count} data protection key(s) stored in the clear with the field key.", encrypted);
            }
        }
    }

    private static async Task EnsureFirstAdminAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (!services.GetRequiredService<AppDbContext>().Database.GetAppliedMigrations().Any() || await users.Users.AnyAsync())
        {
            return;
        }

        var userName = configuration["Admin:UserName"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            logger.LogWarning("The database has no accounts. Set Admin:UserName and Admin:Password to create the first town admin.");
            return;
        }

        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var admin = new AppUser { UserName = userName, DisplayName = userName, TownWide = true, CreatedAt = now, ActivatedAt = now, PasswordChangedAt = now };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Admin:Password is not acceptable: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.TownAdmin);
        var db = services.GetRequiredService<AppDbContext>();
        foreach (var data in services.GetServices<StartingData>())
        {
            await data.AddAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, CancellationToken.None);
        }

        await db.SaveChangesAsync();
        logger.LogInformation("Created the first town admin {UserName}.", userName);
    }
}

/// <summary>The field key does not belong to the database: the app refuses to start (the message says what to do).</summary>
internal sealed class FieldKeyMismatchException(string message) : Exception(message);
