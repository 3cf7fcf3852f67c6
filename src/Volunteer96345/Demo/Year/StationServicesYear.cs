using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.People.Rosters;
using Volunteer96345.StationServices;
using Volunteer96345.StationServices.ErrandTypes;
using Volunteer96345.StationServices.Outposts;
using Volunteer96345.StationServices.ProgressErrand;
using Volunteer96345.StationServices.RequestErrand;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// The year at the service points and the Red Cube outposts, through the handlers of StationServices. 红色代办: on the
/// first day the town admin adds 医保零星报销 to the errand types; then residents bring errands to
/// the points a few times a week (城郊村 and 桃园村 at their managers, hotline callers at the sub-station, the other
/// villages through the dispatcher), which are submitted to the office, answered (a few rejected, some asking for more
/// documents first), fetched back and closed with the resident's signature, most within their deadline. The outposts:
/// the busiest Red Cubes are rostered (a first week by hand, then each Sunday the week copied onto the next), and the
/// volunteer on duty logs directions, rest, water and charging, umbrellas lent and items stored and collected, several a
/// day, more on summer weekends and many more in the tide-watching week.
/// </summary>
internal sealed class StationServicesYear : YearPart
{
    private readonly Random _random = new(9634503);
    private List<(Guid Id, string Village)> _points = [];
    private Guid _subStation;
    private readonly List<Outpost> _outposts = [];
    private readonly Dictionary<Guid, string> _names = [];
    private DateOnly _firstDay;
    private DateOnly _firstCopiedWeek;

    private sealed record Outpost(Guid Id, string Name, string Manager, double Weight, double TideWeight, List<Guid> Pool, int Slot, int Slots);

    // The outposts the town staffs every day, with how busy each is (the tide's viewing point fills in the tide week).
    private static readonly (string Name, double Weight, double Tide)[] Staffed =
    [
        ("“红立方”驿站·盐官古城", 3, 3), ("“红立方”驿站·观潮景区", 2, 8), ("“红立方”驿站·海神庙", 2, 3),
        ("“红立方”驿站·汽车站", 2, 2), ("“红立方”驿站·农贸市场", 1.5, 1), ("“红立方”驿站·宰相府", 1, 1),
    ];

    private static readonly (TimeOnly Start, TimeOnly End)[] Shifts = [(new(8, 0), new(14, 0)), (new(14, 0), new(20, 0))];

    private static readonly (ConvenienceKind Kind, double Weight, string[] Notes)[] Entries =
    [
        (ConvenienceKind.Directions, 34, ["游客问去观潮景区的路", "问海神庙怎么走", "问汽车站班车时间", "问镇卫生院怎么走", "外地游客问停车场"]),
        (ConvenienceKind.Rest, 20, ["老人进站歇脚", "游客带小孩休息", "环卫工人休息喝水"]),
        (ConvenienceKind.Charging, 16, ["手机充电", "接热水", "游客饮水"]),
        (ConvenienceKind.FirstAid, 3, ["游客擦伤，处理伤口", "老人中暑，扶进站休息并送水", "小孩摔倒，贴创可贴"]),
        (ConvenienceKind.Other, 9, ["借用雨伞一把", "借用雨衣", "帮游客拍照", "借用轮椅"]),
    ];

    private static readonly string[] StoredThings = ["行李箱一只", "双肩包一个", "购物袋两只", "雨伞和背包", "婴儿推车一辆", "电动车头盔", "快递包裹一件"];

    private static readonly (string Name, ErrandOffice Office, string[] Documents, int Days)[] NewTypes =
    [
        ("医保零星报销", ErrandOffice.SocialSecurity, ["身份证", "社会保障卡", "医疗费用发票", "病历资料"], 10),
    ];

