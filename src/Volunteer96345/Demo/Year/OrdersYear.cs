using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Data;
using Volunteer96345.Integration;
using Volunteer96345.Integration.CityPlatform;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Callbacks;
using Volunteer96345.WorkOrders.Dispatch;
using Volunteer96345.WorkOrders.GiveFeedback;
using Volunteer96345.WorkOrders.Intake;
using Volunteer96345.WorkOrders.Respond;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// The year's 96345 orders, through every channel's handler: the hotline console (the dispatcher), the walk-in desks of
/// 城郊村 and 桃园村 (their managers), residents' phones (/m/help) and the city platform (a signed request, as the city
/// sends it). Two or so a day, more on weekends of the tourist season, around the Spring Festival and in the
/// tide-watching week (农历八月十八), mostly in the day but some at night. Each order is accepted by a volunteer it was
/// offered to, usually within minutes, sometimes late (the accept deadline fires and the next round goes out), now and
/// then only after the dispatcher assigns it by hand; the volunteer sets off, arrives (a few late) and resolves; most
/// residents rate the service from the link in their text, and the dispatcher makes the call-backs the platform queues.
/// </summary>
internal sealed class OrdersYear : YearPart
{
    private readonly Random _random = new(9634501);
    private List<Item> _items = [];
    private List<Place> _places = [];
    private List<(Guid Id, Guid StationId)> _volunteers = [];
    private int _cityNumber;

    private sealed record Item(string Code, string Name, ServiceCategory Category, int ResolveMinutes, List<ServiceQuestion> Questions, double Weight);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Place(Guid StationId, string Village, double Latitude, double Longitude);

    // How often each item is asked for, relative to the others (the rest of the volunteer items weigh 1).
    private static readonly Dictionary<string, double> Popular = new()
    {
        ["水电维修"] = 8,
        ["代购药品"] = 6,
        ["换灯泡"] = 5,
        ["助餐送餐"] = 6,
        ["陪同就医"] = 5,
        ["上门理发"] = 3,
        ["家电维修"] = 4,
        ["代缴费用"] = 3,
        ["上门探访"] = 4,
    };

    private static readonly string[] Resolutions =
    [
        "已上门处理完毕，居民确认正常。", "问题已解决，并告知日常注意事项。", "已按居民要求办妥，留下联系电话以便再次求助。",
        "已处理，另约定下周回访查看情况。", "现场处理完成，费用由居民自付材料费。",
    ];

    private static readonly string[] Streets = ["一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组"];

    public override async Task PrepareAsync(IServiceProvider services, YearStage stage, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var items = await db.ServiceItems.AsNoTracking().Where(i => !i.IsRetired && i.Responder == ResponderKind.Volunteer && i.OnSite)
            .OrderBy(i => i.Code).ToListAsync(cancellationToken);
        _items = [.. items.Select(i => new Item(i.Code, i.Name, i.Category, i.ResolveMinutes,
            [.. i.Attributes.Where(a => a.Required).OrderBy(a => a.Order)],
            Popular.Where(p => i.Name.Contains(p.Key, StringComparison.Ordinal)).Select(p => p.Value).DefaultIfEmpty(1).First()))];
        _places = await db.Stations.AcrossStations("the demo's year reads the town").AsNoTracking().Where(s => s.Kind == StationKind.ServicePoint)
            .OrderBy(s => s.Village).Select(s => new Place(s.Id, s.Village!, s.Latitude, s.Longitude)).ToListAsync(cancellationToken);
        _volunteers = [.. (await db.Volunteers.AcrossStations("the demo's year reads the town").AsNoTracking().Where(v => v.Status == VolunteerStatus.Active)
            .OrderBy(v => v.Number).Select(v => new { v.Id, v.StationId }).ToListAsync(cancellationToken)).Select(v => (v.Id, v.StationId))];
    }

