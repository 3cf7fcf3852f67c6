using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Files;

namespace Volunteer96345.People;

/// <summary>Where a merchant of the alliance (96345党员志愿服务联盟) stands.</summary>
public enum AllianceStatus
{
    Applied,
    Active,
    Suspended,
    Withdrawn,
}

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of the charset without I, O, S, V, Z,
/// the last one a check character over the first 17.
/// </summary>
internal static class CreditCode
{
    public const int Length = 18;
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters; null when one of them is outside the charset.</summary>
    public static char? CheckCharacter(string first17)
    {
        if (first17.Length != Length - 1)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            sum += value * Weights[i];
        }

        return Charset[(31 - (sum % 31)) % 31];
    }

    /// <summary>The code in upper case without spaces, or null when its length, characters or check character are wrong.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var code = new string([.. value.Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
        return code.Length == Length && CheckCharacter(code[..^1]) == code[^1] ? code : null;
    }
}

/// <summary>
/// A merchant that joined the alliance: it offers services and discounts to volunteers. It belongs to the service
/// point of its village or to the sub-station. Activation needs a signed agreement on file.
/// </summary>
internal sealed class AllianceMember : IStationScoped
{
    public const int NameLength = 100;
    public const int ContactLength = 50;
    public const int PhoneLength = 20;
    public const int AddressLength = 200;
    public const int VillageLength = 50;
    public const int DiscountLength = 200;
    public const int NoteLength = 200;
    public const int MaxServices = 20;
    public const int ServiceLength = 20;

    private AllianceMember()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string LicenceNumber { get; private set; } = "";
    public string ContactName { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string Village { get; private set; } = "";
    public Guid StationId { get; private set; }
    public List<string> Services { get; private set; } = [];
    public string? Discount { get; private set; }
    public DateOnly JoinedOn { get; private set; }
    public AllianceStatus Status { get; private set; }
    public string? StatusNote { get; private set; }
    public Guid? AgreementId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static AllianceMember Apply(string name, string licenceNumber, string contactName, string contactPhone, string address, string village,
        Guid stationId, IEnumerable<string> services, string? discount, DateOnly joinedOn, DateTime now)
    {
        var member = new AllianceMember { Id = Guid.CreateVersion7(), StationId = stationId, Status = AllianceStatus.Applied, CreatedAt = now };
        member.Revise(name, licenceNumber, contactName, contactPhone, address, village, services, discount, joinedOn);
        return member;
    }

    public void Revise(string name, string licenceNumber, string contactName, string contactPhone, string address, string village,
        IEnumerable<string> services, string? discount, DateOnly joinedOn)
    {
        Name = name.Trim();
        LicenceNumber = licenceNumber;
        ContactName = contactName.Trim();
        ContactPhone = contactPhone;
        Address = address.Trim();
        Village = village.Trim();
        Services = [.. services.Select(s => s.Trim()).Distinct()];
        Discount = string.IsNullOrWhiteSpace(discount) ? null : discount.Trim();
        JoinedOn = joinedOn;
    }

    /// <summary>The allowed moves; anything else is refused and changes nothing.</summary>
    public static bool CanMove(AllianceStatus from, AllianceStatus to) => (from, to) switch
    {
        (AllianceStatus.Applied, AllianceStatus.Active or AllianceStatus.Withdrawn) => true,
        (AllianceStatus.Active, AllianceStatus.Suspended or AllianceStatus.Withdrawn) => true,
        (AllianceStatus.Suspended, AllianceStatus.Active or AllianceStatus.Withdrawn) => true,
        _ => false,
    };

    /// <summary>The moves offered from the current status, those needing an agreement included.</summary>
    public static IReadOnlyList<AllianceStatus> NextFrom(AllianceStatus from) =>
        [.. Enum.GetValues<AllianceStatus>().Where(to => CanMove(from, to))];

    /// <summary>Refused (false) when the move is not allowed or when activating without an agreement on file.</summary>
    public bool MoveTo(AllianceStatus to, string? note)
    {
        if (!CanMove(Status, to) || (to == AllianceStatus.Active && AgreementId is null))
        {
            return false;
        }

        Status = to;
        StatusNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return true;
    }

    public void FileAgreement(Guid attachmentId) => AgreementId = attachmentId;

    internal sealed class Configuration : IEntityTypeConfiguration<AllianceMember>
    {
        public void Configure(EntityTypeBuilder<AllianceMember> builder)
        {
            builder.ToTable("alliance_members");
            builder.Property(m => m.Name).HasMaxLength(NameLength);
            builder.HasIndex(m => m.Name);
            builder.Property(m => m.LicenceNumber).HasMaxLength(CreditCode.Length);
            builder.HasIndex(m => m.LicenceNumber).IsUnique();
            builder.Property(m => m.ContactName).HasMaxLength(ContactLength);
            builder.Property(m => m.ContactPhone).HasMaxLength(PhoneLength);
            builder.Property(m => m.Address).HasMaxLength(AddressLength);
            builder.Property(m => m.Village).HasMaxLength(VillageLength);
            builder.Property(m => m.Discount).HasMaxLength(DiscountLength);
            builder.Property(m => m.StatusNote).HasMaxLength(NoteLength);
            builder.HasIndex(m => m.StationId);
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(m => m.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Attachment>().WithMany().HasForeignKey(m => m.AgreementId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
