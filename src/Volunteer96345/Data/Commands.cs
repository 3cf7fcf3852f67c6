using System.Globalization;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data.Backup;

namespace Volunteer96345.Data;

/// <summary>
/// Operator commands, run instead of the web server (<c>dotnet Volunteer96345.dll &lt;command&gt; [--Key=value …]</c>):
/// <list type="bullet">
/// <item>An absolute file name must come last (the configuration reads "/name value" as a setting).</item>
/// <item><c>migrate</c> applies the migrations of the configured provider.</item>
/// <item><c>verify-audit</c> walks the audit chain and exits 1 at the first broken link; it also holds the chain against
/// the newest audit anchor (Audit:AnchorDirectory, default audit-anchors beside the key file) and exits 1 when rows after
/// the anchor's row are missing or that row was altered.</item>
/// <item><c>verify-ledger</c> checks that every points balance equals the sum of its entries and all entries sum to zero, and exits 1 otherwise.</item>
/// <item><c>backup &lt;file&gt;</c> (SQLite) writes a consistent copy while the app runs, checks it and writes an audit anchor.</item>
/// <item><c>restore &lt;file&gt;</c> (SQLite) refuses while the app runs or when the file fails its integrity check or
/// belongs to another field key; otherwise puts it in place and runs both verifications on it.</item>
/// </list>
/// Every command but migrate first runs SQLite's <c>PRAGMA integrity_check</c> and compares the field key with the
/// database, exiting 1 on a damaged file or another key. On PostgreSQL backup and restore exit 2 and name pg_dump/pg_restore.
/// </summary>
internal static class Commands
{
    private const string Known = "migrate, verify-audit, verify-ledger, backup <file>, restore <file>";

    public static async Task<int?> RunAsync(WebApplication app, string[] args)
    {
        // A command is the first argument; everything after it (--Database:Provider=…) is configuration, except a file name for backup and restore.
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;
        if (command is null)
        {
            return null;
        }

        var fileAt = Array.FindIndex(args, 1, a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal));
        var file = fileAt > 0 ? args[fileAt] : null;
        if (file is not null && file.StartsWith('/') && fileAt < args.Length - 1)
        {
            // The configuration reads "/name value" as a switch: it has taken the argument after the file as its value.
            await Console.Error.WriteLineAsync($"usage: {command} [--Key=value …] <file>: put an absolute file name last");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await RunAsync(scope.ServiceProvider, command, file, Console.Out, Console.Error);
    }

    /// <summary>One command on the app's services, writing its report to <paramref name="output"/>; the process's exit code.</summary>
    internal static async Task<int> RunAsync(IServiceProvider services, string command, string? file, TextWriter output, TextWriter error)
    {
        var connections = services.GetRequiredService<DatabaseConnections>();
        switch (command)
        {
            case "migrate":
                var (applied, created) = await DatabaseModule.MigrateAsync(services.GetRequiredService<AppDbContext>(), connections);
                await output.WriteLineAsync(created
                    ? string.Create(CultureInfo.InvariantCulture, $"schema created from the current model ({applied} migrations recorded)")
                    : string.Create(CultureInfo.InvariantCulture, $"migrations applied ({applied})"));
                return 0;
            case "verify-audit" or "verify-ledger":
                if (await CheckDatabaseAsync(services, output) is { } refused)
                {
                    return refused;
                }

                if (command == "verify-audit")
                {
                    var result = await services.GetRequiredService<AuditLogHandler>().Verify(CancellationToken.None);
                    await output.WriteLineAsync(result.Message);
                    return result.FirstBrokenSequence is null ? 0 : 1;
                }

                var (holds, message) = await services.GetServices<IRecordsCheck>().Single(c => c.Command == command).VerifyAsync(CancellationToken.None);
                await output.WriteLineAsync(message);
                return holds ? 0 : 1;
            case "backup" or "restore" when !connections.IsSqlite:
                await error.WriteLineAsync(SqliteFiles.PostgresMessage);
                return 2;
            case "backup" or "restore" when file is null:
                await error.WriteLineAsync($"usage: {command} <file>");
                return 2;
            case "backup":
                if (await CheckDatabaseAsync(services, output) is { } damaged)
                {
                    return damaged;
                }

                var backup = await services.GetRequiredService<SqliteBackup>().WriteAsync(file!, CancellationToken.None);
                await (backup.Ok ? output : error).WriteLineAsync(backup.Message);
                return backup.Ok ? 0 : 1;
            case "restore":
                return await services.GetRequiredService<RestoreHandler>().RestoreAsync(file!, output, CancellationToken.None);
            default:
                await error.WriteLineAsync($"unknown command '{command}'; known: {Known}");
                return 2;
        }
    }

    /// <summary>The checks before anything else: the SQLite file's integrity, then the field key; an exit code when one fails.</summary>
    private static async Task<int?> CheckDatabaseAsync(IServiceProvider services, TextWriter output)
    {
        var connections = services.GetRequiredService<DatabaseConnections>();
        if (connections.IsSqlite && SqliteFiles.FileOf(connections.ConnectionString) is { } file)
        {
            var integrity = await SqliteFiles.CheckIntegrityAsync(file, CancellationToken.None);
            if (!integrity.Ok)
            {
                await output.WriteLineAsync($"the database {file} is damaged: {integrity.Message}. Restore it from a backup (docs/deploy.md); nothing else was checked.");
                return 1;
            }
        }

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var key = await FieldKeyGuard.CheckAsync(connection, services.GetRequiredService<FieldProtector>(), recordWith: null,
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, CancellationToken.None);
        if (!key.Matches)
        {
            await output.WriteLineAsync(key.Message);
            return 1;
        }

        return null;
    }
}