    public override void PlanDay(DateOnly day, YearStage stage)
    {
        var count = YearStage.Poisson(_random, Demand(day));
        for (var i = 0; i < count; i++)
        {
            var at = YearStage.On(day, Hour(), _random.Next(60)).AddSeconds(_random.Next(60));
            var item = Pick();
            var place = _places[_random.Next(_places.Count)];
            var channel = _random.NextDouble() switch
            {
                < 0.55 => IntakeChannel.Hotline,
                < 0.72 => IntakeChannel.WalkIn,
                < 0.94 => IntakeChannel.Online,
                _ => IntakeChannel.CityPlatform,
            };
            var caller = YearPeople.Resident(_random);
            var address = $"{place.Village}{Streets[_random.Next(Streets.Length)]}{_random.Next(1, 80)}号";
            var input = new IntakeInput
            {
                ServiceCode = item.Code,
                Description = Describe(item),
                Address = address,
                Village = place.Village,
                Latitude = Math.Round(place.Latitude + ((_random.NextDouble() - 0.5) * 0.01), 6),
                Longitude = Math.Round(place.Longitude + ((_random.NextDouble() - 0.5) * 0.01), 6),
                CallerName = caller.Name,
                CallerPhone = caller.Mobile,
                Answers = item.Questions.ToDictionary(q => q.Code, q => YearPeople.Answer(q, at, _random)),
            };
            var plan = new OrderPlan(item, channel, DrawFate(), new Random(_random.Next()));
            stage.At(at, "intake", ct => IntakeAsync(stage, plan, input, at, ct));
        }
    }

    // Each order draws from a stream of its own, so that what one order meets (a ranking, a refusal) does not change the next ones.
    private sealed record OrderPlan(Item Item, IntakeChannel Channel, Fate Fate, Random Random)
    {
        public Guid OrderId { get; set; }

        public string TrackingCode { get; set; } = "";
    }

    private enum Fate
    {
        OnTime,
        LateAccept,
        SecondRound,
        ByHand,
        LateArrival,
    }

    private Fate DrawFate() => _random.NextDouble() switch
    {
        < 0.82 => Fate.OnTime,
        < 0.88 => Fate.LateArrival,
        < 0.93 => Fate.SecondRound,
        < 0.97 => Fate.LateAccept,
        _ => Fate.ByHand,
    };

    /// <summary>Orders a day: two or so, more on weekends from April to October, in the Spring Festival fortnight and in the tide-watching week.</summary>
    private static double Demand(DateOnly day)
    {
        var rate = 2.2;
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (day.Month is >= 4 and <= 10 && weekend)
        {
            rate *= 1.5;
        }

        if (YearCalendar.IsTideWeek(day))
        {
            rate *= 2.5;
        }

        if (YearCalendar.IsSpringFestival(day))
        {
            rate *= 1.4;
        }

        return rate;
    }

    // The hour of a request: mostly in the day (8-11 and 14-17 busiest), a few at night.
    private int Hour()
    {
        ReadOnlySpan<int> weights = [1, 1, 1, 1, 1, 2, 4, 8, 12, 12, 11, 8, 5, 7, 10, 10, 9, 7, 6, 5, 4, 3, 2, 1];
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var pick = _random.Next(total);
        for (var hour = 0; hour < 24; hour++)
        {
            pick -= weights[hour];
            if (pick < 0)
            {
                return hour;
            }
        }

        return 23;
    }

    private Item Pick()
    {
        var pick = _random.NextDouble() * _items.Sum(i => i.Weight);
        foreach (var item in _items)
        {
            pick -= item.Weight;
            if (pick < 0)
            {
                return item;
            }
        }

        return _items[^1];
    }

    private string Describe(Item item) => item.Category switch
    {
        ServiceCategory.HomeElderCare => $"家中老人独居，需要{item.Name}，请志愿者上门帮忙。",
        ServiceCategory.HardshipAssistance => $"家庭困难，申请{item.Name}，请尽快安排。",
        ServiceCategory.DisputeMediation => $"与邻居发生矛盾，希望{item.Name}。",
        _ => _random.Next(3) switch
        {
            0 => $"需要{item.Name}，家里只有老人在，麻烦尽快。",
            1 => $"{item.Name}，白天家里有人，请上门前先打电话。",
            _ => $"请帮忙{item.Name}。",
        },
    };

