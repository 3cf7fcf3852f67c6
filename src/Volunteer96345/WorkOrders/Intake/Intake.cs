using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.WorkOrders.Dispatch;

namespace Volunteer96345.WorkOrders.Intake;

/// <summary>A request as any channel records it.</summary>
public sealed class IntakeInput
{
    /// <summary>The item's code (Open311 service_code); or give <see cref="ServiceItemId"/>.</summary>
    public string? ServiceCode { get; set; }

    public Guid? ServiceItemId { get; set; }
    public string? Description { get; set; }
    public string? Address { get; set; }
    public string? Village { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? CallerName { get; set; }
    public string? CallerPhone { get; set; }
    public Guid? CareRecipientId { get; set; }
    public Dictionary<string, string>? Answers { get; set; }

    /// <summary>The responsible station when the caller decides it (a walk-in at a point; a dispatcher's override).</summary>
    public Guid? StationId { get; set; }
}

/// <summary>What the first answer said; a repeat answers the same (<see cref="Existing"/> is only for the server's own use).</summary>
/// <summary>What the intake answers. <c>CodeTexted</c>: the tracking code went to the caller's phone by text (an online request, with an SMS gateway configured).</summary>
public sealed record IntakeReceipt(Guid Id, string TrackingCode, Guid StationId, string StationName, int Candidates, int Offered,
    Guid? PossibleDuplicateOf, [property: JsonIgnore] bool Existing, [property: JsonIgnore] bool CodeTexted = false)
{
    /// <summary>Set when the item is another module's (a 红色代办 errand): no order was recorded, <see cref="Id"/> and the code are the errand's.</summary>
    public HandOverReceipt? HandedOver { get; init; }
}

/// <summary>
/// 诉求登记: records a request from any channel in one transaction with everything that follows from it — the
/// responsible station, the first ranking and round of offers, the SLA timers, the audit row and the outbox rows.
/// The clock starts at <c>receivedAt</c>: now for the hotline and walk-ins, the city's dispatch time for city orders.
/// </summary>
internal sealed class IntakeHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    FieldProtector protector, DispatchService dispatch, WorkOrderNotices notices, IEnumerable<IIntakeHandOver> handOvers, GroupCommit? groupCommit = null)
{
    public const int DescriptionLength = 2000;
    public const int IdempotencyKeyLength = 100;
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(2);

    // Compiled once: it runs for every order, and EF's per-call translation lookup cost more than the query itself.
    private static readonly Func<AppDbContext, string, Guid, DateTime, CancellationToken, Task<Guid?>> DuplicateQuery = EF.CompileAsyncQuery(
        (AppDbContext db, string phoneHash, Guid itemId, DateTime since, CancellationToken _) => db.Set<WorkOrder>().AcrossStations("intake checks duplicates and the cared-for town-wide, for every channel").AsNoTracking()
            .Where(o => o.CallerPhoneHash == phoneHash && o.ServiceItemId == itemId && o.ReceivedAt >= since)
            .OrderByDescending(o => o.ReceivedAt).Select(o => (Guid?)o.Id).FirstOrDefault());

