using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.WorkOrders;

public enum Attitude
{
    Good,
    Fair,
    Poor,
}

public enum Outcome
{
    Solved,
    PartlySolved,
    NotSolved,
}

public enum CallbackReason
{
    Sample,
    LowRating,
    NoFeedback,
}

/// <summary>服务反馈单: the resident's feedback through the single-use link.</summary>
internal sealed class Feedback : IStationScoped
{
    /// <summary>A rating at or below this queues a call-back.</summary>
    public const int LowSatisfaction = 2;

    private Feedback()
    {
    }

    public Guid Id { get; private set; }
    public Guid WorkOrderId { get; private set; }
    public Guid StationId { get; private set; }
    public Attitude Attitude { get; private set; }
    public Outcome Outcome { get; private set; }
    public int Satisfaction { get; private set; }
    public string? Comment { get; private set; }
    public DateTime SubmittedAt { get; private set; }

    /// <summary>Who served the order when it was rated: the rating stays theirs if a call-back re-opens the order for someone else.</summary>
    public ResponderKind? ResponderKind { get; private set; }

    public Guid? ResponderId { get; private set; }

    public bool IsLow => Satisfaction <= LowSatisfaction || Outcome == Outcome.NotSolved || Attitude == Attitude.Poor;

    public static Feedback Submit(WorkOrder order, Attitude attitude, Outcome outcome, int satisfaction, string? comment, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        WorkOrderId = order.Id,
        StationId = order.StationId,
        Attitude = attitude,
        Outcome = outcome,
        Satisfaction = satisfaction,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        SubmittedAt = now,
        ResponderKind = order.ResponderKind,
        ResponderId = order.ResponderId,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<Feedback>
    {
        public void Configure(EntityTypeBuilder<Feedback> builder)
        {
            builder.ToTable("work_order_feedback");
            builder.Property(f => f.Comment).HasMaxLength(1000);
            builder.HasIndex(f => f.WorkOrderId);
            builder.Ignore(f => f.IsLow);
            builder.HasOne<WorkOrder>().WithMany().HasForeignKey(f => f.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

/// <summary>电话回访: a call-back queued for staff, and once made, its record.</summary>
internal sealed class Callback : IStationScoped
{
    private Callback()
    {
    }

    public Guid Id { get; private set; }
    public Guid WorkOrderId { get; private set; }
    public Guid StationId { get; private set; }
    public CallbackReason Reason { get; private set; }
    public DateTime QueuedAt { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public Guid? DoneBy { get; private set; }
    public string? DoneByName { get; private set; }
    public bool? Reached { get; private set; }
    public int? Satisfaction { get; private set; }
    public string? Comment { get; private set; }
    public bool Reopened { get; private set; }

    /// <summary>Who served the order when the call-back was queued: the call-back's rating is about them.</summary>
    public ResponderKind? ResponderKind { get; private set; }

    public Guid? ResponderId { get; private set; }

    public bool IsDone => DoneAt is not null;

    public static Callback Queue(WorkOrder order, CallbackReason reason, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        WorkOrderId = order.Id,
        StationId = order.StationId,
        Reason = reason,
        QueuedAt = now,
        ResponderKind = order.ResponderKind,
        ResponderId = order.ResponderId,
    };

    public bool Record(bool reached, int? satisfaction, string? comment, bool reopen, Guid? userId, string? userName, DateTime now)
    {
        if (IsDone)
        {
            return false;
        }

        DoneAt = now;
        DoneBy = userId;
        DoneByName = userName;
        Reached = reached;
        Satisfaction = reached ? satisfaction : null;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Reopened = reopen;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Callback>
    {
        public void Configure(EntityTypeBuilder<Callback> builder)
        {
            builder.ToTable("callbacks");
            builder.Property(c => c.Comment).HasMaxLength(1000);
            builder.Property(c => c.DoneByName).HasMaxLength(100);
            builder.HasIndex(c => new { c.StationId, c.DoneAt });
            builder.HasIndex(c => c.WorkOrderId);
            builder.Ignore(c => c.IsDone);
            builder.HasOne<WorkOrder>().WithMany().HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
