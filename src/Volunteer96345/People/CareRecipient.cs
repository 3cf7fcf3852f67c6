using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.People;

public enum CareCategory
{
    Disabled,
    EmptyNestElderly,
    SolitaryElderly,
    Other,
}

/// <summary>The categories of the national disability certificate (残疾人证); None for elderly residents without one.</summary>
public enum DisabilityType
{
    None,
    Visual,
    Hearing,
    Speech,
    Physical,
    Intellectual,
    Mental,
    Multiple,
}

public enum CarePriority
{
    Normal,
    High,
    Urgent,
}

/// <summary>The fields of a care recipient that are encrypted at rest and masked by default.</summary>
public enum CareField
{
    IdNumber,
    Address,
    DisabilityNote,
    HealthNote,
    LivingSituation,
}

/// <summary>What a care recipient's record says in clear: registration sets it, editing may change it.</summary>
internal sealed record CareRecipientDetails(
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    CareCategory Category,
    DisabilityType DisabilityType,
    int? DisabilityLevel,
    string Village,
    string? Phone,
    string? GuardianName,
    string? GuardianPhone,
    string? Contacts,
    IReadOnlyList<string> Needs,
    CarePriority Priority,
    Guid StationId);

/// <summary>The sensitive fields in plaintext, on their way in; a null on an edit keeps the value on file.</summary>
internal sealed record CareSensitiveFields(string? IdNumber, string? Address, string? DisabilityNote, string? HealthNote, string? LivingSituation);

/// <summary>
/// A vulnerable resident in the care registry (残障人士、空巢老人等弱势群体信息库). The ID number, address, disability and
/// health notes and living situation are held only encrypted; lists show the masked ID number and address, and each
/// reveal is recorded by the caller as a <see cref="Reveal"/>.
/// </summary>
internal sealed class CareRecipient : IStationScoped
{
    public const int MaxNeeds = 20;
    public const int MaxLevel = 4;

    /// <summary>A sensitive note in plaintext: 1,000 characters of Chinese encrypt to about 4,040 base64 characters, within the column.</summary>
    public const int MaxNoteLength = 1000;

