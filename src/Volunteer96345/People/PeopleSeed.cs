using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.People;

/// <summary>
/// The demo's people: the skill catalogue, the party organisation tree of the town, and volunteers with valid
/// (invented) ID numbers of the Haining region 330481, encrypted like any other. Names come from <see cref="DemoNames"/>
/// (fitting each person's sex and generation, none twice); the registry is a little over half party members, with a
/// few probationary ones, 共青团员 of 14 to 28 and the masses. The first record (YG000001) is the demo volunteer
/// account's, 张伟 of 城郊村. Deterministic for a given seed.
/// </summary>
internal static class PeopleSeed
{
    public static readonly (string Category, string[] Names)[] SkillCatalogue =
    [
        ("医疗救护", ["应急救护", "医疗护理", "心理疏导"]),
        ("法律政策", ["法律咨询", "政策解读", "纠纷调解"]),
        ("生活服务", ["水电维修", "家电维修", "理发", "缝补", "驾驶"]),
        ("养老助残", ["养老护理", "助餐助浴", "康复陪护"]),
        ("文化教育", ["书法", "电脑操作", "课业辅导", "文艺演出"]),
    ];

    /// <summary>The name of the demo volunteer account, whose record is the registry's first (YG000001).</summary>
    public const string DemoAccountName = "张伟";

    /// <summary>The skill catalogue's skills, for the seed to save before the people who have them.</summary>
    public static List<Skill> DefineSkills() => [.. SkillCatalogue.SelectMany(c => c.Names.Select(n => Skill.Define(n, c.Category)))];

