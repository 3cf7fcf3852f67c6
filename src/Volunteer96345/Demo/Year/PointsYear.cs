using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Points.Claims;
using Volunteer96345.Points.CounterCatalogue;
using Volunteer96345.Points.Counter;
using Volunteer96345.Points.Donate;
using Volunteer96345.Points.Mall;
using Volunteer96345.Points.MerchantDesk;
using Volunteer96345.Points.MyCard;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// The Good Deeds Bank's year (好人好事银行), through the handlers of Points: good deeds, donations, heroic acts and
/// service hours declared a few times a week (by the doer from their phone, by a resident they helped, or by the
/// station's staff), reviewed by the station's manager or the town admin (most approved, a few rejected), publicly
/// posted for the period (now and then with an objection that the reviewer upholds or dismisses) and paid by the
/// claim sweeper at the day's end; redemptions at the counters of 城郊村, 桃园村 and 盐官社区 a few times a week (the
/// volunteer asks their phone for a code, the manager scans the card and types it), restocked by the manager when an item
/// runs low; orders in the mall from the tea house a few times a month, picked up with the code at the merchant's desk,
/// a few cancelled and some left to expire (the hold sweeper releases them); now and then a donation to the needy fund.
/// Every spend is planned only after the member's balance, read through the member's own page, covers it. The earning
/// rules are in force from 2026-01-01, so claims are reviewed from then on. Expiry (points of a year kept to the end of
/// the next) runs by itself and shows only once a year's points fall due.
/// </summary>
internal sealed class PointsYear : YearPart
{
    private static readonly DateOnly RulesFrom = new(2026, 1, 1);

    private readonly Random _random = new(9634502);
    private List<Member> _members = [];
    private List<(Guid Id, string Name, string Village, StationKind Kind)> _stations = [];
    private readonly Dictionary<string, Guid> _counters = [];
    private Guid _teaHouse;
    private int _number;

    private sealed record Member(Guid Id, string Name, string Mobile, string Number, Guid StationId);

    private static readonly string[] GoodDeeds =
    [
        "在老街拾到钱包一个，内有现金和证件，交还失主。", "雨天护送独居老人回家，并帮忙检查门窗。", "帮邻居老人代购药品并送到家中。",
        "发现路边电线杆倾斜，及时报告并在现场提醒行人。", "主动清理村道上的倒伏树枝，方便车辆通行。", "帮助走失儿童联系上家人。",
        "为行动不便的老人义务理发。", "在菜场帮摊主抓住小偷，追回被盗财物。", "连续一周义务打扫文化礼堂。", "帮助外地游客找回遗失的手机。",
        "为困难家庭义务修理漏水的屋顶。", "夜间发现邻居家中漏气，及时敲门提醒并关闭阀门。",
    ];

    private static readonly string[] Donations = ["向村困难户捐款", "为敬老院捐赠冬衣折款", "向镇慈善分会捐款", "为结对困难学生捐助学费"];

    private static readonly string[] Heroic = ["跳入河中救起落水儿童。", "扑灭邻居家中初起火灾，救出被困老人。", "制止持刀滋事人员，保护群众安全。"];

    private static readonly string[] Services = ["参加河道保洁志愿服务", "参加观潮节秩序维护", "参加社区防疫宣传", "参加敬老院慰问演出"];

    private static readonly string[] RejectReasons =
    [
        "材料不足，无法核实，请补充照片或证明人后重新申报。", "该事项已由活动签到计入服务积分，不再重复申报。", "事情发生在本辖区以外，请向所在地服务点申报。",
    ];

    private static readonly string[] Objections =
    [
        "据我所知当时还有其他人一起帮忙，不是一个人做的。", "这件事情的时间好像不对，请核实。", "这件事村里已经表彰过了。",
    ];

