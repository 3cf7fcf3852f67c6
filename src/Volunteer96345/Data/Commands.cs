using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Data;

/// <summary>
/// Operator commands, run instead of the web server: `migrate` applies the migrations of the configured provider;
/// `verify-audit` walks the audit chain and exits 1 at the first broken link; `verify-ledger` checks that every points
/// balance equals the sum of its entries and all entries sum to zero, and exits 1 otherwise.
/// </summary>
internal static class Commands
{
    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        // A command is the first argument; everything after it (--Database:Provider=…) is configuration.
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;
        if (command is null)
        {
            return null;
        }

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        switch (command)
        {
            case "migrate":
                await DatabaseModule.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
                await Console.Out.WriteLineAsync("migrations applied");
                return 0;
            case "verify-audit":
                var result = await scope.ServiceProvider.GetRequiredService<AuditLogHandler>().Verify(CancellationToken.None);
                await Console.Out.WriteLineAsync(result.Message);
                return result.FirstBrokenSequence is null ? 0 : 1;
            case "verify-ledger":
                var ledger = await scope.ServiceProvider.GetRequiredService<Points.VerifyLedger.VerifyLedgerHandler>().Verify(CancellationToken.None);
                await Console.Out.WriteLineAsync(ledger.Message);
                return ledger.IsBalanced ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync($"unknown command '{command}'; known: migrate, verify-audit, verify-ledger");
                return 2;
        }
    }
}
