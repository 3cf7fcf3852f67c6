using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Volunteer96345.Tests.Data;

/// <summary>The operator commands, run as a person runs them: the app's own executable with a command word.</summary>
[Trait("Category", "Integration")]
public sealed class CommandsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Verify_audit_exits_0_on_an_intact_chain_and_1_with_the_broken_row_after_tampering()
    {
        var (ok, okOutput) = await Run("verify-audit");
        Assert.Equal(0, ok);
        Assert.Contains("chain intact", okOutput, StringComparison.Ordinal);

        var victim = await app.Db(db => db.AuditEntries.OrderBy(a => a.Sequence).Skip(3).Select(a => a.Sequence).FirstAsync());
        await app.Db(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = {0}", victim));
        var (broken, brokenOutput) = await Run("verify-audit");

        Assert.Equal(1, broken);
        Assert.Contains($"row {victim + 1}", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_applies_nothing_new_to_an_up_to_date_database_and_succeeds()
    {
        var (code, output) = await Run("migrate");

        Assert.Equal(0, code);
        Assert.Contains("migrations applied", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> Run(string command)
    {
        var connection = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ConnectionStrings:Default"]!;
        var provider = app.IsPostgres ? "Postgres" : "Sqlite";
        // The app's own key file: the database's key check value refuses any other key.
        var keyFile = Volunteer96345.Common.Privacy.FieldProtector.KeyFilePath(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
            app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().ContentRootPath);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Volunteer96345.dll"), command,
            $"--Database:Provider={provider}", $"--ConnectionStrings:Default={connection}", $"--Privacy:KeyFile={keyFile}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
