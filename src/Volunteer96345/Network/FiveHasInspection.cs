using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Network;

/// <summary>The five-has standard (五有): every station is inspected against these five items.</summary>
public enum FiveHasItem
{
    Logo,
    Venue,
    Rules,
    StaffedTeam,
    Funding,
}

internal sealed class FiveHasResult
{
    public FiveHasItem Item { get; set; }
    public bool Passed { get; set; }
    public string? Note { get; set; }
    public Guid? EvidenceId { get; set; }
}

/// <summary>One inspection of one station: a verdict with a note and evidence on each of the five items.</summary>
internal sealed class FiveHasInspection : IStationScoped
{
    private FiveHasInspection()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public DateOnly InspectedOn { get; private set; }
    public Guid? InspectorId { get; private set; }
    public string InspectorName { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public List<FiveHasResult> Results { get; private set; } = [];

    public bool Passed => Results.Count == 5 && Results.All(r => r.Passed);

    public IEnumerable<FiveHasItem> FailedItems => Results.Where(r => !r.Passed).Select(r => r.Item);

    /// <summary>An inspection covers all five items exactly once; the handler has validated the inputs.</summary>
    public static FiveHasInspection Record(
        Guid stationId, DateOnly inspectedOn, Guid? inspectorId, string inspectorName, string? note,
        IEnumerable<FiveHasResult> results, DateTime now)
    {
        var list = results.OrderBy(r => r.Item).ToList();
        if (list.Count != 5 || list.Select(r => r.Item).Distinct().Count() != 5)
        {
            throw new ArgumentException("An inspection must judge each of the five items once.", nameof(results));
        }

        return new FiveHasInspection
        {
            Id = Guid.CreateVersion7(),
            StationId = stationId,
            InspectedOn = inspectedOn,
            InspectorId = inspectorId,
            InspectorName = inspectorName,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RecordedAt = now,
            Results = list,
        };
    }

    internal sealed class Configuration : IEntityTypeConfiguration<FiveHasInspection>
    {
        public void Configure(EntityTypeBuilder<FiveHasInspection> builder)
        {
            builder.ToTable("five_has_inspections");
            builder.Property(i => i.InspectorName).HasMaxLength(100);
            builder.Property(i => i.Note).HasMaxLength(1000);
            builder.HasOne<Station>().WithMany().HasForeignKey(i => i.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasIndex(i => new { i.StationId, i.InspectedOn });
            builder.OwnsMany(i => i.Results, r =>
            {
                r.ToTable("five_has_results");
                r.WithOwner().HasForeignKey("InspectionId");
                r.HasKey("InspectionId", nameof(FiveHasResult.Item));
                r.Property(x => x.Note).HasMaxLength(500);
            });
            builder.Navigation(i => i.Results).AutoInclude();
        }
    }
}
