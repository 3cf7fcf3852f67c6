using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.Points.Rules;

/// <summary>
/// Earning by the town's rules (<see cref="EarningRule"/>, dated versions): how many points units of service are worth
/// today, cut to the caps, and the earnings that follow them (a closed work order, an outpost's service, training and
/// activity hours, approved claims). The ledger itself (<see cref="PointsBank"/>) only posts, holds, captures, releases
/// and reverses.
/// </summary>
internal sealed class RuleEarnings(PointsBank bank, AppDbContext db, DatabaseConnections database, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>
    /// Earns by the rule in force today for <paramref name="type"/>: <paramref name="units"/> are hours, catalogue points or
    /// yuan by the rule's basis, weighed by the level's coefficient and cut to what the daily and yearly caps leave.
    /// A retry with the key returns the first posting even if the rule has changed since. Conflict when no rule is in force
    /// or the caps leave nothing.
    /// </summary>
    public Task<Result<PostingResult>> EarnByRule(long memberAccountId, EarningType type, decimal units, ActivityLevel? level, string key,
        PostingNote? note = null, CancellationToken cancellationToken = default) =>
        EarnByKnownRule(memberAccountId, type, units, level, key, note, null, cancellationToken);

    // The same, with the rule in force already read (null: read it here).
    private async Task<Result<PostingResult>> EarnByKnownRule(long memberAccountId, EarningType type, decimal units, ActivityLevel? level, string key,
        PostingNote? note, EarningRule? rule, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(key) && await bank.Find(key.Trim(), cancellationToken) is { } first)
        {
            return await bank.Earn(memberAccountId, first.Amount, type, key, note, cancellationToken);
        }

        // The caps are a read before a write. Two earnings of one member at once must be counted one after the other, so the
        // read and the posting share a transaction that first locks both accounts of the posting, in id order as every
        // posting locks them (on SQLite the write gate serialises the writers already).
        var townFund = await bank.TownAccount(AccountKind.TownFund, cancellationToken);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        if (!database.IsSqlite)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM points_accounts WHERE \"Id\" IN ({memberAccountId}, {townFund}) ORDER BY \"Id\" FOR UPDATE", cancellationToken);
        }

        var computed = await PointsByKnownRule(memberAccountId, type, units, level, rule, cancellationToken);
        if (!computed.IsOk)
        {
            return computed.Error!;
        }

        var posted = await bank.Earn(memberAccountId, computed.Value, type, key, note, cancellationToken);
        if (posted.IsOk)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return posted;
    }

    /// <summary>What <see cref="EarnByRule"/> would post now, after the caps; for showing a reviewer before approving.</summary>
    public Task<Result<long>> PointsByRule(long memberAccountId, EarningType type, decimal units, ActivityLevel? level,
        CancellationToken cancellationToken = default) =>
        PointsByKnownRule(memberAccountId, type, units, level, null, cancellationToken);

    private async Task<Result<long>> PointsByKnownRule(long memberAccountId, EarningType type, decimal units, ActivityLevel? level, EarningRule? known,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Shanghai.Today(clock);
        var rule = known ?? await RuleInForce(type, cancellationToken);
        if (rule is null)
        {
            return AppError.Conflict(localizer["Points.NoRule", localizer["EarningType." + type]]);
        }

        var amount = rule.PointsFor(units, level);
        var dayStart = StartOf(today);
        var yearStart = StartOf(new DateOnly(today.Year, 1, 1));
        // A reversed earning (an hour correction, a reopened order) is not kept, so it does not count against the caps.
        var earned = db.Postings.AsNoTracking()
            .Where(p => p.CreditAccountId == memberAccountId && p.Kind == PostingKind.Earn && p.EarningType == type && p.SettlesId == null)
            .Where(p => !db.Set<Posting>().Any(r => r.Kind == PostingKind.Reversal && r.SettlesId == p.Id));
        if (rule.DailyCap is { } daily)
        {
            amount = Math.Min(amount, daily - await earned.Where(p => p.At >= dayStart && p.At <= now).SumAsync(p => p.Amount, cancellationToken));
        }

        if (rule.YearlyCap is { } yearly)
        {
            amount = Math.Min(amount, yearly - await earned.Where(p => p.At >= yearStart && p.At <= now).SumAsync(p => p.Amount, cancellationToken));
        }

        return amount > 0 ? amount : AppError.Conflict(localizer["Points.CapReached"]);
    }

    /// <summary>
    /// A closed work order pays its catalogue item's points (by the ConvenienceService rule when one is in force, else as
    /// listed) to the responding volunteer, once per round of service: the key is <c>work-order:&lt;id&gt;:close:&lt;round&gt;</c>.
    /// Null when there is nothing to pay (no volunteer responded, or the item carries no points).
    /// </summary>
    public async Task<Result<PostingResult>?> ServiceDone(ConvenienceService service, CancellationToken cancellationToken = default)
    {
        if (service.VolunteerId is not { } volunteerId || service.Points <= 0)
        {
            return null;
        }

        var account = await bank.AccountForVolunteer(volunteerId, cancellationToken);
        if (!account.IsOk)
        {
            return account.Error!;
        }

        var note = new PostingNote(localizer["Points.WorkOrderClosed", service.TrackingCode], EarningType.ConvenienceService, service.StationId);
        return await EarnConvenience(account.Value, service.Points, WorkOrderKey(service.WorkOrderId, service.Round), note, cancellationToken);
    }

    /// <summary>
    /// Convenience service (a closed work order, an outpost's logged service) earns by the ConvenienceService rule when one
    /// is in force, else the listed points as they are.
    /// </summary>
    public async Task<Result<PostingResult>> EarnConvenience(long memberAccountId, long points, string key, PostingNote note,
        CancellationToken cancellationToken = default) =>
        await RuleInForce(EarningType.ConvenienceService, cancellationToken) is { } rule
            ? await EarnByKnownRule(memberAccountId, EarningType.ConvenienceService, points, null, key, note, rule, cancellationToken)
            : await bank.Earn(memberAccountId, points, EarningType.ConvenienceService, key, note, cancellationToken);

    /// <summary>The version of the rule for <paramref name="type"/> in force today (Shanghai), if any.</summary>
    public async Task<EarningRule?> RuleInForce(EarningType type, CancellationToken cancellationToken = default)
    {
        var today = Shanghai.Today(clock);
        var rules = await db.Set<EarningRule>().AsNoTracking().Where(r => r.Type == type && r.EffectiveFrom <= today)
            .OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        return rules.FirstOrDefault(r => r.InForceOn(today));
    }

    /// <summary>
    /// Call before a work order is re-opened: reverses what its closing paid in this round. NotFound when it paid nothing;
    /// Conflict when the volunteer has already spent the points (the reopen goes ahead; the error says why nothing was reversed).
    /// </summary>
    public Task<Result<PostingResult>> ServiceUndone(ConvenienceService service, string reason, CancellationToken cancellationToken = default) =>
        bank.Reverse(WorkOrderKey(service.WorkOrderId, service.Round), reason, cancellationToken);

    /// <summary>The posting key of a work order's pay for one round of service (its volunteer's history reads it back).</summary>
    internal static string WorkOrderKey(Guid orderId, int round) => string.Create(CultureInfo.InvariantCulture, $"work-order:{orderId}:close:{round}");

    private static DateTime StartOf(DateOnly day) => Shanghai.StartOfDayUtc(day);
}

/// <summary>
/// A round of convenience service a work order closed: the responding volunteer (none when a team, merchant or resident
/// answered), the catalogue points, and the round (0, then one more for each re-opening) that keys the posting.
/// </summary>
internal sealed record ConvenienceService(Guid WorkOrderId, int Round, Guid? VolunteerId, int Points, string TrackingCode, Guid StationId);
