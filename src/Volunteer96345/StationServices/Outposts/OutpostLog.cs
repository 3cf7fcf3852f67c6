using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points;

namespace Volunteer96345.StationServices.Outposts;

public sealed class QuickEntryInput
{
    public ConvenienceKind? Kind { get; set; }
    public string? Note { get; set; }
}

public sealed class StoreItemInput
{
    public string? Description { get; set; }
    public string? OwnerPhone { get; set; }
}

public sealed class ClaimInput
{
    public string? Code { get; set; }
}

public sealed record OutpostSummary(Guid Id, string Name, OutpostKind? Kind, string? OpeningHours, bool? OpenNow, IReadOnlyList<string> OnDuty, bool OnDutyMe)
{
    /// <summary>Staffed now: within its opening hours (when they can be read) and someone on the roster right now.</summary>
    public bool StaffedNow => OnDuty.Count > 0 && OpenNow != false;

    /// <summary>The key of the words for the outpost's state now: closed (outside its hours), staffed, or open but unstaffed.</summary>
    public string StateKey => OpenNow == false ? "Outpost.ClosedNow" : StaffedNow ? "Outpost.StaffedNow" : "Outpost.NotStaffed";
}

public sealed record StoredItemRow(Guid Id, string Description, string OwnerPhoneMasked, StoredItemStatus Status, DateTime DepositedAt, DateTime CollectBy,
    DateTime? ClaimedAt, bool Alerted, Guid? PhotoId);

public sealed record OutpostView(OutpostSummary Outpost, IReadOnlyList<StoredItemRow> Items, IReadOnlyDictionary<ConvenienceKind, int> Today);

public sealed record ItemStored(Guid Id, string ClaimCode, DateTime CollectBy);

