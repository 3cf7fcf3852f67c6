using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Common.Files;

/// <summary>
/// An uploaded evidence or voucher file. Kept in the database so that several app instances on PostgreSQL share it
/// and a backup of the database is a backup of the files.
/// </summary>
internal sealed class Attachment : IStationScoped
{
    public const long MaxBytes = 5 * 1024 * 1024;

    private static readonly Dictionary<string, string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public static IReadOnlyCollection<string> AllowedExtensions => Allowed.Keys;

    private Attachment()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTime UploadedAt { get; private set; }
    public Guid? UploadedBy { get; private set; }

    /// <summary>Null when the file name or size is not acceptable; the caller reports which.</summary>
    public static Attachment? TryCreate(Guid stationId, string fileName, byte[] content, Guid? uploadedBy, DateTime now)
    {
        var name = Path.GetFileName(fileName);
        if (!IsAcceptable(name, content.LongLength))
        {
            return null;
        }

        return new Attachment
        {
            Id = Guid.CreateVersion7(),
            StationId = stationId,
            FileName = name,
            ContentType = Allowed[Path.GetExtension(name)],
            Length = content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedAt = now,
            UploadedBy = uploadedBy,
        };
    }

    public static bool IsAcceptable(string fileName, long length) =>
        length is > 0 and <= MaxBytes && fileName.Length <= 200 && Allowed.ContainsKey(Path.GetExtension(fileName));

    internal sealed class Configuration : IEntityTypeConfiguration<Attachment>
    {
        public void Configure(EntityTypeBuilder<Attachment> builder)
        {
            builder.ToTable("attachments");
            builder.Property(a => a.FileName).HasMaxLength(200);
            builder.Property(a => a.ContentType).HasMaxLength(100);
            builder.Property(a => a.Sha256).HasMaxLength(64);
            builder.HasIndex(a => a.StationId);
        }
    }
}

/// <summary>A file picked in a page, read into memory (at most <see cref="Attachment.MaxBytes"/>).</summary>
public sealed record UploadedFile(string FileName, byte[] Content);
