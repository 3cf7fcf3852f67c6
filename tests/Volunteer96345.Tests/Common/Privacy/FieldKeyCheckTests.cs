using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Data.Backup;

namespace Volunteer96345.Tests.Common.Privacy;

/// <summary>A database refuses a field key its protected data was not written with: at start-up and in the operator commands.</summary>
[Trait("Category", "Integration")]
public sealed class FieldKeyCheckTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_first_start_stores_the_key_check_value_of_its_key()
    {
        var stored = await app.Db(db => db.Set<FieldKeyCheck>().SingleAsync());

        Assert.Equal(app.Services.GetRequiredService<FieldProtector>().KeyCheck(), stored.Check);
        Assert.NotEqual(Guid.Empty, stored.DatabaseId);
    }

    [Fact]
    public async Task Starting_with_another_key_refuses_with_a_message_that_names_the_key_file()
    {
        var other = new FieldProtector(RandomNumberGenerator.GetBytes(32));
        await using var scope = app.Services.CreateAsyncScope();

        var refused = await Assert.ThrowsAsync<FieldKeyMismatchException>(() =>
            DatabasePreparation.CheckFieldKeyAsync(scope.ServiceProvider, NullLogger.Instance, other));

        Assert.Contains("The field key does not match this database", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Privacy:KeyFile", refused.Message, StringComparison.Ordinal);
        await DatabasePreparation.CheckFieldKeyAsync(scope.ServiceProvider, NullLogger.Instance);
    }

    [Fact]
    public async Task Without_a_stored_check_value_a_key_that_cannot_decrypt_the_stored_data_is_refused_and_a_new_key_file_removed()
    {
        var removed = await app.Db(db => db.Database.ExecuteSqlRawAsync("DELETE FROM field_key_checks"));
        Assert.Equal(1, removed);
        var keyFile = Path.Combine(Path.GetTempPath(), $"v96345-{Guid.NewGuid():N}", "field.key");
        var fresh = FieldProtector.FromConfiguration(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:KeyFile"] = keyFile }).Build(), "/");
        Assert.Equal(keyFile, fresh.CreatedKeyFile);
        await using var scope = app.Services.CreateAsyncScope();

        var refused = await Assert.ThrowsAsync<FieldKeyMismatchException>(() =>
            DatabasePreparation.CheckFieldKeyAsync(scope.ServiceProvider, NullLogger.Instance, fresh));

        Assert.Contains("does not decrypt the data already stored", refused.Message, StringComparison.Ordinal);
        Assert.Contains("No key file was found", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));
        Assert.Equal(0, await app.Db(db => db.Set<FieldKeyCheck>().CountAsync()));

        // The right key decrypts the sample and stores the check value again.
        await DatabasePreparation.CheckFieldKeyAsync(scope.ServiceProvider, NullLogger.Instance);
        Assert.Equal(app.Services.GetRequiredService<FieldProtector>().KeyCheck(), (await app.Db(db => db.Set<FieldKeyCheck>().SingleAsync())).Check);
        Directory.Delete(Path.GetDirectoryName(keyFile)!);
    }

    [Fact]
    public async Task The_app_started_on_a_copy_with_another_key_exits_non_zero_and_logs_why()
    {
        if (app.IsPostgres)
        {
            return; // the start-up path is the same; the in-process test above covers PostgreSQL
        }

        var folder = Directory.CreateTempSubdirectory("v96345-key-").FullName;
        try
        {
            var copy = Path.Combine(folder, "copy.db");
            Assert.True((await app.Services.GetRequiredService<SqliteBackup>().WriteAsync(copy, CancellationToken.None)).Ok);
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Volunteer96345.dll"), "--urls=http://127.0.0.1:0",
                "--ConnectionStrings:Default=Data Source=" + copy, "--Privacy:KeyFile=" + Path.Combine(folder, "field.key"),
                "--Audit:AnchorMinutes=0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var text = await output + await error;

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("refuses to start", text, StringComparison.Ordinal);
            Assert.Contains("The field key does not match this database", text, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "field.key")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_verify_commands_refuse_another_key()
    {
        var other = Path.Combine(Path.GetTempPath(), $"v96345-{Guid.NewGuid():N}.key");
        await File.WriteAllTextAsync(other, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:KeyFile"] = other }).Build();
            var services = new ServiceCollection()
                .AddSingleton(FieldProtector.FromConfiguration(configuration, "/"))
                .AddSingleton(scope.ServiceProvider.GetRequiredService<DatabaseConnections>())
                .AddSingleton(TimeProvider.System)
                .BuildServiceProvider();
            using var output = new StringWriter();

            var exit = await Commands.RunAsync(services, "verify-audit", null, output, output);

            Assert.Equal(1, exit);
            Assert.Contains("The field key does not match this database", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(other);
        }
    }

}
