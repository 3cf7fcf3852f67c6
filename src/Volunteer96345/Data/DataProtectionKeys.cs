using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Data;

internal static class DataProtectionKeys
{
    /// <summary>
    /// The key ring lives in the DataProtectionKeys table (<see cref="DataProtectionKeyRepository"/>) and its secrets are
    /// written encrypted with the field key (<see cref="FieldKeyXmlEncryption"/>), never in the clear into the database.
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToDatabase(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
            {
                o.XmlRepository = new DataProtectionKeyRepository(sp.GetRequiredService<DatabaseConnections>());
                o.XmlEncryptor = new FieldKeyXmlEncryptor(sp.GetRequiredService<FieldProtector>());
            }));
        return builder;
    }
}

/// <summary>
/// The key ring in plain SQL on the table EF Core's <c>PersistKeysToDbContext</c> used (same rows, same columns). The
/// ring is read while the host starts, before the first request; through EF Core that read waited for the whole model
/// (about a second on the town's two-core server), which now builds on another core meanwhile (docs/architecture.md,
/// Start-up). Keys are written rarely (one every 90 days) and take the SQLite write lock as every other writer does.
/// </summary>
internal sealed class DataProtectionKeyRepository(DatabaseConnections connections) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = connections.Open();
        using var command = connections.Command(connection, "SELECT \"Xml\" FROM \"DataProtectionKeys\" ORDER BY \"Id\"");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0) && reader.GetString(0) is { Length: > 0 } xml)
            {
                elements.Add(XElement.Parse(xml));
            }
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var gate = connections.WriteGate();
        gate?.Wait();
        try
        {
            using var connection = connections.Open();
            using var command = connections.Command(connection, "INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (@name, @xml)",
                ("name", friendlyName), ("xml", element.ToString(SaveOptions.DisableFormatting)));
            command.ExecuteNonQuery();
        }
        finally
        {
            gate?.Release();
        }
    }
}