    private async Task<AppError?> IntakeAsync(YearStage stage, OrderPlan plan, IntakeInput input, DateTime at, CancellationToken cancellationToken)
    {
        Result<IntakeReceipt> receipt;
        switch (plan.Channel)
        {
            case IntakeChannel.WalkIn when input.Village is "城郊村" or "桃园村":
                var manager = input.Village == "城郊村" ? "manager.chengjiao" : "manager.taoyuan";
                input.StationId = _places.First(p => p.Village == input.Village).StationId;
                receipt = await stage.Run<IntakeHandler, Result<IntakeReceipt>>(await stage.Account(manager),
                    h => h.Submit(input, IntakeChannel.WalkIn, null, cancellationToken));
                break;
            case IntakeChannel.Online:
                receipt = await stage.Run<ResidentRequestHandler, Result<IntakeReceipt>>(YearActors.Anonymous, h => h.Submit(new ResidentRequestInput
                {
                    Category = plan.Item.Category,
                    ServiceCode = input.ServiceCode,
                    Description = input.Description,
                    Address = input.Address,
                    Village = input.Village,
                    Phone = input.CallerPhone,
                    Name = input.CallerName,
                    Answers = input.Answers,
                }, cancellationToken));
                break;
            case IntakeChannel.CityPlatform:
                return await CityAsync(stage, plan, input, at, cancellationToken);
            default:
                // A walk-in elsewhere is phoned through by the village to the town's hotline.
                receipt = await stage.Run<IntakeHandler, Result<IntakeReceipt>>(await stage.Account("dispatcher"),
                    h => h.Submit(input, IntakeChannel.Hotline, null, cancellationToken));
                break;
        }

        if (!receipt.IsOk)
        {
            return receipt.Error;
        }

        Received(stage, plan, receipt.Value.Id, receipt.Value.TrackingCode, at);
        return null;
    }

    /// <summary>The city platform's dispatch, as it arrives: a signed JSON body with the city's key.</summary>
    private async Task<AppError?> CityAsync(YearStage stage, OrderPlan plan, IntakeInput input, DateTime at, CancellationToken cancellationToken)
    {
        var cityOrderId = string.Create(CultureInfo.InvariantCulture, $"HN{Shanghai(at):yyyyMMdd}{++_cityNumber:D5}");
        var body = JsonSerializer.SerializeToUtf8Bytes(new CityOrderInput
        {
            CityOrderId = cityOrderId,
            DispatchedAt = new DateTimeOffset(at.AddSeconds(-40), TimeSpan.Zero),
            ServiceCode = input.ServiceCode,
            Description = input.Description,
            Address = input.Address,
            Village = input.Village,
            Latitude = input.Latitude,
            Longitude = input.Longitude,
            CallerName = input.CallerName,
            CallerPhone = input.CallerPhone,
            Answers = input.Answers,
        }, Json);
        var timestamp = new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new CitySignedRequest(DemoApiClients.CityKey, timestamp, CityOrdersHandler.Sign(DemoApiClients.CitySecret, timestamp, body), body);
        var outcome = await stage.Run<CityOrdersHandler, Result<CityOrderOutcome>>(YearActors.Anonymous, h => h.Receive(request, cancellationToken));
        if (!outcome.IsOk)
        {
            return outcome.Error;
        }

        Received(stage, plan, outcome.Value.Receipt.Id, outcome.Value.Receipt.OrderId, at);
        return null;
    }

    private static DateTime Shanghai(DateTime utc) => Common.Time.Shanghai.ToLocal(utc);

    // What happens after intake, as the plan's fate says.
    private void Received(YearStage stage, OrderPlan plan, Guid orderId, string trackingCode, DateTime at)
    {
        plan.OrderId = orderId;
        plan.TrackingCode = trackingCode;
        switch (plan.Fate)
        {
            case Fate.LateAccept:
                stage.At(at.AddMinutes(11 + plan.Random.Next(5)), "accept", ct => AcceptAsync(stage, plan, ct));
                break;
            case Fate.SecondRound:
                // Nobody in the first round answers; the next round goes out on its timer and someone there takes it.
                stage.At(at.AddMinutes(6 + plan.Random.Next(3)), "accept", ct => AcceptAsync(stage, plan, ct));
                break;
            case Fate.ByHand:
                stage.At(at.AddMinutes(4 + plan.Random.Next(4)), "assign", ct => AssignAsync(stage, plan, ct));
                break;
            default:
                stage.At(at.AddMinutes(1 + plan.Random.Next(5)).AddSeconds(plan.Random.Next(60)), "accept", ct => AcceptAsync(stage, plan, ct));
                break;
        }
    }

