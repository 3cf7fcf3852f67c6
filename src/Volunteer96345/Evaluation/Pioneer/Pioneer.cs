using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Activities;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Evaluation.Composite;
using Volunteer96345.People;

namespace Volunteer96345.Evaluation.Pioneer;

public sealed record AssessmentRow(Guid Id, Guid VolunteerId, string Name, string Number, Guid OrganizationId, string Organization, PartyMemberCategory? Category,
    AssessmentStage Stage, decimal Score, PioneerGrade Grade, bool Frozen, int PendingDeclarations, int OpenObjections, DateTime? PublicUntil);

public sealed record BoardView(int Year, int Quarter, int Members, IReadOnlyList<AssessmentRow> Rows);

public sealed record DeclarationRow(Guid Id, string ItemCode, string ItemName, decimal Units, string Text, IReadOnlyList<Guid> EvidenceIds, DateTime DeclaredAt,
    DeclarationStatus Status, decimal? AcceptedUnits, string? BranchNote);

public sealed record ObjectionRow(Guid Id, string? ByName, string Reason, DateTime At, ObjectionOutcome Outcome, string? Decision, DateTime? DecidedAt);

public sealed record StepRow(DateTime At, AssessmentStepKind Kind, string Actor, string? Text);

public sealed record QuarterScore(int Quarter, Guid? AssessmentId, AssessmentStage? Stage, decimal? Score, PioneerGrade? Grade);

/// <summary>The year's result: the mean of the four final quarters, graded by the scheme; fixed once all four are final.</summary>
public sealed record YearResult(int Year, IReadOnlyList<QuarterScore> Quarters, decimal? Score, PioneerGrade? Grade, bool Fixed);

public sealed record AssessmentView(AssessmentRow Row, IndexResult Result, IReadOnlyList<FactEvidence> Evidence, IReadOnlyList<DeclarationRow> Declarations,
    IReadOnlyList<ObjectionRow> Objections, IReadOnlyList<StepRow> Steps, IReadOnlyList<SchemeItem> Declarable, string? AdjustmentReason, string? Violation,
    YearResult YearResult, bool CanDeclare, bool CanReview, bool CanApprove, bool CanDecide);

/// <summary>A member's own page on the phone: the quarter's index (live if the town has not opened it), and the year.</summary>
public sealed record MyIndex(int Year, int Quarter, AssessmentView? Assessment, IndexResult Live, IReadOnlyList<FactEvidence> Evidence, YearResult YearResult,
    IReadOnlyList<AssessmentRow> Posted);

public sealed class QuarterInput
{
    public int? Year { get; set; }
    public int? Quarter { get; set; }
}

public sealed class DeclarationInput
{
    public string? ItemCode { get; set; }
    public decimal? Units { get; set; }
    public string? Text { get; set; }
    public List<Guid>? EvidenceIds { get; set; }
}

public sealed class JudgementInput
{
    public Guid DeclarationId { get; set; }
    public bool? Accept { get; set; }
    public decimal? Units { get; set; }
    public string? Note { get; set; }
}

public sealed class ReviewInput
{
    public List<JudgementInput>? Judgements { get; set; }
    public decimal? Adjustment { get; set; }
    public string? AdjustmentReason { get; set; }
    public string? Violation { get; set; }
}

public sealed class ReasonInput
{
    public string? Reason { get; set; }
}

public sealed class DecisionInput
{
    public bool? Uphold { get; set; }
    public string? Decision { get; set; }
}

/// <summary>The approved result as frozen: the scheme, the member's category, the facts and their evidence, and the index.</summary>
public sealed record FrozenResult(PioneerScheme Scheme, PartyMemberCategory? Category, Dictionary<IndexFact, decimal> Units, List<FactEvidence> Evidence,
    IndexResult Result)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FrozenResult FromJson(string json) => JsonSerializer.Deserialize<FrozenResult>(json, Json)!;
}

