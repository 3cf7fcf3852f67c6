using System.Globalization;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Localization;

namespace Volunteer96345.WorkOrders.Orders;

/// <summary>
/// An order's history in the reader's language. Events the platform writes carry an invariant token in their detail
/// (the count of a ranking, "4/5 Good Solved" for feedback, "resident" for a close by feedback), written by the
/// methods here and turned into words only when shown, so that a history written by a Chinese-speaking resident reads
/// in English to an English-speaking dispatcher. Free text typed by a person (a reason, a comment) is shown as typed.
/// </summary>
public static class HistoryText
{
    private const char Separator = '|';
    private const string ClosedByResident = "resident";
    private const string Unreached = "unreached";

    internal static string Ranked(int candidates) => candidates.ToString(CultureInfo.InvariantCulture);

    internal static string Feedback(int satisfaction, Attitude attitude, Outcome outcome) =>
        FormattableString.Invariant($"{satisfaction}/5 {attitude} {outcome}");

    internal static string Callback(bool reached, int? satisfaction, string? comment) =>
        (reached ? FormattableString.Invariant($"{satisfaction}/5") : Unreached) + (string.IsNullOrWhiteSpace(comment) ? "" : Separator + comment.Trim());

    internal static string ClosedByFeedback => ClosedByResident;

    /// <summary>The line shown under an event's name, or null when the event's name says it all (or its detail is for machines).</summary>
    public static string? Describe(WorkOrderEventKind kind, string? detail, IStringLocalizer<SharedResource> l)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return null;
        }

        switch (kind)
        {
            case WorkOrderEventKind.Received or WorkOrderEventKind.AcceptOverdue or WorkOrderEventKind.ArrivalWarning
                or WorkOrderEventKind.ArrivalBreach or WorkOrderEventKind.ResolveOverdue:
                return null;
            case WorkOrderEventKind.Ranked when int.TryParse(detail, NumberStyles.None, CultureInfo.InvariantCulture, out var count):
                return l["History.Ranked", count];
            case WorkOrderEventKind.Feedback when FeedbackParts(detail) is var (satisfaction, attitude, outcome):
                return l["History.Feedback", satisfaction, l["Attitude." + attitude].Value, l["Outcome." + outcome].Value];
            case WorkOrderEventKind.Callback:
                var (head, comment) = detail.IndexOf(Separator) is var at and >= 0 ? (detail[..at], detail[(at + 1)..]) : (detail, null);
                var said = head == Unreached ? l["Callback.NotReached"].Value
                    : Stars(head) is { } stars ? l["History.CallbackReached", stars].Value
                    : null;
                return said is null ? detail : comment is null ? said : said + "：" + comment;
            case WorkOrderEventKind.Unanswered when Enum.TryParse<UnansweredReason>(detail, out var reason) && Enum.IsDefined(reason):
                return l["UnansweredReason." + reason];
            case WorkOrderEventKind.Closed when detail == ClosedByResident:
                return l["Feedback.ClosedByResident"];
            default:
                return detail;
        }
    }

    private static int? Stars(string head) =>
        head.Length == 3 && head.EndsWith("/5", StringComparison.Ordinal) && head[0] is >= '1' and <= '5' ? head[0] - '0' : null;

    private static (int, Attitude, Outcome)? FeedbackParts(string detail)
    {
        var parts = detail.Split(' ');
        return parts.Length == 3 && Stars(parts[0]) is { } stars && Enum.TryParse<Attitude>(parts[1], out var attitude)
               && Enum.TryParse<Outcome>(parts[2], out var outcome) && Enum.IsDefined(attitude) && Enum.IsDefined(outcome)
            ? (stars, attitude, outcome)
            : null;
    }
}
