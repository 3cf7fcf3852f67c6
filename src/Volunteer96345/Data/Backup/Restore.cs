using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Data.Backup;

/// <summary>
/// <c>restore &lt;file&gt;</c> (SQLite): refuses while an app runs on the database (it holds the lock file's shared lock),
/// checks the file first (integrity check, then that it belongs to this field key) and leaves the current database
/// untouched if either fails; then keeps the current database as &lt;db&gt;.before-restore, puts the copy in place and
/// runs the checks of verify-audit and verify-ledger on it. Exit 0 when all holds, 1 otherwise.
/// </summary>
internal sealed class RestoreHandler(DatabaseConnections connections, FieldProtector protector, AuditAnchors anchors,
    IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<int> RestoreAsync(string file, TextWriter output, CancellationToken cancellationToken)
    {
        if (!connections.IsSqlite)
        {
            await output.WriteLineAsync(SqliteFiles.PostgresMessage);
            return 2;
        }

        var source = Path.GetFullPath(file);
        if (SqliteFiles.FileOf(connections.ConnectionString) is not { } target || target == source)
        {
            await output.WriteLineAsync("restore refused: the configured database must be a file other than the backup");
            return 1;
        }

        using var exclusive = SqliteDatabaseLock.TryExclusive(target);
        if (exclusive is null)
        {
            await output.WriteLineAsync($"restore refused: the app is running on {target} (it holds {SqliteFiles.LockFileOf(target)}); stop every instance first. Nothing was changed.");
            return 1;
        }

        var integrity = await SqliteFiles.CheckIntegrityAsync(source, cancellationToken);
        if (!integrity.Ok)
        {
            await output.WriteLineAsync($"restore refused: {source} fails the integrity check ({integrity.Message}). The current database is untouched.");
            return 1;
        }

        await using (var backup = new SqliteConnection(SqliteFiles.ConnectionTo(source)))
        {
            await backup.OpenAsync(cancellationToken);
            var key = await FieldKeyGuard.CheckAsync(backup, protector, recordWith: null, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (!key.Matches)
            {
                await output.WriteLineAsync($"restore refused: {source}: {key.Message} The current database is untouched.");
                return 1;
            }
        }

        await output.WriteLineAsync($"{source}: integrity check: ok; field key matches");
        SqliteConnection.ClearAllPools();
        if (File.Exists(target))
        {
            var kept = target + ".before-restore";
            try
            {
                File.Delete(kept);
                await SqliteFiles.CopyAsync(SqliteFiles.ConnectionTo(target), kept, cancellationToken);
                await output.WriteLineAsync($"the current database is kept as {kept}");
            }
            catch (SqliteException e)
            {
                await output.WriteLineAsync($"warning: the current database could not be copied aside ({e.Message}); it is replaced anyway");
            }
        }

        // Copied beside the target and moved over it: the old file's WAL must go with it, or SQLite would read its frames into the new file.
        var incoming = target + ".restoring";
        File.Delete(incoming);
        await SqliteFiles.CopyAsync(SqliteFiles.ConnectionTo(source), incoming, cancellationToken);
        SqliteConnection.ClearAllPools();
        File.Delete(target + "-wal");
        File.Delete(target + "-shm");
        File.Move(incoming, target, overwrite: true);
        await output.WriteLineAsync($"restored {source} to {target}");

        return await VerifyRestoredAsync(target, output, cancellationToken) ? 0 : 1;
    }

    private async Task<bool> VerifyRestoredAsync(string target, TextWriter output, CancellationToken cancellationToken)
    {
        var integrity = await SqliteFiles.CheckIntegrityAsync(target, cancellationToken);
        await output.WriteLineAsync("restored database: " + integrity.Message);
        if (!integrity.Ok)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLogHandler>();
        var chain = await audit.Verify(cancellationToken, againstAnchor: false);
        await output.WriteLineAsync("verify-audit: " + chain.Message);
        var ok = chain.FirstBrokenSequence is null;

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (ok && await audit.NewestAnchorAsync(cancellationToken) is { } anchor)
        {
            var at = anchor.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (anchor.Sequence > chain.Checked)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"note: the backup ends at audit row {chain.Checked}; the newest audit anchor ({at} UTC) records row {anchor.Sequence}: the changes after the backup are lost"));
            }
            else if (await db.AuditEntries.AcrossStations("the audit chain is checked whole").Where(a => a.Sequence == anchor.Sequence).Select(a => a.Hash).SingleAsync(cancellationToken) != anchor.Hash)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"verify-audit: row {anchor.Sequence} differs from the audit anchor of {at} UTC: the backup's chain was rewritten"));
                ok = false;
            }
        }

        if (ok)
        {
            // From now on the restored chain is the reference: the newest anchor is this one.
            await anchors.AnchorAsync(db, AnchorKinds.Restore, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        foreach (var check in scope.ServiceProvider.GetServices<IRecordsCheck>())
        {
            var (holds, message) = await check.VerifyAsync(cancellationToken);
            await output.WriteLineAsync(check.Command + ": " + message);
            ok &= holds;
        }

        await output.WriteLineAsync(ok ? "restore complete: all checks passed" : "restore complete, but a check FAILED (see above)");
        SqliteConnection.ClearAllPools();
        return ok;
    }
}
