using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Points;

namespace Volunteer96345.Activities.Attend;

public sealed record AttendanceOutcome(AttendanceStep Step, DateTime At, decimal CreditHours, long? Points);

internal sealed record ScreenCodes(string CheckInUrl, string CheckInCode, string CheckOutUrl, string CheckOutCode, DateTime RotatesAt);

public sealed record HoursRow(Guid ActivityId, string Title, DateTime StartsAt, decimal CreditHours, decimal HonourHours, long? Points);

public sealed record MyHours(decimal CreditHours, decimal HonourHours, List<HoursRow> Activities);

internal sealed class HoursCorrection
{
    public decimal? CreditHours { get; set; }
    public decimal? HonourHours { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// 签到签退: the volunteer opens the URL of the organiser's rotating QR code (or types its 6-digit code) to check in and
/// out. Check-out turns the attended time into credit hours by the rounding rule and posts the points once, through the
/// Good Deeds Bank, with the key <c>activity:&lt;id&gt;:&lt;volunteer&gt;</c>. The organiser may correct credit hours and
/// add honour hours, with a reason, each capped at the planned duration.
/// </summary>
internal sealed class AttendHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, PointsBank bank, Points.Rules.RuleEarnings rules, CheckInCode codes, IOptions<HourRounding> rounding, GuessThrottle throttle,
    IStringLocalizer<SharedResource> localizer, PublicLinks links)
{
    public static string PointsKey(Guid activityId, Guid volunteerId) => $"activity:{activityId}:{volunteerId}";

    public static string Path(Guid activityId, AttendanceStep step) => $"m/activities/{activityId}/{(step == AttendanceStep.CheckIn ? "checkin" : "checkout")}";

    /// <summary>The organiser's screen: the current URLs and codes (only for who may see the activity).</summary>
    public async Task<Result<ScreenCodes>> Screen(Guid activityId, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (!await db.Set<Activity>().AnyAsync(a => a.Id == activityId, cancellationToken))
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        string Url(AttendanceStep step) => links.Absolute($"{Path(activityId, step)}?t={codes.Token(activityId, step)}");
        return new ScreenCodes(Url(AttendanceStep.CheckIn), codes.Code(activityId, AttendanceStep.CheckIn),
            Url(AttendanceStep.CheckOut), codes.Code(activityId, AttendanceStep.CheckOut), codes.RotatesAt);
    }

    public async Task<Result<AttendanceOutcome>> Record(Guid activityId, AttendanceStep step, string? tokenOrCode, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return AppError.Forbidden(localizer["Me.NotLinked"]);
        }

        if (!Enum.IsDefined(step))
        {
            return AppError.Invalid("step", localizer["Validation.Invalid", localizer["Field.step"]]);
        }

        if (!await db.Set<Activity>().AcrossStations("a volunteer checks in at activities of any station").AnyAsync(a => a.Id == activityId, cancellationToken))
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        // A 6-digit code has two right answers at any moment: guesses are counted per volunteer and per activity, before
        // and after the transaction (the throttle writes on its own connection), and none is looked at during a wait.
        string[] keys = [throttle.Person, GuessKeys.Target("activity", activityId)];
        if (await throttle.WaitAsync(GuessPurpose.ActivityCheckIn, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("code", wait);
        }

        if (!codes.Accepts(activityId, step, tokenOrCode))
        {
            await throttle.FailedAsync(GuessPurpose.ActivityCheckIn, keys, cancellationToken);
            return AppError.Invalid("code", localizer["Activity.CodeInvalid"]);
        }

        // Only a recorded step clears the volunteer's count: it happens once per activity, so it cannot be repeated to reset the count.
        var recorded = await RecordAsync(activityId, step, me, cancellationToken);
        if (recorded.IsOk)
        {
            await throttle.SucceededAsync(GuessPurpose.ActivityCheckIn, [throttle.Person], cancellationToken);
        }

        return recorded;
    }

    private async Task<Result<AttendanceOutcome>> RecordAsync(Guid activityId, AttendanceStep step, Guid me, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var activity = await db.Set<Activity>().AcrossStations("a volunteer checks in at activities of any station").FirstOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null)
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await db.Set<SignUp>().AcrossStations("a volunteer checks in at activities of any station").FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == me, cancellationToken);
        if (mine is not { Status: SignUpStatus.Confirmed })
        {
            return AppError.Conflict(localizer["Activity.NotConfirmed"]);
        }