/// <summary>
/// 党员先锋指数 each quarter (docs/evaluation.md): the town opens the quarter for every party member; the member sees the
/// index computed from the platform's facts and declares extra items with proof (自评); the secretary of the member's
/// organisation, or of one above it, judges the declarations and may adjust with a reason (支部评议); the town admin
/// approves (党委审核), which freezes the result with its facts and scheme, and it is posted in the branch for five
/// working days (公示), when members of the branch may object; once the period is over with every objection decided, the
/// quarter is final, and the year's grade is fixed with the fourth.
/// </summary>
internal sealed class PioneerHandler(AppDbContext db, CurrentUser user, TimeProvider clock, PioneerFacts facts, Notifier notifier,
    IStringLocalizer<SharedResource> localizer)
{
    public const int PublicWorkingDays = 5;
    private const string Why = "party members are assessed by their organisation, not by the station they live at";

    private bool IsTown => user.IsInAnyRole(Roles.TownAdmin, Roles.Inspector);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- Schemes -------------------------------------------------------------------------------------------------------

    public static async Task<PioneerScheme> SchemeForAsync(AppDbContext db, int year, CancellationToken cancellationToken) =>
        await db.Set<PioneerSchemeYear>().AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, cancellationToken) is { } saved
            ? saved.Scheme
            : PioneerScheme.Default(year);

    // ---- The quarter --------------------------------------------------------------------------------------------------

    /// <summary>Opens the quarter for every active party member with an organisation who has no assessment yet; returns how many were opened.</summary>
    public async Task<Result<int>> OpenQuarter(QuarterInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = CheckQuarter(input.Year, input.Quarter);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var (year, quarter) = (input.Year!.Value, input.Quarter!.Value);
        var members = await db.Volunteers.AcrossStations(Why)
            .Where(m => m.Status == VolunteerStatus.Active && m.PartyOrganizationId != null
                && (m.PoliticalStatus == PoliticalStatus.PartyMember || m.PoliticalStatus == PoliticalStatus.ProbationaryMember))
            .Where(m => !db.Set<PioneerAssessment>().Any(a => a.Year == year && a.Quarter == quarter && a.VolunteerId == m.Id))
            .Select(m => new { m.Id, Organization = m.PartyOrganizationId!.Value }).ToListAsync(cancellationToken);
        foreach (var m in members)
        {
            db.Add(PioneerAssessment.Open(m.Id, m.Organization, year, quarter, user.Name, Now));
        }

        var accounts = await db.VolunteerAccountsAsync([.. members.Select(m => m.Id)], cancellationToken);
        notifier.ToUsers(accounts.Values, new Notice("Notice.PioneerOpened.Subject", "Notice.PioneerOpened.Body", Num(year), Num(quarter)), MemberLink);
        await db.SaveChangesAsync(cancellationToken);
        return members.Count;
    }

    private Validation CheckQuarter(int? year, int? quarter)
    {
        var today = Shanghai.Today(clock);
        var v = new Validation(localizer).Range("year", year, 2020, today.Year).Range("quarter", quarter, 1, 4);
        if (v.IsValid)
        {
            v.Check(new EvaluationPeriod(PeriodKind.Quarter, year!.Value, quarter!.Value).FirstDay <= today, "quarter", "Pioneer.QuarterNotBegun");
        }

        return v;
    }

    /// <summary>The quarter asked for, this quarter by default; an error when it is not one of the years the platform keeps.</summary>
    private AppError? AskedQuarter(int? year, int? quarter, out int y, out int q)
    {
        var today = Shanghai.Today(clock);
        (y, q) = (year ?? today.Year, quarter ?? ((today.Month - 1) / 3) + 1);
        var v = new Validation(localizer).Range("year", y, 2020, today.Year).Range("quarter", q, 1, 4);
        return v.IsValid ? null : v.ToError();
    }

    /// <summary>The quarter's board: the town sees every member, a secretary the members of their organisations.</summary>
    public async Task<Result<BoardView>> Board(int? year, int? quarter, Guid? organizationId, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (scope is { Count: 0 } && !IsTown)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (AskedQuarter(year, quarter, out var y, out var q) is { } error)
        {
            return error;
        }

        var query = db.Set<PioneerAssessment>().AsNoTracking().Where(a => a.Year == y && a.Quarter == q);
        if (scope is not null)
        {
            query = query.Where(a => scope.Contains(a.PartyOrganizationId));
        }

        if (organizationId is { } org)
        {
            var subtree = PartyOrganization.Subtrees(await db.PartyOrganizations.AsNoTracking().ToListAsync(cancellationToken), [org]);
            query = query.Where(a => subtree.Contains(a.PartyOrganizationId));
        }

        var assessments = await query.ToListAsync(cancellationToken);
        var rows = await RowsAsync(assessments, y, q, cancellationToken);
        return new BoardView(y, q, rows.Count, [.. rows.OrderBy(r => r.Organization).ThenBy(r => r.Number)]);
    }

    public async Task<Result<AssessmentView>> Get(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Set<PioneerAssessment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        var scope = await ScopeAsync(cancellationToken);
        var own = user.VolunteerId == assessment.VolunteerId;
        if (!IsTown && !own && scope?.Contains(assessment.PartyOrganizationId) != true)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        return await ViewAsync(assessment, scope, cancellationToken);
    }

    /// <summary>A declaration's proof file, for whoever may read the assessment (the member, the branch's secretaries, the town).</summary>
    public async Task<Result<Common.Files.Attachment>> Proof(Guid id, Guid fileId, CancellationToken cancellationToken)
    {
        if (await db.Set<PioneerAssessment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment
            || !assessment.Declarations.Any(d => d.EvidenceIds.Contains(fileId)))
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        var scope = await ScopeAsync(cancellationToken);
        if (!IsTown && user.VolunteerId != assessment.VolunteerId && scope?.Contains(assessment.PartyOrganizationId) != true)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        return await db.Attachments.AcrossStations("a member's proof is read by their branch, wherever the member lives").AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == fileId, cancellationToken) is { } file ? file : AppError.NotFound(localizer["Pioneer.NotFound"]);
    }

    /// <summary>The member's own index on the phone: this quarter's (or the one asked for), the year, and what is posted in their branch.</summary>
    public async Task<Result<MyIndex>> Mine(int? year, int? quarter, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me)
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (AskedQuarter(year, quarter, out var y, out var q) is { } error)
        {
            return error;
        }

        var member = await db.Volunteers.AcrossStations(Why).Where(m => m.Id == me).Select(m => new { m.MemberCategory, m.PartyOrganizationId })
            .SingleAsync(cancellationToken);
        var scheme = await SchemeForAsync(db, y, cancellationToken);
        var period = new EvaluationPeriod(PeriodKind.Quarter, y, q);
        // The member's facts are gathered once: for the page's facts-only index and, while not frozen, for the assessment.
        var mine = await facts.GatherAsync(period, scheme.GoodEvaluationMark, me, withEvidence: true, cancellationToken);
        var gathered = mine.GetValueOrDefault(me) ?? new MemberFacts();
        var assessment = await db.Set<PioneerAssessment>().AsNoTracking().SingleOrDefaultAsync(a => a.Year == y && a.Quarter == q && a.VolunteerId == me, cancellationToken);
        var view = assessment is null ? null : await ViewAsync(assessment, await ScopeAsync(cancellationToken), cancellationToken, mine);
        var live = PioneerIndex.Compute(scheme, member.MemberCategory, Units(gathered, null, scheme));
        var posted = new List<AssessmentRow>();
        if (member.PartyOrganizationId is { } org)
        {
            var now = Now;
            var inBranch = await db.Set<PioneerAssessment>().AsNoTracking()
                .Where(a => a.PartyOrganizationId == org && a.Status == AssessmentStatus.Approved && a.PublicUntil > now).ToListAsync(cancellationToken);
            posted = [.. (await RowsAsync(inBranch, y, q, cancellationToken)).OrderBy(r => r.Number)];
        }

        return new MyIndex(y, q, view, live, gathered.Evidence, view?.YearResult ?? await YearResultAsync(me, y, cancellationToken), posted);
    }

    /// <summary>Whether the caller is the secretary of any party organisation (their phone shows the branch review).</summary>
    public async Task<bool> IsSecretary(CancellationToken cancellationToken) =>
        user.VolunteerId is { } me && await db.PartyOrganizations.AnyAsync(p => p.SecretaryVolunteerId == me, cancellationToken);

    // ---- The member ---------------------------------------------------------------------------------------------------

    public async Task<Result<Guid>> Declare(Guid id, DeclarationInput input, IReadOnlyCollection<UploadedFile>? uploads, CancellationToken cancellationToken)
    {
        if (await db.Set<PioneerAssessment>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment
            || assessment.VolunteerId != user.VolunteerId)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        if (assessment.Status != AssessmentStatus.Open)
        {
            return AppError.Conflict(localizer["Pioneer.NotOpen"]);
        }

        var scheme = await SchemeForAsync(db, assessment.Year, cancellationToken);
        var item = scheme.Items.FirstOrDefault(i => i.Code == input.ItemCode && PioneerScheme.Declarable.Contains(i.Fact));
        var v = new Validation(localizer).Text("text", input.Text, PioneerAssessment.TextLength).Range("units", (double?)input.Units, 0.5, 100);
        v.Check(item is not null, "itemCode", "Pioneer.NotDeclarable");
        v.Check(assessment.LiveDeclarations.Count() < PioneerAssessment.MaxDeclarations, "itemCode", "Pioneer.TooManyDeclarations", PioneerAssessment.MaxDeclarations);
        // Proof is kept with the member's home station, which the member's own change may write to; files already stored
        // count only when the member uploaded them (no station file is proof of a member's deed).
        var station = await db.Volunteers.AcrossStations(Why).Where(m => m.Id == assessment.VolunteerId).Select(m => m.StationId).SingleAsync(cancellationToken);
        user.Grant(station);
        var ids = input.EvidenceIds ?? [];
        v.Check(ids.Count == 0 || await db.Attachments.CountAsync(a => ids.Contains(a.Id) && a.UploadedBy == user.UserId, cancellationToken) == ids.Distinct().Count(),
            "evidenceIds", "Evidence.Unknown");
        await Evidence.CheckAsync(db, v, "evidenceIds", station, input.EvidenceIds, uploads, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var declaration = assessment.Declare(item!.Code, input.Units!.Value, input.Text!,
            Evidence.Store(db, station, input.EvidenceIds, uploads, user.UserId, Now), user.Name, Now)!;
        await NotifySecretaryAsync(assessment, new Notice("Notice.PioneerDeclared.Subject", "Notice.PioneerDeclared.Body", user.Name, item.Name), cancellationToken);
        return await SaveAsync(declaration.Id, cancellationToken);
    }

    public async Task<Result<bool>> Withdraw(Guid id, Guid declarationId, CancellationToken cancellationToken)
    {
        if (await db.Set<PioneerAssessment>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment
            || assessment.VolunteerId != user.VolunteerId)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        return assessment.Withdraw(declarationId, user.Name, Now) ? await SaveAsync(true, cancellationToken) : AppError.Conflict(localizer["Pioneer.NotOpen"]);
    }

    /// <summary>A member of the branch objects to a posted result (not to their own: that is a word with the secretary).</summary>
    public async Task<Result<bool>> Object(Guid id, ReasonInput input, CancellationToken cancellationToken)
    {
        if (user.VolunteerId is not { } me || await db.Set<PioneerAssessment>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        var member = await db.Volunteers.AcrossStations(Why).Where(m => m.Id == me).Select(m => new { m.PartyOrganizationId, m.RealName }).SingleAsync(cancellationToken);
        if (member.PartyOrganizationId != assessment.PartyOrganizationId || assessment.StageAt(Now) != AssessmentStage.Posted)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        var v = new Validation(localizer).Text("reason", input.Reason, PioneerAssessment.TextLength);
        v.Check(assessment.VolunteerId != me, "reason", "Pioneer.OwnObjection");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (assessment.Object(me, member.RealName, input.Reason!, Now) is null)
        {
            return AppError.Conflict(localizer["Pioneer.NotPosted"]);
        }

        notifier.ToUsers(await db.TownAdminsAsync(cancellationToken), new Notice("Notice.PioneerObjected.Subject", "Notice.PioneerObjected.Body",
            Rectifications.RectificationsHandler.Short(input.Reason!)), $"/evaluation/pioneer/{id}");
        return await SaveAsync(true, cancellationToken);
    }

    // ---- The branch and the town --------------------------------------------------------------------------------------

    public async Task<Result<bool>> Review(Guid id, ReviewInput input, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(cancellationToken);
        if (await db.Set<PioneerAssessment>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment
            || !(user.IsInRole(Roles.TownAdmin) || scope?.Contains(assessment.PartyOrganizationId) == true))
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        if (assessment.VolunteerId == user.VolunteerId)
        {
            return AppError.Forbidden(localizer["Pioneer.OwnReview"]);
        }

        if (assessment.Status != AssessmentStatus.Open)
        {
            return AppError.Conflict(localizer["Pioneer.NotOpen"]);
        }

        var judgements = (input.Judgements ?? []).GroupBy(j => j.DeclarationId).ToDictionary(g => g.Key, g => g.Last());
        var v = new Validation(localizer).Range("adjustment", (double?)(input.Adjustment ?? 0), -(double)PioneerAssessment.MaxAdjustment,
            (double)PioneerAssessment.MaxAdjustment);
        v.Text("adjustmentReason", input.AdjustmentReason, PioneerAssessment.TextLength, required: (input.Adjustment ?? 0) != 0);
        v.Text("violation", input.Violation, PioneerAssessment.TextLength, required: false);
        foreach (var declaration in assessment.LiveDeclarations)
        {
            var judged = judgements.GetValueOrDefault(declaration.Id);
            v.Check(judged?.Accept is not null, "judgements", "Pioneer.JudgeEvery");
            if (judged?.Accept == true)
            {
                v.Range("units", (double?)(judged.Units ?? declaration.Units), 0, (double)declaration.Units);
            }
            else if (judged?.Accept == false)
            {
                v.Text("note", judged.Note, PioneerAssessment.TextLength);
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var decided = assessment.LiveDeclarations.ToDictionary(d => d.Id, d =>
        {
            var j = judgements[d.Id];
            return (j.Accept!.Value, j.Units ?? d.Units, j.Note);
        });
        assessment.Review(decided, input.Adjustment ?? 0, input.AdjustmentReason, input.Violation, user.Name, Now);
        return await SaveAsync(true, cancellationToken);
    }

    public async Task<Result<bool>> Return(Guid id, ReasonInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<PioneerAssessment>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        var v = new Validation(localizer).Text("reason", input.Reason, PioneerAssessment.TextLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (!assessment.Return(input.Reason!, user.Name, Now))
        {
            return AppError.Conflict(localizer["Pioneer.NotReviewed"]);
        }

        await NotifySecretaryAsync(assessment, new Notice("Notice.PioneerReturned.Subject", "Notice.PioneerReturned.Body",
            Rectifications.RectificationsHandler.Short(input.Reason!)), cancellationToken);
        return await SaveAsync(true, cancellationToken);
    }

    /// <summary>党委审核: approves every reviewed assessment given (one, or a branch's at once), freezing each with its facts.</summary>
    public async Task<Result<int>> Approve(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var list = ids.Distinct().ToList();
        var assessments = await db.Set<PioneerAssessment>().Where(a => list.Contains(a.Id)).ToListAsync(cancellationToken);
        if (assessments.Count != list.Count || list.Count == 0)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        if (assessments.Any(a => a.Status != AssessmentStatus.Reviewed))
        {
            return AppError.Conflict(localizer["Pioneer.NotReviewed"]);
        }

        var calendar = await HolidayAdjustment.CalendarAsync(db, cancellationToken);
        var publicUntil = Shanghai.StartOfDayUtc(calendar.AddWorkingDays(Shanghai.Today(clock), PublicWorkingDays).AddDays(1));
        foreach (var group in assessments.GroupBy(a => (a.Year, a.Quarter)))
        {
            var scheme = await SchemeForAsync(db, group.Key.Year, cancellationToken);
            var ids2 = group.Select(a => a.VolunteerId).ToList();
            var categories = await db.Volunteers.AcrossStations(Why).Where(m => ids2.Contains(m.Id)).Select(m => new { m.Id, m.MemberCategory })
                .ToDictionaryAsync(m => m.Id, m => m.MemberCategory, cancellationToken);
            var period = new EvaluationPeriod(PeriodKind.Quarter, group.Key.Year, group.Key.Quarter);
            var all = group.Count() == 1
                ? await facts.GatherAsync(period, scheme.GoodEvaluationMark, group.First().VolunteerId, withEvidence: true, cancellationToken)
                : await facts.GatherAsync(period, scheme.GoodEvaluationMark, null, withEvidence: true, cancellationToken);
            foreach (var assessment in group)
            {
                var gathered = all.GetValueOrDefault(assessment.VolunteerId) ?? new MemberFacts();
                var units = Units(gathered, assessment, scheme);
                var category = categories.GetValueOrDefault(assessment.VolunteerId);
                var result = PioneerIndex.Compute(scheme, category, units, assessment.Adjustment);
                var frozen = new FrozenResult(scheme, category, units, gathered.Evidence, result);
                assessment.Approve(frozen.ToJson(), result.Score, result.Grade, publicUntil, user.Name, Now);
            }
        }

        var accounts = await db.VolunteerAccountsAsync([.. assessments.Select(a => a.VolunteerId)], cancellationToken);
        foreach (var a in assessments.Where(a => accounts.ContainsKey(a.VolunteerId)))
        {
            notifier.ToUsers([accounts[a.VolunteerId]], new Notice("Notice.PioneerApproved.Subject", "Notice.PioneerApproved.Body", Num(a.Year), Num(a.Quarter),
                a.Score!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), Shanghai.Format(publicUntil)), MemberLink);
        }

        return await SaveAsync(assessments.Count, cancellationToken);
    }

    public async Task<Result<bool>> Decide(Guid id, Guid objectionId, DecisionInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (await db.Set<PioneerAssessment>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } assessment)
        {
            return AppError.NotFound(localizer["Pioneer.NotFound"]);
        }

        var v = new Validation(localizer).Required("uphold", input.Uphold).Text("decision", input.Decision, PioneerAssessment.TextLength);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (!assessment.Decide(objectionId, input.Uphold!.Value, input.Decision!, user.Name, Now))
        {
            return AppError.Conflict(localizer["Pioneer.ObjectionClosed"]);
        }

        if (input.Uphold == true)
        {
            await NotifySecretaryAsync(assessment, new Notice("Notice.PioneerReturned.Subject", "Notice.PioneerReturned.Body",
                Rectifications.RectificationsHandler.Short(input.Decision!)), cancellationToken);
        }

        return await SaveAsync(true, cancellationToken);
    }

    private const string MemberLink = "/m/pioneer";

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Tells the secretary nearest the member (of their organisation, or the first above it that has one), on the phone.</summary>
    private async Task NotifySecretaryAsync(PioneerAssessment assessment, Notice notice, CancellationToken cancellationToken)
    {
        var all = await db.PartyOrganizations.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        for (var org = all.GetValueOrDefault(assessment.PartyOrganizationId); org is not null; org = org.ParentId is { } parent ? all.GetValueOrDefault(parent) : null)
        {
            if (org.SecretaryVolunteerId is { } secretary && secretary != assessment.VolunteerId)
            {
                var accounts = await db.VolunteerAccountsAsync([secretary], cancellationToken);
                notifier.ToUsers(accounts.Values, notice, $"/m/pioneer/branch/{assessment.Id}?year={assessment.Year}&quarter={assessment.Quarter}");
                return;
            }
        }
    }

    // ---- Reading ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The organisations whose members the caller reviews as a secretary (theirs and every one under them); null for the
    /// town's staff, who see every organisation.
    /// </summary>
    private async Task<HashSet<Guid>?> ScopeAsync(CancellationToken cancellationToken)
    {
        if (IsTown)
        {
            return null;
        }

        if (user.VolunteerId is not { } me)
        {
            return [];
        }

        var all = await db.PartyOrganizations.AsNoTracking().ToListAsync(cancellationToken);
        return PartyOrganization.Subtrees(all, all.Where(p => p.SecretaryVolunteerId == me).Select(p => p.Id));
    }

    /// <summary>The platform's facts with the branch's accepted declarations and its recorded violation.</summary>
    private static Dictionary<IndexFact, decimal> Units(MemberFacts gathered, PioneerAssessment? assessment, PioneerScheme scheme)
    {
        var units = new Dictionary<IndexFact, decimal>(gathered.Units);
        if (assessment is not null)
        {
            foreach (var (code, accepted) in assessment.AcceptedUnits())
            {
                if (scheme.Items.FirstOrDefault(i => i.Code == code) is { } item)
                {
                    units[item.Fact] = units.GetValueOrDefault(item.Fact) + accepted;
                }
            }

            if (assessment.Violation is not null)
            {
                units[IndexFact.Discipline] = 1;
            }
        }

        return units;
    }

    /// <summary>The rows of the assessments, computed live where not yet frozen (from <paramref name="gathered"/> when the caller has the facts already).</summary>
    private async Task<List<AssessmentRow>> RowsAsync(List<PioneerAssessment> assessments, int year, int quarter, CancellationToken cancellationToken,
        Dictionary<Guid, MemberFacts>? gathered = null)
    {
        if (assessments.Count == 0)
        {
            return [];
        }

        var scheme = await SchemeForAsync(db, year, cancellationToken);
        var memberIds = assessments.Select(a => a.VolunteerId).ToList();
        var members = await db.Volunteers.AcrossStations(Why).Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.RealName, m.Number, m.MemberCategory }).ToDictionaryAsync(m => m.Id, cancellationToken);
        var organizations = await db.PartyOrganizations.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var live = gathered ?? (assessments.Any(a => a.Status != AssessmentStatus.Approved)
            ? await facts.GatherAsync(new EvaluationPeriod(PeriodKind.Quarter, year, quarter), scheme.GoodEvaluationMark,
                assessments.Count == 1 ? assessments[0].VolunteerId : null, withEvidence: false, cancellationToken)
            : []);
        var now = Now;
        return [.. assessments.Select(a =>
        {
            var m = members[a.VolunteerId];
            var (score, grade) = a.Score is { } s
                ? (s, a.Grade!.Value)
                : Live(PioneerIndex.Compute(scheme, m.MemberCategory, Units(live.GetValueOrDefault(a.VolunteerId) ?? new MemberFacts(), a, scheme), a.Adjustment));
            return new AssessmentRow(a.Id, a.VolunteerId, m.RealName, m.Number, a.PartyOrganizationId, organizations.GetValueOrDefault(a.PartyOrganizationId, ""),
                m.MemberCategory, a.StageAt(now), score, grade, a.FrozenJson is not null,
                a.Declarations.Count(d => d.Status == DeclarationStatus.Pending), a.Objections.Count(o => o.Outcome == ObjectionOutcome.Open), a.PublicUntil);
        })];

        static (decimal, PioneerGrade) Live(IndexResult r) => (r.Score, r.Grade);
    }

    private async Task<AssessmentView> ViewAsync(PioneerAssessment assessment, HashSet<Guid>? scope, CancellationToken cancellationToken,
        Dictionary<Guid, MemberFacts>? gatheredAlready = null)
    {
        var scheme = await SchemeForAsync(db, assessment.Year, cancellationToken);
        IndexResult result;
        List<FactEvidence> evidence;
        Dictionary<Guid, MemberFacts>? live = null;
        if (assessment.FrozenJson is { } json)
        {
            var frozen = FrozenResult.FromJson(json);
            (result, evidence, scheme) = (frozen.Result, frozen.Evidence, frozen.Scheme);
        }
        else
        {
            var period = new EvaluationPeriod(PeriodKind.Quarter, assessment.Year, assessment.Quarter);
            live = gatheredAlready ?? await facts.GatherAsync(period, scheme.GoodEvaluationMark, assessment.VolunteerId, withEvidence: true, cancellationToken);
            var gathered = live.GetValueOrDefault(assessment.VolunteerId) ?? new MemberFacts();
            var category = await db.Volunteers.AcrossStations(Why).Where(m => m.Id == assessment.VolunteerId).Select(m => m.MemberCategory).SingleAsync(cancellationToken);
            result = PioneerIndex.Compute(scheme, category, Units(gathered, assessment, scheme), assessment.Adjustment);
            evidence = gathered.Evidence;
        }

        var row = (await RowsAsync([assessment], assessment.Year, assessment.Quarter, cancellationToken, live))[0];
        var own = user.VolunteerId == assessment.VolunteerId;
        var reviewer = user.IsInRole(Roles.TownAdmin) || scope?.Contains(assessment.PartyOrganizationId) == true;
        var names = scheme.Items.ToDictionary(i => i.Code, i => i.Name);
        return new AssessmentView(row, result, [.. evidence.OrderBy(e => e.Fact).ThenBy(e => e.At)],
            [.. assessment.Declarations.OrderBy(d => d.DeclaredAt).Select(d => new DeclarationRow(d.Id, d.ItemCode, names.GetValueOrDefault(d.ItemCode, d.ItemCode), d.Units,
                d.Text, d.EvidenceIds, d.DeclaredAt, d.Status, d.AcceptedUnits, d.BranchNote))],
            [.. assessment.Objections.OrderBy(o => o.At).Select(o => new ObjectionRow(o.Id, own ? null : o.ByName, o.Reason, o.At, o.Outcome, o.Decision, o.DecidedAt))],
            [.. assessment.Steps.OrderBy(s => s.At).Select(s => new StepRow(s.At, s.Kind, s.Actor, s.Text))],
            [.. scheme.Items.Where(i => PioneerScheme.Declarable.Contains(i.Fact))], assessment.AdjustmentReason, assessment.Violation,
            await YearResultAsync(assessment.VolunteerId, assessment.Year, cancellationToken),
            CanDeclare: own && assessment.Status == AssessmentStatus.Open,
            CanReview: reviewer && !own && assessment.Status == AssessmentStatus.Open,
            CanApprove: user.IsInRole(Roles.TownAdmin) && assessment.Status == AssessmentStatus.Reviewed,
            CanDecide: user.IsInRole(Roles.TownAdmin) && assessment.Objections.Any(o => o.Outcome == ObjectionOutcome.Open));
    }

    private async Task<YearResult> YearResultAsync(Guid volunteerId, int year, CancellationToken cancellationToken)
    {
        var quarters = await db.Set<PioneerAssessment>().AsNoTracking().Where(a => a.VolunteerId == volunteerId && a.Year == year).ToListAsync(cancellationToken);
        var scheme = await SchemeForAsync(db, year, cancellationToken);
        return YearOf(scheme, quarters, Now);
    }

    /// <summary>The year's score is the mean of its four final quarters; a quarter vetoed (不合格 at 0) makes the year 不合格.</summary>
    internal static YearResult YearOf(PioneerScheme scheme, IReadOnlyCollection<PioneerAssessment> quarters, DateTime now)
    {
        var scores = Enumerable.Range(1, 4).Select(q => quarters.FirstOrDefault(a => a.Quarter == q) is { } a
            ? new QuarterScore(q, a.Id, a.StageAt(now), a.Score, a.Grade)
            : new QuarterScore(q, null, null, null, null)).ToList();
        if (scores.Any(s => s.Stage != AssessmentStage.Final))
        {
            return new YearResult(scheme.Year, scores, null, null, Fixed: false);
        }

        var mean = Math.Round(scores.Average(s => s.Score!.Value), 2, MidpointRounding.AwayFromZero);
        var vetoed = quarters.Any(a => a.Violation is not null);
        return new YearResult(scheme.Year, scores, mean, vetoed ? PioneerGrade.Unqualified : PioneerIndex.GradeOf(scheme, mean), Fixed: true);
    }

    private async Task<Result<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppError.Conflict(localizer["Pioneer.Changed"]);
        }
    }
}
