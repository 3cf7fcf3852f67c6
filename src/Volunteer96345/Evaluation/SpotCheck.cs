using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Evaluation;

/// <summary>What a spot check looks at: a service the platform recorded.</summary>
public enum SpotCheckSubject
{
    /// <summary>A closed work order: was it served, how.</summary>
    WorkOrder,

    /// <summary>An attended activity: was the volunteer really there.</summary>
    Attendance,

    /// <summary>An outpost log entry (a convenience service at a Red Cube).</summary>
    OutpostEntry,

    /// <summary>A redemption at a station's counter: did the resident receive the goods.</summary>
    Redemption,
}

public enum SpotCheckMethod
{
    Phone,
    OnSite,
}

/// <summary>The inspector's verdict on whether the service was really given.</summary>
public enum SpotCheckVerdict
{
    Confirmed,
    NotGiven,

    /// <summary>Nobody could be reached or found: the check is done but rates nothing.</summary>
    Unreachable,
}

/// <summary>Why the draw favoured a task (flags; shown to the inspector).</summary>
[Flags]
public enum DrawReasons
{
    None = 0,
    LowRating = 1,
    LongUnchecked = 2,
}

/// <summary>
/// 抽查批次: one month's sample for the inspectors. The draw is a weighted sample without replacement from the month's
/// services, per station and subject; <see cref="Seed"/> and the facts as they were at <see cref="DrawnAt"/> give the same
/// sample again (<see cref="SpotChecks.SampleDraw"/>).
/// </summary>
internal sealed class SpotCheckDraw
{
    private SpotCheckDraw()
    {
    }

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public int Seed { get; private set; }
    public decimal RatePercent { get; private set; }
    public int Minimum { get; private set; }
    public DateTime DrawnAt { get; private set; }
    public string DrawnBy { get; private set; } = "";
    public int Count { get; private set; }

    public static SpotCheckDraw Record(int year, int month, int seed, decimal ratePercent, int minimum, int count, string drawnBy, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Year = year,
        Month = month,
        Seed = seed,
        RatePercent = ratePercent,
        Minimum = minimum,
        DrawnAt = now,
        DrawnBy = drawnBy,
        Count = count,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<SpotCheckDraw>
    {
        public void Configure(EntityTypeBuilder<SpotCheckDraw> builder)
        {
            builder.ToTable("spot_check_draws");
            builder.HasIndex(d => new { d.Year, d.Month }).IsUnique();
            builder.Property(d => d.DrawnBy).HasMaxLength(100);
            builder.Property(d => d.RatePercent).HasPrecision(5, 2);
        }
    }
}

/// <summary>抽查任务: one sampled service, and once worked, the inspector's findings and ratings.</summary>
internal sealed class SpotCheck : IStationScoped
{
    private SpotCheck()
    {
    }

    public Guid Id { get; private set; }
    public Guid DrawId { get; private set; }
    public Guid StationId { get; private set; }
    public SpotCheckSubject Subject { get; private set; }
    public Guid SubjectId { get; private set; }

    /// <summary>What the inspector reads in the list: the order's code and item, the activity's title, the counter item.</summary>
    public string Label { get; private set; } = "";

    /// <summary>When the service was given: the period its ratings count in.</summary>
    public DateTime ServedAt { get; private set; }

    public ResponderKind RatedKind { get; private set; }
    public Guid RatedId { get; private set; }
    public string RatedName { get; private set; } = "";
    public DrawReasons Reasons { get; private set; }
    public double Weight { get; private set; }

    public DateTime? CheckedAt { get; private set; }
    public Guid? InspectorId { get; private set; }
    public string? InspectorName { get; private set; }
    public SpotCheckMethod? Method { get; private set; }
    public SpotCheckVerdict? Verdict { get; private set; }

    /// <summary>1–5.</summary>
    public int? Attitude { get; private set; }

    public Outcome? Outcome { get; private set; }

    /// <summary>1–5.</summary>
    public int? Satisfaction { get; private set; }

    public string? Findings { get; private set; }
    public List<Guid> EvidenceIds { get; private set; } = [];
    public int Version { get; private set; }

    public bool IsDone => CheckedAt is not null;

    public static SpotCheck Sampled(Guid drawId, Candidate candidate) => new()
    {
        Id = Guid.CreateVersion7(),
        DrawId = drawId,
        StationId = candidate.StationId,
        Subject = candidate.Subject,
        SubjectId = candidate.SubjectId,
        Label = candidate.Label,
        ServedAt = candidate.ServedAt,
        RatedKind = candidate.RatedKind,
        RatedId = candidate.RatedId,
        RatedName = candidate.RatedName,
        Reasons = candidate.Reasons,
        Weight = Math.Round(candidate.Weight, 3),
    };

    /// <summary>
    /// Records the inspector's work once. A service not given rates zero on all three; an unreachable one rates nothing.
    /// The handler has validated the inputs against the verdict.
    /// </summary>
    public bool Record(SpotCheckMethod method, SpotCheckVerdict verdict, int? attitude, Outcome? outcome, int? satisfaction, string? findings,
        IEnumerable<Guid> evidenceIds, Guid? inspectorId, string inspectorName, DateTime now)
    {
        if (IsDone)
        {
            return false;
        }

        CheckedAt = now;
        InspectorId = inspectorId;
        InspectorName = inspectorName;
        Method = method;
        Verdict = verdict;
        (Attitude, Outcome, Satisfaction) = verdict switch
        {
            SpotCheckVerdict.Confirmed => (attitude, outcome, satisfaction),
            SpotCheckVerdict.NotGiven => (1, WorkOrders.Outcome.NotSolved, 1),
            _ => ((int?)null, (Outcome?)null, (int?)null),
        };
        Findings = string.IsNullOrWhiteSpace(findings) ? null : findings.Trim();
        EvidenceIds = [.. evidenceIds];
        Version++;
        return true;
    }

    /// <summary>A sampled service as the draw sees it, before it is picked.</summary>
    internal sealed record Candidate(SpotCheckSubject Subject, Guid SubjectId, Guid StationId, string Label, DateTime ServedAt,
        ResponderKind RatedKind, Guid RatedId, string RatedName, DrawReasons Reasons, double Weight);

    internal sealed class Configuration : IEntityTypeConfiguration<SpotCheck>
    {
        public void Configure(EntityTypeBuilder<SpotCheck> builder)
        {
            builder.ToTable("spot_checks");
            builder.Property(c => c.Label).HasMaxLength(200);
            builder.Property(c => c.RatedName).HasMaxLength(100);
            builder.Property(c => c.InspectorName).HasMaxLength(100);
            builder.Property(c => c.Findings).HasMaxLength(2000);
            builder.Property(c => c.Version).IsConcurrencyToken();
            builder.Ignore(c => c.IsDone);
            builder.HasIndex(c => new { c.DrawId, c.StationId });
            builder.HasIndex(c => new { c.RatedKind, c.RatedId, c.CheckedAt });
            builder.HasIndex(c => new { c.ServedAt, c.CheckedAt });
            builder.HasOne<SpotCheckDraw>().WithMany().HasForeignKey(c => c.DrawId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(c => c.StationId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
