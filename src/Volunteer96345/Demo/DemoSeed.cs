using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Files;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.Demo;

/// <summary>
/// The Yanguan demo: the sub-station, 17 village/community service points, 32 outposts of the three kinds, one
/// account per role, five-has inspections covering every state, and the earmarked budget. Deterministic: the same
/// stations, coordinates, verdicts and amounts every time. Village names are demo data, not an official list.
/// </summary>
internal static class DemoSeed
{
    public const string Password = "Yanguan96345";
    public const int Volunteers = 160;

    public static readonly string[] Villages =
    [
        "宰相府社区", "盐官社区", "城郊村", "桃园村", "镇郊村", "新民村", "石井村", "丰士村", "建设村",
        "郭店村", "双丰村", "联丰村", "云龙村", "永福村", "南丰村", "新港村", "天通村",
    ];

    private static readonly (string Name, string Village, string Address)[] RedCubes =
    [
        ("“红立方”驿站·盐官古城", "盐官社区", "盐官古城春熙路口"),
        ("“红立方”驿站·观潮景区", "盐官社区", "观潮景区北门游客中心旁"),
        ("“红立方”驿站·农贸市场", "宰相府社区", "盐官农贸市场东入口"),
        ("“红立方”驿站·汽车站", "城郊村", "盐官汽车站候车厅"),
        ("“红立方”驿站·宰相府", "宰相府社区", "宰相府第陈阁老宅南"),
        ("“红立方”驿站·海神庙", "盐官社区", "海神庙广场西侧"),
        ("“红立方”驿站·郭店集镇", "郭店村", "郭店集镇中心街"),
        ("“红立方”驿站·丁桥路口", "镇郊村", "百里钱塘大道与丁桥路口"),
        ("“红立方”驿站·卫生院", "宰相府社区", "盐官镇卫生院门诊楼"),
        ("“红立方”驿站·文化站", "盐官社区", "镇文化站一楼"),
        ("“红立方”驿站·南丰市场", "南丰村", "南丰菜场北侧"),
        ("“红立方”驿站·新港码头", "新港村", "新港码头候船点"),
    ];

    private static readonly (string Name, string Village, string Address)[] Partners =
    [
        ("盐官中学党员志愿服务驿站", "宰相府社区", "盐官中学传达室"),
        ("农商银行盐官支行驿站", "盐官社区", "农商银行盐官支行营业厅"),
        ("国网盐官供电所驿站", "城郊村", "盐官供电所营业厅"),
        ("盐官邮政支局驿站", "盐官社区", "盐官邮政支局营业厅"),
        ("盐官实验幼儿园驿站", "镇郊村", "盐官实验幼儿园门卫室"),
        ("钱塘茶楼加盟驿站", "盐官社区", "盐官古城钱塘茶楼一楼"),
        ("盐官社会组织孵化中心驿站", "宰相府社区", "镇社会组织孵化中心"),
        ("海宁经编企业联合党委驿站", "天通村", "经编园区党群服务中心"),
    ];

    private static readonly (string UserName, string DisplayName, string Role, bool TownWide, string? Mobile)[] StaffAccounts =
    [
        ("admin", "王建国", Roles.TownAdmin, true, "13905730101"),
        ("dispatcher", "李晓梅", Roles.Dispatcher, true, "13905730102"),
        ("inspector", "陈志强", Roles.Inspector, true, "13905730103"),
        ("manager.substation", "沈丽华", Roles.StationManager, false, "13905730104"),
        ("manager.chengjiao", "徐国平", Roles.StationManager, false, "13905730105"),
        ("manager.taoyuan", "朱红英", Roles.StationManager, false, "13905730106"),
    ];

    // The accounts of a registry volunteer and of an alliance merchant, seeded with the people they act for.
    private static readonly (string UserName, string DisplayName, string Role, bool TownWide, string? Mobile)[] PersonAccounts =
    [
        ("volunteer", "张伟", Roles.Volunteer, false, null),
        ("merchant", "周德明", Roles.Merchant, false, null),
        ("secretary", "支部书记", Roles.Volunteer, false, null),
    ];

    // A 1×1 PNG and a one-page PDF: real files a browser opens, small enough for a seed.
    private static readonly byte[] Photo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    private static readonly byte[] Voucher = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>Seeds an empty database; false (and nothing written) when the database has stations or accounts.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Stations.AcrossStations("the demo seeds only an empty database").AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var random = new Random(96345);
        double Near(double centre, double spread) => Math.Round(centre + ((random.NextDouble() * 2) - 1) * spread, 6);