/// <summary>
/// The outpost's phone page: who is on duty, one-tap entries, item storage and pick-up by code. Everything that writes
/// requires the caller to be on the outpost's roster at this moment; that decision then grants the outpost's scope for
/// the unit of work (<see cref="CurrentUser.Grant"/>), as the work-order phone pages do for an order's station.
/// </summary>
internal sealed class OutpostLogHandler(
    AppDbContext db, CurrentUser user, TimeProvider clock, FieldProtector protector, PointsBank points, Points.Rules.RuleEarnings rules, IConfiguration configuration,
    GuessThrottle throttle, IStringLocalizer<SharedResource> localizer)
{
    public const int CodeLength = 6;
    public const string QrPrefix = "V96345-ITEM:";

    private int LostAfterDays => configuration.GetValue("StationServices:LostAfterDays", 7);

    private long PointsPerEntry => configuration.GetValue("StationServices:PointsPerEntry", 1L);

    /// <summary>The outposts where the caller has a shift today or is on duty now.</summary>
    public async Task<List<OutpostSummary>> Mine(CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return [];
        }

        var today = Shanghai.Today(clock);
        var stationIds = await db.DutyShifts.AcrossStations("an outpost is served by volunteers and read by residents from any station").AsNoTracking()
            .Where(s => s.VolunteerId == me && s.Date >= today.AddDays(-1) && s.Date <= today).Select(s => s.StationId).Distinct().ToListAsync(cancellationToken);
        var outposts = await db.Stations.AcrossStations("an outpost is served by volunteers and read by residents from any station").AsNoTracking()
            .Where(s => stationIds.Contains(s.Id) && s.Kind == StationKind.Outpost && s.IsActive).ToListAsync(cancellationToken);
        var list = new List<OutpostSummary>();
        foreach (var outpost in outposts.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            list.Add(await SummaryAsync(outpost, cancellationToken));
        }

        return list;
    }

    /// <summary>Whether each outpost is staffed now, for the town's report (within the caller's scope).</summary>
    public async Task<List<OutpostSummary>> All(CancellationToken cancellationToken)
    {
        var outposts = await db.Stations.AsNoTracking().Where(s => s.Kind == StationKind.Outpost && s.IsActive).ToListAsync(cancellationToken);
        var list = new List<OutpostSummary>();
        foreach (var outpost in outposts.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            list.Add(await SummaryAsync(outpost, cancellationToken));
        }

        return list;
    }

    public async Task<Result<OutpostView>> Page(Guid stationId, CancellationToken cancellationToken)
    {
        if (await OutpostAsync(stationId, cancellationToken) is not { } outpost)
        {
            return AppError.NotFound(localizer["Outpost.NotFound"]);
        }

        var summary = await SummaryAsync(outpost, cancellationToken);
        if (!summary.OnDutyMe && !user.CanSee(stationId))
        {
            return AppError.Forbidden(localizer["Outpost.NotOnDuty", outpost.Name]);
        }

        var since = DateTime.SpecifyKind(Shanghai.ToLocal(clock.GetUtcNow().UtcDateTime).Date, DateTimeKind.Unspecified);
        var sinceUtc = TimeZoneInfo.ConvertTimeToUtc(since, Shanghai.Zone);
        var items = await db.Set<StoredItem>().AcrossStations("an outpost is served by volunteers and read by residents from any station").AsNoTracking()
            .Where(i => i.StationId == stationId && (i.Status != StoredItemStatus.Claimed || i.ClaimedAt >= sinceUtc))
            .OrderByDescending(i => i.DepositedAt).Take(100).ToListAsync(cancellationToken);
        var today = await db.Set<ConvenienceEntry>().AcrossStations("an outpost is served by volunteers and read by residents from any station").AsNoTracking().Where(e => e.StationId == stationId && e.At >= sinceUtc)
            .GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new OutpostView(summary,
            [.. items.Select(i => new StoredItemRow(i.Id, i.Description, i.OwnerPhoneMasked, i.Status, i.DepositedAt, i.CollectBy, i.ClaimedAt, i.AlertedAt is not null, i.PhotoId))],
            today.ToDictionary(t => t.Key, t => t.Count));
    }

    public async Task<Result<Guid>> Quick(Guid stationId, QuickEntryInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Defined("kind", input.Kind).Text("note", input.Note, 200, required: false);
        v.Check(input.Kind != ConvenienceKind.ItemStorage, "kind", "Outpost.StorageHasItsOwnForm");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (await OnDutyAsync(stationId, cancellationToken) is { IsOk: false } refused)
        {
            return refused.Error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entry = ConvenienceEntry.Record(stationId, input.Kind!.Value, user.VolunteerId!.Value, input.Note, now);
        return await SaveWithPointsAsync(entry, cancellationToken) is { } error ? error : entry.Id;
    }

    public async Task<Result<ItemStored>> Store(Guid stationId, StoreItemInput input, UploadedFile? photo, CancellationToken cancellationToken)
    {
        var phone = ChinesePhone.Normalize(input.OwnerPhone);
        var v = new Validation(localizer).Text("description", input.Description, 200).Text("ownerPhone", input.OwnerPhone, 20);
        if (!string.IsNullOrWhiteSpace(input.OwnerPhone))
        {
            v.Check(phone is not null, "ownerPhone", "Validation.Mobile");
        }

        if (photo is not null)
        {
            var extension = Path.GetExtension(photo.FileName).ToLowerInvariant();
            v.Check(Attachment.IsAcceptable(photo.FileName, photo.Content.LongLength) && extension is ".jpg" or ".jpeg" or ".png", "photo", "Outpost.BadPhoto");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var duty = await OnDutyAsync(stationId, cancellationToken);
        if (!duty.IsOk)
        {
            return duty.Error!;
        }

        var outpost = duty.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var local = Shanghai.ToLocal(now);
        var hours = OpeningHours.Parse(outpost.OpeningHours);
        var closing = hours?.NextClosing(local) ?? DateOnly.FromDateTime(local).AddDays(1).ToDateTime(TimeOnly.MinValue);
        var collectBy = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(closing, DateTimeKind.Unspecified), Shanghai.Zone);

        // A code no other item waiting at this outpost has, so that a typed code finds exactly one item.
        string code;
        string hash;
        do
        {
            code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            hash = CodeHash(stationId, code);
        }
        while (await db.Set<StoredItem>().AcrossStations("an outpost is served by volunteers and read by residents from any station").AnyAsync(i => i.StationId == stationId && i.ClaimCodeHash == hash && i.Status != StoredItemStatus.Claimed, cancellationToken));

        Attachment? picture = null;
        if (photo is not null)
        {
            picture = Attachment.TryCreate(stationId, photo.FileName, photo.Content, user.UserId, now);
            db.Attachments.Add(picture!);
        }

        var item = StoredItem.Deposit(stationId, input.Description!, picture?.Id, (protector.Protect(phone!), protector.Hash(phone!), ChinesePhone.Mask(phone!)), hash,
            user.VolunteerId!.Value, now, collectBy, collectBy.AddDays(LostAfterDays));
        db.Add(item);
        var entry = ConvenienceEntry.Record(stationId, ConvenienceKind.ItemStorage, user.VolunteerId!.Value, item.Description, now, item.Id);
        return await SaveWithPointsAsync(entry, cancellationToken) is { } error ? error : new ItemStored(item.Id, code, collectBy);
    }

    /// <summary>
    /// Pick-up: the code (typed, or scanned from the owner's QR) finds the item; the time and the volunteer are recorded.
    /// A code that finds nothing is a wrong guess, counted per volunteer and per outpost (<see cref="GuessThrottle"/>). A pick-up
    /// does not clear the volunteer's count: they could store an item themselves and pick it up to reset it.
    /// </summary>
    public async Task<Result<StoredItemRow>> Claim(Guid stationId, ClaimInput input, CancellationToken cancellationToken)
    {
        var code = (input.Code ?? "").Trim();
        if (code.StartsWith(QrPrefix, StringComparison.OrdinalIgnoreCase))
        {
            code = code[QrPrefix.Length..];
        }

        if (code.Length != CodeLength || !code.All(char.IsAsciiDigit))
        {
            return AppError.Invalid("code", localizer["Outpost.WrongCode"]);
        }

        if (await OnDutyAsync(stationId, cancellationToken) is { IsOk: false } refused)
        {
            return refused.Error!;
        }

        string[] keys = [throttle.Person, GuessKeys.Target("outpost", stationId)];
        if (await throttle.WaitAsync(GuessPurpose.ItemClaim, keys, cancellationToken) is { } wait)
        {
            return throttle.Refusal("code", wait);
        }

        var hash = CodeHash(stationId, code);
        var items = await db.Set<StoredItem>().Where(i => i.StationId == stationId && i.ClaimCodeHash == hash).OrderByDescending(i => i.DepositedAt).ToListAsync(cancellationToken);
        var item = items.FirstOrDefault(i => i.Status != StoredItemStatus.Claimed);
        if (item is null)
        {
            if (items.Count == 0)
            {
                await throttle.FailedAsync(GuessPurpose.ItemClaim, keys, cancellationToken);
            }

            return AppError.Invalid("code", localizer[items.Count > 0 ? "Outpost.CodeUsed" : "Outpost.WrongCode"]);
        }

        item.Claim(user.VolunteerId!.Value, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another claim of the same item committed between our read and our write.
            return AppError.Invalid("code", localizer["Outpost.CodeUsed"]);
        }

        return new StoredItemRow(item.Id, item.Description, item.OwnerPhoneMasked, item.Status, item.DepositedAt, item.CollectBy, item.ClaimedAt, item.AlertedAt is not null, item.PhotoId);
    }

    private string CodeHash(Guid stationId, string code) => protector.Hash($"item:{stationId:N}:{code}");

    /// <summary>The entry and its points commit together: the key is the entry's, so a retried posting pays once.</summary>
    private async Task<AppError?> SaveWithPointsAsync(ConvenienceEntry entry, CancellationToken cancellationToken)
    {
        db.Add(entry);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var account = await points.AccountForVolunteer(entry.VolunteerId, cancellationToken);
        if (!account.IsOk)
        {
            return account.Error;
        }

        var note = new PostingNote(localizer["Outpost.PointsNote", localizer["ConvenienceKind." + entry.Kind]], EarningType.ConvenienceService, entry.StationId);
        var posted = await rules.EarnConvenience(account.Value, PointsPerEntry, entry.PointsKey, note, cancellationToken);
        if (!posted.IsOk)
        {
            return posted.Error;
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private Task<Station?> OutpostAsync(Guid stationId, CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("an outpost is served by volunteers and read by residents from any station").AsNoTracking().FirstOrDefaultAsync(s => s.Id == stationId && s.Kind == StationKind.Outpost && s.IsActive, cancellationToken);

    /// <summary>The authorization of every write: the caller is a volunteer on this outpost's roster at this moment.</summary>
    private async Task<Result<Station>> OnDutyAsync(Guid stationId, CancellationToken cancellationToken)
    {
        if (await OutpostAsync(stationId, cancellationToken) is not { } outpost)
        {
            return AppError.NotFound(localizer["Outpost.NotFound"]);
        }

        if (user.VolunteerId is not { } me || !await IsOnDutyAsync(stationId, me, cancellationToken))
        {
            return AppError.Forbidden(localizer["Outpost.NotOnDuty", outpost.Name]);
        }

        user.Grant(stationId);
        return outpost;
    }

    private async Task<bool> IsOnDutyAsync(Guid stationId, Guid volunteerId, CancellationToken cancellationToken) =>
        (await ShiftsNowAsync(stationId, cancellationToken)).Any(s => s.VolunteerId == volunteerId);

    private async Task<List<DutyShift>> ShiftsNowAsync(Guid stationId, CancellationToken cancellationToken)
    {
        var now = Shanghai.ToLocal(clock.GetUtcNow().UtcDateTime);
        var today = DateOnly.FromDateTime(now);
        var shifts = await db.DutyShifts.AcrossStations("an outpost is served by volunteers and read by residents from any station").AsNoTracking()
            .Where(s => s.StationId == stationId && s.Date >= today.AddDays(-1) && s.Date <= today).ToListAsync(cancellationToken);
        return [.. shifts.Where(s => s.Span.Contains(now))];
    }

    private async Task<OutpostSummary> SummaryAsync(Station outpost, CancellationToken cancellationToken)
    {
        var shifts = await ShiftsNowAsync(outpost.Id, cancellationToken);
        var ids = shifts.Select(s => s.VolunteerId).Distinct().ToList();
        var names = await db.Volunteers.AcrossStations("an outpost is served by volunteers and read by residents from any station").AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => v.RealName).ToListAsync(cancellationToken);
        var hours = OpeningHours.Parse(outpost.OpeningHours);
        var local = Shanghai.ToLocal(clock.GetUtcNow().UtcDateTime);
        return new OutpostSummary(outpost.Id, outpost.Name, outpost.OutpostKind, outpost.OpeningHours, hours?.IsOpenAt(local), names,
            user.VolunteerId is { } me && ids.Contains(me));
    }
}
