using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Privacy;

/// <summary>
/// The DataProtection key ring is kept in the database (every instance reads the others' cookies), and each key's XML holds
/// the master key that signs the sign-in cookies. Encrypted here with AES-256-GCM under a key derived from the field key
/// (its own HKDF label), a copy of the database alone no longer lets anyone forge a cookie (issue 13, decision 0022).
/// Keys written before this still read (DataProtection only decrypts what carries an encryptedSecret element), and the
/// start-up encrypts them in place (<see cref="EncryptClearKeysAsync"/>).
/// </summary>
internal static class FieldKeyXmlEncryption
{
    internal const string Label = "v96345-dataprotection-xml";
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>
    /// Encrypts the secrets of keys written in the clear (before this existed), the way DataProtection encrypts a new key:
    /// each element marked requiresEncryption becomes an encryptedSecret naming its decryptor. One read of a table of a few
    /// rows at start-up; plain updates, which add no audit rows (the audit withholds the XML anyway).
    /// </summary>
    public static async Task<int> EncryptClearKeysAsync(AppDbContext db, FieldProtector protector, CancellationToken cancellationToken)
    {
        var clear = await db.DataProtectionKeys.AsNoTracking().Where(k => k.Xml != null && k.Xml.Contains("requiresEncryption"))
            .Select(k => new { k.Id, k.Xml }).ToListAsync(cancellationToken);
        var encryptor = new FieldKeyXmlEncryptor(protector);
        var done = 0;
        foreach (var key in clear)
        {
            var root = XElement.Parse(key.Xml!);
            var secrets = root.Descendants().Where(e => (bool?)e.Attribute(DataProtection + "requiresEncryption") == true).ToList();
            if (secrets.Count == 0)
            {
                continue;
            }

            foreach (var secret in secrets)
            {
                var info = encryptor.Encrypt(new XElement(secret));
                secret.ReplaceWith(new XElement("encryptedSecret", new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }

            var xml = root.ToString(SaveOptions.DisableFormatting);
            done += await db.DataProtectionKeys.Where(k => k.Id == key.Id && k.Xml == key.Xml)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.Xml, xml), cancellationToken);
        }

        return done;
    }
}

internal sealed class FieldKeyXmlEncryptor(FieldProtector protector) : IXmlEncryptor
{
    private readonly byte[] _key = protector.DeriveKey(FieldKeyXmlEncryption.Label);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with a key derived from the field key (Privacy:FieldKey or Privacy:KeyFile). "),
            new XElement("value", FieldProtector.Seal(_key, plaintextElement.ToString(SaveOptions.DisableFormatting))));
        return new EncryptedXmlInfo(element, typeof(FieldKeyXmlDecryptor));
    }
}

/// <summary>Named by its type in every encrypted key's XML, so its name and namespace must stay as they are.</summary>
internal sealed class FieldKeyXmlDecryptor : IXmlDecryptor
{
    private readonly byte[] _key;

    // DataProtection creates decryptors itself, by type name, with the app's services.
    public FieldKeyXmlDecryptor(IServiceProvider services) => _key = services.GetRequiredService<FieldProtector>().DeriveKey(FieldKeyXmlEncryption.Label);

    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(FieldProtector.Open(_key, (string?)encryptedElement.Element("value") ?? throw new CryptographicException("No value to decrypt.")));
}
