using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Events;
using Volunteer96345.Common.Localization;
using Volunteer96345.People.Training;

namespace Volunteer96345.Points.Training;

/// <summary><c>Points:Training</c>: whether attended training earns VolunteerService points per hour (off unless the town turns it on).</summary>
internal sealed class TrainingPointsOptions
{
    public bool Enabled { get; set; }
}

/// <summary>
/// Attended training can earn points (issue 5, "if configured"): when <c>Points:Training:Enabled</c> is true, recording a
/// volunteer's attendance earns the VolunteerService rule's points for the session's hours (<see cref="Rules.RuleEarnings.EarnByRule"/>,
/// caps included), once per session and volunteer (key <c>training:&lt;session&gt;:&lt;volunteer&gt;</c>), and removing the
/// attendance reverses it. Raised by the training handler (TrainingAttended, TrainingAttendanceRemoved) inside its own transaction, so the attendance and the points
/// commit together; a refused posting (no rule, caps reached) never blocks recording the attendance.
/// </summary>
internal sealed class TrainingPoints(PointsBank bank, Rules.RuleEarnings rules, IOptions<TrainingPointsOptions> options, IStringLocalizer<SharedResource> localizer, ILogger<TrainingPoints> logger)
    : IHandle<TrainingAttended>, IHandle<TrainingAttendanceRemoved>
{
    public bool Enabled => options.Value.Enabled;

    public static string Key(Guid sessionId, Guid volunteerId) => string.Create(CultureInfo.InvariantCulture, $"training:{sessionId}:{volunteerId}");

    public Task Handle(TrainingAttended e, CancellationToken cancellationToken) => Attended(e.Session, e.VolunteerId, cancellationToken);

    public Task Handle(TrainingAttendanceRemoved e, CancellationToken cancellationToken) => Removed(e.Session, e.VolunteerId, cancellationToken);

    /// <summary>Earns the session's hours for the volunteer; null when training does not earn points here.</summary>
    public async Task<Result<PostingResult>?> Attended(People.TrainingSession session, Guid volunteerId, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        var account = await bank.AccountForVolunteer(volunteerId, cancellationToken);
        if (!account.IsOk)
        {
            return account.Error!;
        }

        var posted = await rules.EarnByRule(account.Value, EarningType.VolunteerService, session.Hours, null, Key(session.Id, volunteerId),
            new PostingNote(localizer["Training.PostingReason", session.Topic], StationId: session.StationId), cancellationToken);
        if (!posted.IsOk)
        {
            logger.LogInformation("Training {Session}: no points for {Volunteer}: {Reason}", session.Id, volunteerId, posted.Error!.Message);
        }

        return posted;
    }

    /// <summary>
    /// Reverses what the attendance earned. Nothing to do when it earned nothing; when the volunteer has spent the points
    /// already, the ledger refuses and the points stay (logged), as with a re-opened work order.
    /// </summary>
    public async Task<Result<PostingResult>?> Removed(People.TrainingSession session, Guid volunteerId, CancellationToken cancellationToken)
    {
        if (!Enabled || await bank.Find(Key(session.Id, volunteerId), cancellationToken) is null)
        {
            return null;
        }

        var reversed = await bank.Reverse(Key(session.Id, volunteerId), localizer["Training.PointsReversed", session.Topic], cancellationToken);
        if (!reversed.IsOk)
        {
            logger.LogWarning("Training {Session}: points of {Volunteer} not reversed: {Reason}", session.Id, volunteerId, reversed.Error!.Message);
        }

        return reversed;
    }
}
