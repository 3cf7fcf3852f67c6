using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.Evaluation.Pioneer;

public sealed record SchemeView(int Year, bool Saved, DateTime? UpdatedAt, string? UpdatedBy, PioneerScheme Scheme);

public sealed class SchemeItemInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public IndexItemKind? Kind { get; set; }
    public IndexFact? Fact { get; set; }
    public decimal? PointsPerUnit { get; set; }
    public decimal? Cap { get; set; }

    /// <summary>Per category a multiplier of the points per unit; missing is 1, 0 means the item does not apply.</summary>
    public Dictionary<PartyMemberCategory, decimal>? Weights { get; set; }
}

public sealed class SchemeInput
{
    public decimal? BaseScore { get; set; }
    public decimal? MaxScore { get; set; }
    public decimal? Excellent { get; set; }
    public decimal? Qualified { get; set; }
    public decimal? BasicallyQualified { get; set; }
    public decimal? GoodEvaluationMark { get; set; }
    public List<SchemeItemInput>? Items { get; set; }

    public static SchemeInput From(PioneerScheme s) => new()
    {
        BaseScore = s.BaseScore,
        MaxScore = s.MaxScore,
        Excellent = s.Excellent,
        Qualified = s.Qualified,
        BasicallyQualified = s.BasicallyQualified,
        GoodEvaluationMark = s.GoodEvaluationMark,
        Items = [.. s.Items.Select(i => new SchemeItemInput
        {
            Code = i.Code,
            Name = i.Name,
            Kind = i.Kind,
            Fact = i.Fact,
            PointsPerUnit = i.PointsPerUnit,
            Cap = i.Cap,
            Weights = i.Weights is null ? [] : new Dictionary<PartyMemberCategory, decimal>(i.Weights),
        })],
    };
}

/// <summary>
/// The year's 党员先锋指数 scheme, edited by the town admin (every save audited). A year not yet saved shows the default
/// scheme; saving it makes it the year's. Results already approved keep the scheme they were computed with.
/// </summary>
internal sealed class PioneerSchemesHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxItems = 30;
    public const decimal MaxWeight = 5;
    public const decimal MaxPointsPerUnit = 100;

    public async Task<Result<SchemeView>> Get(int year, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.Staff))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        if (year < 2020 || year > Shanghai.Today(clock).Year + 1)
        {
            return AppError.NotFound(localizer["Pioneer.NoScheme"]);
        }

        var saved = await db.Set<PioneerSchemeYear>().AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, cancellationToken);
        return saved is null
            ? new SchemeView(year, false, null, null, PioneerScheme.Default(year))
            : new SchemeView(year, true, saved.UpdatedAt, saved.UpdatedBy, saved.Scheme);
    }

    public async Task<Result<bool>> Save(int year, SchemeInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer);
        v.Check(year >= 2020 && year <= Shanghai.Today(clock).Year + 1, "year", "Pioneer.NoScheme");
        v.Range("maxScore", (double?)input.MaxScore, 10, 1000);
        var max = (double)(input.MaxScore ?? 1000);
        v.Range("baseScore", (double?)input.BaseScore, 0, max).Range("excellent", (double?)input.Excellent, 0, max)
            .Range("qualified", (double?)input.Qualified, 0, max).Range("basicallyQualified", (double?)input.BasicallyQualified, 0, max)
            .Range("goodEvaluationMark", (double?)input.GoodEvaluationMark, 0, 100);
        if (v.IsValid)
        {
            v.Check(input.Excellent > input.Qualified && input.Qualified > input.BasicallyQualified, "excellent", "Pioneer.ThresholdsOrder");
        }

        var items = input.Items ?? [];
        v.Check(items.Count is > 0 and <= MaxItems, "items", "Pioneer.ItemCount", MaxItems);
        for (var n = 0; n < items.Count; n++)
        {
            var item = items[n];
            var at = $"items[{n}].";
            v.Line(at + "name", item.Name, 50).Defined(at + "kind", item.Kind).Defined(at + "fact", item.Fact);
            v.Check(item.Code is { } code && code.Length <= 40 && Points.Deductions.DeductionItem.IsValidCode(code), at + "code", "Pioneer.BadCode");
            v.Check(items.Count(i => i.Code == item.Code) == 1, at + "code", "Pioneer.DuplicateCode");
            if (item.Fact is { } fact && item.Kind is { } kind)
            {
                // A violation can only veto; a member's own declaration can only add (it must never let them zero their result).
                v.Check(!PioneerScheme.IsBranchRecorded(fact) || kind == IndexItemKind.Veto, at + "kind", "Pioneer.BadKind");
                v.Check(!PioneerScheme.Declarable.Contains(fact) || kind == IndexItemKind.Plus, at + "kind", "Pioneer.BadKind");
            }
            if (item.Kind != IndexItemKind.Veto)
            {
                v.Range(at + "pointsPerUnit", (double?)item.PointsPerUnit, 0.0001, (double)MaxPointsPerUnit);
                if (item.Cap is { } cap)
                {
                    v.Range(at + "cap", (double)cap, 0.01, max);
                }
            }

            foreach (var (category, weight) in item.Weights ?? [])
            {
                v.Check(Enum.IsDefined(category) && weight >= 0 && weight <= MaxWeight, at + "weights", "Pioneer.BadWeight", MaxWeight);
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var scheme = new PioneerScheme(year, input.BaseScore!.Value, input.MaxScore!.Value,
            [.. items.Select(i => new SchemeItem(i.Code!.Trim(), i.Name!.Trim(), i.Kind!.Value, i.Fact!.Value, i.Kind == IndexItemKind.Veto ? 0 : i.PointsPerUnit!.Value,
                i.Kind == IndexItemKind.Veto ? null : i.Cap,
                i.Weights is { Count: > 0 } w ? w.Where(x => x.Value != 1).ToDictionary(x => x.Key, x => x.Value) : null))],
            input.Excellent!.Value, input.Qualified!.Value, input.BasicallyQualified!.Value, input.GoodEvaluationMark!.Value);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<PioneerSchemeYear>().SingleOrDefaultAsync(s => s.Year == year, cancellationToken) is { } saved)
        {
            saved.Revise(scheme, user.Name, now);
        }
        else
        {
            db.Add(PioneerSchemeYear.Save(scheme, user.Name, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            return AppError.Conflict(localizer["Pioneer.Changed"]);
        }
    }
}
