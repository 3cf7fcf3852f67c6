using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Privacy;

/// <summary>
/// The one row that ties a database to its field key: <see cref="FieldProtector.KeyCheck"/> of the key its protected data
/// was written with, and the database's own id (audit anchors name it). Written with SQL only (never through the change
/// tracker): the first start on a database writes it, and every later start and operator command compares it.
/// </summary>
internal sealed class FieldKeyCheck
{
    private FieldKeyCheck()
    {
    }

    public int Id { get; private set; }
    public Guid DatabaseId { get; private set; }
    public string Check { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    internal sealed class Configuration : IEntityTypeConfiguration<FieldKeyCheck>
    {
        public void Configure(EntityTypeBuilder<FieldKeyCheck> builder)
        {
            builder.ToTable("field_key_checks");
            builder.HasKey(c => c.Id);
            builder.Property(c => c.Id).ValueGeneratedNever();
            builder.Property(c => c.Check).HasMaxLength(64);
        }
    }
}

/// <summary>What a database says about the field key this process holds.</summary>
internal sealed record FieldKeyVerdict(bool Matches, Guid? DatabaseId, string Message);

/// <summary>
/// Refuses a field key that is not the one the database's protected data was written with (issue 13): a restored copy
/// started with another key file would otherwise make a new key, report healthy, and fail on every reveal.
/// </summary>
internal static class FieldKeyGuard
{
    // Every column that holds FieldProtector ciphertext, for a database without a check value (older than the check).
    private static readonly (string Table, string Column)[] Samples =
    [
        ("volunteers", "IdNumberCipher"), ("care_recipients", "IdNumberCipher"), ("work_orders", "CallerPhoneCipher"),
        ("api_clients", "SecretCipher"), ("AspNetUsers", "TotpSecretCipher"), ("proxy_errands", "ResidentPhoneCipher"),
        ("stored_items", "OwnerPhoneCipher"),
    ];

    /// <summary>
    /// Compares the stored check value with the key; without one, tries the key on one stored value of each protected
    /// column and, given <paramref name="recordWith"/> (the app's own database), stores the check value and a new database id.
    /// </summary>
    public static async Task<FieldKeyVerdict> CheckAsync(DbConnection connection, FieldProtector protector, DatabaseConnections? recordWith,
        DateTime now, CancellationToken cancellationToken)
    {
        var expected = protector.KeyCheck();
        var stored = await ReadAsync(connection, cancellationToken);
        if (stored is { } row)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Check), Encoding.ASCII.GetBytes(expected))
                ? new FieldKeyVerdict(true, row.DatabaseId, "field key matches the database")
                : new FieldKeyVerdict(false, row.DatabaseId, Mismatch(protector, "its stored key check value differs"));
        }

        foreach (var (table, column) in Samples)
        {
            var sample = await SampleAsync(connection, table, column, cancellationToken);
            if (sample is null)
            {
                continue;
            }

            try
            {
                protector.Unprotect(sample);
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                return new FieldKeyVerdict(false, null, Mismatch(protector, $"the key does not decrypt the data already stored ({table}.{column})"));
            }
        }

        if (recordWith is null || !await TableExistsAsync(connection, cancellationToken))
        {
            return new FieldKeyVerdict(true, null, "field key decrypts the stored data (no check value stored yet)");
        }

        await using (var insert = recordWith.Command(connection,
                         """
                         INSERT INTO field_key_checks ("Id", "DatabaseId", "Check", "CreatedAt") VALUES (1, @id, @check, @at) ON CONFLICT DO NOTHING
                         """, ("id", Guid.NewGuid()), ("check", expected), ("at", now)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // Another instance may have written its own at the same moment: the stored row is the one that counts.
        return await CheckAsync(connection, protector, recordWith: null, now, cancellationToken);
    }

    /// <summary>The stored check value and database id, or null when there is none (or no table for it: a database not migrated yet).</summary>
    public static async Task<(string Check, Guid DatabaseId)?> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!await TableExistsAsync(connection, cancellationToken))
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Check", "DatabaseId" FROM field_key_checks WHERE "Id" = 1""";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), Guid.Parse(Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!))
            : null;
    }

    private static string Mismatch(FieldProtector protector, string why) =>
        $"The field key does not match this database: {why}. Start with the key file (Privacy:KeyFile) or Privacy:FieldKey that belongs to this database "
        + "(it is backed up apart from the database; see docs/deploy.md)."
        + (protector.CreatedKeyFile is { } created ? $" No key file was found, so a new one was made at {created}; it has been removed again." : "");

    private static async Task<bool> TableExistsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is Microsoft.Data.Sqlite.SqliteConnection
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'field_key_checks'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'field_key_checks'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task<string?> SampleAsync(DbConnection connection, string table, string column, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}" <> '' LIMIT 1""";
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (DbException)
        {
            // A database older than that table has no data in it.
            return null;
        }
    }
}
