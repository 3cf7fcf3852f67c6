using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Attend;
using Volunteer96345.Activities.Calendar;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Activities.SignUps;
using Volunteer96345.Activities.Summarize;
using Volunteer96345.Activities.Types;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// The year's organised activities, through the Activities module's handlers. 党员先锋服务日: six party branches hold
/// the 25th every month (a weekend 25th too): the three the seed gave templates to generate their months ahead, and the
/// town's 机关党支部 and a branch each of 城郊村 and 桃园村 set up their templates at the year's start; on the 1st of each
/// month every branch generates again, and a week or two before the 25th its organiser revises the generated activity
/// with the month's theme (that is when it is announced). Holidays (元旦 to 重阳) bring a dozen town or village
/// activities, created by the station managers and the town admin ten days or so before, and the tide-watching week's
/// weekend its 观潮节文明引导. Volunteers sign up from their phones in the days after (branch members first, then their
/// village, then the town; 10 to 30 a time), a few cancel before the cut-off; on the day the organiser puts the rotating
/// code on the screen, about 85 % of those signed up check in and out with it (points are posted at check-out), the
/// organiser records the hours of those who forgot to check out the next morning and writes the summary.
/// </summary>
internal sealed class ActivitiesYear : YearPart
{
    private const string TownAccount = "manager.substation";
    private const string Admin = "admin";
    private const string ServiceType = "便民服务";

    private readonly Random _random = new(9634502);
    private readonly Dictionary<DateOnly, List<Gathering>> _byPublishDay = [];
    private readonly Dictionary<DateOnly, HashSet<Guid>> _busy = [];
    private readonly Dictionary<string, Guid> _types = [];
    private List<Branch> _branches = [];
    private Guid _demoVolunteer;
    private DateOnly _firstDay;

    // A branch that holds the 25th; its template's theme (the one its generated activities carry until revised) only for the branches that set one up here.
    private sealed record Branch(Guid Id, string Name, Guid StationId, string Account, double? Latitude, double? Longitude, string Place, TimeOnly Start, TimeOnly End,
        ActivityLevel Level, bool Seeded, Theme? Theme = null);

    private sealed record Theme(string Title, string Type, CentralTasks Tasks, string Description, string Done);

    private sealed record Candidate(Guid Id, string Name, Guid StationId, Guid? Branch);

    private enum Leave
    {
        AtEnd,
        Early,
        Forgets,
    }

    private sealed record Joiner(Guid Id, string Name, DateTime SignUpAt, bool Cancels, bool Attends, int ArriveMinutes, Leave Leave);

    /// <summary>One activity of the year, from its announcement to its summary; it draws from a stream of its own.</summary>
    private sealed class Gathering
    {
        public required DateOnly Day { get; init; }
        public required string Account { get; init; }
        public required OrganizerKind OrganizerKind { get; init; }
        public required Guid OrganizerId { get; init; }
        public required Guid StationId { get; init; }
        public Guid? BranchId { get; init; }
        public bool Local { get; init; }
        public required Theme Theme { get; init; }
        public string Place { get; init; } = "";
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public TimeOnly Start { get; init; }
        public TimeOnly End { get; init; }
        public ActivityLevel Level { get; init; }
        public bool FromTemplate { get; init; }
        public required int Wanted { get; init; }
        public required Random Random { get; init; }
        public DateTime PublishAt { get; set; }
        public Guid ActivityId { get; set; }
        public DateTime StartsAt { get; set; }
        public DateTime EndsAt { get; set; }
        public List<Joiner> Joiners { get; set; } = [];
    }

    // The themes of the 25th, in turn; a branch starts at its own place in the list, so neighbours differ in a month.
    private static readonly Theme[] ServiceDayThemes =
    [
        new("党员先锋服务日·河道保洁", "河道保洁", CentralTasks.FiveWaters, "沿河清理漂浮物和岸边垃圾，巡查排污口。", "清理河道漂浮物和岸边垃圾，巡查河段约两公里。"),
        new("党员先锋服务日·垃圾分类入户宣传", "垃圾分类", CentralTasks.BeautifulVillage | CentralTasks.CivilizedCity, "入户发放垃圾分类宣传册，指导分类投放。",
            "入户宣传垃圾分类，现场指导投放，发放宣传册。"),
        new("党员先锋服务日·平安巡逻", "治安巡逻", CentralTasks.CivilizedCity, "村内主要道路和重点区域巡逻，排查安全隐患。", "巡逻村内主要道路和重点区域，排查并上报安全隐患。"),
        new("党员先锋服务日·文明劝导", "文明劝导", CentralTasks.CivilizedCity, "路口劝导电动车佩戴头盔、文明停放。", "在路口劝导电动车佩戴头盔、文明停放。"),
        new("党员先锋服务日·走访结对老人", "结对慰问", CentralTasks.None, "走访结对的独居和高龄老人，帮做家务、问需求。", "走访结对的独居和高龄老人，帮做家务并登记需求。"),
        new("党员先锋服务日·便民服务进村", ServiceType, CentralTasks.CivilizedCity, "理发、量血压、小家电维修等便民服务。", "提供理发、量血压、小家电维修等便民服务。"),
    ];

