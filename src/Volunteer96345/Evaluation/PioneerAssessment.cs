using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Evaluation.Pioneer;
using Volunteer96345.People;

namespace Volunteer96345.Evaluation;

/// <summary>
/// A year's 党员先锋指数 scheme as the town edited it (one row per year). Until the town saves one, the year uses
/// <see cref="PioneerScheme.Default"/>. A result approved under it keeps its own copy, so a later edit changes only the
/// results not yet approved.
/// </summary>
internal sealed class PioneerSchemeYear
{
    private PioneerSchemeYear()
    {
    }

    public int Year { get; private set; }
    public string SchemeJson { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; private set; }

    public PioneerScheme Scheme => PioneerScheme.FromJson(SchemeJson);

    public static PioneerSchemeYear Save(PioneerScheme scheme, string actor, DateTime now) =>
        new() { Year = scheme.Year, SchemeJson = scheme.ToJson(), UpdatedAt = now, UpdatedBy = actor };

    public void Revise(PioneerScheme scheme, string actor, DateTime now)
    {
        SchemeJson = scheme.ToJson();
        UpdatedAt = now;
        UpdatedBy = actor;
        Version++;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<PioneerSchemeYear>
    {
        public void Configure(EntityTypeBuilder<PioneerSchemeYear> builder)
        {
            builder.ToTable("pioneer_schemes");
            builder.HasKey(s => s.Year);
            builder.Property(s => s.Year).ValueGeneratedNever();
            builder.Property(s => s.UpdatedBy).HasMaxLength(100);
            builder.Property(s => s.Version).IsConcurrencyToken();
            builder.Ignore(s => s.Scheme);
        }
    }
}

/// <summary>
/// 自评 → 支部评议 → 党委审核 → 公示 → 定格. Open: the member sees the live index and may declare items; Reviewed: the
/// branch has judged the declarations and sent it to the town; Approved: the town froze it and it is posted in the branch
/// until <see cref="PioneerAssessment.PublicUntil"/>, then it is final unless an objection is still waiting.
/// </summary>
public enum AssessmentStatus
{
    Open,
    Reviewed,
    Approved,
}

/// <summary>What a reader sees: <see cref="AssessmentStatus.Approved"/> splits into posted (公示中) and final (已定格).</summary>
public enum AssessmentStage
{
    SelfAssessment,
    Reviewed,
    Posted,
    Final,
}

public enum DeclarationStatus
{
    Pending,
    Accepted,
    Rejected,
    Withdrawn,
}

public enum ObjectionOutcome
{
    Open,
    Upheld,
    Dismissed,
}

public enum AssessmentStepKind
{
    Opened,
    Declared,
    Withdrawn,
    Reviewed,
    Returned,
    Approved,
    Objected,
    ObjectionUpheld,
    ObjectionDismissed,
}

/// <summary>An item the member declares with proof (自评), for an item of the scheme whose fact is declared.</summary>
internal sealed class Declaration
{
    public Guid Id { get; set; }
    public string ItemCode { get; set; } = "";
    public decimal Units { get; set; }
    public string Text { get; set; } = "";
    public List<Guid> EvidenceIds { get; set; } = [];
    public DateTime DeclaredAt { get; set; }
    public DeclarationStatus Status { get; set; }
    public decimal? AcceptedUnits { get; set; }
    public string? BranchNote { get; set; }
}

/// <summary>An objection raised by a member of the branch while the result is posted (公示期异议).</summary>
internal sealed class AssessmentObjection
{
    public Guid Id { get; set; }
    public Guid? ByVolunteerId { get; set; }
    public string ByName { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
    public ObjectionOutcome Outcome { get; set; }
    public string? Decision { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

internal sealed class AssessmentStep
{
    public DateTime At { get; set; }
    public AssessmentStepKind Kind { get; set; }
    public string Actor { get; set; } = "";
    public string? Text { get; set; }
}

/// <summary>
/// One party member's 党员先锋指数 for one quarter. While open it is computed live from the platform's facts; the town's
/// approval freezes the facts, the scheme and the result (<see cref="FrozenJson"/>), so that the approved index never
/// moves when the facts behind it change later. The member belongs to <see cref="PartyOrganizationId"/> as at the
/// opening: that organisation's secretary reviews it and its members see it posted.
/// </summary>
internal sealed class PioneerAssessment
{
    public const int TextLength = 500;
    public const int MaxDeclarations = 10;
    public const decimal MaxAdjustment = 10;

    private PioneerAssessment()
    {
    }

    public Guid Id { get; private set; }
    public Guid VolunteerId { get; private set; }
    public Guid PartyOrganizationId { get; private set; }
    public int Year { get; private set; }
    public int Quarter { get; private set; }
    public AssessmentStatus Status { get; private set; }
    public DateTime OpenedAt { get; private set; }

    /// <summary>The branch's adjustment (支部评议调整), added to the computed index, with its reason.</summary>
    public decimal Adjustment { get; private set; }
    public string? AdjustmentReason { get; private set; }

    /// <summary>A violation the branch recorded (the scheme's veto): the index is 0 and the grade 不合格.</summary>
    public string? Violation { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? ApprovedAt { get; private set; }

    /// <summary>The end of the 公示 (5 working days from the approval, in town time).</summary>
    public DateTime? PublicUntil { get; private set; }

    /// <summary>The frozen result, facts and scheme (<see cref="FrozenResult"/> as JSON), set by the approval.</summary>
    public string? FrozenJson { get; private set; }
    public decimal? Score { get; private set; }
    public PioneerGrade? Grade { get; private set; }

    public List<Declaration> Declarations { get; private set; } = [];
    public List<AssessmentObjection> Objections { get; private set; } = [];
    public List<AssessmentStep> Steps { get; private set; } = [];
    public int Version { get; private set; }

    public static PioneerAssessment Open(Guid volunteerId, Guid organizationId, int year, int quarter, string actor, DateTime now)
    {
        var assessment = new PioneerAssessment
        {
            Id = Guid.CreateVersion7(),
            VolunteerId = volunteerId,
            PartyOrganizationId = organizationId,
            Year = year,
            Quarter = quarter,
            Status = AssessmentStatus.Open,
            OpenedAt = now,
        };
        assessment.Step(AssessmentStepKind.Opened, actor, null, now);
        return assessment;
    }

    public AssessmentStage StageAt(DateTime now) => Status switch
    {
        AssessmentStatus.Open => AssessmentStage.SelfAssessment,
        AssessmentStatus.Reviewed => AssessmentStage.Reviewed,
        _ => now >= PublicUntil && Objections.All(o => o.Outcome != ObjectionOutcome.Open) ? AssessmentStage.Final : AssessmentStage.Posted,
    };

    public IEnumerable<Declaration> LiveDeclarations => Declarations.Where(d => d.Status != DeclarationStatus.Withdrawn);

    /// <summary>The units of each declared fact the branch accepted, for the computation.</summary>
    public IReadOnlyDictionary<string, decimal> AcceptedUnits() => Declarations.Where(d => d.Status == DeclarationStatus.Accepted)
        .GroupBy(d => d.ItemCode).ToDictionary(g => g.Key, g => g.Sum(d => d.AcceptedUnits ?? 0));

    public Declaration? Declare(string itemCode, decimal units, string text, List<Guid> evidenceIds, string actor, DateTime now)
    {
        if (Status != AssessmentStatus.Open || LiveDeclarations.Count() >= MaxDeclarations)
        {
            return null;
        }

        var declaration = new Declaration
        {
            Id = Guid.CreateVersion7(),
            ItemCode = itemCode,
            Units = units,
            Text = text.Trim(),
            EvidenceIds = evidenceIds,
            DeclaredAt = now,
            Status = DeclarationStatus.Pending,
        };
        Declarations.Add(declaration);
        Step(AssessmentStepKind.Declared, actor, declaration.Text, now);
        return declaration;
    }

    public bool Withdraw(Guid declarationId, string actor, DateTime now)
    {
        if (Status != AssessmentStatus.Open || Declarations.FirstOrDefault(d => d.Id == declarationId) is not { Status: DeclarationStatus.Pending } declaration)
        {
            return false;
        }

        declaration.Status = DeclarationStatus.Withdrawn;
        Step(AssessmentStepKind.Withdrawn, actor, declaration.Text, now);
        return true;
    }

    /// <summary>
    /// 支部评议: every live declaration judged (accepted with the units the branch allows, or rejected with a note), an
    /// adjustment with its reason, and a violation if there was one; then it goes to the town.
    /// </summary>
    public bool Review(IReadOnlyDictionary<Guid, (bool Accept, decimal Units, string? Note)> judgements, decimal adjustment, string? adjustmentReason,
        string? violation, string actor, DateTime now)
    {
        if (Status != AssessmentStatus.Open || LiveDeclarations.Any(d => !judgements.ContainsKey(d.Id)))
        {
            return false;
        }

        foreach (var declaration in LiveDeclarations)
        {
            var (accept, units, note) = judgements[declaration.Id];
            declaration.Status = accept ? DeclarationStatus.Accepted : DeclarationStatus.Rejected;
            declaration.AcceptedUnits = accept ? units : null;
            declaration.BranchNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        }

        Adjustment = adjustment;
        AdjustmentReason = adjustment == 0 || string.IsNullOrWhiteSpace(adjustmentReason) ? null : adjustmentReason.Trim();
        Violation = string.IsNullOrWhiteSpace(violation) ? null : violation.Trim();
        Status = AssessmentStatus.Reviewed;
        ReviewedBy = actor;
        ReviewedAt = now;
        Step(AssessmentStepKind.Reviewed, actor, AdjustmentReason ?? Violation, now);
        return true;
    }

    /// <summary>党委审核 sends it back to the branch with a reason: open again, the declarations still judged as they were.</summary>
    public bool Return(string reason, string actor, DateTime now)
    {
        if (Status != AssessmentStatus.Reviewed)
        {
            return false;
        }

        Reopen();
        Step(AssessmentStepKind.Returned, actor, reason.Trim(), now);
        return true;
    }

    /// <summary>党委审核 approves: the result is frozen with its facts and scheme and posted in the branch until <paramref name="publicUntil"/>.</summary>
    public bool Approve(string frozenJson, decimal score, PioneerGrade grade, DateTime publicUntil, string actor, DateTime now)
    {
        if (Status != AssessmentStatus.Reviewed)
        {
            return false;
        }

        Status = AssessmentStatus.Approved;
        FrozenJson = frozenJson;
        Score = score;
        Grade = grade;
        ApprovedBy = actor;
        ApprovedAt = now;
        PublicUntil = publicUntil;
        Step(AssessmentStepKind.Approved, actor, null, now);
        return true;
    }

    public AssessmentObjection? Object(Guid? byVolunteerId, string byName, string reason, DateTime now)
    {
        if (StageAt(now) != AssessmentStage.Posted || now >= PublicUntil)
        {
            return null;
        }

        var objection = new AssessmentObjection { Id = Guid.CreateVersion7(), ByVolunteerId = byVolunteerId, ByName = byName, Reason = reason.Trim(), At = now };
        Objections.Add(objection);
        Step(AssessmentStepKind.Objected, byName, objection.Reason, now);
        return objection;
    }

    /// <summary>The town decides an objection: upheld, the frozen result is void and the branch reviews again; dismissed, it stands.</summary>
    public bool Decide(Guid objectionId, bool uphold, string decision, string actor, DateTime now)
    {
        if (Status != AssessmentStatus.Approved || Objections.FirstOrDefault(o => o.Id == objectionId) is not { Outcome: ObjectionOutcome.Open } objection)
        {
            return false;
        }

        objection.Outcome = uphold ? ObjectionOutcome.Upheld : ObjectionOutcome.Dismissed;
        objection.Decision = decision.Trim();
        objection.DecidedBy = actor;
        objection.DecidedAt = now;
        if (uphold)
        {
            foreach (var other in Objections.Where(o => o.Outcome == ObjectionOutcome.Open))
            {
                other.Outcome = ObjectionOutcome.Upheld;
                other.Decision = objection.Decision;
                other.DecidedBy = actor;
                other.DecidedAt = now;
            }

            Reopen();
        }

        Step(uphold ? AssessmentStepKind.ObjectionUpheld : AssessmentStepKind.ObjectionDismissed, actor, objection.Decision, now);
        return true;
    }

    private void Reopen()
    {
        Status = AssessmentStatus.Open;
        FrozenJson = null;
        Score = null;
        Grade = null;
        ApprovedBy = null;
        ApprovedAt = null;
        PublicUntil = null;
    }

    private void Step(AssessmentStepKind kind, string actor, string? text, DateTime now)
    {
        Steps.Add(new AssessmentStep { At = now, Kind = kind, Actor = actor, Text = text });
        Version++;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<PioneerAssessment>
    {
        public void Configure(EntityTypeBuilder<PioneerAssessment> builder)
        {
            builder.ToTable("pioneer_assessments");
            builder.HasIndex(a => new { a.Year, a.Quarter, a.VolunteerId }).IsUnique();
            builder.HasIndex(a => new { a.Year, a.Quarter, a.PartyOrganizationId, a.Status });
            builder.HasIndex(a => a.VolunteerId);
            builder.HasOne<Volunteer>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<PartyOrganization>().WithMany().HasForeignKey(a => a.PartyOrganizationId).OnDelete(DeleteBehavior.Restrict);
            builder.Property(a => a.Adjustment).HasPrecision(6, 2);
            builder.Property(a => a.Score).HasPrecision(6, 2);
            builder.Property(a => a.AdjustmentReason).HasMaxLength(TextLength);
            builder.Property(a => a.Violation).HasMaxLength(TextLength);
            builder.Property(a => a.ReviewedBy).HasMaxLength(100);
            builder.Property(a => a.ApprovedBy).HasMaxLength(100);
            builder.Property(a => a.Version).IsConcurrencyToken();
            builder.Ignore(a => a.LiveDeclarations);
            builder.OwnsMany(a => a.Declarations, d =>
            {
                d.ToTable("pioneer_declarations");
                d.WithOwner().HasForeignKey("AssessmentId");
                d.HasKey(x => x.Id);
                d.Property(x => x.Id).ValueGeneratedNever();
                d.Property(x => x.ItemCode).HasMaxLength(40);
                d.Property(x => x.Text).HasMaxLength(TextLength);
                d.Property(x => x.BranchNote).HasMaxLength(TextLength);
                d.Property(x => x.Units).HasPrecision(8, 2);
                d.Property(x => x.AcceptedUnits).HasPrecision(8, 2);
            });
            builder.OwnsMany(a => a.Objections, o =>
            {
                o.ToTable("pioneer_objections");
                o.WithOwner().HasForeignKey("AssessmentId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.ByName).HasMaxLength(50);
                o.Property(x => x.Reason).HasMaxLength(TextLength);
                o.Property(x => x.Decision).HasMaxLength(TextLength);
                o.Property(x => x.DecidedBy).HasMaxLength(100);
            });
            builder.OwnsMany(a => a.Steps, s =>
            {
                s.ToTable("pioneer_assessment_steps");
                s.WithOwner().HasForeignKey("AssessmentId");
                s.Property<int>("Id");
                s.HasKey("Id");
                s.Property(x => x.Actor).HasMaxLength(100);
                s.Property(x => x.Text).HasMaxLength(TextLength);
            });
        }
    }
}