        var sub = Station.Open(new StationDetails("盐官镇96345党员志愿服务分站", StationKind.SubStation, null, null, "盐官镇",
            "盐官镇公共服务中心三楼", 30.4060, 120.5480, "全天24小时", "0573-87601234",
            ["培训管理", "考核评价", "专项经费", "热线派单"]), now);
        db.Stations.Add(sub);

        var points = new Dictionary<string, Station>();
        for (var i = 0; i < Villages.Length; i++)
        {
            var village = Villages[i];
            var point = Station.Open(new StationDetails($"{village}96345党员志愿服务点", StationKind.ServicePoint, null, sub.Id, village,
                $"{village}一站式便民服务中心", Near(30.41, 0.035), Near(120.55, 0.05), "周一至周五 8:30-17:00", $"0573-8760{2000 + i:D4}",
                ["红色代办", "诉求登记", "积分兑换", "志愿者招募"]), now);
            points[village] = point;
            db.Stations.Add(point);
        }

        var outposts = new List<Station>();
        foreach (var (name, village, address) in RedCubes)
        {
            outposts.Add(Station.Open(new StationDetails(name, StationKind.Outpost, OutpostKind.RedCube, points[village].Id, village, address,
                Near(30.405, 0.02), Near(120.55, 0.03), "每日 7:00-21:00", null, ["物品寄存", "指路导航", "休息小憩", "饮水充电", "雨具借用"]), now));
        }

        foreach (var village in Villages.Skip(2).Take(12))
        {
            outposts.Add(Station.Open(new StationDetails($"{village}农村党员先锋站", StationKind.Outpost, OutpostKind.PioneerPost, points[village].Id,
                village, $"{village}文化礼堂", Near(30.41, 0.035), Near(120.55, 0.05), "每月25日及节假日", null,
                ["结对慰问", "治安巡逻", "河道保洁", "垃圾分类"]), now));
        }

        foreach (var (name, village, address) in Partners)
        {
            outposts.Add(Station.Open(new StationDetails(name, StationKind.Outpost, OutpostKind.Partner, sub.Id, village, address,
                Near(30.408, 0.025), Near(120.55, 0.035), "工作日 9:00-17:00", null, ["政策咨询", "便民服务"]), now));
        }

        db.Stations.AddRange(outposts);
        var skills = People.PeopleSeed.DefineSkills();
        db.Skills.AddRange(skills);
        var roles = SeedRoles(services, db);
        await db.SaveChangesAsync(cancellationToken);

