using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Audit;

/// <summary>A signed record, kept outside the database, that the audit chain of one database reached row Sequence with Hash.</summary>
internal sealed record AuditAnchor(Guid DatabaseId, long Sequence, string Hash, DateTime At, string Kind);

/// <summary>
/// Audit anchors (issue 13, decision 0022): the hash chain shows a row altered or removed in the middle, but not the last
/// rows cut off. An anchor — database id, sequence, hash, time, kind (scheduled, backup, restore), signed with a key derived
/// from the field key — is appended as one line to anchors.log in Audit:AnchorDirectory (default: audit-anchors beside the
/// key file), a place the database does not hold. Verification compares the chain with the newest anchor of its database
/// (the last line written, so that a restore, which writes one, makes the restored chain the reference). Lines of other
/// databases or with a bad signature are skipped: whoever holds only the database can neither forge nor move an anchor.
/// </summary>
internal sealed class AuditAnchors
{
    private const string FileName = "anchors.log";
    private static readonly SemaphoreSlim Appending = new(1, 1);
    private readonly byte[] _key;

    public AuditAnchors(FieldProtector protector, string directory)
    {
        _key = protector.DeriveKey("v96345-audit-anchor");
        Directory = directory;
    }

    public string Directory { get; }

    public static AuditAnchors FromConfiguration(FieldProtector protector, IConfiguration configuration, string contentRoot) =>
        new(protector, Path.GetFullPath(configuration["Audit:AnchorDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(FieldProtector.KeyFilePath(configuration, contentRoot))!, "audit-anchors")));

    public async Task<AuditAnchor?> NewestAsync(Guid databaseId, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        AuditAnchor? newest = null;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (Parse(line) is { } anchor && anchor.DatabaseId == databaseId)
            {
                newest = anchor;
            }
        }

        return newest;
    }

    public async Task WriteAsync(AuditAnchor anchor, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var body = Body(anchor);
        var line = body + " " + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body))) + "\n";
        await Appending.WaitAsync(cancellationToken);
        try
        {
            // Append-only and flushed to disk: an anchor is worth something only if it outlives the database.
            await using var file = new FileStream(Path.Combine(Directory, FileName), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await file.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            Appending.Release();
        }
    }

    /// <summary>Anchors the chain's current tail, unless the newest anchor already says the same; false when there is nothing to anchor.</summary>
    public async Task<bool> AnchorAsync(AppDbContext db, string kind, DateTime now, CancellationToken cancellationToken)
    {
        var databaseId = await db.Set<FieldKeyCheck>().AsNoTracking().OrderBy(k => k.Id).Select(k => (Guid?)k.DatabaseId).FirstOrDefaultAsync(cancellationToken);
        // Scope lifted on purpose: the anchor covers the whole town's audit chain, not one station's rows.
        var last = await db.AuditEntries.AcrossStations("the audit chain is checked whole").AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (databaseId is not { } id || last is null)
        {
            return false;
        }

        if (kind == AnchorKinds.Scheduled && await NewestAsync(id, cancellationToken) is { } newest && newest.Sequence == last.Sequence && newest.Hash == last.Hash)
        {
            return true;
        }

        await WriteAsync(new AuditAnchor(id, last.Sequence, last.Hash, now, kind), cancellationToken);
        return true;
    }

    private static string Body(AuditAnchor a) => string.Join(' ', "v1", a.DatabaseId.ToString("N"), a.Sequence.ToString(CultureInfo.InvariantCulture), a.Hash,
        a.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), a.Kind);

    private AuditAnchor? Parse(string line)
    {
        var parts = line.Trim().Split(' ');
        if (parts.Length != 7 || parts[0] != "v1" || !Guid.TryParseExact(parts[1], "N", out var databaseId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !DateTime.TryParseExact(parts[4], "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return null;
        }

        var anchor = new AuditAnchor(databaseId, sequence, parts[3], at, parts[5]);
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Body(anchor)));
        return parts[6].Length == 64 && CryptographicOperations.FixedTimeEquals(mac, Convert.FromHexString(parts[6])) ? anchor : null;
    }
}

internal static class AnchorKinds
{
    public const string Scheduled = "scheduled";
    public const string Backup = "backup";
    public const string Restore = "restore";
}

/// <summary>Writes an anchor every Audit:AnchorMinutes (default 60; 0 switches it off) when the chain has grown since the last one.</summary>
internal sealed class AuditAnchorWriter(IServiceScopeFactory scopes, AuditAnchors anchors, IConfiguration configuration, TimeProvider clock,
    ILogger<AuditAnchorWriter> logger) : PeriodicSweeper(clock, logger)
{
    public override bool Housekeeping => true;

    protected override bool Enabled => Period > TimeSpan.Zero;

    protected override TimeSpan Period { get; } = TimeSpan.FromMinutes(configuration.GetValue("Audit:AnchorMinutes", 60.0));

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        // SQLite's async calls complete synchronously: without this the first anchor would run inside the host's start.
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Auth.CurrentUser>().ActAsSystem();
        try
        {
            await anchors.AnchorAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), AnchorKinds.Scheduled,
                Clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            Logger.LogWarning(e, "No audit anchor written: the database did not answer; the next period will try again.");
        }
    }
}
