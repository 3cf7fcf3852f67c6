using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Audit;

/// <summary>
/// The one writer of the audit table. AppDbContext calls it inside the transaction of every SaveChanges, so a change
/// and its audit rows commit together or not at all.
/// </summary>
internal static class AuditTrail
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>On PostgreSQL, every appender takes this lock in its transaction, so the chain never forks across app instances.</summary>
    public const string ChainLockSql = "SELECT pg_advisory_xact_lock(96345)";

    // Values that must never be copied into the audit: secrets and bulky content. Their change is still recorded.
    private static readonly HashSet<string> Withheld =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Xml", "Content"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task AppendAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var changes = Collect(db);
        if (changes.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            // Serialises writers across app instances, so the chain never forks.
            await db.Database.ExecuteSqlRawAsync(ChainLockSql, cancellationToken);
        }

        var last = await db.AuditEntries.AcrossStations("the audit chain is appended whole").AsNoTracking()
            .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        AddRows(db, changes, last?.Sequence ?? 0, last?.Hash ?? GenesisHash);
    }

    public static void Append(AppDbContext db)
    {
        var changes = Collect(db);
        if (changes.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            db.Database.ExecuteSqlRaw(ChainLockSql);
        }

        var last = db.AuditEntries.AcrossStations("the audit chain is appended whole").AsNoTracking()
            .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefault();
        AddRows(db, changes, last?.Sequence ?? 0, last?.Hash ?? GenesisHash);
    }

    public static string ComputeHash(AuditEntry e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.UserId?.ToString() ?? "",
            e.UserName,
            e.StationId?.ToString() ?? "",
            e.EntityType,
            e.EntityId,
            e.Action,
            e.Changes,
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    internal sealed record Change(string EntityType, string EntityId, string Action, Guid? StationId, Dictionary<string, object?> Values);

    /// <summary>
    /// One change per entity, with two exceptions that keep the trail readable and a busy intake cheap:
    /// an owned row (an order's offers and events, a volunteer's skills) is written into its owner's change under
    /// "Navigation[]", and a derived row (<see cref="IDerivedRecord"/>) is not recorded when it is added, since it is
    /// added in the same transaction as the recorded change that caused it.
    /// </summary>
    /// <remarks>The context has detected changes before the save began.</remarks>
    internal static List<(Change Change, string Json)> Collect(AppDbContext db)
    {
        var list = new List<Change>();
        var byKey = new Dictionary<(string, string), Change>();
        var owned = new List<(EntityEntry Entry, Dictionary<string, object?> Values)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry
                || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || (entry.Entity is IDerivedRecord && entry.State == EntityState.Added))
            {
                continue;
            }

            var values = Describe(entry);
            if (entry.State == EntityState.Modified && values.Count == 0)
            {
                continue;
            }

            if (entry.Metadata.IsOwned())
            {
                owned.Add((entry, values));
                continue;
            }

            var change = new Change(entry.Metadata.ClrType.Name, KeyOf(entry, entry.Metadata.FindPrimaryKey()!.Properties), entry.State.ToString(),
                StationOf(entry), values);
            list.Add(change);
            byKey[(change.EntityType, change.EntityId)] = change;
        }

        foreach (var (entry, values) in owned)
        {
            var ownership = entry.Metadata.FindOwnership()!;
            var ownerType = ownership.PrincipalEntityType.ClrType.Name;
            var ownerId = KeyOf(entry, ownership.Properties);
            if (!byKey.TryGetValue((ownerType, ownerId), out var owner))
            {
                // Only the owned rows changed: the owner is recorded as modified, with them as its change.
                owner = new Change(ownerType, ownerId, nameof(EntityState.Modified), OwnerStation(db, ownership, ownerId), []);
                list.Add(owner);
                byKey[(ownerType, ownerId)] = owner;
            }

            var navigation = (ownership.PrincipalToDependent?.Name ?? entry.Metadata.ClrType.Name) + "[]";
            if (owner.Values.GetValueOrDefault(navigation) is not List<Dictionary<string, object?>> rows)
            {
                owner.Values[navigation] = rows = [];
            }

            foreach (var key in ownership.Properties)
            {
                values.Remove(key.Name);
            }

            rows.Add(new Dictionary<string, object?> { ["@"] = entry.State.ToString() }.Concat(values).ToDictionary());
        }

        return [.. list.Select(c => (c, JsonSerializer.Serialize(c.Values, Json)))];
    }

    private static string KeyOf(EntityEntry entry, IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty> properties) =>
        string.Join('/', properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));

    private static Guid? OwnerStation(AppDbContext db, Microsoft.EntityFrameworkCore.Metadata.IReadOnlyForeignKey ownership, string ownerId) =>
        db.ChangeTracker.Entries().FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType
                                                       && KeyOf(e, ownership.PrincipalKey.Properties) == ownerId) is { } owner
            ? StationOf(owner)
            : null;

    private static Dictionary<string, object?> Describe(EntityEntry entry)
    {
        var values = new Dictionary<string, object?>();
        // A whole row's values in one snapshot for an added or deleted row, rather than an entry object per property.
        var row = entry.State switch
        {
            EntityState.Added => entry.CurrentValues,
            EntityState.Deleted => entry.OriginalValues,
            _ => null,
        };
        foreach (var property in entry.Metadata.GetProperties())
        {
            var name = property.Name;
            // Encrypted fields are ciphertext already; their keyed hashes are left out too, so the audit never helps a guess.
            var withheld = Withheld.Contains(name) || name.EndsWith("Cipher", StringComparison.Ordinal) || name.EndsWith("Hash", StringComparison.Ordinal);
            if (row is not null)
            {
                values[name] = new[] { withheld ? "***" : row[property] };
                continue;
            }

            var changed = entry.Property(property);
            if (entry.State == EntityState.Modified && changed.IsModified && !Equals(changed.OriginalValue, changed.CurrentValue)
                && !IsSameList(changed.OriginalValue, changed.CurrentValue))
            {
                values[name] = withheld ? new object?[] { "***", "***" } : new[] { changed.OriginalValue, changed.CurrentValue };
            }
        }

        return values;
    }

    private static bool IsSameList(object? a, object? b) =>
        a is System.Collections.IEnumerable x && b is System.Collections.IEnumerable y && a is not string
        && x.Cast<object?>().SequenceEqual(y.Cast<object?>());

    private static Guid? StationOf(EntityEntry entry) => entry.Entity switch
    {
        IStationRecord s => s.Id,
        IStationScoped scoped => scoped.StationId,
        StaffStation staff => staff.StationId,
        _ => null,
    };

    private static void AddRows(AppDbContext db, List<(Change Change, string Json)> changes, long lastSequence, string previousHash)
    {
        foreach (var row in Chain(changes, db.CurrentUser.UserId, db.CurrentUser.Name, At(db.Clock), lastSequence, previousHash))
        {
            db.AuditEntries.Add(row);
        }
    }

    /// <summary>The time an audit row records: now, to the millisecond (the precision its hash is computed over).</summary>
    internal static DateTime At(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    /// <summary>The sealed rows for <paramref name="changes"/>, chained on from the row with <paramref name="lastSequence"/> and <paramref name="previousHash"/>.</summary>
    internal static List<AuditEntry> Chain(List<(Change Change, string Json)> changes, Guid? userId, string userName, DateTime at, long lastSequence,
        string previousHash)
    {
        var rows = new List<AuditEntry>(changes.Count);
        foreach (var (change, json) in changes)
        {
            var row = new AuditEntry
            {
                Sequence = ++lastSequence,
                At = at,
                UserId = userId,
                UserName = userName,
                StationId = change.StationId,
                EntityType = change.EntityType,
                EntityId = change.EntityId,
                Action = change.Action,
                Changes = json,
                PreviousHash = previousHash,
            };
            row.Seal();
            Web.AppTelemetry.AuditedChanges.Add(1, new KeyValuePair<string, object?>("entity", row.EntityType),
                new KeyValuePair<string, object?>("action", row.Action));
            rows.Add(row);
            previousHash = row.Hash;
        }

        return rows;
    }

    private static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