    private static readonly Theme FloodPatrol = new("党员先锋服务日·防汛防台巡查", "治安巡逻", CentralTasks.FiveWaters, "汛期巡查河堤、危旧房和低洼地段，提醒群众做好防范。",
        "巡查河堤、危旧房和低洼地段，提醒群众做好防汛防台准备。");

    private static readonly Theme FirePatrol = new("党员先锋服务日·冬季消防安全巡查", "治安巡逻", CentralTasks.CivilizedCity, "冬季用火用电高峰，入户检查消防安全，提醒群众安全取暖。",
        "入户检查用火用电安全，提醒群众安全取暖。");

    // The holiday occurrences the seed's templates generate (元旦, 春节, 五一, 七一), as their organisers revise them.
    private static readonly Dictionary<HolidayOccasion, Theme> TemplateHolidays = new()
    {
        [HolidayOccasion.NewYear] = new("元旦 · 新年走访困难党员群众", "结对慰问", CentralTasks.None, "元旦当天走访村里的困难党员和困难群众，送上新年慰问。", "元旦走访困难党员和群众，送上新年慰问。"),
        [HolidayOccasion.SpringFestival] = new("春节 · 大年初一平安巡逻", "治安巡逻", CentralTasks.CivilizedCity, "正月初一村内巡逻，查看燃放烟花爆竹的安全隐患。", "大年初一村内巡逻，清理烟花爆竹残屑，排查安全隐患。"),
        [HolidayOccasion.LabourDay] = new("五一 · 美丽乡村环境整治", "垃圾分类", CentralTasks.BeautifulVillage, "五一劳动节村道和房前屋后环境整治。", "整治村道和房前屋后环境，清运垃圾。"),
        [HolidayOccasion.PartyFoundingDay] = new("七一 · 党员亮身份志愿服务", ServiceType, CentralTasks.CivilizedCity, "七一建党节，党员佩戴党徽为村民提供便民服务。", "党员佩戴党徽为村民提供便民服务。"),
    };

    /// <summary>A holiday's activities: title, type, tasks, who organises (null: the town), place, times, size.</summary>
    private sealed record HolidaySpec(Theme Theme, string? Village, string Place, TimeOnly Start, TimeOnly End);

    private static readonly Dictionary<string, HolidaySpec[]> HolidaySpecs = new()
    {
        ["元旦"] =
        [
            new(new("元旦送温暖·走访困难党员群众", "结对慰问", CentralTasks.None, "元旦当天分组走访村里的困难党员和困难群众，送上慰问品。", "分组走访困难党员和群众，送上慰问品。"),
                "城郊村", "城郊村村委会集合", new(9, 0), new(11, 30)),
        ],
        ["除夕"] =
        [
            new(new("除夕平安夜巡逻", "治安巡逻", CentralTasks.CivilizedCity, "除夕夜集镇和村道巡逻，提醒安全燃放烟花爆竹，守护平安年。", "除夕夜巡逻集镇和村道，提醒安全燃放烟花爆竹。"),
                null, "盐官镇公共服务中心门口集合", new(18, 30), new(21, 0)),
            new(new("除夕写春联送福进万家", "结对慰问", CentralTasks.None, "除夕上午书法志愿者现写春联，送到独居老人和困难家庭。", "现写春联送到独居老人和困难家庭。"),
                "桃园村", "桃园村文化礼堂", new(9, 0), new(11, 30)),
        ],
        ["学雷锋日"] =
        [
            new(new("学雷锋志愿服务集市", ServiceType, CentralTasks.CivilizedCity, "3月5日学雷锋纪念日，义诊、理发、家电维修、法律咨询等摊位集中服务。",
                "设义诊、理发、家电维修、法律咨询等摊位，服务群众。"), null, "盐官古城春熙路广场", new(8, 30), new(11, 30)),
        ],
        ["清明"] =
        [
            new(new("清明文明祭扫劝导", "文明劝导", CentralTasks.CivilizedCity, "清明当天在公墓入口劝导文明祭扫、鲜花替代，做好防火提醒。", "在公墓入口劝导文明祭扫、鲜花替代，做好防火提醒。"),
                null, "盐官镇公墓入口", new(7, 30), new(11, 0)),
        ],
        ["劳动节"] =
        [
            new(new("五一劳动节河道清洁行动", "河道保洁", CentralTasks.FiveWaters, "五一劳动节清理村内河道漂浮物和沿岸垃圾。", "清理河道漂浮物和沿岸垃圾。"),
                "镇郊村", "镇郊村河埠头", new(8, 0), new(10, 30)),
            new(new("五一假日古城文明引导", "文明劝导", CentralTasks.CivilizedCity, "五一假日游客高峰，古城入口文明引导、指路和秩序维护。", "在古城入口文明引导、指路，维护游览秩序。"),
                null, "盐官古城景区入口", new(9, 0), new(12, 0)),
        ],
        ["建党节"] =
        [
            new(new("七一党员志愿服务进社区", ServiceType, CentralTasks.CivilizedCity, "七一建党节，党员志愿者进社区开展便民服务。", "党员志愿者进社区开展便民服务。"),
                "宰相府社区", "宰相府社区一站式便民服务中心", new(8, 30), new(11, 0)),
        ],
        ["端午"] =
        [
            new(new("端午包粽子送独居老人", "结对慰问", CentralTasks.None, "端午节当天一起包粽子，送到村里的独居老人家中。", "包粽子并送到独居老人家中。"),
                "桃园村", "桃园村文化礼堂", new(8, 30), new(11, 0)),
        ],
        ["中秋"] =
        [
            new(new("中秋月饼送温暖·走访独居老人", "结对慰问", CentralTasks.None, "中秋节当天给独居和高龄老人送月饼，陪老人聊天。", "给独居和高龄老人送月饼，陪老人聊天。"),
                "城郊村", "城郊村村委会集合", new(14, 0), new(16, 30)),
        ],
        ["国庆"] =
        [
            new(new("国庆假日古城文明引导", "文明劝导", CentralTasks.CivilizedCity, "国庆节游客高峰，古城入口文明引导、指路和秩序维护。", "在古城入口文明引导、指路，维护游览秩序。"),
                null, "盐官古城景区入口", new(9, 0), new(12, 0)),
        ],
        ["重阳"] =
        [
            new(new("重阳敬老上门慰问", "结对慰问", CentralTasks.None, "重阳节当天上门看望高龄和独居老人，送上重阳糕，帮做家务。", "上门看望高龄和独居老人，送上重阳糕，帮做家务。"),
                "盐官社区", "盐官社区一站式便民服务中心集合", new(8, 30), new(11, 0)),
        ],
    };