        // One hash serves every demo account (they share the README's password); hashing each costs start-up time.
        var hash = services.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), Password);

        // With the stations, skills and roles saved, the registers (staff accounts, inspections, funding, the catalogue,
        // the rules, the counters) are seeded in a unit of work of their own on another core while this one seeds the
        // people with their activities and accounts: most of a seed's time is EF Core meeting each entity type for the
        // first time, which the two share out.
        var registers = Task.Run(() => SeedRegistersAsync(services, sub, points, outposts, roles, hash, now, cancellationToken), cancellationToken);
        await Task.WhenAll(registers, SeedPeopleAsync(services, db, sub, points, skills, roles, hash, now, cancellationToken));
        return true;
    }

    private static async Task SeedPeopleAsync(IServiceProvider services, AppDbContext db, Station sub, Dictionary<string, Station> points,
        List<People.Skill> skills, Dictionary<string, Guid> roles, string hash, DateTime now, CancellationToken cancellationToken)
    {
        People.PeopleSeed.Run(db, services.GetRequiredService<Common.Privacy.FieldProtector>(), sub, points, skills, now, Volunteers,
            [.. StaffAccounts.Select(a => a.DisplayName), .. PersonAccounts.Select(a => a.DisplayName)]);
        Activities.ActivitiesSeed.Run(db, now);
        var accounts = SeedAccounts(services, db, PersonAccounts, roles, hash, sub, points, [], now);

        // The demo volunteer account reads the first registry record on the phone pages.
        var demoVolunteer = db.Volunteers.Local.OrderBy(v => v.Number).First();
        accounts["volunteer"].VolunteerId = demoVolunteer.Id;
        accounts["volunteer"].HomeStationId = demoVolunteer.StationId;
        accounts["volunteer"].PhoneNumber = demoVolunteer.Mobile;

        // The demo secretary account is the phone of the secretary of 张伟's branch, who reviews the branch's Pioneer Index.
        var secretary = People.PeopleSeed.SecretaryOf(db, demoVolunteer.PartyOrganizationId!.Value)!;
        accounts["secretary"].VolunteerId = secretary.Id;
        accounts["secretary"].HomeStationId = secretary.StationId;
        accounts["secretary"].PhoneNumber = secretary.Mobile;
        accounts["secretary"].DisplayName = secretary.RealName;

        // The demo merchant account acts for the tea house of the alliance, which sells in the mall.
        var teaHouse = Points.RedemptionSeed.Mall(db, db.AllianceMembers.Local, now);
        accounts["merchant"].AllianceMemberId = teaHouse.Id;
        accounts["merchant"].HomeStationId = teaHouse.StationId;

        // Two volunteers of 城郊村 have accounts that wait for activation: manager.chengjiao prints their slips at 账号管理.
        var waiting = db.Volunteers.Local.Where(v => v.StationId == points["城郊村"].Id && v.Status == People.VolunteerStatus.Active && v.Id != demoVolunteer.Id)
            .OrderBy(v => v.Number).Take(2).Select(v => new Volunteer96345.Accounts.PersonRecord(v.Id, v.RealName, v.Mobile, v.StationId)).ToList();
        await services.GetRequiredService<Volunteer96345.Accounts.PersonAccounts>().ForVolunteersAsync(waiting, cancellationToken, text: false);

        // The demo volunteer answers at any hour, so that a call made in the demo reaches their phone page.
        demoVolunteer.Availability.Clear();
        demoVolunteer.Availability.AddRange(Enum.GetValues<DayOfWeek>().Select(d => new People.AvailabilitySlot { Day = d, From = TimeOnly.MinValue, To = new TimeOnly(23, 59) }));
        demoVolunteer.Exceptions.Clear();
        await db.SaveChangesAsync(cancellationToken);
        People.PeopleSeed.AppointSecretaries(db);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The seed's registers, in a scope (and a unit of work) of their own, acting as the system.</summary>
    private static async Task SeedRegistersAsync(IServiceProvider services, Station sub, Dictionary<string, Station> points,
        List<Station> outposts, Dictionary<string, Guid> roles, string hash, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        SeedAccounts(scope.ServiceProvider, db, StaffAccounts, roles, hash, sub, points, outposts, now);
        SeedInspections(db, [sub, .. points.Values, .. outposts], now);
        SeedFunding(db, sub, now);
        Points.RedemptionSeed.Counters(db, [points["城郊村"], points["桃园村"], points["盐官社区"]], now);
        // What every new town starts with (the catalogue, the earning rules, the errand types, the privilege levels), as
        // each module registered it for a first start.
        foreach (var data in scope.ServiceProvider.GetServices<StartingData>())
        {
            await data.AddAsync(db, now, cancellationToken);
        }

        Integration.DemoApiClients.Run(db, scope.ServiceProvider.GetRequiredService<Common.Privacy.FieldProtector>(), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Dictionary<string, Guid> SeedRoles(IServiceProvider services, AppDbContext db)
    {
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var roles = new Dictionary<string, Guid>();
        foreach (var role in Roles.All)
        {
            var created = new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(), NormalizedName = normalizer.NormalizeName(role), ConcurrencyStamp = Guid.NewGuid().ToString() };
            db.Roles.Add(created);
            roles[role] = created.Id;
        }

        return roles;
    }

    /// <summary>
    /// Demo accounts, added to the unit of work directly rather than through the Identity managers (whose checks, each
    /// with its own query and save, cost start-up time for names that are known to be fine).
    /// </summary>
    private static Dictionary<string, AppUser> SeedAccounts(IServiceProvider services, AppDbContext db,
        (string UserName, string DisplayName, string Role, bool TownWide, string? Mobile)[] accounts, Dictionary<string, Guid> roles, string hash,
        Station sub, Dictionary<string, Station> points, List<Station> outposts, DateTime now)
    {
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var created = new Dictionary<string, AppUser>();
        foreach (var (userName, displayName, role, townWide, mobile) in accounts)
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = userName,
                NormalizedUserName = normalizer.NormalizeName(userName),
                DisplayName = displayName,
                TownWide = townWide,
                PhoneNumber = mobile,
                PasswordHash = hash,
                SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                CreatedAt = now,
                ActivatedAt = now,
                PasswordChangedAt = now,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[role] });
            created[userName] = user;
            IEnumerable<Station> scope = userName switch
            {
                "manager.substation" => [sub],
                "manager.chengjiao" => [points["城郊村"], .. outposts.Where(o => o.ParentId == points["城郊村"].Id)],
                "manager.taoyuan" => [points["桃园村"], .. outposts.Where(o => o.ParentId == points["桃园村"].Id)],
                _ => [],
            };
            db.StaffStations.AddRange(scope.Select(s => new StaffStation { UserId = user.Id, StationId = s.Id }));
        }

        return created;
    }

    /// <summary>Every state appears: never inspected, all five passed, each single item failed, several failed, and a re-inspection that fixed a failure.</summary>
    private static void SeedInspections(AppDbContext db, List<Station> stations, DateTime now)
    {
        var items = Enum.GetValues<FiveHasItem>();
        var notes = new Dictionary<FiveHasItem, string>
        {
            [FiveHasItem.Logo] = "统一LOGO标识缺失或破损",
            [FiveHasItem.Venue] = "阵地场所被挪作他用",
            [FiveHasItem.Rules] = "服务制度未上墙",
            [FiveHasItem.StaffedTeam] = "无专人管理，值班表空缺",
            [FiveHasItem.Funding] = "经费保障未落实",
        };
        for (var i = 0; i < stations.Count; i++)
        {
            if (i % 9 == 8)
            {
                continue; // never inspected
            }

            var station = stations[i];
            var on = new DateOnly(2026, 3, 1).AddDays(i * 3);
            var failing = (i % 6) switch
            {
                0 or 1 => Array.Empty<FiveHasItem>(),
                2 => [items[i % 5]],
                3 => [items[(i + 1) % 5], items[(i + 3) % 5]],
                4 => [items[i % 5]],
                _ => [],
            };
            if (i % 6 == 5)
            {
                // Failed on rules first, passed on re-inspection two months later.
                db.Inspections.Add(Inspection(db, station, on, [FiveHasItem.Rules], notes, now));
                on = on.AddMonths(2);
            }

            db.Inspections.Add(Inspection(db, station, on, failing, notes, now));
        }
    }

    private static FiveHasInspection Inspection(AppDbContext db, Station station, DateOnly on, FiveHasItem[] failing,
        Dictionary<FiveHasItem, string> notes, DateTime now)
    {
        // The photo of the station's sign is the evidence for the logo item.
        var photo = Attachment.TryCreate(station.Id, $"标识照片-{on:yyyyMMdd}.png", Photo, null, now)!;
        db.Attachments.Add(photo);
        var results = Enum.GetValues<FiveHasItem>().Select(item => new FiveHasResult
        {
            Item = item,
            Passed = !failing.Contains(item),
            Note = failing.Contains(item) ? notes[item] : "符合标准",
            EvidenceId = item == FiveHasItem.Logo ? photo.Id : null,
        }).ToList();
        return FiveHasInspection.Record(station.Id, on, null, "陈志强", failing.Length == 0 ? "五有标准全部达标" : "限期一个月整改", results, now);
    }

    private static void SeedFunding(AppDbContext db, Station sub, DateTime now)
    {
        var lines = new (int Year, string Name, long BudgetYuan, long[] SpendingYuan)[]
        {
            (2025, "志愿服务活动经费", 80_000, [12_600, 8_450, 15_000]),
            (2025, "驿站建设与维护", 120_000, [45_000, 38_500]),
            (2026, "志愿服务活动经费", 90_000, [9_800, 6_200]),
            (2026, "驿站建设与维护", 100_000, [28_000]),
            (2026, "志愿者培训", 30_000, [4_500, 3_200]),
            (2026, "好人好事银行积分兑换", 50_000, [7_350]),
        };
        var purposes = new[] { "3月25日党员先锋服务日物资", "“红立方”驿站标识更新", "志愿者帽子与徽章", "培训场地与讲师费", "积分兑换商品采购" };
        var k = 0;
        foreach (var (year, name, budget, spending) in lines)
        {
            var line = BudgetLine.Plan(sub.Id, year, name, budget * 100, now);
            db.BudgetLines.Add(line);
            Add(line, FundingDirection.Income, budget * 100, new DateOnly(year, 1, 15), "镇财政专项拨款");
            for (var j = 0; j < spending.Length; j++)
            {
                Add(line, FundingDirection.Spending, spending[j] * 100, new DateOnly(year, 3 + (j * 2), 10 + j), purposes[k++ % purposes.Length]);
            }
        }

        void Add(BudgetLine line, FundingDirection direction, long fen, DateOnly on, string description)
        {
            var voucher = Attachment.TryCreate(sub.Id, $"凭证-{on:yyyyMMdd}-{fen / 100}.pdf", Voucher, null, now)!;
            db.Attachments.Add(voucher);
            db.FundingEntries.Add(line.Record(direction, fen, on, description, voucher.Id, null, now)!);
        }
    }
}
