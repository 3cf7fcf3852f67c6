using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.StationServices;

/// <summary>The three offices 红色代办 errands are run at.</summary>
public enum ErrandOffice
{
    CivilAffairs,
    FamilyPlanning,
    SocialSecurity,
}

/// <summary>
/// A kind of 红色代办 errand the town offers: the office it is run at, the original documents the resident hands over
/// (the checklist the point checks on receipt) and the deadline in working days. Errands copy the checklist and the
/// deadline when they are received, so that editing a type never moves a running errand's clock. A type may take over a
/// catalogue item (<see cref="ServiceCode"/>, e.g. HA-004 低保申请代办): a hotline, walk-in or online request for that
/// item becomes an errand of this type instead of a work order (<see cref="RequestErrand.ErrandHandOver"/>).
/// </summary>
internal sealed class ErrandType
{
    public const int MaxDocuments = 20;
    public const int MaxDeadline = 60;

    private ErrandType()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public ErrandOffice Office { get; private set; }
    public List<string> Documents { get; private set; } = [];
    public int DeadlineWorkingDays { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>The catalogue item whose requests this type takes over from intake, if any.</summary>
    public string? ServiceCode { get; private set; }

    public static ErrandType Define(string name, ErrandOffice office, IEnumerable<string> documents, int deadlineWorkingDays, DateTime now,
        string? serviceCode = null)
    {
        var type = new ErrandType { Id = Guid.CreateVersion7(), IsActive = true, CreatedAt = now };
        type.Revise(name, office, documents, deadlineWorkingDays, serviceCode);
        return type;
    }

    public void Revise(string name, ErrandOffice office, IEnumerable<string> documents, int deadlineWorkingDays, string? serviceCode = null)
    {
        Name = name.Trim();
        Office = office;
        Documents = [.. documents.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct()];
        DeadlineWorkingDays = deadlineWorkingDays;
        ServiceCode = string.IsNullOrWhiteSpace(serviceCode) ? null : serviceCode.Trim();
    }

    public void SetActive(bool active) => IsActive = active;

    internal sealed class Configuration : IEntityTypeConfiguration<ErrandType>
    {
        public void Configure(EntityTypeBuilder<ErrandType> builder)
        {
            builder.ToTable("errand_types");
            builder.Property(t => t.Name).HasMaxLength(50);
            builder.HasIndex(t => t.Name).IsUnique();
            builder.Property(t => t.ServiceCode).HasMaxLength(20);
        }
    }
}