    private static readonly Theme TideGuide = new("观潮节文明引导", "文明劝导", CentralTasks.CivilizedCity, "观潮节周末客流高峰，景区入口和观潮堤岸文明引导、指路和安全提醒。",
        "在景区入口和观潮堤岸文明引导、指路，提醒游客远离危险堤段。");

    public override async Task PrepareAsync(IServiceProvider services, YearStage stage, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        const string Why = "the demo's year organises the town's activities";
        _firstDay = DateOnly.FromDateTime(Shanghai.ToLocal(stage.FirstDayUtc));
        var lastDay = DateOnly.FromDateTime(Shanghai.ToLocal(stage.EndUtc));
        foreach (var type in await db.Set<ActivityType>().AsNoTracking().ToListAsync(cancellationToken))
        {
            _types[type.Name] = type.Id;
        }

        _demoVolunteer = await db.Volunteers.AcrossStations(Why).AsNoTracking().OrderBy(v => v.Number).Select(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        var stations = await db.Stations.AcrossStations(Why).AsNoTracking().Where(s => s.Kind != StationKind.Outpost)
            .Select(s => new { s.Id, s.Kind, s.Village, s.Latitude, s.Longitude }).ToListAsync(cancellationToken);
        var sub = stations.First(s => s.Kind == StationKind.SubStation);
        var points = stations.Where(s => s.Kind == StationKind.ServicePoint && s.Village != null).ToDictionary(s => s.Village!);
        var parties = await db.PartyOrganizations.AsNoTracking().Where(p => p.Kind == PartyOrganizationKind.Branch)
            .Select(p => new { p.Id, p.Name, p.StationId }).ToListAsync(cancellationToken);
        var templates = await db.Set<ServiceDayTemplate>().AcrossStations(Why).AsNoTracking().Where(t => t.OrganizerKind == OrganizerKind.PartyOrganization)
            .OrderBy(t => t.OrganizerName).ToListAsync(cancellationToken);

        // The seed's branches with templates, then the three that set theirs up at the year's start.
        var branches = templates.Select(t => new Branch(t.OrganizerId, t.OrganizerName, t.StationId, Admin, t.Latitude, t.Longitude, t.Place, t.StartTime, t.EndTime, t.Level, true)).ToList();
        (string Name, string Account, string Place, TimeOnly Start, TimeOnly End, Theme Theme)[] own =
        [
            ("盐官镇机关党支部", TownAccount, "盐官镇公共服务中心门口集合", new(8, 30), new(11, 30), ServiceDayThemes[3]),
            ("中共城郊村第一支部委员会", "manager.chengjiao", "城郊村村委会门口集合", new(8, 0), new(10, 30), ServiceDayThemes[2]),
            ("中共桃园村第一支部委员会", "manager.taoyuan", "桃园村文化礼堂门口集合", new(14, 0), new(16, 30), ServiceDayThemes[4]),
        ];
        foreach (var (name, account, place, start, end, theme) in own)
        {
            var party = parties.FirstOrDefault(p => p.Name == name);
            if (party is null || branches.Any(b => b.Id == party.Id))
            {
                continue;
            }

            var station = stations.First(s => s.Id == (party.StationId ?? sub.Id));
            branches.Add(new Branch(party.Id, name, station.Id, account, station.Latitude, station.Longitude, place, start, end,
                station.Kind == StationKind.SubStation ? ActivityLevel.Town : ActivityLevel.Village, false, theme));
        }

        _branches = branches;

        // The service days the seed already held (its last 25th, with its attendance) are not held again.
        var attended = (await db.Set<SignUp>().AcrossStations(Why).AsNoTracking().Select(s => s.ActivityId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var held = (await db.Set<Activity>().AcrossStations(Why).AsNoTracking().Where(a => a.TemplateId != null && a.OccasionDate != null)
            .Select(a => new { a.Id, a.OrganizerId, a.OccasionDate }).ToListAsync(cancellationToken))
            .Where(a => attended.Contains(a.Id)).Select(a => (a.OrganizerId, a.OccasionDate!.Value)).ToHashSet();

        var events = new List<Gathering>();
        for (var month = new DateOnly(_firstDay.Year, _firstDay.Month, 1); month <= lastDay; month = month.AddMonths(1))
        {
            var day = new DateOnly(month.Year, month.Month, ServiceDayTemplate.ServiceDay);
            for (var i = 0; i < branches.Count; i++)
            {
                var branch = branches[i];
                if (day <= _firstDay || held.Contains((branch.Id, day)))
                {
                    continue;
                }

                var theme = ServiceDayThemes[(month.Month + (i * 2)) % ServiceDayThemes.Length];
                theme = (theme.Type, month.Month) switch
                {
                    ("治安巡逻", 6 or 7 or 8) => FloodPatrol,
                    ("治安巡逻", 12 or 1 or 2) => FirePatrol,
                    _ => theme,
                };
                var town = branch.Level == ActivityLevel.Town;
                events.Add(ForBranch(branch, day, theme with { Description = "每月25日党员先锋服务日。" + theme.Description }, town ? _random.Next(12, 23) : _random.Next(10, 17)));
            }
        }

        // The holiday occurrences the seed's templates generate.
        foreach (var template in templates.Where(t => t.IncludeHolidays))
        {
            var branch = branches.First(b => b.Id == template.OrganizerId);
            foreach (var occurrence in Enumerable.Range(_firstDay.Year, lastDay.Year - _firstDay.Year + 1).SelectMany(template.Occurrences)
                         .Where(o => o.Holiday is not null && o.Date > _firstDay && o.Date <= lastDay && !held.Contains((branch.Id, o.Date))))
            {
                events.Add(ForBranch(branch, occurrence.Date, TemplateHolidays[occurrence.Holiday!.Value], _random.Next(10, 14)));
            }
        }

        // The holidays' own activities, and the tide-watching weekend.
        var holidays = Enumerable.Range(_firstDay.Year, lastDay.Year - _firstDay.Year + 1).SelectMany(YearCalendar.Holidays)
            .Where(h => h.Day > _firstDay.AddDays(2) && h.Day <= lastDay).OrderBy(h => h.Day).ToList();
        var specs = holidays.SelectMany(h => HolidaySpecs[h.Name].Select(s => (h.Day, Spec: s))).ToList();
        for (var day = _firstDay.AddDays(3); day <= lastDay; day = day.AddDays(1))
        {
            if (YearCalendar.IsTideWeek(day) && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                specs.Add((day, new HolidaySpec(TideGuide, null, "盐官观潮景区入口", new(11, 0), new(15, 0))));
            }
        }

        foreach (var (day, spec) in specs.OrderBy(s => s.Day))
        {
            var village = spec.Village is { } v ? points[v] : null;
            var account = spec.Village switch
            {
                null => TownAccount,
                "城郊村" => "manager.chengjiao",
                "桃园村" => "manager.taoyuan",
                _ => Admin,
            };
            var tide = spec.Theme == TideGuide;
            events.Add(new Gathering
            {
                Day = day,
                Account = account,
                OrganizerKind = OrganizerKind.Station,
                OrganizerId = village?.Id ?? sub.Id,
                StationId = village?.Id ?? sub.Id,
                Local = village is not null,
                Theme = spec.Theme,
                Place = spec.Place,
                Latitude = tide ? 30.4028 : village?.Latitude ?? 30.4045,
                Longitude = tide ? 120.5385 : village?.Longitude ?? 120.5432,
                Start = spec.Start,
                End = spec.End,
                Level = village is null ? ActivityLevel.Town : ActivityLevel.Village,
                Wanted = village is null ? _random.Next(15, 27) : _random.Next(10, 16),
                Random = new Random(_random.Next()),
            });
        }

        foreach (var gathering in events.OrderBy(e => e.Day))
        {
            // Announced a week or two before (a holiday's ten days or so); never before the year's first day.
            var before = gathering.FromTemplate ? gathering.Random.Next(7, 15) : gathering.Random.Next(9, 15);
            var publishDay = gathering.Day.AddDays(-before);
            if (publishDay <= _firstDay)
            {
                publishDay = _firstDay.AddDays(1);
            }

            gathering.PublishAt = YearStage.On(publishDay, gathering.Random.Next(9, 17), gathering.Random.Next(60));
            if (!_byPublishDay.TryGetValue(publishDay, out var list))
            {
                _byPublishDay[publishDay] = list = [];
            }

            list.Add(gathering);
        }
    }

    private Gathering ForBranch(Branch branch, DateOnly day, Theme theme, int wanted) => new()
    {
        Day = day,
        Account = branch.Account,
        OrganizerKind = OrganizerKind.PartyOrganization,
        OrganizerId = branch.Id,
        StationId = branch.StationId,
        BranchId = branch.Id,
        Local = true,
        Theme = theme,
        FromTemplate = true,
        Level = branch.Level,
        Wanted = wanted,
        Random = new Random(_random.Next()),
    };

    public override void PlanDay(DateOnly day, YearStage stage)
    {
        if (day == _firstDay)
        {
            stage.At(YearStage.On(day, 8, 40), "activity type", ct => AddTypeAsync(stage, ct));
            foreach (var (branch, i) in _branches.Select((b, i) => (b, i)))
            {
                stage.At(YearStage.On(day, 9, 5 + (i * 7)), "service-day template", ct => branch.Seeded ? GenerateAsync(stage, branch, ct) : SetUpAsync(stage, branch, ct));
            }
        }
        else if (day.Day == 1)
        {
            // "Generate" again: the months ahead get their 25th.
            foreach (var (branch, i) in _branches.Select((b, i) => (b, i)))
            {
                stage.At(YearStage.On(day, 9, 10 + (i * 9)), "service-day generate", ct => GenerateAsync(stage, branch, ct));
            }
        }

        foreach (var gathering in _byPublishDay.GetValueOrDefault(day) ?? [])
        {
            stage.At(gathering.PublishAt, gathering.FromTemplate ? "activity announce" : "activity create", ct => PublishAsync(stage, gathering, ct));
        }
    }

    /// <summary>The administrator adds the 便民服务 type that the seed's five do not cover.</summary>
    private async Task<AppError?> AddTypeAsync(YearStage stage, CancellationToken cancellationToken)
    {
        if (_types.ContainsKey(ServiceType))
        {
            return null;
        }

        var added = await stage.Run<ActivityTypesHandler, Result<Guid>>(await stage.Account(Admin), h => h.Add(new ActivityTypeInput { Name = ServiceType }, cancellationToken));
        if (added.IsOk)
        {
            _types[ServiceType] = added.Value;
        }

        return added.Error;
    }

    private async Task<AppError?> SetUpAsync(YearStage stage, Branch branch, CancellationToken cancellationToken)
    {
        var theme = branch.Theme ?? ServiceDayThemes[2];
        var input = new TemplateInput
        {
            Activity = new ActivityInput
            {
                Title = theme.Title,
                TypeId = _types[theme.Type],
                Tasks = TaskList(theme.Tasks),
                OrganizerKind = OrganizerKind.PartyOrganization,
                OrganizerId = branch.Id,
                Place = branch.Place,
                Latitude = branch.Latitude,
                Longitude = branch.Longitude,
                Quota = 20,
                Level = branch.Level,
                Description = "每月25日党员先锋服务日，支部党员参加，欢迎志愿者报名。",
                CancelCutoffHours = 24,
            },
            StartTime = branch.Start,
            EndTime = branch.End,
            WeekendRule = WeekendRule.Keep,
            IncludeHolidays = false,
        };
        return (await stage.Run<ServiceDaysHandler, Result<int>>(await stage.Account(branch.Account), h => h.Save(input, cancellationToken))).Error;
    }

    private static async Task<AppError?> GenerateAsync(YearStage stage, Branch branch, CancellationToken cancellationToken)
    {
        var template = await stage.Run<AppDbContext, Guid?>(null, db => db.Set<ServiceDayTemplate>().AcrossStations("the demo's year generates the service days")
            .Where(t => t.OrganizerKind == OrganizerKind.PartyOrganization && t.OrganizerId == branch.Id).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken));
        if (template is not { } id)
        {
            return AppError.NotFound($"no template for {branch.Name}");
        }

        return (await stage.Run<ServiceDaysHandler, Result<int>>(await stage.Account(branch.Account), h => h.Generate(id, null, cancellationToken))).Error;
    }

    /// <summary>The organiser announces the activity: revises the generated one with the month's theme, or creates it.</summary>
    private async Task<AppError?> PublishAsync(YearStage stage, Gathering g, CancellationToken cancellationToken)
    {
        var organiser = await stage.Account(g.Account);
        var theme = g.Theme;
        var quota = g.Random.NextDouble() < 0.12 ? Math.Max(5, g.Wanted - 2) : g.Wanted + g.Random.Next(0, 6);
        var input = new ActivityInput
        {
            Title = theme.Title,
            TypeId = _types[theme.Type],
            Tasks = TaskList(theme.Tasks),
            OrganizerKind = g.OrganizerKind,
            OrganizerId = g.OrganizerId,
            Place = g.Place,
            Latitude = g.Latitude,
            Longitude = g.Longitude,
            StartsAt = Utc(YearStage.On(g.Day, g.Start.Hour, g.Start.Minute)),
            EndsAt = Utc(YearStage.On(g.Day, g.End.Hour, g.End.Minute)),
            Quota = quota,
            Level = g.Level,
            Description = theme.Description,
            CancelCutoffHours = 24,
        };
        if (g.FromTemplate)
        {
            var generated = await stage.Run<AppDbContext, Activity?>(null, db => db.Set<Activity>().AcrossStations("the demo's year announces its service days").AsNoTracking()
                .FirstOrDefaultAsync(a => a.OrganizerKind == g.OrganizerKind && a.OrganizerId == g.OrganizerId && a.OccasionDate == g.Day && a.TemplateId != null, cancellationToken));
            if (generated is null)
            {
                return AppError.NotFound($"no generated activity for {g.Day}");
            }

            g.ActivityId = generated.Id;
            input.Place = generated.Place;
            input.Latitude = generated.Latitude;
            input.Longitude = generated.Longitude;
            input.StartsAt = Utc(generated.StartsAt);
            input.EndsAt = Utc(generated.EndsAt);
            var updated = await stage.Run<ManageActivitiesHandler, Result<Guid>>(organiser, h => h.Update(generated.Id, input, cancellationToken));
            if (!updated.IsOk)
            {
                return updated.Error;
            }
        }
        else
        {
            var created = await stage.Run<ManageActivitiesHandler, Result<Guid>>(organiser, h => h.Create(input, cancellationToken));
            if (!created.IsOk)
            {
                return created.Error;
            }

            g.ActivityId = created.Value;
        }

        g.StartsAt = input.StartsAt!.Value;
        g.EndsAt = input.EndsAt!.Value;
        g.Joiners = await ChooseAsync(stage, g, cancellationToken);
        foreach (var joiner in g.Joiners)
        {
            stage.At(joiner.SignUpAt, "activity sign-up", ct => SignUpAsync(stage, g, joiner, ct));
        }

        stage.At(g.StartsAt.AddMinutes(-35), "activity screen", ct => RollCallAsync(stage, g, ct));
        return null;
    }

    private static List<CentralTasks> TaskList(CentralTasks tasks) => [.. Enum.GetValues<CentralTasks>().Where(t => t != CentralTasks.None && tasks.HasFlag(t))];

    private static DateTime Utc(DateTime moment) => DateTime.SpecifyKind(moment, DateTimeKind.Utc);

    /// <summary>
    /// Who signs up: the branch's party members first (most of them), then the village's volunteers, then others of the
    /// town; nobody twice on one day. Each one's course (a cancellation, attendance, arrival, leaving) is drawn now.
    /// </summary>
    private async Task<List<Joiner>> ChooseAsync(YearStage stage, Gathering g, CancellationToken cancellationToken)
    {
        var all = await stage.Run<AppDbContext, List<Candidate>>(null, async db => [.. (await db.Volunteers.AcrossStations("the demo's year finds who signs up").AsNoTracking()
            .Where(v => v.Status == VolunteerStatus.Active && v.Id != _demoVolunteer).OrderBy(v => v.Number)
            .Select(v => new { v.Id, v.RealName, v.StationId, v.PartyOrganizationId, v.PoliticalStatus }).ToListAsync(cancellationToken))
            .Select(v => new Candidate(v.Id, v.RealName, v.StationId,
                v.PoliticalStatus is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryMember ? v.PartyOrganizationId : null))]);
        if (!_busy.TryGetValue(g.Day, out var busy))
        {
            _busy[g.Day] = busy = [];
        }

        var free = all.Where(c => !busy.Contains(c.Id)).ToList();
        var chosen = new List<Candidate>();
        void Take(IEnumerable<Candidate> group, double chance)
        {
            foreach (var c in group)
            {
                if (chosen.Count < g.Wanted && !chosen.Contains(c) && g.Random.NextDouble() < chance)
                {
                    chosen.Add(c);
                }
            }
        }

        if (g.BranchId is { } branch)
        {
            Take(free.Where(c => c.Branch == branch), 0.9);
        }

        if (g.Local)
        {
            Take(free.Where(c => c.StationId == g.StationId), 0.5);
        }

        Take(free.Where(c => !chosen.Contains(c)).Select(c => (c, Key: g.Random.Next())).OrderBy(x => x.Key).Select(x => x.c), 1);
        busy.UnionWith(chosen.Select(c => c.Id));
        return [.. chosen.Select(c => Course(g, c))];
    }

    private static Joiner Course(Gathering g, Candidate c)
    {
        var r = g.Random;
        var signUpAt = SignUpMoment(r, g.PublishAt, g.StartsAt);
        var cancels = r.NextDouble() < 0.06 && g.StartsAt.AddHours(-24) - signUpAt > TimeSpan.FromHours(3);
        var attends = r.NextDouble() < 0.9;
        var arrive = r.NextDouble() < 0.88 ? r.Next(-25, 8) : r.Next(15, 45);
        var leave = r.NextDouble() switch
        {
            < 0.88 => Leave.AtEnd,
            < 0.94 => Leave.Early,
            _ => Leave.Forgets,
        };
        return new Joiner(c.Id, c.Name, signUpAt, cancels, attends, arrive, leave);
    }

    // Most sign up in the first days after the announcement, in waking hours; the last ones three hours before the start.
    private static DateTime SignUpMoment(Random r, DateTime publishAt, DateTime startsAt)
    {
        var from = publishAt.AddMinutes(20);
        var to = startsAt.AddHours(-3);
        var firstDay = DateOnly.FromDateTime(Shanghai.ToLocal(from));
        var days = Math.Max(0, DateOnly.FromDateTime(Shanghai.ToLocal(to)).DayNumber - firstDay.DayNumber);
        var day = firstDay.AddDays((int)(Math.Pow(r.NextDouble(), 1.8) * (days + 1)));
        var at = YearStage.On(day, r.Next(7, 23), r.Next(60)).AddSeconds(r.Next(60));
        if (at <= from)
        {
            at = from.AddMinutes(r.Next(1, 240));
        }

        if (at >= to)
        {
            at = to.AddMinutes(-r.Next(1, 300));
        }

        return at < from ? from : at;
    }

    private static async Task<AppError?> SignUpAsync(YearStage stage, Gathering g, Joiner joiner, CancellationToken cancellationToken)
    {
        var who = YearActors.Volunteer(joiner.Id, joiner.Name);
        var signed = await stage.Run<SignUpHandler, Result<SignUpOutcome>>(who, h => h.SignUp(g.ActivityId, cancellationToken));
        if (!signed.IsOk)
        {
            return signed.Error;
        }

        if (joiner.Cancels)
        {
            // Something came up: cancelled from the phone before the cut-off.
            var cutoff = g.StartsAt.AddHours(-24);
            var at = stage.Now.AddMinutes(60 + (g.Random.NextDouble() * Math.Max(0, (cutoff - stage.Now).TotalMinutes - 120)));
            stage.At(at, "activity cancel", ct => CancelAsync(stage, g, who, ct));
        }

        return null;
    }

    private static async Task<AppError?> CancelAsync(YearStage stage, Gathering g, ClaimsPrincipal who, CancellationToken cancellationToken) =>
        (await stage.Run<SignUpHandler, Result<SignUpOutcome>>(who, h => h.Cancel(g.ActivityId, cancellationToken))).Error;

    /// <summary>
    /// Half an hour before the start the organiser opens the check-in screen; those confirmed now who come check in with
    /// its code and out at the end (a few leave early, a few forget), and the organiser later writes the summary.
    /// </summary>
    private static async Task<AppError?> RollCallAsync(YearStage stage, Gathering g, CancellationToken cancellationToken)
    {
        var screen = await stage.Run<AttendHandler, Result<ScreenCodes>>(await stage.Account(g.Account), h => h.Screen(g.ActivityId, cancellationToken));
        if (!screen.IsOk)
        {
            return screen.Error;
        }

        var confirmed = (await stage.Run<AppDbContext, List<Guid>>(null, db => db.Set<SignUp>().AcrossStations("the demo's year holds its activities").AsNoTracking()
            .Where(s => s.ActivityId == g.ActivityId && s.Status == SignUpStatus.Confirmed).Select(s => s.VolunteerId).ToListAsync(cancellationToken))).ToHashSet();
        var r = g.Random;
        foreach (var joiner in g.Joiners.Where(j => j.Attends && !j.Cancels && confirmed.Contains(j.Id)))
        {
            var who = YearActors.Volunteer(joiner.Id, joiner.Name);
            var checkIn = g.StartsAt.AddMinutes(joiner.ArriveMinutes).AddSeconds(r.Next(60));
            var scansIn = r.NextDouble() < 0.8;
            stage.At(checkIn, "activity check-in", ct => AttendAsync(stage, g, who, AttendanceStep.CheckIn, scansIn, ct));
            switch (joiner.Leave)
            {
                case Leave.Forgets:
                    // The organiser records the hours the next morning.
                    var morning = DateOnly.FromDateTime(Shanghai.ToLocal(g.EndsAt)).AddDays(1);
                    stage.At(YearStage.On(morning, 9 + r.Next(3), r.Next(60)), "activity hours", ct => CorrectAsync(stage, g, joiner.Id, ct));
                    break;
                default:
                    var minutes = joiner.Leave == Leave.Early ? -r.Next(35, 80) : r.Next(-8, 25);
                    var checkOut = g.EndsAt.AddMinutes(minutes).AddSeconds(r.Next(60));
                    if (checkOut < checkIn.AddMinutes(30))
                    {
                        checkOut = checkIn.AddMinutes(30 + r.Next(20));
                    }

                    var scansOut = r.NextDouble() < 0.8;
                    stage.At(checkOut, "activity check-out", ct => AttendAsync(stage, g, who, AttendanceStep.CheckOut, scansOut, ct));
                    break;
            }
        }

        var summaryAt = g.EndsAt.AddHours(1 + r.Next(5)).AddMinutes(r.Next(60));
        if (Shanghai.ToLocal(summaryAt).Hour is >= 21 or < 8)
        {
            summaryAt = YearStage.On(DateOnly.FromDateTime(Shanghai.ToLocal(g.EndsAt)).AddDays(1), 9 + r.Next(3), r.Next(60));
        }

        stage.At(summaryAt, "activity summary", ct => SummarizeAsync(stage, g, ct));
        return null;
    }

    /// <summary>The volunteer scans the QR code on the organiser's screen (its URL's token) or types the 6-digit code under it.</summary>
    private static async Task<AppError?> AttendAsync(YearStage stage, Gathering g, ClaimsPrincipal who, AttendanceStep step, bool scans, CancellationToken cancellationToken)
    {
        var screen = await stage.Run<AttendHandler, Result<ScreenCodes>>(await stage.Account(g.Account), h => h.Screen(g.ActivityId, cancellationToken));
        if (!screen.IsOk)
        {
            return screen.Error;
        }

        var (url, code) = step == AttendanceStep.CheckIn ? (screen.Value.CheckInUrl, screen.Value.CheckInCode) : (screen.Value.CheckOutUrl, screen.Value.CheckOutCode);
        var given = scans ? url[(url.IndexOf("?t=", StringComparison.Ordinal) + 3)..] : code;
        return (await stage.Run<AttendHandler, Result<AttendanceOutcome>>(who, h => h.Record(g.ActivityId, step, given, cancellationToken))).Error;
    }

    /// <summary>A participant checked in but never out: the organiser records the planned hours, with the reason.</summary>
    private static async Task<AppError?> CorrectAsync(YearStage stage, Gathering g, Guid volunteerId, CancellationToken cancellationToken)
    {
        var row = await stage.Run<AppDbContext, Guid?>(null, db => db.Set<SignUp>().AcrossStations("the demo's year holds its activities").AsNoTracking()
            .Where(s => s.ActivityId == g.ActivityId && s.VolunteerId == volunteerId && s.CheckedInAt != null && s.CheckedOutAt == null)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken));
        if (row is not { } id)
        {
            return null;
        }

        var hours = Math.Floor((decimal)(g.EndsAt - g.StartsAt).TotalHours * 2) / 2;
        var input = new HoursCorrection
        {
            CreditHours = hours,
            HonourHours = 0,
            Reason = "现场签到后忘记签退，经活动负责人核实按计划时长记录",
        };
        return (await stage.Run<AttendHandler, Result<Guid>>(await stage.Account(g.Account), h => h.Correct(id, input, cancellationToken))).Error;
    }

    private static async Task<AppError?> SummarizeAsync(YearStage stage, Gathering g, CancellationToken cancellationToken)
    {
        var came = await stage.Run<AppDbContext, int>(null, db => db.Set<SignUp>().AcrossStations("the demo's year holds its activities")
            .CountAsync(s => s.ActivityId == g.ActivityId && s.Status == SignUpStatus.Confirmed && s.CheckedInAt != null, cancellationToken));
        var summary = string.Create(CultureInfo.InvariantCulture, $"{Shanghai.ToLocal(g.StartsAt):M月d日}，{g.Theme.Title}顺利开展。共{came}名志愿者参加，{g.Theme.Done}");
        return (await stage.Run<SummarizeHandler, Result<ActivitySummary>>(await stage.Account(g.Account),
            h => h.Save(g.ActivityId, summary, Array.Empty<UploadedFile>(), cancellationToken))).Error;
    }
}
