using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Points.Claims;

/// <summary>Who declared a claim.</summary>
internal enum DeclarerKind
{
    /// <summary>The volunteer or resident who did it.</summary>
    Doer,
    HelpedResident,
    Witness,
    StationStaff,
}

internal enum ClaimStatus
{
    Submitted,
    Rejected,

    /// <summary>Approved and publicly posted (公示), waiting for the period to end.</summary>
    Publicized,
    Posted,
}

internal enum ObjectionStatus
{
    Open,
    Upheld,
    Dismissed,
}

/// <summary>
/// 申报: a good deed (or another earning) declared by anyone, reviewed by the station it was filed with, publicly posted
/// for a period once approved, and paid into the doer's account when the period ends without an upheld objection.
/// </summary>
internal sealed class Claim : IStationScoped
{
    public const int DescriptionLength = 500;

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public EarningType Type { get; private set; }
    public string DoerName { get; private set; } = "";
    public string DoerMobileMasked { get; private set; } = "";
    public long DoerAccountId { get; private set; }
    public Guid? DoerVolunteerId { get; private set; }
    public string Description { get; private set; } = "";
    public DateOnly OccurredOn { get; private set; }
    public string Place { get; private set; } = "";
    public decimal? Units { get; private set; }
    public ActivityLevel? Level { get; private set; }
    public List<Guid> EvidenceIds { get; private set; } = [];
    public DeclarerKind DeclarerKind { get; private set; }
    public string DeclarerName { get; private set; } = "";
    public Guid? DeclaredByUserId { get; private set; }
    public DateTime DeclaredAt { get; private set; }
    public ClaimStatus Status { get; private set; }
    public long? Points { get; private set; }
    public Guid? ReviewerId { get; private set; }
    public string? ReviewerName { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTime? PublicUntil { get; private set; }
    public DateTime? PostedAt { get; private set; }
    public long? PostingId { get; private set; }
    public int Version { get; private set; }
    public List<ClaimObjection> Objections { get; private set; } = [];

    public static Claim Declare(Guid stationId, EarningType type, string doerName, string doerMobile, long doerAccountId, Guid? doerVolunteerId,
        string description, DateOnly occurredOn, string place, decimal? units, ActivityLevel? level, IEnumerable<Guid> evidenceIds,
        DeclarerKind declarerKind, string declarerName, Guid? declaredBy, DateTime now) => new()
        {
            Id = Guid.CreateVersion7(),
            StationId = stationId,
            Type = type,
            DoerName = doerName.Trim(),
            DoerMobileMasked = doerMobile.Length >= 7 ? doerMobile[..3] + "****" + doerMobile[^4..] : "****",
            DoerAccountId = doerAccountId,
            DoerVolunteerId = doerVolunteerId,
            Description = description.Trim(),
            OccurredOn = occurredOn,
            Place = place.Trim(),
            Units = units,
            Level = level,
            EvidenceIds = [.. evidenceIds],
            DeclarerKind = declarerKind,
            DeclarerName = declarerName.Trim(),
            DeclaredByUserId = declaredBy,
            DeclaredAt = now,
            Status = ClaimStatus.Submitted,
        };

    /// <summary>Someone who declared the claim, or did the deed, may not be the one who approves it.</summary>
    public bool IsOwnClaimOf(Guid? userId, Guid? volunteerId) =>
        (userId is not null && userId == DeclaredByUserId) || (volunteerId is not null && volunteerId == DoerVolunteerId);

    public bool Approve(long points, Guid? reviewerId, string reviewerName, DateTime now, TimeSpan publicPeriod)
    {
        if (Status != ClaimStatus.Submitted)
        {
            return false;
        }

        Status = ClaimStatus.Publicized;
        Points = points;
        ReviewerId = reviewerId;
        ReviewerName = reviewerName;
        ReviewedAt = now;
        PublicUntil = now + publicPeriod;
        Version++;
        return true;
    }

    public bool Reject(string reason, Guid? reviewerId, string reviewerName, DateTime now)
    {
        if (Status is not (ClaimStatus.Submitted or ClaimStatus.Publicized))
        {
            return false;
        }

        Status = ClaimStatus.Rejected;
        RejectReason = reason.Trim();
        ReviewerId = reviewerId;
        ReviewerName = reviewerName;
        ReviewedAt = now;
        Version++;
        return true;
    }

    public bool IsOpenForObjection(DateTime now) => Status == ClaimStatus.Publicized && now < PublicUntil;

    public ClaimObjection? Object(string name, string reason, DateTime now)
    {
        if (!IsOpenForObjection(now))
        {
            return null;
        }

        var objection = new ClaimObjection { Id = Guid.CreateVersion7(), ClaimId = Id, Name = name.Trim(), Reason = reason.Trim(), At = now };
        Objections.Add(objection);
        Version++;
        return objection;
    }

    /// <summary>An upheld objection rejects the claim with the objection's reason; a dismissed one lets it post.</summary>
    public bool Decide(Guid objectionId, bool uphold, Guid? reviewerId, string reviewerName, DateTime now)
    {
        var objection = Objections.FirstOrDefault(o => o.Id == objectionId);
        if (objection is not { Status: ObjectionStatus.Open } || Status != ClaimStatus.Publicized)
        {
            return false;
        }

        objection.Status = uphold ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        objection.DecidedBy = reviewerName;
        objection.DecidedAt = now;
        if (uphold)
        {
            Reject(objection.Reason, reviewerId, reviewerName, now);
        }

        Version++;
        return true;
    }

    /// <summary>Due when the period has ended, no objection is waiting for a decision, and none was upheld (that rejected it).</summary>
    public bool IsDue(DateTime now) => Status == ClaimStatus.Publicized && now >= PublicUntil && Objections.All(o => o.Status != ObjectionStatus.Open);

    public void Posted(long postingId, DateTime now)
    {
        Status = ClaimStatus.Posted;
        PostingId = postingId;
        PostedAt = now;
        Version++;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Claim>
    {
        public void Configure(EntityTypeBuilder<Claim> builder)
        {
            builder.ToTable("points_claims");
            builder.Property(c => c.DoerName).HasMaxLength(50);
            builder.Property(c => c.DoerMobileMasked).HasMaxLength(20);
            builder.Property(c => c.Description).HasMaxLength(DescriptionLength);
            builder.Property(c => c.Place).HasMaxLength(100);
            builder.Property(c => c.DeclarerName).HasMaxLength(50);
            builder.Property(c => c.ReviewerName).HasMaxLength(100);
            builder.Property(c => c.RejectReason).HasMaxLength(500);
            builder.Property(c => c.Units).HasPrecision(12, 2);
            builder.Property(c => c.Version).IsConcurrencyToken();
            builder.HasIndex(c => new { c.StationId, c.Status });
            builder.HasIndex(c => new { c.Status, c.PublicUntil });
            builder.HasIndex(c => c.DoerAccountId);
            builder.HasMany(c => c.Objections).WithOne().HasForeignKey(o => o.ClaimId).OnDelete(DeleteBehavior.Cascade);
            builder.Navigation(c => c.Objections).AutoInclude();
        }
    }
}

/// <summary>An objection (异议) to a publicly posted claim, by anyone, with a reason.</summary>
internal sealed class ClaimObjection
{
    public Guid Id { get; set; }
    public Guid ClaimId { get; set; }
    public string Name { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
    public ObjectionStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ClaimObjection>
    {
        public void Configure(EntityTypeBuilder<ClaimObjection> builder)
        {
            builder.ToTable("points_claim_objections");
            builder.Property(o => o.Name).HasMaxLength(50);
            builder.Property(o => o.Reason).HasMaxLength(500);
            builder.Property(o => o.DecidedBy).HasMaxLength(100);
        }
    }
}