        user.Grant(activity.StationId);
        if (step == AttendanceStep.CheckIn)
        {
            if (!activity.CheckInOpen(now))
            {
                return AppError.Conflict(localizer["Activity.CheckInClosed", Shanghai.Format(activity.StartsAt - Activity.CheckInOpensBefore), Shanghai.Format(activity.EndsAt)]);
            }

            if (mine.CheckedInAt is not null)
            {
                return AppError.Conflict(localizer["Activity.AlreadyCheckedIn"]);
            }

            mine.CheckIn(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new AttendanceOutcome(step, now, 0, null);
        }

        if (mine.CheckedInAt is not { } checkedIn)
        {
            return AppError.Conflict(localizer["Activity.NotCheckedIn"]);
        }

        if (mine.CheckedOutAt is not null)
        {
            return AppError.Conflict(localizer["Activity.AlreadyCheckedOut"]);
        }

        if (!activity.CheckOutOpen(now))
        {
            return AppError.Conflict(localizer["Activity.CheckOutClosed", Shanghai.Format(activity.EndsAt + Activity.CheckOutClosesAfter)]);
        }

        mine.CheckOut(now, rounding.Value.Credit(activity, checkedIn, now));
        await db.SaveChangesAsync(cancellationToken);
        var points = await PostPoints(activity, mine, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AttendanceOutcome(step, now, mine.CreditHours, points);
    }

    /// <summary>The organiser corrects a participant's credit hours and honour hours, with a reason.</summary>
    public async Task<Result<Guid>> Correct(Guid signUpId, HoursCorrection input, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var row = await db.Set<SignUp>().FirstOrDefaultAsync(s => s.Id == signUpId, cancellationToken);
        var activity = row is null ? null : await db.Set<Activity>().FirstOrDefaultAsync(a => a.Id == row.ActivityId, cancellationToken);
        if (row is null || activity is null)
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        var planned = (double)activity.PlannedHours;
        var v = new Validation(localizer).Range("creditHours", (double?)input.CreditHours, 0, planned).Range("honourHours", (double?)input.HonourHours, 0, planned)
            .Text("reason", input.Reason, 200);
        v.Check(row.Status == SignUpStatus.Confirmed, "creditHours", "Activity.NotConfirmed");
        v.Check(input.CreditHours is null || input.CreditHours % 0.5m == 0, "creditHours", "Activity.HalfHours");
        v.Check(input.HonourHours is null || input.HonourHours % 0.5m == 0, "honourHours", "Activity.HalfHours");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var creditChanged = row.CreditHours != input.CreditHours!.Value;
        row.Correct(input.CreditHours!.Value, input.HonourHours!.Value, input.Reason!);
        await db.SaveChangesAsync(cancellationToken);
        if (creditChanged && row.PostingId is { } posted)
        {
            var undone = await UndoPoints(row, posted, input.Reason!, cancellationToken);
            if (undone is not null)
            {
                return undone;
            }
        }

        await PostPoints(activity, row, cancellationToken, row.PostingId is null ? await EarningKey(activity.Id, row.VolunteerId, cancellationToken) : null);
        await transaction.CommitAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>The volunteer's hours, for the record page.</summary>
    public async Task<MyHours> Mine(Guid? volunteerId, CancellationToken cancellationToken)
    {
        if ((volunteerId ?? user.VolunteerId) is not { } id)
        {
            return new MyHours(0, 0, []);
        }

        var rows = await db.Set<SignUp>().AcrossStations("a volunteer checks in at activities of any station").AsNoTracking()
            .Where(s => s.VolunteerId == id && s.Status == SignUpStatus.Confirmed && (s.CreditHours > 0 || s.HonourHours > 0))
            .Join(db.Set<Activity>().AcrossStations("a volunteer checks in at activities of any station"), s => s.ActivityId, a => a.Id, (s, a) => new { s.ActivityId, a.Title, a.StartsAt, s.CreditHours, s.HonourHours, s.PostingId })
            .ToListAsync(cancellationToken);
        var postings = rows.Where(r => r.PostingId is not null).Select(r => r.PostingId!.Value).ToList();
        var amounts = await db.Postings.AsNoTracking().Where(p => postings.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Amount, cancellationToken);
        var list = rows.OrderByDescending(r => r.StartsAt)
            .Select(r => new HoursRow(r.ActivityId, r.Title, r.StartsAt, r.CreditHours, r.HonourHours, r.PostingId is { } p && amounts.TryGetValue(p, out var a) ? a : null))
            .ToList();
        return new MyHours(list.Sum(r => r.CreditHours), list.Sum(r => r.HonourHours), list);
    }

    /// <summary>
    /// The key of the next earning for an attendance: the first is <see cref="PointsKey"/>; after a correction reversed an
    /// earning, the next one names the last reversed posting (<c>…:after:&lt;posting id&gt;</c>), so each correction has its
    /// own stable key and never reuses one.
    /// </summary>
    private async Task<string> EarningKey(Guid activityId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var first = PointsKey(activityId, volunteerId);
        var after = first + ":after:";
        var last = await db.Postings.AsNoTracking().Where(p => p.Key == first || p.Key.StartsWith(after)).OrderByDescending(p => p.Id).Select(p => (long?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return last is { } id ? after + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : first;
    }

    /// <summary>
    /// Corrected credit hours make the posted points wrong: the posting is reversed (key <c>reversal:&lt;its key&gt;</c>),
    /// and the caller earns again for the corrected hours. Refused, changing nothing, when the volunteer has spent the points.
    /// </summary>
    private async Task<AppError?> UndoPoints(SignUp row, long postingId, string reason, CancellationToken cancellationToken)
    {
        var key = await db.Postings.AsNoTracking().Where(p => p.Id == postingId).Select(p => p.Key).FirstAsync(cancellationToken);
        var reversed = await bank.Reverse(key, localizer["Activity.HoursCorrected", reason.Trim()], cancellationToken);
        if (!reversed.IsOk)
        {
            return AppError.Conflict(localizer["Activity.PointsNotReversible", reversed.Error!.Message]);
        }

        row.PointsReversed();
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Posts the credit hours' points once; a refusal by the bank (no rule, cap reached) leaves the hours recorded without points.</summary>
    private async Task<long?> PostPoints(Activity activity, SignUp row, CancellationToken cancellationToken, string? key = null)
    {
        if (row.PostingId is not null || row.CreditHours <= 0)
        {
            return null;
        }

        var account = await bank.AccountForVolunteer(row.VolunteerId, cancellationToken);
        if (!account.IsOk)
        {
            return null;
        }

        var posted = await rules.EarnByRule(account.Value, EarningType.VolunteerService, row.CreditHours, activity.Level, key ?? PointsKey(activity.Id, row.VolunteerId),
            new PostingNote(localizer["Activity.PointsReason", activity.Title], EarningType.VolunteerService, activity.StationId), cancellationToken);
        if (!posted.IsOk)
        {
            return null;
        }

        row.PointsPosted(posted.Value.PostingId);
        await db.SaveChangesAsync(cancellationToken);
        return posted.Value.Amount;
    }
}