    public static void Run(AppDbContext db, FieldProtector protector, Station sub, IReadOnlyDictionary<string, Station> points, List<Skill> skills,
        DateTime now, int volunteers, IReadOnlyCollection<string> reservedNames)
    {

        var town = PartyOrganization.Found("中共盐官镇委员会", PartyOrganizationKind.Committee, null, sub.Id);
        var branches = new List<PartyOrganization> { PartyOrganization.Found("盐官镇机关党支部", PartyOrganizationKind.Branch, town.Id, sub.Id) };
        db.PartyOrganizations.AddRange(town, branches[0]);
        var i = 0;
        foreach (var (village, point) in points)
        {
            var committee = i++ < 5;
            var parent = PartyOrganization.Found(committee ? $"中共{village}委员会" : $"中共{village}总支部委员会",
                committee ? PartyOrganizationKind.Committee : PartyOrganizationKind.GeneralBranch, town.Id, point.Id);
            db.PartyOrganizations.Add(parent);
            foreach (var ordinal in committee ? new[] { "第一", "第二" } : ["第一"])
            {
                var branch = PartyOrganization.Found($"中共{village}{ordinal}支部委员会", PartyOrganizationKind.Branch, parent.Id, point.Id);
                branches.Add(branch);
                db.PartyOrganizations.Add(branch);
            }
        }

        var random = new Random(2017_0420);
        var today = DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(now));
        var pointList = points.Values.ToList();
        var registered = new List<Volunteer>();
        var named = new HashSet<string>(reservedNames);
        for (var n = 1; n <= volunteers; n++)
        {
            // The first record is the demo volunteer account's: 张伟, a party member in his forties of 城郊村's first branch.
            var first = n == 1;
            var station = first ? points["城郊村"] : pointList[random.Next(pointList.Count)];
            var male = first || random.Next(2) == 0;
            var (status, born) = first ? (PoliticalStatus.PartyMember, Born(random, today, 42, 42)) : Profile(random, today, minor: n % 40 == 0);
            var id = IdNumber(born, male, random);
            var gender = male ? Gender.Male : Gender.Female;
            var name = first ? DemoAccountName : Unique(named, () => DemoNames.Person(random, gender, born.Year));
            named.Add(name);
            var minor = Volunteer.AgeOn(born, today) < Volunteer.AdultAge;
            var party = first ? branches.First(b => b.StationId == station.Id)
                : status is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryMember
                    ? branches.Where(b => b.StationId == station.Id).OrderBy(_ => random.Next()).FirstOrDefault() ?? branches[0]
                    : null;

            // A minor's guardian is a parent of the same surname (a father: a child takes his surname), some thirty years older.
            var guardian = minor ? name[..1] + DemoNames.Given(random, Gender.Male, born.Year - random.Next(26, 36)) : null;
            var details = new VolunteerDetails(name, gender, born, $"13{random.Next(5, 9)}{random.Next(10_000_000, 99_999_999)}",
                $"{station.Village}{random.Next(1, 30)}组{random.Next(1, 60)}号", station.Village, status, party?.Id, (RecruitmentChannel)random.Next(3), null,
                station.Id,
                [.. skills.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).Select(s => new VolunteerSkill { SkillId = s.Id, Level = (SkillLevel)random.Next(3) })],
                [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (DayOfWeek)random.Next(7)).Distinct()
                    .Select(d => new AvailabilitySlot { Day = d, From = new TimeOnly(random.Next(7, 14), 0), To = new TimeOnly(random.Next(15, 22), 0) })
                    .Concat(n % NightWatchEvery == 0 ? NightWatch() : [])],
                [],
                guardian,
                minor ? $"139{random.Next(10_000_000, 99_999_999)}" : null,
                party is null ? null : Category(n, Volunteer.AgeOn(born, today), station.Village));
            var volunteer = Volunteer.Register($"YG{n:D6}", details, id, protector, RegistrationSource.Staff, VolunteerStatus.Active, now);
            registered.Add(volunteer);
            db.Volunteers.Add(volunteer);
        }

        SeedCare(db, protector, pointList, registered, named, now);
        SeedTeams(db, sub, skills, registered, now);
        SeedRosters(db, sub, [points["城郊村"], points["桃园村"]], registered, now);
        SeedTraining(db, sub, points["城郊村"], points["桃园村"], registered, now);
        SeedAlliance(db, sub, points, now);
    }

    /// <summary>
    /// Each branch's secretary (书记): its longest-registered full party member other than the first record (张伟, the demo
    /// volunteer, is a member of his branch, not its secretary, so that the demo secretary's account has his index to
    /// review). Appointed once the members are saved: a secretary and the organisation point at each other.
    /// </summary>
    public static void AppointSecretaries(AppDbContext db)
    {
        foreach (var branch in db.PartyOrganizations.Local.Where(p => p.Kind == PartyOrganizationKind.Branch))
        {
            branch.Appoint(SecretaryOf(db, branch.Id)?.Id);
        }
    }

    /// <summary>The member <see cref="AppointSecretaries"/> appoints to <paramref name="branchId"/>, known before the appointment is saved.</summary>
    public static Volunteer? SecretaryOf(AppDbContext db, Guid branchId) =>
        db.Volunteers.Local.OrderBy(v => v.Number).Skip(1).FirstOrDefault(v => v.PartyOrganizationId == branchId && v.PoliticalStatus == PoliticalStatus.PartyMember);

    /// <summary>
    /// A member's category as a town's register has them: the over-sixties 老年党员, one in nine of the others 流动党员, one
    /// in three 在职党员, the rest 社区党员 or 农村党员 by where they live. From the record's number, not the seed's random
    /// stream, so that the rest of the demo stays as it was.
    /// </summary>
    private static PartyMemberCategory Category(int n, int age, string village) =>
        age >= 60 ? PartyMemberCategory.Elderly
        : n % 9 == 0 ? PartyMemberCategory.Mobile
        : n % 3 == 0 ? PartyMemberCategory.Employed
        : village.EndsWith("社区", StringComparison.Ordinal) ? PartyMemberCategory.Community
        : PartyMemberCategory.Rural;

    /// <summary>
    /// A volunteer's political status and birth date, as a town's 96345 registry has them: a little over half party
    /// members (working-age and retired), a few probationary members, 共青团员 of 18 to 28 and the masses; every
    /// <paramref name="minor"/> one is 15 to 17, a league member or one of the masses, with a guardian's consent.
    /// </summary>
    private static (PoliticalStatus Status, DateOnly Born) Profile(Random random, DateOnly today, bool minor)
    {
        if (minor)
        {
            return (random.Next(3) == 0 ? PoliticalStatus.Masses : PoliticalStatus.LeagueMember, Born(random, today, 15, 17));
        }

        var draw = random.Next(100);
        return draw switch
        {
            < 33 => (PoliticalStatus.PartyMember, Born(random, today, 28, 59)),
            < 55 => (PoliticalStatus.PartyMember, Born(random, today, 60, 76)),
            < 58 => (PoliticalStatus.ProbationaryMember, Born(random, today, 22, 40)),
            < 68 => (PoliticalStatus.LeagueMember, Born(random, today, 18, 28)),
            _ => (PoliticalStatus.Masses, Born(random, today, 18, 72)),
        };
    }

    /// <summary>A birth date on which one is between <paramref name="youngest"/> and <paramref name="oldest"/> whole years old <paramref name="today"/>.</summary>
    private static DateOnly Born(Random random, DateOnly today, int youngest, int oldest) =>
        today.AddYears(-random.Next(youngest, oldest + 1)).AddDays(-random.Next(365));

    /// <summary>A name nobody else in the seed has (the registry has namesakes, but a demo reads better without them).</summary>
    private static string Unique(HashSet<string> taken, Func<string> draw)
    {
        var name = draw();
        while (taken.Contains(name))
        {
            name = draw();
        }

        return name;
    }

    /// <summary>
    /// A dozen merchants of the alliance around the town, with valid (invented) credit codes of Haining. Active ones have
    /// a one-page agreement on file; one has applied, one is suspended and one has withdrawn.
    /// </summary>
    private static void SeedAlliance(AppDbContext db, Station sub, IReadOnlyDictionary<string, Station> points, DateTime now)
    {
        var merchants = new (string Name, string Code, string Contact, string Phone, string Village, string Address, string[] Services, string? Discount, AllianceStatus Status)[]
        {
            ("盐官老街茶馆", "92330481MA2445451U", "沈国华", "13957312345", "盐官社区", "盐官老街春熙路18号", ["茶水", "歇脚", "手机充电"], "凭志愿者证茶水免费", AllianceStatus.Active),
            ("海宁市盐官百姓大药房", "91330481MA2XJWTGFM", "陈丽娟", "0573-87612345", "盐官社区", "城隍庙路56号", ["测血压", "用药咨询"], "凭志愿者证九折", AllianceStatus.Active),
            ("城郊阿明理发店", "91330481MA229JGF7F", "李建明", "13857398765", "城郊村", "城郊村3组12号", ["理发", "上门理发"], "志愿者理发八折，孤寡老人免费", AllianceStatus.Active),
            ("桃园便民超市", "92330481MA26386883", "王秀美", "13605731122", "桃园村", "桃园村委会东侧", ["日用品", "代收快递"], "凭志愿者证九五折", AllianceStatus.Active),
            ("镇郊家电维修部", "91330481MA2DXRB7D7", "张海峰", "15957345678", "镇郊村", "百里钱塘大道88号", ["家电维修", "水电维修"], "志愿者上门免上门费", AllianceStatus.Active),
            ("新民农家菜馆", "91330481MA2M8U120H", "徐春英", "0573-87623456", "新民村", "新民村文化礼堂旁", ["助餐", "团餐"], "志愿者用餐九折", AllianceStatus.Active),
            ("石井五金店", "92330481MA2656690C", "顾德强", "13757311223", "石井村", "石井村集镇路2号", ["五金", "配钥匙"], "凭志愿者证九折", AllianceStatus.Active),
            ("郭店眼镜店", "91330481MA29BD3PE1", "金晓燕", "18857390011", "郭店村", "郭店集镇中心街21号", ["验光", "眼镜维修"], "老花镜免费调校", AllianceStatus.Applied),
            ("丰士洗衣店", "91330481MA2M6MLN5N", "钱玉琴", "13867312233", "丰士村", "丰士村村口", ["洗衣", "缝补"], "志愿者服装八折", AllianceStatus.Active),
            ("南丰水果店", "92330481MA25920265", "吴伟军", "13506734455", "南丰村", "南丰菜场北侧", ["水果", "送货上门"], "凭志愿者证九五折", AllianceStatus.Suspended),
            ("新港电动车修理铺", "91330481MA27E0BCR9", "朱志平", "15088321234", "新港村", "新港码头路6号", ["电动车维修", "补胎"], "志愿者补胎免费", AllianceStatus.Active),
            ("盐官镇文具书店", "91330481MA2NXDBHF8", "蒋文杰", "0573-87634567", "盐官镇", "盐官镇公共服务中心一楼", ["文具", "复印打印"], "复印打印半价", AllianceStatus.Withdrawn),
        };
        var joined = DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(now)).AddYears(-1);
        var n = 0;
        foreach (var m in merchants)
        {
            var station = points.GetValueOrDefault(m.Village) ?? sub;
            var member = AllianceMember.Apply(m.Name, m.Code, m.Contact, m.Phone, m.Address, m.Village, station.Id, m.Services, m.Discount, joined.AddDays(n++ * 17), now);
            if (m.Status != AllianceStatus.Applied)
            {
                var agreement = Common.Files.Attachment.TryCreate(station.Id, $"{m.Name}加盟协议.pdf", AgreementPdf, null, now)!;
                db.Attachments.Add(agreement);
                member.FileAgreement(agreement.Id);
                member.MoveTo(AllianceStatus.Active, null);
                if (m.Status != AllianceStatus.Active)
                {
                    member.MoveTo(m.Status, m.Status == AllianceStatus.Suspended ? "年度考核未通过，整改中" : "店铺歇业");
                }
            }

            db.AllianceMembers.Add(member);
        }
    }

    /// <summary>A blank one-page PDF standing in for a signed agreement.</summary>
    private static readonly byte[] AgreementPdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>How many care recipients the demo has.</summary>
    public const int CareRecipients = 30;

    private static readonly string[] CareNeeds = ["助餐", "助浴", "陪同就医", "代购代办", "精神慰藉", "家电维修", "助行", "心理疏导", "政策咨询"];

    /// <summary>
    /// Thirty care recipients across the service points, and party members paired with two in three of them. Visits
    /// are dated back from today so that most pairings are up to date and four are lapsed (the alert has something to show).
    /// </summary>
    private static void SeedCare(AppDbContext db, FieldProtector protector, List<Station> points, List<Volunteer> volunteers, HashSet<string> named, DateTime now)
    {
        var random = new Random(96345_2017);
        var today = DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(now));
        var members = volunteers.Where(v => v.IsPartyMember).ToList();
        var kinds = Enum.GetValues<DisabilityType>().Where(t => t != DisabilityType.None).ToArray();
        for (var i = 0; i < CareRecipients; i++)
        {
            var station = points[i % points.Count];
            var category = (CareCategory)(i % 4);
            var disabled = category == CareCategory.Disabled || i % 10 == 3;
            var type = disabled ? kinds[i % kinds.Length] : DisabilityType.None;
            // More old women than old men live on their own, as everywhere.
            var male = i % 5 >= 3;
            var born = category == CareCategory.Disabled
                ? new DateOnly(1955, 1, 1).AddDays(random.Next(365 * 45))
                : new DateOnly(1932, 1, 1).AddDays(random.Next(365 * 25));
            var name = Unique(named, () => DemoNames.Person(random, male ? Gender.Male : Gender.Female, born.Year));
            named.Add(name);

            // The family contact is a son or daughter of an old recipient, a parent of a younger one; of the recipient's
            // surname when one of the two is the other's father (a child takes the father's surname).
            var elder = born.Year < 1975;
            var relative = random.Next(2) == 0 ? Gender.Male : Gender.Female;
            var family = Unique([name], () => ((elder ? male : relative == Gender.Male) ? name[..1] : DemoNames.Surname(random))
                + DemoNames.Given(random, relative, born.Year + ((elder ? 1 : -1) * random.Next(24, 34))));
            var group = random.Next(1, 20);
            var details = new CareRecipientDetails(name, male ? Gender.Male : Gender.Female, born, category, type, disabled ? 1 + (i % 4) : null,
                station.Village,
                // Every other one has a landline at home.
                i % 2 == 0 ? $"057387{610000 + i:D6}" : null,
                category == CareCategory.SolitaryElderly ? null : family,
                category == CareCategory.SolitaryElderly ? null : $"13{random.Next(5, 9)}{random.Next(10_000_000, 99_999_999)}",
                $"{station.Village}网格员 0573-8760{3000 + i:D4}",
                [.. CareNeeds.OrderBy(_ => random.Next()).Take(random.Next(1, 4))],
                i % 7 == 0 ? CarePriority.Urgent : i % 3 == 0 ? CarePriority.High : CarePriority.Normal,
                station.Id);
            var sensitive = new CareSensitiveFields(
                IdNumber(born, male, random),
                $"{station.Village}{group}组{random.Next(1, 80)}号",
                disabled ? $"持残疾人证，{DisabilityNotes[(int)type]}，需定期康复" : null,
                HealthNotes[i % HealthNotes.Length],
                category switch
                {
                    CareCategory.SolitaryElderly => "独居，无子女在本地，邻居偶尔照看",
                    CareCategory.EmptyNestElderly => "老两口同住，子女在外地工作，每月回家一次",
                    CareCategory.Disabled => "与家人同住，白天家中无人",
                    _ => "低保户，与孙辈同住",
                });
            var recipient = CareRecipient.Register(details, sensitive, protector, now);
            db.CareRecipients.Add(recipient);

            if (i % 3 == 2)
            {
                continue; // not yet paired
            }

            var member = members.Where(m => m.StationId == station.Id).OrderBy(m => m.Number).FirstOrDefault() ?? members[i % members.Count];
            var cadence = new[] { 7, 14, 30 }[i % 3];
            var pairing = Pairing.Start(recipient.Id, member.Id, station.Id, today.AddDays(-120 - i), cadence, i % 2 == 0, "助老服务岗");
            var lapsed = i % 5 == 0;

            // Lapsed pairings saw their last visit a week past the cadence; the rest were visited within it.
            var last = lapsed ? today.AddDays(-cadence - 7 - i) : today.AddDays(-random.Next(0, cadence));
            for (var on = last.AddDays(-cadence * 3); on <= last; on = on.AddDays(cadence))
            {
                pairing.LogVisit(on, on == last ? VisitKind.HomeVisit : (VisitKind)random.Next(3), VisitNotes[random.Next(VisitNotes.Length)],
                    random.Next(4) == 0 ? "家中电线老化，已联系电工志愿者" : null, null, now);
            }

            db.Pairings.Add(pairing);
        }
    }

    /// <summary>The town's three professional teams at the sub-station, each with members who hold a required skill and a leader among them.</summary>
    private static void SeedTeams(AppDbContext db, Station sub, List<Skill> skills, List<Volunteer> volunteers, DateTime now)
    {
        var teams = new (string Name, TeamKind Kind, string Description, string[] Skills)[]
        {
            ("盐官镇应急救护志愿服务队", TeamKind.FirstAid, "突发事件现场救护、急救知识培训，配合120做好先期处置。", ["应急救护", "医疗护理"]),
            ("盐官镇法律援助志愿服务队", TeamKind.LegalAid, "为群众提供法律咨询、政策解读和矛盾纠纷调解。", ["法律咨询", "政策解读", "纠纷调解"]),
            ("盐官镇养老服务志愿服务队", TeamKind.ElderCare, "为空巢、独居老人提供上门护理、助餐助浴和康复陪护。", ["养老护理", "助餐助浴", "康复陪护"]),
        };
        foreach (var (name, kind, description, skillNames) in teams)
        {
            var required = skills.Where(s => skillNames.Contains(s.Name)).Select(s => s.Id).ToList();
            var team = Team.Form(name, kind, sub.Id, description, required, now);
            foreach (var volunteer in volunteers.Where(v => team.Qualifies(v.Skills.Select(s => s.SkillId))).Take(6))
            {
                team.AddMember(volunteer.Id, volunteer.Skills.Select(s => s.SkillId), now);
            }

            if (team.Members.Count > 0)
            {
                team.SetLeader(team.Members[0].VolunteerId);
            }

            db.Teams.Add(team);
        }
    }

    /// <summary>
    /// Three sessions of each training kind in the last three months, with attendance: the town's rotation training and
    /// skill training at the sub-station (drawing on the whole town, the demo volunteer account's record among them),
    /// Monday evening study at 城郊村 and the “三五” activity day (the 5th of the month) at 桃园村.
    /// </summary>
    private static void SeedTraining(AppDbContext db, Station sub, Station chengjiao, Station taoyuan, List<Volunteer> volunteers, DateTime now)
    {
        var today = DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(now));
        var lastMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        var plans = new List<(TrainingKind Kind, Station Station, string Topic, DateOnly Date, string Place, string Trainer, decimal Hours)>();
        for (var i = 0; i < 3; i++)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-i - 1);
            plans.Add((TrainingKind.Rotation, sub, $"党员轮训：学习贯彻党的二十届三中全会精神（第{3 - i}期）", month.AddDays(14), "盐官镇党群服务中心", "镇党委组织委员", 4m));
            plans.Add((TrainingKind.MondayEveningStudy, chengjiao, $"周一夜学：基层治理与志愿服务（第{3 - i}讲）", lastMonday.AddDays(-14 * i), "城郊村文化礼堂", "城郊村党支部书记", 1.5m));
            plans.Add((TrainingKind.ThreeFiveDay, taoyuan, $"“三五”党员固定活动日（{month.Month}月）：重温入党誓词、结对走访", month.AddDays(4), "桃园村党群服务站", "桃园村党支部", 2.5m));
            plans.Add((TrainingKind.Skill, sub, i == 1 ? "养老护理技能培训" : $"应急救护技能培训（心肺复苏与AED，第{3 - i}期）", month.AddDays(20), "盐官镇社区卫生服务中心", "海宁市红十字会培训师", 6m));
        }

        var turn = 0;
        foreach (var (kind, station, topic, date, place, trainer, hours) in plans)
        {
            var session = TrainingSession.Hold(kind, station.Id, topic, date, place, trainer, hours, now);
            var pool = station == sub ? volunteers : volunteers.Where(v => v.StationId == station.Id).ToList();
            var start = station == sub && kind == TrainingKind.Rotation ? 0 : turn++ * 3 % Math.Max(pool.Count, 1);
            foreach (var volunteer in pool.Skip(start).Take(8))
            {
                session.RecordAttendance(volunteer.Id, now);
            }

            db.TrainingSessions.Add(session);
        }
    }

    /// <summary>
    /// Day (08:00–20:00) and night (20:00–08:00) shifts for this week and next at the sub-station and two service points,
    /// each in turn by the station's own volunteers (the town roster by those of the other villages), so nobody is on
    /// duty twice at once. Next week's Wednesday night at the sub-station is left open: the roster shows the gap alert.
    /// </summary>
    private static void SeedRosters(AppDbContext db, Station sub, Station[] points, List<Volunteer> volunteers, DateTime now)
    {
        var thisWeek = DutyShift.WeekStart(DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(now)));
        var nextWeek = thisWeek.AddDays(7);
        var pointIds = points.Select(p => p.Id).ToHashSet();
        var rosters = points.Select(p => (Station: p, Pool: volunteers.Where(v => v.StationId == p.Id).ToList()))
            .Append((Station: sub, Pool: volunteers.Where(v => !pointIds.Contains(v.StationId)).ToList()));
        var day = (Start: new TimeOnly(8, 0), End: new TimeOnly(20, 0));
        var night = (Start: new TimeOnly(20, 0), End: new TimeOnly(8, 0));
        foreach (var (station, pool) in rosters)
        {
            var turn = 0;
            for (var date = thisWeek; date < nextWeek.AddDays(7); date = date.AddDays(1))
            {
                foreach (var (start, end) in new[] { day, night })
                {
                    if (station == sub && date == nextWeek.AddDays(2) && start == night.Start)
                    {
                        continue;
                    }

                    db.DutyShifts.Add(DutyShift.Plan(station.Id, date, start, end, pool[turn++ % pool.Count].Id, now));
                }
            }
        }
    }

    /// <summary>
    /// Every fourth volunteer also answers at night (夜间应急), every day from 21:00 to 07:00, after the day slots end and
    /// before they start, so that a call at any hour finds someone. Taken from the volunteer's number, not from the
    /// seeded random sequence, so nothing else in the demo changes.
    /// </summary>
    private const int NightWatchEvery = 4;

    private static IEnumerable<AvailabilitySlot> NightWatch() => Enum.GetValues<DayOfWeek>().SelectMany(d => new[]
    {
        new AvailabilitySlot { Day = d, From = TimeOnly.MinValue, To = new TimeOnly(7, 0) },
        new AvailabilitySlot { Day = d, From = new TimeOnly(21, 0), To = new TimeOnly(23, 59) },
    });

    private static readonly string[] DisabilityNotes = ["", "双眼低视力", "双耳听力重度损失", "言语功能障碍", "右下肢截肢，使用轮椅", "轻度智力障碍", "精神分裂症，病情稳定", "肢体与听力多重残疾"];

    private static readonly string[] HealthNotes = ["高血压，每日服药", "糖尿病，需控制饮食", "腿脚不便，行走需拐杖", "轻度认知障碍", "心脏病史，随身带药", "身体尚好"];

    private static readonly string[] VisitNotes = ["上门看望，帮忙打扫卫生", "电话问候，老人精神状态良好", "代购米油等生活用品", "陪同到卫生院配药", "帮忙读信、缴纳水电费"];

    /// <summary>An ID number of Haining (330481) with the given birth date, a sequence of the right parity and its check character.</summary>
    public static string IdNumber(DateOnly born, bool male, Random random)
    {
        var sequence = random.Next(0, 50) * 2 + random.Next(1, 9) * 10 + (male ? 1 : 0);
        var first17 = $"330481{born:yyyyMMdd}{sequence % 1000:D3}";
        return first17 + ChineseId.CheckCharacter(first17);
    }
}