    public override async Task PrepareAsync(IServiceProvider services, YearStage stage, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        _members = [.. (await db.Volunteers.AcrossStations("the demo's year reads the town").AsNoTracking().Where(v => v.Status == VolunteerStatus.Active)
            .OrderBy(v => v.Number).Select(v => new { v.Id, v.RealName, v.Mobile, v.Number, v.StationId }).ToListAsync(cancellationToken))
            .Select(v => new Member(v.Id, v.RealName, v.Mobile, v.Number, v.StationId))];
        _stations = [.. (await db.Stations.AcrossStations("the demo's year reads the town").AsNoTracking()
            .Where(s => s.IsActive && (s.Kind == StationKind.ServicePoint || s.Kind == StationKind.SubStation)).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Village, s.Kind }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name, s.Village ?? "盐官镇", s.Kind))];
        var counterStations = await db.Set<CounterItem>().AcrossStations("the demo's year reads the town").AsNoTracking().Select(i => i.StationId).Distinct()
            .ToListAsync(cancellationToken);
        foreach (var (id, _, village, _) in _stations.Where(s => counterStations.Contains(s.Id)))
        {
            _counters[village] = id;
        }

        _teaHouse = await db.AllianceMembers.AcrossStations("the demo's year reads the town").AsNoTracking().Where(m => m.Name == RedemptionSeed.DemoMerchant)
            .Select(m => m.Id).FirstAsync(cancellationToken);
    }

    public override void PlanDay(DateOnly day, YearStage stage)
    {
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

        // Claims: about three a week, once the bank's rules are near (the backlog of the last days of December is reviewed in January).
        if (day >= RulesFrom.AddDays(-4))
        {
            for (var i = YearStage.Poisson(_random, 0.45); i > 0; i--)
            {
                PlanClaim(day, stage, new Random(_random.Next()));
            }
        }

        // Counter redemptions on the service points' working days: about four a week over the three counters.
        if (!weekend && _counters.Count > 0)
        {
            for (var i = YearStage.Poisson(_random, 0.8); i > 0; i--)
            {
                var village = _counters.Keys.ElementAt(_random.Next(_counters.Count));
                var at = YearStage.On(day, 9 + _random.Next(7), _random.Next(60));
                var plan = new Random(_random.Next());
                stage.At(at, "counter code", ct => CounterAsync(stage, village, plan, ct));
            }
        }

        // The mall: a few orders a month at the tea house.
        for (var i = YearStage.Poisson(_random, 0.18); i > 0; i--)
        {
            var at = YearStage.On(day, 8 + _random.Next(13), _random.Next(60));
            var plan = new Random(_random.Next());
            stage.At(at, "mall order", ct => MallAsync(stage, plan, ct));
        }

        // Now and then a member gives points to the needy-resident fund.
        if (_random.NextDouble() < 0.06)
        {
            var at = YearStage.On(day, 19 + _random.Next(3), _random.Next(60));
            var plan = new Random(_random.Next());
            stage.At(at, "donation", ct => DonateAsync(stage, plan, ct));
        }
    }

    private void PlanClaim(DateOnly day, YearStage stage, Random plan)
    {
        var doer = _members[plan.Next(_members.Count)];
        var home = _stations.FirstOrDefault(s => s.Id == doer.StationId);
        if (home.Id == Guid.Empty)
        {
            home = _stations[plan.Next(_stations.Count)];
        }

        var occurred = day.AddDays(-plan.Next(0, 4));
        var yuan = plan.Next(2, 11) * 100;
        var hours = plan.Next(2, 5);
        var (type, description, units) = plan.NextDouble() switch
        {
            < 0.70 => (EarningType.GoodDeed, GoodDeeds[plan.Next(GoodDeeds.Length)], (decimal?)null),
            < 0.85 => (EarningType.CharitableDonation, string.Create(CultureInfo.InvariantCulture, $"{Donations[plan.Next(Donations.Length)]}{yuan}元。"), (decimal?)yuan),
            < 0.97 => (EarningType.VolunteerService, string.Create(CultureInfo.InvariantCulture, $"{Services[plan.Next(Services.Length)]}，共{hours}小时。"), (decimal?)hours),
            _ => (EarningType.HeroicAct, Heroic[plan.Next(Heroic.Length)], (decimal?)null),
        };

        // A resident's good deed now and then (the mobile opens a resident account); mostly a registry volunteer's.
        var isResident = type == EarningType.GoodDeed && plan.NextDouble() < 0.15;
        var (doerName, doerMobile) = isResident ? YearPeople.Resident(plan) : (doer.Name, doer.Mobile);
        var staffAccount = home.Village switch
        {
            "城郊村" => "manager.chengjiao",
            "桃园村" => "manager.taoyuan",
            _ => home.Kind == StationKind.SubStation ? "manager.substation" : null,
        };
        var declarer = plan.NextDouble() switch
        {
            < 0.5 when !isResident => DeclarerKind.Doer,
            < 0.75 when staffAccount is not null => DeclarerKind.StationStaff,
            < 0.9 => DeclarerKind.HelpedResident,
            _ => DeclarerKind.Witness,
        };
        var declarerName = declarer switch
        {
            DeclarerKind.Doer => doer.Name,
            DeclarerKind.StationStaff => staffAccount == "manager.chengjiao" ? "徐国平" : staffAccount == "manager.taoyuan" ? "朱红英" : "沈丽华",
            _ => YearPeople.Resident(plan).Name,
        };
        var input = new ClaimInput
        {
            StationId = home.Id,
            Type = type,
            DoerName = doerName,
            DoerMobile = doerMobile,
            Description = description,
            OccurredOn = occurred,
            Place = $"{home.Village}{plan.Next(1, 9)}组",
            Units = units,
            DeclarerKind = declarer,
            DeclarerName = declarerName,
        };
        var at = YearStage.On(day, 8 + plan.Next(13), plan.Next(60));
        stage.At(at, "claim", async ct =>
        {
            ClaimsPrincipal who = declarer switch
            {
                DeclarerKind.Doer => YearActors.Volunteer(doer.Id, doer.Name),
                DeclarerKind.StationStaff => await stage.Account(staffAccount!),
                _ => YearActors.Anonymous,
            };
            var receipt = await stage.Run<DeclareClaimHandler, Result<ClaimReceipt>>(who, h => h.Declare(input, [], ct));
            if (!receipt.IsOk)
            {
                return receipt.Error;
            }

            // The station's reviewer (never the one who declared it) looks at it within a few working days, and not before the rules are in force.
            var reviewer = declarer == DeclarerKind.StationStaff || staffAccount is null ? "admin" : staffAccount;
            var review = WorkingMoment(Max(LocalDay(stage.Now).AddDays(1 + plan.Next(3)), RulesFrom), plan);
            stage.At(review, "claim review", c => ReviewAsync(stage, receipt.Value.Id, reviewer, type, plan, c));
            return null;
        });
    }

    private static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(utc));

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    // A moment in office hours on the first working day from day on.
    private static DateTime WorkingMoment(DateOnly day, Random plan)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return YearStage.On(day, 9 + plan.Next(7), plan.Next(60));
    }

    private static async Task<AppError?> ReviewAsync(YearStage stage, Guid claimId, string reviewer, EarningType type, Random plan, CancellationToken cancellationToken)
    {
        var who = await stage.Account(reviewer);
        if (type != EarningType.HeroicAct && plan.NextDouble() < 0.08)
        {
            var reason = RejectReasons[plan.Next(RejectReasons.Length)];
            return (await stage.Run<ReviewClaimsHandler, Result<bool>>(who, h => h.Reject(claimId, reason, cancellationToken))).Error;
        }

        var approved = await stage.Run<ReviewClaimsHandler, Result<long>>(who, h => h.Approve(claimId, cancellationToken));
        if (!approved.IsOk)
        {
            return approved.Error;
        }

        // During the public posting (公示) someone objects now and then; the reviewer decides within two days.
        if (plan.NextDouble() < 0.07)
        {
            var objectAt = stage.Now.AddHours(20 + plan.Next(72));
            var objector = YearPeople.Resident(plan).Name;
            var reason = Objections[plan.Next(Objections.Length)];
            var uphold = plan.NextDouble() < 0.3;
            stage.At(objectAt, "claim objection", async ct =>
            {
                var objected = await stage.Run<PublicityHandler, Result<bool>>(YearActors.Anonymous, h => h.Object(claimId, new ObjectionInput
                {
                    Name = objector,
                    Reason = reason,
                }, ct));
                if (!objected.IsOk)
                {
                    return objected.Error;
                }

                stage.At(stage.Now.AddHours(18 + plan.Next(24)), "objection decision", c => DecideAsync(stage, claimId, reviewer, uphold, c));
                return null;
            });
        }

        return null;
    }

    private static async Task<AppError?> DecideAsync(YearStage stage, Guid claimId, string reviewer, bool uphold, CancellationToken cancellationToken)
    {
        var objection = await stage.Run<AppDbContext, Guid?>(null, db => db.Set<ClaimObjection>().AsNoTracking()
            .Where(o => o.ClaimId == claimId && o.Status == ObjectionStatus.Open).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken));
        if (objection is not { } id)
        {
            return AppError.NotFound("no open objection");
        }

        return (await stage.Run<ReviewClaimsHandler, Result<bool>>(await stage.Account(reviewer), h => h.Decide(claimId, id, uphold, cancellationToken))).Error;
    }

    private static string CounterStaff(string village) => village switch
    {
        "城郊村" => "manager.chengjiao",
        "桃园村" => "manager.taoyuan",
        _ => "admin",
    };

    /// <summary>
    /// A member comes to the counter: the staff see the balance when the card is scanned, the member picks what it
    /// covers (nothing, and goes away, when it covers nothing on the shelf), asks the phone for a code and the staff redeem.
    /// </summary>
    private async Task<AppError?> CounterAsync(YearStage stage, string village, Random plan, CancellationToken cancellationToken)
    {
        var stationId = _counters[village];
        var staff = await stage.Account(CounterStaff(village));
        var locals = _members.Where(m => m.StationId == stationId).ToList();
        Member? member = null;
        long balance = 0;
        for (var attempt = 0; attempt < 6 && member is null; attempt++)
        {
            var candidate = locals.Count > 0 && plan.NextDouble() < 0.75 ? locals[plan.Next(locals.Count)] : _members[plan.Next(_members.Count)];
            var seen = await stage.Run<RedeemHandler, Result<MemberAtCounter>>(staff, h => h.LookUp(MemberCode.For(candidate.Number), cancellationToken));
            if (seen.IsOk && seen.Value.Balance is >= 20)
            {
                member = candidate;
                balance = seen.Value.Balance.Value;
            }
        }

        if (member is null)
        {
            return null;
        }

        var shelf = await stage.Run<ManageCounterItemsHandler, List<CounterItemRow>>(staff, h => h.List(stationId, false, cancellationToken));
        var low = shelf.FirstOrDefault(i => i.IsActive && i.Stock < 3);
        if (low is not null)
        {
            // The manager counts in a new delivery before the next member comes.
            var restocked = await stage.Run<ManageCounterItemsHandler, Result<Guid>>(staff, h => h.Update(low.Id, new CounterItemInput
            {
                StationId = low.StationId,
                Name = low.Name,
                Description = low.Description,
                Kind = low.Kind,
                Price = low.Price,
                Stock = low.Stock + 20,
            }, cancellationToken));
            if (!restocked.IsOk)
            {
                return restocked.Error;
            }
        }

        var affordable = shelf.Where(i => i.IsActive && i.Price <= balance && (i.Stock > 0 || i.Id == low?.Id)).ToList();
        if (affordable.Count == 0)
        {
            return null;
        }

        var item = affordable[plan.Next(affordable.Count)];
        var quantity = item.Price * 2 <= balance && plan.NextDouble() < 0.15 ? 2 : 1;
        var code = await stage.Run<MyCardHandler, Result<IssuedCode>>(YearActors.Volunteer(member.Id, member.Name), h => h.IssueCode(cancellationToken));
        if (!code.IsOk)
        {
            return code.Error;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"year-counter-{++_number}");
        stage.At(stage.Now.AddSeconds(40 + plan.Next(80)), "counter redeem", async ct => (await stage.Run<RedeemHandler, Result<RedemptionReceipt>>(staff, h => h.Redeem(
            new RedeemInput
            {
                ItemId = item.Id,
                Member = MemberCode.For(member.Number),
                Quantity = quantity,
                Code = code.Value.Code,
            }, key, ct))).Error);
        return null;
    }

    /// <summary>A member orders at the tea house from the mall when the balance shown above the listings covers it; picks it up, cancels or forgets it.</summary>
    private async Task<AppError?> MallAsync(YearStage stage, Random plan, CancellationToken cancellationToken)
    {
        var merchant = await stage.Account("merchant");
        var shelf = await stage.Run<MerchantDeskHandler, List<ListingRow>>(merchant, h => h.Listings(cancellationToken));
        foreach (var low in shelf.Where(l => l.IsActive && l.Stock < 3))
        {
            var restocked = await stage.Run<MerchantDeskHandler, Result<Guid>>(merchant, h => h.SaveListing(low.Id, new ListingInput
            {
                Name = low.Name,
                Description = low.Description,
                Kind = low.Kind,
                Price = low.Price,
                Stock = low.Stock + 20,
            }, cancellationToken));
            if (!restocked.IsOk)
            {
                return restocked.Error;
            }
        }

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var member = _members[plan.Next(_members.Count)];
            var who = YearActors.Volunteer(member.Id, member.Name);
            var (balance, listings) = await stage.Run<MallShopHandler, (long?, List<MallListingRow>)>(who,
                async h => (await h.Balance(cancellationToken), await h.Listings(cancellationToken)));
            var choice = listings.Where(l => l.MerchantId == _teaHouse && l.Stock > 0 && l.Price <= (balance ?? 0)).ToList();
            if (choice.Count == 0)
            {
                continue;
            }

            var listing = choice[plan.Next(choice.Count)];
            var key = string.Create(CultureInfo.InvariantCulture, $"year-mall-{++_number}");
            var order = await stage.Run<MallShopHandler, Result<MallOrderRow>>(who, h => h.Order(new MallOrderInput
            {
                ListingId = listing.Id,
                Quantity = 1,
            }, key, cancellationToken));
            if (!order.IsOk)
            {
                return order.Error;
            }

            var fate = plan.NextDouble();
            if (fate < 0.78)
            {
                var pickUp = YearStage.On(LocalDay(stage.Now).AddDays(plan.Next(0, 6)), 9 + plan.Next(11), plan.Next(60));
                pickUp = pickUp <= stage.Now ? stage.Now.AddMinutes(30 + plan.Next(60)) : pickUp;
                stage.At(pickUp, "mall pick-up", async ct => (await stage.Run<MerchantDeskHandler, Result<MallOrderRow>>(merchant,
                    h => h.Fulfil(new FulfilInput { Code = order.Value.Code }, ct))).Error);
            }
            else if (fate < 0.88)
            {
                stage.At(stage.Now.AddHours(2 + plan.Next(60)), "mall cancel", async ct => (await stage.Run<MallShopHandler, Result<MallOrderRow>>(who,
                    h => h.Cancel(order.Value.Id, ct))).Error);
            }

            // Otherwise the member never comes: the hold sweeper releases the points when the order expires.
            return null;
        }

        return null;
    }

    /// <summary>A member with points to spare gives some to the needy-resident fund (积分捐赠).</summary>
    private async Task<AppError?> DonateAsync(YearStage stage, Random plan, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var member = _members[plan.Next(_members.Count)];
            var who = YearActors.Volunteer(member.Id, member.Name);
            var balance = await stage.Run<MallShopHandler, long?>(who, h => h.Balance(cancellationToken));
            if (balance is not >= 100)
            {
                continue;
            }

            var amount = Math.Min(balance.Value / 2, 10L * plan.Next(2, 11));
            var key = string.Create(CultureInfo.InvariantCulture, $"year-donation-{++_number}");
            return (await stage.Run<DonateHandler, Result<DonationReceipt>>(who, h => h.Donate(new DonateInput
            {
                Target = DonateHandler.NeedyFund,
                Amount = amount,
            }, key, cancellationToken))).Error;
        }

        return null;
    }
}
