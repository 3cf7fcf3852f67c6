using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Tests.Common.Privacy;

/// <summary>The cookie keys in the database are encrypted with the field key: a copy of the database cannot forge a sign-in.</summary>
[Trait("Category", "Integration")]
public sealed class FieldKeyXmlEncryptionTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task After_a_sign_in_no_key_in_the_database_holds_its_master_key_in_the_clear_and_the_cookie_works()
    {
        var client = await app.ClientFor(TestData.Admin);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me/sessions")).StatusCode);
        var keys = await app.Db(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("FieldKeyXmlDecryptor", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_key_written_in_the_clear_before_still_reads_and_is_encrypted_in_place_at_start_up()
    {
        // A key as the app wrote it before issue 13: no encryptor.
        var folder = Directory.CreateTempSubdirectory("v96345-dp-").FullName;
        var old = new ServiceCollection().AddDataProtection().SetApplicationName("Volunteer96345")
            .PersistKeysToFileSystem(new DirectoryInfo(folder)).Services.BuildServiceProvider();
        var oldKey = old.GetRequiredService<IKeyManager>().CreateNewKey(app.Clock.GetUtcNow().AddDays(-1), app.Clock.GetUtcNow().AddDays(80));
        var clearXml = await File.ReadAllTextAsync(Directory.GetFiles(folder).Single());
        var masterKey = XElement.Parse(clearXml).Descendants("masterKey").Single().Element("value")!.Value;
        Directory.Delete(folder, recursive: true);
        Assert.Contains("<masterKey", clearXml, StringComparison.Ordinal);
        await app.Db(db =>
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-" + oldKey.KeyId, Xml = clearXml });
            return db.SaveChangesAsync();
        });

        Assert.Equal(masterKey, MasterKeyOf(oldKey.KeyId));

        await using var scope = app.Services.CreateAsyncScope();
        await Volunteer96345.Data.DatabasePreparation.CheckFieldKeyAsync(scope.ServiceProvider, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var stored = await app.Db(db => db.DataProtectionKeys.Where(k => k.FriendlyName == "key-" + oldKey.KeyId).Select(k => k.Xml!).SingleAsync());
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(masterKey, stored, StringComparison.Ordinal);
        Assert.Equal(masterKey, MasterKeyOf(oldKey.KeyId));
    }

    [Fact]
    public void A_key_encrypted_with_another_field_key_does_not_decrypt()
    {
        var element = new XElement("masterKey", new XElement("value", "secret"));
        var encrypted = new FieldKeyXmlEncryptor(new FieldProtector(new byte[32])).Encrypt(element);
        var other = new ServiceCollection().AddSingleton(new FieldProtector(Enumerable.Repeat((byte)7, 32).ToArray())).BuildServiceProvider();

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new FieldKeyXmlDecryptor(other).Decrypt(encrypted.EncryptedElement));
        var same = new ServiceCollection().AddSingleton(new FieldProtector(new byte[32])).BuildServiceProvider();
        Assert.Equal("secret", new FieldKeyXmlDecryptor(same).Decrypt(encrypted.EncryptedElement).Element("value")!.Value);
    }

    /// <summary>The master key as the app's key manager reads it from the database now (decrypting it if need be).</summary>
    private string MasterKeyOf(Guid keyId)
    {
        var key = app.Services.GetRequiredService<IKeyManager>().GetAllKeys().Single(k => k.KeyId == keyId);
        var xml = key.Descriptor.ExportToXml().SerializedDescriptorElement;
        return xml.Descendants("masterKey").Single().Element("value")!.Value;
    }
}
