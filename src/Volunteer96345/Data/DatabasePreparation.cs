using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Data;

internal static class DatabasePreparation
{
    /// <summary>
    /// Database:MigrateOnStartup (default: on when Demo:Seed is on) applies migrations; Demo:Seed fills an empty
    /// database with the Yanguan demo; otherwise an empty database gets one town admin from Admin:UserName and Admin:Password.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var seedDemo = app.Configuration.GetValue<bool>("Demo:Seed");
        var migrate = app.Configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? seedDemo;
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (migrate)
        {
            await DatabaseModule.MigrateAsync(db);
            app.Logger.LogInformation("Database migrated in {Milliseconds} ms.", clock.ElapsedMilliseconds);
        }

        if (seedDemo)
        {
            clock.Restart();
            await DemoSeed.RunAsync(scope.ServiceProvider);
            app.Logger.LogInformation("Demo seed checked in {Milliseconds} ms.", clock.ElapsedMilliseconds);
        }
        else
        {
            await EnsureFirstAdminAsync(scope.ServiceProvider, app.Configuration, app.Logger);
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
        await WorkOrders.Catalogue.CatalogueSeed.RunAsync(services.GetRequiredService<AppDbContext>(),
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, CancellationToken.None);
        await Points.Rules.EarningRuleSeed.RunAsync(services.GetRequiredService<AppDbContext>(),
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, CancellationToken.None);
        var db = services.GetRequiredService<AppDbContext>();
        StationServices.StationServicesSeed.Run(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        logger.LogInformation("Created the first town admin {UserName}.", userName);
    }
}