    /// <summary>
    /// A staff intake through the API. With an Idempotency-Key the same key from the same user records one order and
    /// every repeat gets the first receipt; the key with another request is a conflict and changes nothing.
    /// </summary>
    public async Task<Result<IntakeReceipt>> Submit(IntakeInput input, IntakeChannel channel, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!MayUse(channel))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return await Submit(input, channel, cancellationToken);
        }

        if (idempotencyKey.Length > IdempotencyKeyLength)
        {
            return AppError.Invalid("idempotencyKey", localizer["Validation.TooLong", "Idempotency-Key", IdempotencyKeyLength]);
        }

        var scope = string.Create(CultureInfo.InvariantCulture, $"staff:{user.UserId}");
        return await Submit(input, channel, cancellationToken, externalId: KeyedId(scope, idempotencyKey), requestHash: RequestHash(channel, input));
    }

    /// <summary>
    /// Records the request. With <paramref name="externalId"/> (the city's order id, or <see cref="KeyedId"/> of a caller's
    /// Idempotency-Key) the order is recorded once: a repeat with the same <paramref name="requestHash"/> gets the first
    /// receipt (<see cref="IntakeReceipt.Existing"/>), one with another hash a conflict. The unique index on the channel and
    /// the external id decides between concurrent copies, not a look-up first.
    /// </summary>
    public async Task<Result<IntakeReceipt>> Submit(IntakeInput input, IntakeChannel channel, CancellationToken cancellationToken,
        Guid? apiClientId = null, string? externalId = null, DateTime? receivedAt = null, string? requestHash = null)
    {
        if (!MayUse(channel))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (externalId is not null && await FindAsync(channel, externalId, requestHash, cancellationToken) is { } existing)
        {
            return existing;
        }

        var registry = await dispatch.RegistryAsync(cancellationToken);
        var item = FindItem(registry, input);
        var v = new Validation(localizer)
            .Text("description", input.Description, DescriptionLength)
            .Text("address", input.Address, 200, required: item?.OnSite ?? true)
            .Text("village", input.Village, 50, required: false)
            .Line("callerName", input.CallerName, 50, required: false)
            .Check(input.Latitude.HasValue == input.Longitude.HasValue, "longitude", "WorkOrder.CoordinatesPair");
        if (input.Latitude is not null || input.Longitude is not null)
        {
            v.Range("latitude", input.Latitude, -90, 90).Range("longitude", input.Longitude, -180, 180);
        }

        if (item is null)
        {
            v.Add(input.ServiceItemId is null ? "serviceCode" : "serviceItemId", localizer["WorkOrder.UnknownService"]);
        }

        var phone = ChinesePhone.NormalizeAny(input.CallerPhone);
        v.Check(phone is not null, "callerPhone", "WorkOrder.InvalidPhone");
        if (item is not null)
        {
            CheckAnswers(v, item, input.Answers ?? []);
        }

        // A station's walk-in desk records for its own station: the village of the caller does not send it elsewhere.
        if (channel == IntakeChannel.WalkIn && !user.SeesAllStations)
        {
            v.Required("stationId", input.StationId);
        }

        v.Check(receivedAt is null || receivedAt <= now.AddMinutes(1), "receivedAt", "WorkOrder.ReceivedInFuture");
        var station = ResponsibleStation(registry, input, v);
        if (input.CareRecipientId is { } recipientId &&
            !await db.CareRecipients.AcrossStations("intake checks duplicates and the cared-for town-wide, for every channel").AnyAsync(c => c.Id == recipientId && c.IsActive, cancellationToken))
        {
            v.Add("careRecipientId", localizer["Care.NotFound"]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        // Items another module runs (a 低保 application is a 红色代办 errand) are recorded there, for the channels where a
        // person is told what happens next; the city and Open311 clients expect an order and get one.
        if (channel is IntakeChannel.Hotline or IntakeChannel.WalkIn or IntakeChannel.Online)
        {
            foreach (var handOver in handOvers)
            {
                if (await handOver.TakeAsync(new HandOverRequest(item!.Code, station!.Id, input.CallerName, phone!, input.Description!), cancellationToken) is { } taken)
                {
                    return taken.IsOk
                        ? new IntakeReceipt(taken.Value.Id, taken.Value.TrackingCode, station.Id, station.Name, 0, 0, null, false) { HandedOver = taken.Value }
                        : taken.Error!;
                }
            }
        }

        var details = new IntakeDetails(channel, apiClientId, externalId, input.Description!, input.Address ?? "", Village(input, station!),
            input.Latitude, input.Longitude, input.CallerName, protector.Protect(phone!), protector.Hash(phone!), ChinesePhone.MaskAny(phone!),
            input.CareRecipientId, Normalize(item!, input.Answers ?? []), requestHash);
        var order = WorkOrder.Receive(details, item!, station!.Id, receivedAt ?? now, user.Name, now);
        var since = order.ReceivedAt - DuplicateWindow;
        if (await DuplicateQuery(db, order.CallerPhoneHash, item!.Id, since, cancellationToken) is { } original)
        {
            order.FlagDuplicateOf(original);
        }

        var ranked = await dispatch.RankAsync(order, item!, cancellationToken);
        db.WorkOrders.Add(order);
        db.SlaTimers.AddRange(order.ScheduleTimers());
        var offered = dispatch.Options.AutoAlert ? await dispatch.OfferNextRoundAsync(order, user.Name, cancellationToken) : [];
        if (dispatch.Options.AutoAlert && offered.Count == 0)
        {
            // Nobody to alert: the order is the dispatcher's at once, not after the accept deadline.
            await dispatch.GiveBackAsync(order, UnansweredReason.NoCandidates, cancellationToken);
        }

        // A resident who asked online has no one on the line to read the code out: it goes to their phone when the town can text.
        var texted = channel == IntakeChannel.Online && notices.TrackingCode(order);
        try
        {
            // Concurrent intakes commit together (docs/decisions/0019); the 2xx goes out only after the commit.
            await db.SaveAddedAsync(groupCommit, cancellationToken);
        }
        catch (DbUpdateException) when (externalId is not null)
        {
            // The same city order or keyed request arrived twice at once; the other request committed it first.
            db.ChangeTracker.Clear();
            if (await FindAsync(channel, externalId, requestHash, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }

        Common.Web.AppTelemetry.OrdersReceived.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()));
        return new IntakeReceipt(order.Id, order.TrackingCode, station.Id, station.Name, ranked.Count, offered.Count, order.PossibleDuplicateOf, false, texted);
    }

    /// <summary>Staff record calls and walk-ins; the other channels come through endpoints that authenticated a system or a resident first.</summary>
    private bool MayUse(IntakeChannel channel) => channel switch
    {
        IntakeChannel.Hotline => user.IsInAnyRole(Roles.Dispatcher, Roles.TownAdmin),
        IntakeChannel.WalkIn => user.IsInAnyRole(Roles.StationManager, Roles.TownAdmin, Roles.Dispatcher),
        _ => user.IsSystem,
    };

    /// <summary>
    /// The receipt of the order recorded under this external id, as its first answer gave it (candidates ranked, first
    /// round offered); a conflict when it was recorded from another request; null when there is none.
    /// </summary>
    public async Task<Result<IntakeReceipt>?> FindAsync(IntakeChannel channel, string externalId, string? requestHash, CancellationToken cancellationToken)
    {
        // A keyed id names its caller inside the hash: found on another channel (a walk-in, say), it is the same caller's key reused.
        var keyed = externalId.StartsWith(KeyedPrefix, StringComparison.Ordinal);
        // Scope lifted on purpose: a repeated request must find its first order whichever station it was routed to.
        var found = await db.WorkOrders.AcrossStations("intake checks duplicates and the cared-for town-wide, for every channel").AsNoTracking().Where(o => o.ExternalId == externalId && (o.Channel == channel || keyed))
            .Select(o => new
            {
                o.Id,
                o.TrackingCode,
                o.StationId,
                o.PossibleDuplicateOf,
                o.RequestHash,
                o.Channel,
                Offers = o.Offers.Count,
                Offered = o.Offers.Count(f => f.Round == 1),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        // Orders recorded before the hash was kept have none: their repeats are answered as before.
        if (found.Channel != channel || (found.RequestHash is not null && requestHash is not null && found.RequestHash != requestHash))
        {
            return AppError.Conflict(channel == IntakeChannel.CityPlatform
                ? localizer["Intake.CityOrderChanged", externalId]
                : localizer["Intake.KeyReused"]);
        }

        var stationName = await db.StationName(found.StationId, cancellationToken) ?? "";
        return new IntakeReceipt(found.Id, found.TrackingCode, found.StationId, stationName, found.Offers, found.Offered, found.PossibleDuplicateOf, true);
    }

    private const string KeyedPrefix = "key:";

    /// <summary>
    /// The external id of a caller's Idempotency-Key: the caller (<c>staff:&lt;user&gt;</c>, <c>open311:&lt;client&gt;</c>) and the
    /// key hashed together, so two callers' equal keys never meet and any key fits the column (47 characters).
    /// </summary>
    public static string KeyedId(string caller, string idempotencyKey) =>
        KeyedPrefix + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(caller + "\n" + idempotencyKey.Trim())));

    private static readonly JsonSerializerOptions HashJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>
    /// Lower-case hex SHA-256 of what a request asks for, in a fixed form (answers in key order), so the same request sent
    /// again hashes the same whatever order its fields came in, and any changed field hashes differently.
    /// </summary>
    public static string RequestHash(IntakeChannel channel, IntakeInput input, DateTimeOffset? sentAt = null)
    {
        var canonical = new object?[]
        {
            channel.ToString(), input.ServiceCode?.Trim(), input.ServiceItemId, input.Description, input.Address, input.Village, input.Latitude,
            input.Longitude, input.CallerName, input.CallerPhone, input.CareRecipientId, input.StationId,
            input.Answers?.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new[] { a.Key, a.Value }).ToList(),
            sentAt?.ToUnixTimeMilliseconds(),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical, HashJson)));
    }

    private static ServiceItem? FindItem(RegistrySnapshot registry, IntakeInput input)
    {
        if (input.ServiceItemId is { } id)
        {
            return registry.Items.GetValueOrDefault(id);
        }

        var code = input.ServiceCode?.Trim();
        return string.IsNullOrEmpty(code) ? null : registry.ItemsByCode.GetValueOrDefault(code);
    }

    /// <summary>Every required question answered; list answers among the listed keys; numbers and times that parse; no unknown questions.</summary>
    private void CheckAnswers(Validation v, ServiceItem item, Dictionary<string, string> answers)
    {
        foreach (var (code, value) in answers)
        {
            var question = item.Attributes.FirstOrDefault(a => a.Code == code);
            var field = $"answers.{code}";
            if (question is null)
            {
                v.Add(field.Length > 60 ? "answers" : field, localizer["WorkOrder.UnknownQuestion"]);
                continue;
            }

            var ok = question.Datatype switch
            {
                AttributeDatatype.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                AttributeDatatype.Datetime => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                AttributeDatatype.SingleValueList => question.Values.Any(x => x.Key == value),
                AttributeDatatype.MultiValueList => value.Split(',').All(part => question.Values.Any(x => x.Key == part.Trim())),
                AttributeDatatype.Text => value.Length <= 1000,
                _ => value.Length <= 200,
            };
            v.Check(ok && !string.IsNullOrWhiteSpace(value), field, "WorkOrder.InvalidAnswer", question.Description);
        }

        foreach (var question in item.Attributes.Where(a => a.Required && !answers.ContainsKey(a.Code)))
        {
            v.Add($"answers.{question.Code}", localizer["Validation.Required", question.Description]);
        }
    }

    private static Dictionary<string, string> Normalize(ServiceItem item, Dictionary<string, string> answers) =>
        answers.Where(a => item.Attributes.Any(q => q.Code == a.Key)).ToDictionary(a => a.Key, a => a.Value.Trim());

    /// <summary>
    /// The station named by the caller; else the service point of the village given or named in the address; else the
    /// nearest active service point to the coordinates; else the town's sub-station, whose dispatcher routes it by hand.
    /// </summary>
    private StationPlace? ResponsibleStation(RegistrySnapshot registry, IntakeInput input, Validation v)
    {
        var stations = registry.Stations.Values;
        if (input.StationId is { } chosen)
        {
            var station = registry.Stations.GetValueOrDefault(chosen);
            if (station is null || !user.CanSee(chosen))
            {
                v.Add("stationId", localizer["WorkOrder.UnknownStation"]);
            }

            return station;
        }

        var points = stations.Where(s => s.IsServicePoint).ToList();
        var village = input.Village?.Trim();
        var byVillage = points.FirstOrDefault(p => !string.IsNullOrEmpty(village) && p.Village == village)
                        ?? points.FirstOrDefault(p => !string.IsNullOrEmpty(input.Address) && input.Address.Contains(p.Village, StringComparison.Ordinal));
        if (byVillage is not null)
        {
            return byVillage;
        }

        if (input is { Latitude: { } lat, Longitude: { } lng } && points.Count > 0)
        {
            return points.MinBy(p => Geo.DistanceKm(p.Latitude, p.Longitude, lat, lng));
        }

        var town = registry.SubStationId is { } sub ? registry.Stations.GetValueOrDefault(sub) : null;
        if (town is null)
        {
            v.Add("stationId", localizer["WorkOrder.UnknownStation"]);
        }

        return town;
    }

    private static string? Village(IntakeInput input, StationPlace station) =>
        string.IsNullOrWhiteSpace(input.Village) ? (station.IsServicePoint ? station.Village : null) : input.Village.Trim();
}
