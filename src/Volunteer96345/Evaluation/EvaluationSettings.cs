using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Evaluation.Composite;

namespace Volunteer96345.Evaluation;

/// <summary>
/// The town's settings for spot checks and the composite evaluation: one row, edited by the town admin, audited like
/// every change. Until it is first saved the defaults below apply (docs/evaluation.md says where each comes from).
/// </summary>
internal sealed class EvaluationSettings
{
    public static readonly Guid RowId = new("6a3c1f0e-96a4-4a5e-9e15-0e7a1a7e0001");

    public Guid Id { get; private set; } = RowId;

    /// <summary>The share of a station's month of services drawn for spot checks, per subject.</summary>
    public decimal SampleRatePercent { get; private set; } = 5;

    /// <summary>At least this many per station and subject (or all there are).</summary>
    public int SampleMinimum { get; private set; } = 2;

    /// <summary>How much one rating of each source counts: spot checks most, the resident's own feedback least.</summary>
    public double FeedbackWeight { get; private set; } = 1;

    public double CallbackWeight { get; private set; } = 2;
    public double SpotCheckWeight { get; private set; } = 3;

    /// <summary>The Bayesian prior's weight: as if this many (weighted) ratings at the town's mean came first.</summary>
    public double PriorWeight { get; private set; } = 5;

    /// <summary>Below this many ratings a score is shown as 样本不足.</summary>
    public int MinimumCount { get; private set; } = 3;

    /// <summary>The composite's share of each dimension, in per cent; they sum to 100.</summary>
    public int AttitudeShare { get; private set; } = 30;

    public int OutcomeShare { get; private set; } = 40;
    public int SatisfactionShare { get; private set; } = 30;

    /// <summary>The most ranking points a volunteer's composite (0–100) adds in dispatch: composite × weight / 100.</summary>
    public double DispatchWeight { get; private set; } = 10;

    public DateTime? UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }

    public static EvaluationSettings Defaults() => new();

    public void Update(EvaluationSettingsInput input, string actor, DateTime now)
    {
        SampleRatePercent = input.SampleRatePercent!.Value;
        SampleMinimum = input.SampleMinimum!.Value;
        FeedbackWeight = input.FeedbackWeight!.Value;
        CallbackWeight = input.CallbackWeight!.Value;
        SpotCheckWeight = input.SpotCheckWeight!.Value;
        PriorWeight = input.PriorWeight!.Value;
        MinimumCount = input.MinimumCount!.Value;
        AttitudeShare = input.AttitudeShare!.Value;
        OutcomeShare = input.OutcomeShare!.Value;
        SatisfactionShare = input.SatisfactionShare!.Value;
        DispatchWeight = input.DispatchWeight!.Value;
        UpdatedAt = now;
        UpdatedBy = actor;
    }

    public double WeightOf(RatingSource source) => source switch
    {
        RatingSource.Feedback => FeedbackWeight,
        RatingSource.Callback => CallbackWeight,
        _ => SpotCheckWeight,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<EvaluationSettings>
    {
        public void Configure(EntityTypeBuilder<EvaluationSettings> builder)
        {
            builder.ToTable("evaluation_settings");
            builder.Property(s => s.Id).ValueGeneratedNever();
            builder.Property(s => s.SampleRatePercent).HasPrecision(5, 2);
            builder.Property(s => s.UpdatedBy).HasMaxLength(100);
        }
    }
}

public sealed class EvaluationSettingsInput
{
    public decimal? SampleRatePercent { get; set; }
    public int? SampleMinimum { get; set; }
    public double? FeedbackWeight { get; set; }
    public double? CallbackWeight { get; set; }
    public double? SpotCheckWeight { get; set; }
    public double? PriorWeight { get; set; }
    public int? MinimumCount { get; set; }
    public int? AttitudeShare { get; set; }
    public int? OutcomeShare { get; set; }
    public int? SatisfactionShare { get; set; }
    public double? DispatchWeight { get; set; }

    internal static EvaluationSettingsInput From(EvaluationSettings s) => new()
    {
        SampleRatePercent = s.SampleRatePercent,
        SampleMinimum = s.SampleMinimum,
        FeedbackWeight = s.FeedbackWeight,
        CallbackWeight = s.CallbackWeight,
        SpotCheckWeight = s.SpotCheckWeight,
        PriorWeight = s.PriorWeight,
        MinimumCount = s.MinimumCount,
        AttitudeShare = s.AttitudeShare,
        OutcomeShare = s.OutcomeShare,
        SatisfactionShare = s.SatisfactionShare,
        DispatchWeight = s.DispatchWeight,
    };
}