    /// <summary>One of the volunteers the order is offered to now takes it, from their phone.</summary>
    private async Task<AppError?> AcceptAsync(YearStage stage, OrderPlan plan, CancellationToken cancellationToken)
    {
        var offers = await stage.Run<AppDbContext, List<(Guid Offer, Guid Volunteer, string Name, int Round)>>(null, async db =>
        {
            var order = await db.WorkOrders.AcrossStations("the demo's year answers its own orders").AsNoTracking().SingleAsync(o => o.Id == plan.OrderId, cancellationToken);
            return [.. order.Offers.Where(o => o.Status == OfferStatus.Open && o.Kind == ResponderKind.Volunteer)
                .OrderBy(o => o.Rank).Select(o => (o.Id, o.CandidateId, o.CandidateName, o.Round))];
        });
        if (plan.Fate == Fate.SecondRound && offers.Count > 0 && offers.Max(o => o.Round) > 1)
        {
            offers = [.. offers.Where(o => o.Round == offers.Max(x => x.Round))];
        }

        if (offers.Count == 0)
        {
            // Nobody could be alerted (no one on duty with the skill at this hour): the dispatcher phones someone.
            stage.At(stage.Now.AddMinutes(3 + plan.Random.Next(4)), "assign", ct => AssignAsync(stage, plan, ct));
            return null;
        }

        // The best ranked answer most often; the others now and then.
        var (offerId, volunteerId, name, _) = offers[plan.Random.NextDouble() < 0.6 ? 0 : plan.Random.Next(offers.Count)];
        var who = YearActors.Volunteer(volunteerId, name);
        var accepted = await stage.Run<RespondHandler, Result<WorkOrderStatus>>(who, h => h.Accept(plan.OrderId, offerId, cancellationToken));
        if (!accepted.IsOk)
        {
            return accepted.Error;
        }

        var now = stage.Now;
        var travel = plan.Fate == Fate.LateArrival ? 28 + plan.Random.Next(20) : 5 + plan.Random.Next(12);
        var setOff = now.AddMinutes(1 + plan.Random.Next(2));
        stage.At(setOff, "set off", ct => Step(stage, who, h => h.StartTravel(plan.OrderId, ct)));
        var arrive = setOff.AddMinutes(travel);
        stage.At(arrive, "arrive", ct => Step(stage, who, h => h.Arrive(plan.OrderId, new ArriveInput(), ct)));
        var resolve = arrive.AddMinutes(Math.Max(10, (int)(plan.Item.ResolveMinutes * (0.3 + (plan.Random.NextDouble() * 0.5)))));
        stage.At(resolve, "resolve", ct => ResolveAsync(stage, plan, who, ct));
        return null;
    }

    private static async Task<AppError?> Step(YearStage stage, System.Security.Claims.ClaimsPrincipal who, Func<RespondHandler, Task<Result<WorkOrderStatus>>> step) =>
        (await stage.Run(who, step)).Error;

    /// <summary>Nobody answers the alerts: the dispatcher assigns the order by hand to the best-ranked volunteer left.</summary>
    private async Task<AppError?> AssignAsync(YearStage stage, OrderPlan plan, CancellationToken cancellationToken)
    {
        var candidate = await stage.Run<AppDbContext, Guid?>(null, async db =>
        {
            var order = await db.WorkOrders.AcrossStations("the demo's year answers its own orders").AsNoTracking().SingleAsync(o => o.Id == plan.OrderId, cancellationToken);
            var ranked = order.Offers.Where(o => o.Kind == ResponderKind.Volunteer && o.Status is OfferStatus.Queued or OfferStatus.Open)
                .OrderByDescending(o => o.Status == OfferStatus.Queued).ThenBy(o => o.Rank).Select(o => (Guid?)o.CandidateId).FirstOrDefault();
            var local = _volunteers.Where(v => v.StationId == order.StationId).ToList();
            return ranked ?? (local.Count > 0 ? local[plan.Random.Next(local.Count)].Id : null);
        });
        if (candidate is not { } volunteerId)
        {
            return AppError.Conflict("no volunteer to assign");
        }

        var assigned = await stage.Run<DispatchHandler, Result<int>>(await stage.Account("dispatcher"), h => h.Dispatch(plan.OrderId,
            new DispatchInput { Mode = DispatchMode.Assign, Kind = ResponderKind.Volunteer, CandidateId = volunteerId }, cancellationToken));
        if (!assigned.IsOk)
        {
            return assigned.Error;
        }

        stage.At(stage.Now.AddMinutes(2 + plan.Random.Next(4)), "accept", ct => AcceptAsync(stage, plan with { Fate = Fate.OnTime }, ct));
        return null;
    }