    public override async Task PrepareAsync(IServiceProvider services, YearStage stage, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var stations = await db.Stations.AcrossStations("the demo's year reads the town").AsNoTracking().Where(s => s.IsActive)
            .Select(s => new { s.Id, s.Name, s.Kind, s.Village, s.ParentId }).ToListAsync(cancellationToken);
        _points = [.. stations.Where(s => s.Kind == StationKind.ServicePoint).OrderBy(s => s.Village).Select(s => (s.Id, s.Village ?? ""))];
        _subStation = stations.First(s => s.Kind == StationKind.SubStation).Id;
        var volunteers = await db.Volunteers.AcrossStations("the demo's year reads the town").AsNoTracking().Where(v => v.Status == VolunteerStatus.Active)
            .OrderBy(v => v.Number).Select(v => new { v.Id, v.RealName, v.StationId }).ToListAsync(cancellationToken);
        foreach (var v in volunteers)
        {
            _names[v.Id] = v.RealName;
        }

        var chengjiao = _points.First(p => p.Village == "城郊村").Id;
        var staffed = Staffed.Select(s => (s.Weight, s.Tide, Station: stations.FirstOrDefault(x => x.Name == s.Name))).Where(s => s.Station?.ParentId is not null).ToList();

        // An outpost is staffed by the volunteers of its village's point; the village's outposts share them out, two shifts each a day.
        foreach (var village in staffed.GroupBy(s => s.Station!.ParentId!.Value))
        {
            var pool = volunteers.Where(v => v.StationId == village.Key).Select(v => v.Id).ToList();
            var slots = village.Count() * Shifts.Length;
            if (pool.Count < slots)
            {
                continue;
            }

            var index = 0;
            foreach (var (weight, tide, station) in village)
            {
                _outposts.Add(new Outpost(station!.Id, station.Name, station.ParentId == chengjiao ? "manager.chengjiao" : "admin", weight, tide, pool, index, slots));
                index += Shifts.Length;
            }
        }
    }

    public override void PlanDay(DateOnly day, YearStage stage)
    {
        if (_firstDay == default)
        {
            _firstDay = day;
            PlanFirstDay(day, stage);
        }

        // Each Sunday evening the managers copy the outposts' week onto the next one.
        if (day.DayOfWeek == DayOfWeek.Sunday && DutyShift.WeekStart(day) >= _firstCopiedWeek)
        {
            foreach (var outpost in _outposts)
            {
                var from = DutyShift.WeekStart(day);
                stage.At(YearStage.On(day, 20, 30), "roster copy", async ct => (await stage.Run<DutyRosterHandler, Result<CopyOutcome>>(await stage.Account(outpost.Manager),
                    h => h.CopyWeek(outpost.Id, new CopyWeekInput { FromWeek = from, ToWeek = from.AddDays(7) }, ct))).Error);
            }
        }

        PlanErrands(day, stage);
        PlanOutposts(day, stage);
    }

    private void PlanFirstDay(DateOnly day, YearStage stage)
    {
        var morning = YearStage.On(day, 7, 30);
        foreach (var type in NewTypes)
        {
            stage.At(morning, "errand type", async ct => (await stage.Run<ManageErrandTypesHandler, Result<Guid>>(await stage.Account("admin"), h => h.Save(null,
                new ErrandTypeInput
                {
                    Name = type.Name,
                    Office = type.Office,
                    Documents = [.. type.Documents],
                    DeadlineWorkingDays = type.Days,
                }, ct))).Error);
        }

        // The first roster, by hand: from today to the end of next week; from then on each week is copied.
        _firstCopiedWeek = DutyShift.NextWeekStart(day);
        for (var date = day; date < _firstCopiedWeek.AddDays(7); date = date.AddDays(1))
        {
            foreach (var outpost in _outposts)
            {
                for (var shift = 0; shift < Shifts.Length; shift++)
                {
                    var input = new ShiftInput
                    {
                        StationId = outpost.Id,
                        Date = date,
                        Start = Shifts[shift].Start,
                        End = Shifts[shift].End,
                        VolunteerId = outpost.Pool[((date.DayNumber * outpost.Slots) + outpost.Slot + shift) % outpost.Pool.Count],
                    };
                    stage.At(morning.AddMinutes(5), "roster shift", async ct => (await stage.Run<DutyRosterHandler, Result<Guid>>(await stage.Account(outpost.Manager),
                        h => h.AddShift(input, ct))).Error);
                }
            }
        }
    }

    // ---- 红色代办 ----

