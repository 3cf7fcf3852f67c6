using System.Security.Cryptography;
using System.Text;

namespace Volunteer96345.Common.Privacy;

/// <summary>
/// Encrypts sensitive personal fields (ID numbers, disability and health notes, addresses of vulnerable residents)
/// with AES-256-GCM before they reach the database, and gives each a keyed hash (HMAC-SHA256) so that duplicates can
/// be found without decrypting. The key is not in the database: it comes from Privacy:FieldKey (base64, 32 bytes) or,
/// failing that, from a key file beside the data (Privacy:KeyFile, default data/field.key), made on first start.
/// </summary>
internal sealed class FieldProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string KeyCheckLabel = "v96345-field-key-check";
    private readonly byte[] _masterKey;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    public FieldProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The field key must be 32 bytes.", nameof(masterKey));
        }

        _masterKey = (byte[])masterKey.Clone();
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "v96345-field-encryption"u8.ToArray());
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "v96345-field-hash"u8.ToArray());
    }

    /// <summary>The key file this process made at start-up because none was there, else null: a database that already holds protected data refuses it (<see cref="FieldKeyCheck"/>).</summary>
    public string? CreatedKeyFile { get; private set; }

    /// <summary>Where the key file is (Privacy:KeyFile, default data/field.key under the content root), whether or not Privacy:FieldKey is used instead.</summary>
    public static string KeyFilePath(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Privacy:KeyFile"] is { Length: > 0 } file ? file : Path.Combine(contentRoot, "data", "field.key"));

    public static FieldProtector FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        if (configuration["Privacy:FieldKey"] is { Length: > 0 } configured)
        {
            return new FieldProtector(Convert.FromBase64String(configured));
        }

        var path = KeyFilePath(configuration, contentRoot);
        string? created = null;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                // CreateNew: if two processes start at once, one writes the key and both read that one.
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(path, options);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                created = path;
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        // The writer of a brand-new file may not have finished; a 32-byte key is 44 base64 characters.
        var text = File.ReadAllText(path).Trim();
        for (var attempt = 0; text.Length < 44 && attempt < 20; attempt++)
        {
            Thread.Sleep(50);
            text = File.ReadAllText(path).Trim();
        }

        return new FieldProtector(Convert.FromBase64String(text)) { CreatedKeyFile = created };
    }

    /// <summary>
    /// A value stored in the database that says which key its protected data was written with: the keyed hash of a fixed
    /// label. It reveals nothing of the key, and another key gives another value.
    /// </summary>
    public string KeyCheck() => Hash(KeyCheckLabel);

    /// <summary>A key of its own for another use of the field key (its own HKDF label), so that no two uses share key material.</summary>
    public byte[] DeriveKey(string label) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, 32, info: Encoding.UTF8.GetBytes(label));

    public string Protect(string plaintext) => Seal(_encryptionKey, plaintext);

    public string Unprotect(string protectedValue) => Open(_encryptionKey, protectedValue);

    /// <summary>AES-256-GCM under <paramref name="key"/>: version byte, nonce, tag and ciphertext, in base64 (fields, and the cookie keys' XML).</summary>
    internal static string Seal(byte[] key, string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + TagSize + data.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    internal static string Open(byte[] key, string sealedValue)
    {
        var input = Convert.FromBase64String(sealedValue);
        if (input.Length < 1 + NonceSize + TagSize || input[0] != Version)
        {
            throw new CryptographicException("Not a value sealed with the field key.");
        }

        var plaintext = new byte[input.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize + TagSize), input.AsSpan(1 + NonceSize, TagSize), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }

    public string? ProtectOptional(string? plaintext) => string.IsNullOrWhiteSpace(plaintext) ? null : Protect(plaintext.Trim());

    /// <summary>The same input always gives the same hash; without the key it cannot be reversed by trying all ID numbers.</summary>
    public string Hash(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value)));
}
