using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Integration;

public enum ApiClientKind
{
    CityPlatform,
    Open311,
}

/// <summary>
/// Another system allowed to call the town's APIs. Only a hash of the API key is kept. The city platform also signs
/// each request with a shared secret (HMAC-SHA256), kept encrypted because the town must compute the same signature;
/// its status callbacks go to <see cref="CallbackUrl"/>.
/// </summary>
internal sealed class ApiClient
{
    private ApiClient()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public ApiClientKind Kind { get; private set; }
    public string KeyHash { get; private set; } = "";
    public string? SecretCipher { get; private set; }
    public string? CallbackUrl { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static string HashKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(apiKey)));

    public static ApiClient Register(string name, ApiClientKind kind, string apiKey, string? secretCipher, string? callbackUrl, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Kind = kind,
        KeyHash = HashKey(apiKey),
        SecretCipher = secretCipher,
        CallbackUrl = callbackUrl,
        IsActive = true,
        CreatedAt = now,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<ApiClient>
    {
        public void Configure(EntityTypeBuilder<ApiClient> builder)
        {
            builder.ToTable("api_clients");
            builder.Property(c => c.Name).HasMaxLength(100);
            builder.Property(c => c.KeyHash).HasMaxLength(64);
            builder.HasIndex(c => c.KeyHash).IsUnique();
            builder.Property(c => c.CallbackUrl).HasMaxLength(500);
        }
    }
}
