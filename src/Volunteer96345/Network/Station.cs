using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Network;

public enum StationKind
{
    SubStation,
    ServicePoint,
    Outpost,
}

public enum OutpostKind
{
    RedCube,
    PioneerPost,
    Partner,
}

/// <summary>What a station is and where: everything an editor may change in one go.</summary>
internal sealed record StationDetails(
    string Name,
    StationKind Kind,
    OutpostKind? OutpostKind,
    Guid? ParentId,
    string Village,
    string Address,
    double Latitude,
    double Longitude,
    string? OpeningHours,
    string? Phone,
    IReadOnlyList<string> Services);

/// <summary>
/// A place of the service network: the town sub-station, a village/community service point, or an outpost.
/// The tree is sub-station → service points → outposts; an outpost may also hang directly under the sub-station.
/// </summary>
internal sealed class Station : IStationRecord
{
    private Station()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public StationKind Kind { get; private set; }
    public OutpostKind? OutpostKind { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Village { get; private set; } = "";
    public string Address { get; private set; } = "";
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }
    public string? OpeningHours { get; private set; }
    public string? Phone { get; private set; }
    public List<string> Services { get; private set; } = [];
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DeactivatedAt { get; private set; }

    /// <summary>Which kinds may be the parent of which: the sub-station is the root.</summary>
    public static bool CanBeParent(StationKind parent, StationKind child) => (parent, child) switch
    {
        (StationKind.SubStation, StationKind.ServicePoint) => true,
        (StationKind.SubStation or StationKind.ServicePoint, StationKind.Outpost) => true,
        _ => false,
    };

    public static Station Open(StationDetails details, DateTime now)
    {
        var station = new Station { Id = Guid.CreateVersion7(), IsActive = true, CreatedAt = now };
        station.Revise(details);
        return station;
    }

    public void Revise(StationDetails details)
    {
        Name = details.Name.Trim();
        Kind = details.Kind;
        OutpostKind = details.Kind == StationKind.Outpost ? details.OutpostKind : null;
        ParentId = details.ParentId;
        Village = details.Village.Trim();
        Address = details.Address.Trim();
        Latitude = details.Latitude;
        Longitude = details.Longitude;
        OpeningHours = Blank(details.OpeningHours);
        Phone = Blank(details.Phone);
        Services = [.. details.Services.Select(s => s.Trim()).Distinct()];
    }

    public void Deactivate(DateTime now)
    {
        if (!IsActive)
        {
            return;
        }

        IsActive = false;
        DeactivatedAt = now;
    }

    public void Reactivate()
    {
        IsActive = true;
        DeactivatedAt = null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal sealed class Configuration : IEntityTypeConfiguration<Station>
    {
        public void Configure(EntityTypeBuilder<Station> builder)
        {
            builder.ToTable("stations");
            builder.Property(s => s.Name).HasMaxLength(100);
            builder.Property(s => s.Village).HasMaxLength(50);
            builder.Property(s => s.Address).HasMaxLength(200);
            builder.Property(s => s.OpeningHours).HasMaxLength(100);
            builder.Property(s => s.Phone).HasMaxLength(20);
            builder.HasOne<Station>().WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(s => new { s.Kind, s.Village });
            builder.HasIndex(s => s.Name);
        }
    }
}