    private CareRecipient()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string NameInitials { get; private set; } = "";
    public Gender Gender { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public CareCategory Category { get; private set; }
    public DisabilityType DisabilityType { get; private set; }
    public int? DisabilityLevel { get; private set; }
    public string Village { get; private set; } = "";
    public string IdNumberCipher { get; private set; } = "";
    public string IdNumberHash { get; private set; } = "";
    public string IdNumberMasked { get; private set; } = "";
    public string AddressCipher { get; private set; } = "";
    public string AddressMasked { get; private set; } = "";
    public string? DisabilityNoteCipher { get; private set; }
    public string? HealthNoteCipher { get; private set; }
    public string? LivingSituationCipher { get; private set; }
    /// <summary>The recipient's own telephone (mobile or landline), by which the hotline recognises them when they call.</summary>
    public string? Phone { get; private set; }

    public string? GuardianName { get; private set; }
    public string? GuardianPhone { get; private set; }
    public string? Contacts { get; private set; }
    public List<string> Needs { get; private set; } = [];
    public CarePriority Priority { get; private set; }
    public Guid StationId { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime RegisteredAt { get; private set; }

    /// <summary>The first six characters of an address (the village and group, as a rule) and stars: enough to recognise, not to find the door.</summary>
    public static string MaskAddress(string address) => address.Length <= 6 ? new string('*', address.Length) : address[..6] + "****";

    public static CareRecipient Register(CareRecipientDetails details, CareSensitiveFields sensitive, FieldProtector protector, DateTime now)
    {
        var recipient = new CareRecipient { Id = Guid.CreateVersion7(), IsActive = true, RegisteredAt = now };
        recipient.Revise(details, sensitive, protector);
        return recipient;
    }

    public void Revise(CareRecipientDetails details, CareSensitiveFields sensitive, FieldProtector protector)
    {
        Name = details.Name.Trim();
        NameInitials = Pinyin.Initials(Name);
        Gender = details.Gender;
        BirthDate = details.BirthDate;
        Category = details.Category;
        DisabilityType = details.DisabilityType;
        DisabilityLevel = details.DisabilityType == DisabilityType.None ? null : details.DisabilityLevel;
        Village = details.Village.Trim();
        Phone = Clean(details.Phone);
        GuardianName = Clean(details.GuardianName);
        GuardianPhone = Clean(details.GuardianPhone);
        Contacts = Clean(details.Contacts);
        Needs = [.. details.Needs.Select(n => n.Trim()).Distinct()];
        Priority = details.Priority;
        StationId = details.StationId;

        if (sensitive.IdNumber is { } id && protector.Hash(id) != IdNumberHash)
        {
            IdNumberCipher = protector.Protect(id);
            IdNumberHash = protector.Hash(id);
            IdNumberMasked = ChineseId.Mask(id);
        }

        if (!string.IsNullOrWhiteSpace(sensitive.Address))
        {
            AddressCipher = protector.Protect(sensitive.Address.Trim());
            AddressMasked = MaskAddress(sensitive.Address.Trim());
        }

        // Notes may be cleared on purpose: an empty string clears, null keeps.
        if (sensitive.DisabilityNote is not null)
        {
            DisabilityNoteCipher = protector.ProtectOptional(sensitive.DisabilityNote);
        }

        if (sensitive.HealthNote is not null)
        {
            HealthNoteCipher = protector.ProtectOptional(sensitive.HealthNote);
        }

        if (sensitive.LivingSituation is not null)
        {
            LivingSituationCipher = protector.ProtectOptional(sensitive.LivingSituation);
        }
    }

    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;

    public bool Has(CareField field) => Cipher(field) is { Length: > 0 };

    public string? Reveal(CareField field, FieldProtector protector) => Cipher(field) is { Length: > 0 } cipher ? protector.Unprotect(cipher) : null;

    private string? Cipher(CareField field) => field switch
    {
        CareField.IdNumber => IdNumberCipher,
        CareField.Address => AddressCipher,
        CareField.DisabilityNote => DisabilityNoteCipher,
        CareField.HealthNote => HealthNoteCipher,
        CareField.LivingSituation => LivingSituationCipher,
        _ => null,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal sealed class Configuration : IEntityTypeConfiguration<CareRecipient>
    {
        public void Configure(EntityTypeBuilder<CareRecipient> builder)
        {
            builder.ToTable("care_recipients");
            builder.Property(c => c.Name).HasMaxLength(50);
            builder.Property(c => c.NameInitials).HasMaxLength(50);
            builder.HasIndex(c => c.NameInitials);
            builder.Property(c => c.Village).HasMaxLength(50);
            builder.Property(c => c.IdNumberCipher).HasMaxLength(200);
            builder.Property(c => c.IdNumberHash).HasMaxLength(64);
            builder.HasIndex(c => c.IdNumberHash).IsUnique();
            builder.Property(c => c.IdNumberMasked).HasMaxLength(18);
            builder.Property(c => c.AddressCipher).HasMaxLength(900);
            builder.Property(c => c.AddressMasked).HasMaxLength(10);
            builder.Property(c => c.DisabilityNoteCipher).HasMaxLength(4100);
            builder.Property(c => c.HealthNoteCipher).HasMaxLength(4100);
            builder.Property(c => c.LivingSituationCipher).HasMaxLength(4100);
            builder.Property(c => c.GuardianName).HasMaxLength(50);
            builder.Property(c => c.GuardianPhone).HasMaxLength(20);
            builder.Property(c => c.Phone).HasMaxLength(20);
            builder.Property(c => c.Contacts).HasMaxLength(200);
            builder.HasIndex(c => new { c.StationId, c.IsActive });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(c => c.StationId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