    private static async Task<AppError?> ResolveAsync(YearStage stage, OrderPlan plan, System.Security.Claims.ClaimsPrincipal who, CancellationToken cancellationToken)
    {
        var resolution = Resolutions[plan.Random.Next(Resolutions.Length)];
        var resolved = await stage.Run<RespondHandler, Result<WorkOrderStatus>>(who,
            h => h.Resolve(plan.OrderId, new ResolveInput { Resolution = resolution }, Array.Empty<UploadedFile>(), cancellationToken));
        if (!resolved.IsOk)
        {
            return resolved.Error;
        }

        // Most residents rate from the text's link within a day or two; a few ratings are low and queue a call-back.
        if (plan.Random.NextDouble() < 0.72)
        {
            var rating = plan.Random.NextDouble() switch
            {
                < 0.70 => (Attitude.Good, Outcome.Solved, 5),
                < 0.88 => (Attitude.Good, Outcome.Solved, 4),
                < 0.95 => (Attitude.Fair, Outcome.PartlySolved, 3),
                _ => (Attitude.Poor, Outcome.NotSolved, 2),
            };
            stage.At(stage.Now.AddMinutes(30 + plan.Random.Next(36 * 60)), "feedback", ct => FeedbackAsync(stage, plan, rating, ct));
        }

        // The call-backs the platform queued (low ratings, a sample, the cared-for) are made within two working days.
        stage.At(stage.Now.AddHours(26 + plan.Random.Next(30)), "call-back", ct => CallbacksAsync(stage, plan, ct));
        return null;
    }

    /// <summary>The resident opens the link from the text (the token is in the message the platform sent) and rates.</summary>
    private static async Task<AppError?> FeedbackAsync(YearStage stage, OrderPlan plan, (Attitude Attitude, Outcome Outcome, int Satisfaction) rating,
        CancellationToken cancellationToken)
    {
        var prefix = $"/m/feedback/{plan.TrackingCode}?t=";
        var link = await stage.Run<AppDbContext, string?>(null, db => db.Outbox.AsNoTracking().Where(m => m.Link != null && m.Link.Contains(prefix))
            .OrderByDescending(m => m.CreatedAt).Select(m => m.Link).FirstOrDefaultAsync(cancellationToken));
        if (link is null)
        {
            return AppError.NotFound("no feedback text");
        }

        var token = link[(link.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
        var comment = rating.Satisfaction switch
        {
            5 => "志愿者很热情，来得很快，谢谢！",
            4 => "服务不错。",
            3 => "问题解决了一部分，还要再看看。",
            _ => "来得太慢，问题也没有完全解决。",
        };
        return (await stage.Run<GiveFeedbackHandler, Result<bool>>(YearActors.Anonymous, h => h.Submit(plan.TrackingCode, token, new FeedbackInput
        {
            Attitude = rating.Attitude,
            Outcome = rating.Outcome,
            Satisfaction = rating.Satisfaction,
            Comment = comment,
        }, cancellationToken))).Error;
    }

    private static async Task<AppError?> CallbacksAsync(YearStage stage, OrderPlan plan, CancellationToken cancellationToken)
    {
        var queued = await stage.Run<AppDbContext, List<Guid>>(null, db => db.Callbacks.AcrossStations("the demo's year makes its call-backs").AsNoTracking()
            .Where(c => c.WorkOrderId == plan.OrderId && c.DoneAt == null).Select(c => c.Id).ToListAsync(cancellationToken));
        foreach (var id in queued)
        {
            var reached = plan.Random.NextDouble() < 0.9;
            var satisfaction = reached ? 3 + plan.Random.Next(3) : (int?)null;
            var recorded = await stage.Run<CallbacksHandler, Result<bool>>(await stage.Account("dispatcher"), h => h.Record(id, new CallbackInput
            {
                Reached = reached,
                Satisfaction = satisfaction,
                Comment = reached ? "回访接通，居民表示问题已解决。" : "电话无人接听，稍后再联系。",
                Reopen = false,
            }, cancellationToken));
            if (!recorded.IsOk)
            {
                return recorded.Error;
            }
        }

        return null;
    }
}
