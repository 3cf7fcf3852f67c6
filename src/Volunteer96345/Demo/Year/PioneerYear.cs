using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.Evaluation;
using Volunteer96345.Evaluation.Pioneer;
using Volunteer96345.People;

namespace Volunteer96345.Demo.Year;

/// <summary>
/// The Pioneer Index's year: the town opens each quarter on its first working day; members declare a commendation or a
/// deed now and then with proof; after the quarter each branch's secretary reviews the branch's members from the phone
/// (the town admin reviews the secretaries' own), the town returns one for a second look and approves the rest, the
/// results are posted for five working days, and an objection or two is raised and decided. The year's last quarter is
/// still open when the year ends.
/// </summary>
internal sealed class PioneerYear : YearPart
{
    private const string Admin = "admin";
    private readonly Random _random = new(25_2026);
    private readonly List<(Guid Id, string Name, Guid? Secretary, string? SecretaryName)> _branches = [];
    private readonly List<(Guid Id, string Name, Guid Organization)> _members = [];
    private DateOnly _firstDay;

    private static readonly (string Item, string Text)[] Deeds =
    [
        ("commendations", "获评海宁市优秀共产党员，附表彰文件"),
        ("commendations", "被评为盐官镇“最美志愿者”，附证书照片"),
        ("declared", "台风“贝碧嘉”期间连续三天参加村里防汛值守和转移群众"),
        ("declared", "协助村里完成独居老人冬季安全走访登记"),
        ("declared", "组织本组党员为困难家庭募集过冬物资"),
        ("declared", "参加“潮乡先锋”志愿宣讲三场"),
        ("declared", "义务为村民调解邻里纠纷两起"),
    ];