    private void PlanErrands(DateOnly day, YearStage stage)
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || _points.Count == 0)
        {
            return;
        }

        for (var i = YearStage.Poisson(_random, 0.8); i > 0; i--)
        {
            var (stationId, account) = _random.NextDouble() switch
            {
                < 0.30 => (_points.First(p => p.Village == "城郊村").Id, "manager.chengjiao"),
                < 0.55 => (_points.First(p => p.Village == "桃园村").Id, "manager.taoyuan"),
                < 0.70 => (_subStation, "manager.substation"),
                _ => (_points[_random.Next(_points.Count)].Id, "dispatcher"),
            };
            var at = YearStage.On(day, 9 + _random.Next(7), _random.Next(60));
            var plan = new Random(_random.Next());
            var village = _points.FirstOrDefault(p => p.Id == stationId).Village;
            if (village is { Length: > 0 } && _random.NextDouble() < 0.2)
            {
                // A 低保 (or other application) by phone: the hotline hands it over, and the village point collects the originals.
                stage.At(at, "errand by phone", ct => PhoneRequestAsync(stage, village, account, plan, ct));
                continue;
            }

            stage.At(at, "errand request", ct => RequestAsync(stage, stationId, account, plan, ct));
        }
    }

    private static async Task<AppError?> RequestAsync(YearStage stage, Guid stationId, string account, Random plan, CancellationToken cancellationToken)
    {
        var types = await stage.Run<AppDbContext, List<(Guid Id, string Name, ErrandOffice Office, List<string> Documents, int Days)>>(null, async db =>
            [.. (await db.Set<ErrandType>().AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name).ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.Name, t.Office, t.Documents, t.DeadlineWorkingDays))]);
        if (types.Count == 0)
        {
            return AppError.NotFound("no errand types");
        }

        var type = types[plan.Next(types.Count)];
        var received = type.Documents.ToList();
        string? missing = null;
        if (received.Count > 1 && plan.NextDouble() < 0.15)
        {
            missing = received[plan.Next(received.Count)];
            received.Remove(missing);
        }

        var resident = YearPeople.Resident(plan);
        var staff = await stage.Account(account);
        var errand = await stage.Run<RequestErrandHandler, Result<ErrandReceived>>(staff, h => h.Request(new RequestErrandInput
        {
            ErrandTypeId = type.Id,
            StationId = stationId,
            ResidentName = resident.Name,
            ResidentPhone = resident.Mobile,
            ReceivedDocuments = received,
            Note = missing is null ? null : $"{missing}暂缺，居民约定后补。",
        }, cancellationToken));
        if (!errand.IsOk)
        {
            return errand.Error;
        }

        var flow = new ErrandFlow(errand.Value.Id, staff, type.Office, type.Days <= 5, plan);
        if (missing is not null)
        {
            var bring = WorkingMoment(stage.Now, 1 + plan.Next(flow.Short ? 1 : 2), plan);
            stage.At(bring, "errand documents", async ct =>
            {
                var got = await stage.Run<ProgressErrandHandler, Result<int>>(staff, h => h.ReceiveDocuments(flow.Id, new DocumentsInput { Documents = [missing] }, ct));
                if (got.IsOk)
                {
                    stage.At(WorkingMoment(stage.Now, flow.Short ? 0 : plan.Next(2), plan), "errand submit", c => SubmitAsync(stage, flow, c));
                }

                return got.Error;
            });
        }
        else
        {
            stage.At(WorkingMoment(stage.Now, flow.Short ? plan.Next(2) : 1 + plan.Next(2), plan), "errand submit", ct => SubmitAsync(stage, flow, ct));
        }

        return null;
    }

    /// <summary>
    /// A resident calls 96345 for an application an errand type takes over (低保申请代办 …): the dispatcher records the call,
    /// the console hands it over as an errand of the village point with every original to collect, and the point's staff
    /// collect them a working day or two later and run it as any errand.
    /// </summary>
    private static async Task<AppError?> PhoneRequestAsync(YearStage stage, string village, string account, Random plan, CancellationToken cancellationToken)
    {
        var types = await stage.Run<AppDbContext, List<(string Code, ErrandOffice Office, List<string> Documents, int Days)>>(null, async db =>
            [.. (await db.Set<ErrandType>().AsNoTracking().Where(t => t.IsActive && t.ServiceCode != null).OrderBy(t => t.ServiceCode).ToListAsync(cancellationToken))
                .Select(t => (t.ServiceCode!, t.Office, t.Documents, t.DeadlineWorkingDays))]);
        if (types.Count == 0)
        {
            return AppError.NotFound("no errand type takes over a catalogue item");
        }

        var type = types[plan.Next(types.Count)];
        var questions = await stage.Run<AppDbContext, List<WorkOrders.ServiceQuestion>>(null, async db =>
            [.. (await db.Set<WorkOrders.ServiceItem>().AsNoTracking().FirstAsync(i => i.Code == type.Code, cancellationToken)).Attributes.Where(a => a.Required).OrderBy(a => a.Order)]);
        var resident = YearPeople.Resident(plan);
        var receipt = await stage.Run<WorkOrders.Intake.IntakeHandler, Result<WorkOrders.Intake.IntakeReceipt>>(await stage.Account("dispatcher"), h => h.Submit(
            new WorkOrders.Intake.IntakeInput
            {
                ServiceCode = type.Code,
                Description = "来电咨询申请办理，家中老人行动不便，希望村里帮忙代办。",
                Address = $"{village}{1 + plan.Next(8)}组{1 + plan.Next(60)}号",
                Village = village,
                CallerName = resident.Name,
                CallerPhone = resident.Mobile,
                Answers = questions.ToDictionary(q => q.Code, q => YearPeople.Answer(q, stage.Now, plan)),
            }, WorkOrders.IntakeChannel.Hotline, null, cancellationToken));
        if (!receipt.IsOk)
        {
            return receipt.Error;
        }

        if (receipt.Value.HandedOver is not { } errand)
        {
            return AppError.Conflict("the call was not handed over");
        }

        var staff = await stage.Account(account);
        var flow = new ErrandFlow(errand.Id, staff, type.Office, type.Days <= 5, plan);
        stage.At(WorkingMoment(stage.Now, 1 + plan.Next(2), plan), "errand documents", async ct =>
        {
            var got = await stage.Run<ProgressErrandHandler, Result<int>>(staff, h => h.ReceiveDocuments(flow.Id, new DocumentsInput { Documents = type.Documents }, ct));
            if (got.IsOk)
            {
                stage.At(WorkingMoment(stage.Now, plan.Next(2), plan), "errand submit", c => SubmitAsync(stage, flow, c));
            }

            return got.Error;
        });
        return null;
    }

    // A short errand (a deadline of five working days or less) moves on the same or the next day at each step.
    private sealed record ErrandFlow(Guid Id, ClaimsPrincipal Staff, ErrandOffice Office, bool Short, Random Plan)
    {
        public bool AskedForMore { get; set; }
    }

    private static string OfficeName(ErrandOffice office) => office switch
    {
        ErrandOffice.CivilAffairs => "盐官镇社会事务办（民政）",
        ErrandOffice.FamilyPlanning => "盐官镇卫生健康办",
        _ => "海宁市社保中心盐官分中心",
    };

    private static async Task<AppError?> SubmitAsync(YearStage stage, ErrandFlow flow, CancellationToken cancellationToken)
    {
        var plan = flow.Plan;
        var submitted = await stage.Run<ProgressErrandHandler, Result<int>>(flow.Staff, h => h.Submit(flow.Id, new SubmitInput
        {
            OfficeName = OfficeName(flow.Office),
            SubmittedOn = Today(stage.Now),
            OfficeHandler = DemoNames.Person(plan, plan.Next(2) == 0 ? Gender.Male : Gender.Female),
        }, cancellationToken));
        if (!submitted.IsOk)
        {
            return submitted.Error;
        }

        var answer = flow.AskedForMore ? ErrandStatus.Approved : plan.NextDouble() switch
        {
            < 0.85 => ErrandStatus.Approved,
            < 0.91 => ErrandStatus.Rejected,
            _ => ErrandStatus.MoreDocumentsNeeded,
        };
        var wait = flow.Short ? 1 + (plan.NextDouble() < 0.2 ? 1 : 0) : 2 + plan.Next(flow.AskedForMore ? 3 : 5);
        stage.At(WorkingMoment(stage.Now, wait, plan), "errand answer", ct => AnswerAsync(stage, flow, answer, ct));
        return null;
    }

    private static async Task<AppError?> AnswerAsync(YearStage stage, ErrandFlow flow, ErrandStatus answer, CancellationToken cancellationToken)
    {
        var plan = flow.Plan;
        var reason = answer switch
        {
            ErrandStatus.Rejected => "经审核，家庭收入超出标准，不符合申请条件。",
            ErrandStatus.MoreDocumentsNeeded => "需补充近三个月的相关证明材料。",
            _ => null,
        };
        var answered = await stage.Run<ProgressErrandHandler, Result<int>>(flow.Staff, h => h.Answer(flow.Id, new AnswerInput { Answer = answer, Reason = reason },
            cancellationToken));
        if (!answered.IsOk)
        {
            return answered.Error;
        }

        if (answer == ErrandStatus.MoreDocumentsNeeded)
        {
            // The resident brings the proof to the point; it goes to the office with the originals still there.
            flow.AskedForMore = true;
            stage.At(WorkingMoment(stage.Now, 1 + plan.Next(3), plan), "errand documents", async ct =>
            {
                var got = await stage.Run<ProgressErrandHandler, Result<int>>(flow.Staff, h => h.ReceiveDocuments(flow.Id,
                    new DocumentsInput { Documents = ["补充证明材料"] }, ct));
                if (got.IsOk)
                {
                    stage.At(stage.Now.AddHours(1 + plan.Next(4)), "errand submit", c => SubmitAsync(stage, flow, c));
                }

                return got.Error;
            });
            return null;
        }

        var collect = WorkingMoment(stage.Now, flow.Short ? plan.Next(2) : 1 + plan.Next(2), plan);
        stage.At(collect, "errand collect", async ct =>
        {
            var fetched = await stage.Run<ProgressErrandHandler, Result<int>>(flow.Staff, h => h.Collect(flow.Id, ct));
            if (fetched.IsOk)
            {
                var result = answer == ErrandStatus.Approved ? "办理完成，审批已通过，原件已归还居民。" : "审核未通过，已向居民解释原因，原件已归还。";
                var signature = Signature(plan);
                stage.At(WorkingMoment(stage.Now, plan.Next(flow.Short ? 2 : 3), plan), "errand close", c => Close(stage, flow, result, signature, c));
            }

            return fetched.Error;
        });
        return null;
    }

    private static async Task<AppError?> Close(YearStage stage, ErrandFlow flow, string result, string signature, CancellationToken cancellationToken) =>
        (await stage.Run<ProgressErrandHandler, Result<int>>(flow.Staff, h => h.Close(flow.Id, new CloseInput { Result = result, Signature = signature },
            cancellationToken))).Error;

    private static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(utc));

    // Office hours on the working day <paramref name="days"/> working days after <paramref name="after"/>'s day (0: later that day, before 17:00, when there is time left; else the next working day).
    private static DateTime WorkingMoment(DateTime after, int days, Random plan)
    {
        var date = Today(after);
        if (days == 0)
        {
            var later = after.AddMinutes(20 + plan.Next(60));
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && later < YearStage.On(date, 17))
            {
                return later;
            }

            days = 1;
        }

        for (var left = days; left > 0 || date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                left--;
            }
        }

        return YearStage.On(date, 9 + plan.Next(7), plan.Next(60));
    }

    /// <summary>The resident's signature as the canvas sends it: a PNG (a grey scribble on white) as a data URL.</summary>
    private static string Signature(Random plan)
    {
        const int width = 160;
        const int height = 48;
        var raw = new byte[height * (width + 1)];
        Array.Fill(raw, (byte)255);
        for (var y = 0; y < height; y++)
        {
            raw[y * (width + 1)] = 0;
        }

        var phase = plan.NextDouble() * 6;
        var wave = 5 + plan.Next(6);
        for (var x = 12; x < width - 12; x++)
        {
            var y = (int)(24 + (12 * Math.Sin((x / (double)wave) + phase)) + (4 * Math.Sin(x / 23.0)));
            for (var dy = -1; dy <= 1; dy++)
            {
                raw[(Math.Clamp(y + dy, 0, height - 1) * (width + 1)) + 1 + x] = 40;
            }
        }

        return "data:image/png;base64," + Convert.ToBase64String(PngEncoder.Encode(width, height, PngEncoder.Grey, raw));
    }

    // ---- The outposts' log ----

    private void PlanOutposts(DateOnly day, YearStage stage)
    {
        if (_outposts.Count == 0)
        {
            return;
        }

        var tide = YearCalendar.IsTideWeek(day);
        var rate = 3.2;
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            rate *= day.Month is >= 5 and <= 10 ? 2.2 : 1.4;
        }

        if (tide)
        {
            rate *= 4;
        }

        if (YearCalendar.IsSpringFestival(day) || YearCalendar.Holidays(day.Year).Any(h => h.Day == day))
        {
            rate *= 1.4;
        }

        for (var i = YearStage.Poisson(_random, rate); i > 0; i--)
        {
            var outpost = PickOutpost(tide);
            var hour = 8 + _random.Next(12);
            var at = YearStage.On(day, hour, _random.Next(60)).AddSeconds(_random.Next(60));
            var plan = new Random(_random.Next());
            if (plan.NextDouble() < 0.2 && hour < 18)
            {
                stage.At(at, "outpost storage", ct => StoreAsync(stage, outpost, plan, ct));
            }
            else
            {
                var (kind, notes) = PickEntry(plan);
                var note = notes[plan.Next(notes.Length)];
                stage.At(at, "outpost entry", ct => OnDutyAsync(stage, outpost, async (who, c) =>
                    (await stage.Run<OutpostLogHandler, Result<Guid>>(who, h => h.Quick(outpost.Id, new QuickEntryInput { Kind = kind, Note = note }, c))).Error, ct));
            }
        }
    }

    private Outpost PickOutpost(bool tide)
    {
        var pick = _random.NextDouble() * _outposts.Sum(o => tide ? o.TideWeight : o.Weight);
        foreach (var outpost in _outposts)
        {
            pick -= tide ? outpost.TideWeight : outpost.Weight;
            if (pick < 0)
            {
                return outpost;
            }
        }

        return _outposts[^1];
    }

    private static (ConvenienceKind Kind, string[] Notes) PickEntry(Random plan)
    {
        var pick = plan.NextDouble() * Entries.Sum(e => e.Weight);
        foreach (var (kind, weight, notes) in Entries)
        {
            pick -= weight;
            if (pick < 0)
            {
                return (kind, notes);
            }
        }

        return (Entries[0].Kind, Entries[0].Notes);
    }

    /// <summary>Runs <paramref name="write"/> as the volunteer on the outpost's roster now, read from the roster itself.</summary>
    private async Task<AppError?> OnDutyAsync(YearStage stage, Outpost outpost, Func<ClaimsPrincipal, CancellationToken, Task<AppError?>> write, CancellationToken cancellationToken)
    {
        var now = Common.Time.Shanghai.ToLocal(stage.Now);
        var today = DateOnly.FromDateTime(now);
        var shifts = await stage.Run<AppDbContext, List<DutyShift>>(null, db => db.DutyShifts.AcrossStations("the demo's year reads the outposts' rosters").AsNoTracking()
            .Where(s => s.StationId == outpost.Id && s.Date >= today.AddDays(-1) && s.Date <= today).ToListAsync(cancellationToken));
        var onDuty = shifts.Where(s => s.Span.Contains(now)).Select(s => s.VolunteerId).FirstOrDefault(id => _names.ContainsKey(id));
        if (onDuty == Guid.Empty)
        {
            return AppError.Conflict($"nobody on duty at {outpost.Name}");
        }

        return await write(YearActors.Volunteer(onDuty, _names[onDuty]), cancellationToken);
    }

    private async Task<AppError?> StoreAsync(YearStage stage, Outpost outpost, Random plan, CancellationToken cancellationToken)
    {
        var owner = YearPeople.Resident(plan);
        var thing = StoredThings[plan.Next(StoredThings.Length)];
        string? code = null;
        var error = await OnDutyAsync(stage, outpost, async (who, c) =>
        {
            var stored = await stage.Run<OutpostLogHandler, Result<ItemStored>>(who, h => h.Store(outpost.Id, new StoreItemInput
            {
                Description = thing,
                OwnerPhone = owner.Mobile,
            }, null, c));
            code = stored.IsOk ? stored.Value.ClaimCode : null;
            return stored.Error;
        }, cancellationToken);
        if (error is not null || code is null)
        {
            return error;
        }

        // Most owners come back the same day, before the last shift ends; a few never do (the sweeper makes them lost property).
        if (plan.NextDouble() < 0.9)
        {
            var local = Common.Time.Shanghai.ToLocal(stage.Now);
            var latest = YearStage.On(DateOnly.FromDateTime(local), 19, 50);
            var back = stage.Now.AddMinutes(30 + plan.Next(300));
            back = back < latest ? back : latest.AddMinutes(-plan.Next(20));
            var typed = code;
            stage.At(back > stage.Now ? back : stage.Now.AddMinutes(5), "outpost pick-up", ct => OnDutyAsync(stage, outpost, async (who, c) =>
                (await stage.Run<OutpostLogHandler, Result<StoredItemRow>>(who, h => h.Claim(outpost.Id, new ClaimInput { Code = typed }, c))).Error, ct));
        }

        return null;
    }
}
