using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Evaluation;

/// <summary>Where a suggestion came from: a resident's phone page, staff writing down what they heard, or a visit.</summary>
public enum SuggestionSource
{
    Phone,
    Staff,
    Visit,
}

/// <summary>征集建设基层服务型党组织意见建议: what a suggestion is about.</summary>
public enum SuggestionTopic
{
    Service,
    PartyBuilding,
    Livelihood,
    Other,
}

public enum SuggestionStatus
{
    Open,
    Answered,
}

/// <summary>
/// 意见建议: a suggestion from a resident (on the phone, named or not), from staff, or from a visit, kept for the station it
/// concerns. The station (or the town) gives it an owner, who answers it (adopted or not, and why); an answer is public
/// without the submitter's name or number unless staff keep it private.
/// </summary>
internal sealed class Suggestion : IStationScoped
{
    public const int TextLength = 1000;

    private Suggestion()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public SuggestionSource Source { get; private set; }
    public SuggestionTopic Topic { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>The submitter's name and mobile, for staff to reply; never shown publicly.</summary>
    public string? SubmitterName { get; private set; }
    public string? SubmitterMobile { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public string? RecordedBy { get; private set; }
    public Guid? OwnerUserId { get; private set; }
    public string? OwnerName { get; private set; }
    public SuggestionStatus Status { get; private set; }
    public bool? Adopted { get; private set; }
    public string? Answer { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }
    public bool IsPublic { get; private set; }
    public int Version { get; private set; }

    public static Suggestion Submit(Guid stationId, SuggestionSource source, SuggestionTopic topic, string text, string? name, string? mobile, string? recordedBy,
        DateTime now) => new()
        {
            Id = Guid.CreateVersion7(),
            StationId = stationId,
            Source = source,
            Topic = topic,
            Text = text.Trim(),
            SubmitterName = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            SubmitterMobile = mobile,
            SubmittedAt = now,
            RecordedBy = recordedBy,
            Status = SuggestionStatus.Open,
        };

    public void Assign(Guid ownerUserId, string ownerName)
    {
        OwnerUserId = ownerUserId;
        OwnerName = ownerName;
        Version++;
    }

    /// <summary>An answer (again, to correct it) by the owner or a manager; public unless they keep it private.</summary>
    public void Reply(bool adopted, string answer, bool isPublic, string actor, DateTime now)
    {
        Status = SuggestionStatus.Answered;
        Adopted = adopted;
        Answer = answer.Trim();
        IsPublic = isPublic;
        AnsweredAt = now;
        AnsweredBy = actor;
        Version++;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Suggestion>
    {
        public void Configure(EntityTypeBuilder<Suggestion> builder)
        {
            builder.ToTable("suggestions");
            builder.Property(s => s.Text).HasMaxLength(TextLength);
            builder.Property(s => s.Answer).HasMaxLength(TextLength);
            builder.Property(s => s.SubmitterName).HasMaxLength(50);
            builder.Property(s => s.SubmitterMobile).HasMaxLength(20);
            builder.Property(s => s.RecordedBy).HasMaxLength(100);
            builder.Property(s => s.OwnerName).HasMaxLength(100);
            builder.Property(s => s.AnsweredBy).HasMaxLength(100);
            builder.Property(s => s.Version).IsConcurrencyToken();
            builder.HasIndex(s => new { s.StationId, s.Status, s.SubmittedAt });
            builder.HasIndex(s => new { s.IsPublic, s.AnsweredAt });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(s => s.StationId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