    public override async Task PrepareAsync(IServiceProvider services, YearStage stage, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        const string Why = "the demo's party members and secretaries live at every station";
        var names = await db.Volunteers.AcrossStations(Why).AsNoTracking()
            .Where(v => v.PartyOrganizationId != null && v.Status == VolunteerStatus.Active
                && (v.PoliticalStatus == PoliticalStatus.PartyMember || v.PoliticalStatus == PoliticalStatus.ProbationaryMember))
            .OrderBy(v => v.Number).Select(v => new { v.Id, v.RealName, Organization = v.PartyOrganizationId!.Value }).ToListAsync(cancellationToken);
        _members.AddRange(names.Select(n => (n.Id, n.RealName, n.Organization)));
        var byId = names.ToDictionary(n => n.Id, n => n.RealName);
        var branches = await db.PartyOrganizations.AsNoTracking().Where(p => p.Kind == PartyOrganizationKind.Branch).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.SecretaryVolunteerId }).ToListAsync(cancellationToken);
        _branches.AddRange(branches.Select(b => (b.Id, b.Name, b.SecretaryVolunteerId,
            b.SecretaryVolunteerId is { } s ? byId.GetValueOrDefault(s) : null)));
        _firstDay = DateOnly.FromDateTime(Common.Time.Shanghai.ToLocal(stage.FirstDayUtc));
    }

    public override void PlanDay(DateOnly day, YearStage stage)
    {
        var (year, quarter) = (day.Year, ((day.Month - 1) / 3) + 1);
        var quarterStart = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        var working = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        // The quarter opens on its first working day (and on the year's first day, for the quarter it begins in).
        if (day == _firstDay || (working && day.DayNumber - quarterStart.DayNumber < 7 && !Enumerable.Range(quarterStart.DayNumber, day.DayNumber - quarterStart.DayNumber)
                .Select(DateOnly.FromDayNumber).Any(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))))
        {
            stage.At(YearStage.On(day, 9, 5), "pioneer quarter opened", async ct => YearStage.Outcome(await stage.Run<PioneerHandler, Result<int>>(
                await stage.Account(Admin), h => h.OpenQuarter(new QuarterInput { Year = year, Quarter = quarter }, ct))));
        }

        // A member declares a deed about every fifth day.
        if (_members.Count > 0 && _random.NextDouble() < 0.2 && day > _firstDay)
        {
            var member = _members[_random.Next(_members.Count)];
            var (item, text) = Deeds[_random.Next(Deeds.Length)];
            stage.At(YearStage.On(day, 19, _random.Next(60)), "pioneer declaration", ct => DeclareAsync(stage, member, year, quarter, item, text, ct));
        }

        // After a quarter: the branches review from the 3rd to the 8th, the town approves on the 12th (or the next working day).
        var previous = quarter == 1 ? (Year: year - 1, Quarter: 4) : (Year: year, Quarter: quarter - 1);
        var inFirstMonth = day.Month == quarterStart.Month;
        if (inFirstMonth && day.Day is >= 3 and <= 8 && working)
        {
            foreach (var branch in _branches.Where((b, n) => b.Secretary is not null && (n + day.Day) % 3 == 0))
            {
                stage.At(YearStage.On(day, 20, _random.Next(60)), "pioneer branch review", ct => ReviewBranchAsync(stage, branch, previous, admin: false, ct));
            }
        }

        if (inFirstMonth && day.Day is >= 11 and <= 14 && working)
        {
            stage.At(YearStage.On(day, 9, 30), "pioneer town review", ct => ReviewBranchAsync(stage, default, previous, admin: true, ct));
            stage.At(YearStage.On(day, 15, 0), "pioneer approval", ct => ApproveAsync(stage, previous, ct));
        }
    }

    private static async Task<AppError?> DeclareAsync(YearStage stage, (Guid Id, string Name, Guid Organization) member, int year, int quarter, string item, string text,
        CancellationToken cancellationToken)
    {
        var id = await stage.Run<AppDbContext, Guid?>(null, db => db.Set<PioneerAssessment>().Where(a => a.VolunteerId == member.Id && a.Year == year
            && a.Quarter == quarter && a.Status == AssessmentStatus.Open).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken));
        if (id is null)
        {
            return null;
        }

        return YearStage.Outcome(await stage.Run<PioneerHandler, Result<Guid>>(YearActors.Volunteer(member.Id, member.Name), h => h.Declare(id.Value,
            new DeclarationInput { ItemCode = item, Units = 1, Text = text }, null, cancellationToken)));
    }

    /// <summary>
    /// A secretary reviews the branch's open assessments of the quarter (the town admin, those nobody else may: the
    /// secretaries' own, and any returned): most declarations accepted, one in six not, and now and then an adjustment.
    /// </summary>
    private async Task<AppError?> ReviewBranchAsync(YearStage stage, (Guid Id, string Name, Guid? Secretary, string? SecretaryName) branch, (int Year, int Quarter) period,
        bool admin, CancellationToken cancellationToken)
    {
        var open = await stage.Run<AppDbContext, List<PioneerAssessment>>(null, db => db.Set<PioneerAssessment>().AsNoTracking()
            .Where(a => a.Year == period.Year && a.Quarter == period.Quarter && a.Status == AssessmentStatus.Open && (admin || a.PartyOrganizationId == branch.Id))
            .ToListAsync(cancellationToken));
        if (open.Count == 0)
        {
            return null;
        }

        var who = admin ? await stage.Account(Admin) : YearActors.Volunteer(branch.Secretary!.Value, branch.SecretaryName!);
        return await stage.Run<PioneerHandler, AppError?>(who, async h =>
        {
            foreach (var assessment in open.Where(a => admin || a.VolunteerId != branch.Secretary))
            {
                var plan = new Random(_random.Next());
                var input = new ReviewInput
                {
                    Judgements = [.. assessment.LiveDeclarations.Select(d => plan.Next(6) == 0
                        ? new JudgementInput { DeclarationId = d.Id, Accept = false, Note = "证明材料不足，请补充后下季度再报" }
                        : new JudgementInput { DeclarationId = d.Id, Accept = true, Units = d.Units, Note = "经支部委员会讨论，予以认定" })],
                    Adjustment = plan.Next(40) == 0 ? 2 : 0,
                };
                input.AdjustmentReason = input.Adjustment != 0 ? "带头参加村里抗台防汛，支部委员会讨论加分" : null;
                if ((await h.Review(assessment.Id, input, cancellationToken)).Error is { } error)
                {
                    return error;
                }
            }

            return null;
        });
    }

    /// <summary>The town approves the quarter's reviewed results at once, after returning one for a second look; one is objected to and dismissed.</summary>
    private async Task<AppError?> ApproveAsync(YearStage stage, (int Year, int Quarter) period, CancellationToken cancellationToken)
    {
        var reviewed = await stage.Run<AppDbContext, List<(Guid Id, Guid Organization, Guid Volunteer)>>(null, async db =>
            [.. (await db.Set<PioneerAssessment>().AsNoTracking().Where(a => a.Year == period.Year && a.Quarter == period.Quarter && a.Status == AssessmentStatus.Reviewed)
                .OrderBy(a => a.VolunteerId).Select(a => new { a.Id, a.PartyOrganizationId, a.VolunteerId }).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.PartyOrganizationId, a.VolunteerId))]);
        if (reviewed.Count == 0)
        {
            return null;
        }

        // The first day's batch has one returned to its branch; the town reviews it again the next day and approves it.
        var admin = await stage.Account(Admin);
        var returned = reviewed.Count > 1 ? reviewed[_random.Next(reviewed.Count)] : default;
        var back = returned == default ? true : await stage.Run<PioneerHandler, Result<bool>>(admin, h => h.Return(returned.Id,
            new ReasonInput { Reason = "自评申报的表彰与市里公示名单不一致，请支部核实后重新评议" }, cancellationToken));
        var approved = await stage.Run<PioneerHandler, Result<int>>(admin, h => h.Approve([.. reviewed.Where(r => r != returned).Select(r => r.Id)], cancellationToken));
        if (approved.Error is { } error || back.Error is { } backError)
        {
            return approved.Error ?? back.Error;
        }

        // A branch member objects the next day; the town looks into it and dismisses it two days later.
        var objected = reviewed.FirstOrDefault(r => r != returned && _members.Any(m => m.Organization == r.Organization && m.Id != r.Volunteer));
        if (objected != default)
        {
            var by = _members.First(m => m.Organization == objected.Organization && m.Id != objected.Volunteer);
            stage.At(stage.Now.AddDays(1).AddHours(4), "pioneer objection", async ct => YearStage.Outcome(await stage.Run<PioneerHandler, Result<bool>>(
                YearActors.Volunteer(by.Id, by.Name), h => h.Object(objected.Id, new ReasonInput { Reason = "该同志本季度多次无故缺席先锋服务日，分数偏高" }, ct))));
            stage.At(stage.Now.AddDays(3).AddHours(1), "pioneer objection decided", ct => DecideAsync(stage, objected.Id, ct));
        }

        return null;
    }

    private static async Task<AppError?> DecideAsync(YearStage stage, Guid id, CancellationToken cancellationToken)
    {
        var objection = await stage.Run<AppDbContext, Guid?>(null, async db => (await db.Set<PioneerAssessment>().AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken))
            .Objections.Where(o => o.Outcome == ObjectionOutcome.Open).Select(o => (Guid?)o.Id).FirstOrDefault());
        return objection is null ? null : YearStage.Outcome(await stage.Run<PioneerHandler, Result<bool>>(await stage.Account(Admin), h => h.Decide(id, objection.Value,
            new DecisionInput { Uphold = false, Decision = "经核实，缺席均已事先请假，系有故缺席，异议不成立" }, cancellationToken)));
    }
}
