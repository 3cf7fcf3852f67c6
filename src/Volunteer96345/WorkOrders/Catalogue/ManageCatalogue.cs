using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;
using Volunteer96345.People;

namespace Volunteer96345.WorkOrders.Catalogue;

/// <summary>An item as the admin edits it. The code is given by the system on creation and never changes.</summary>
public sealed class ServiceItemInput
{
    public string? Name { get; set; }
    public ServiceCategory? Category { get; set; }
    public string? Description { get; set; }
    public bool OnSite { get; set; }
    public ResponderKind? Responder { get; set; }
    public int? AcceptMinutes { get; set; }

    /// <summary>Only for on-site items; ignored for remote ones.</summary>
    public int? ArriveMinutes { get; set; }

    public int? ResolveMinutes { get; set; }
    public int? Points { get; set; }
    public List<Guid>? RequiredSkillIds { get; set; }

    /// <summary>The extra questions, published as Open311 attributes.</summary>
    public List<ServiceQuestion>? Questions { get; set; }
}

public sealed record CatalogueFilter(ServiceCategory? Category, string? Search, bool IncludeRetired);

public sealed record ServiceItemRow(
    Guid Id, string Code, string Name, string NameInitials, ServiceCategory Category, bool OnSite, ResponderKind Responder, int AcceptMinutes,
    int? ArriveMinutes, int ResolveMinutes, int Points, int Questions, IReadOnlyList<string> Skills, bool IsRetired);

public sealed record ServiceItemView(
    Guid Id, string Code, string Name, string NameInitials, ServiceCategory Category, string? Description, bool OnSite, ResponderKind Responder,
    int AcceptMinutes, int? ArriveMinutes, int ResolveMinutes, int Points, IReadOnlyList<Guid> RequiredSkillIds, IReadOnlyList<string> Skills,
    IReadOnlyList<ServiceQuestion> Questions, bool IsRetired, DateTime? RetiredAt);

public sealed record ServiceItemCreated(Guid Id, string Code);

/// <summary>
/// 服务目录管理: every member of staff reads the catalogue; only the town admin edits it. Items are retired and restored,
/// never deleted, so orders keep pointing at them; a retired item is refused at intake and left out of Open311.
/// </summary>
internal sealed partial class ManageCatalogueHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public const int NameLength = 50;
    public const int DescriptionLength = 500;
    public const int MaxQuestions = 20;
    public const int MaxValues = 30;
    public const int MaxSkills = 10;
    public const int MaxPoints = 1000;

    /// <summary>A code's prefix says its category; codes are Open311 service codes and are never reused.</summary>
    public static readonly IReadOnlyDictionary<ServiceCategory, string> Prefixes = new Dictionary<ServiceCategory, string>
    {
        [ServiceCategory.LifeAssistance] = "LA",
        [ServiceCategory.PolicyConsultation] = "PC",
        [ServiceCategory.DisputeMediation] = "DM",
        [ServiceCategory.HomeElderCare] = "EC",
        [ServiceCategory.HardshipAssistance] = "HA",
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<List<ServiceItemRow>> List(CatalogueFilter filter, CancellationToken cancellationToken)
    {
        var query = db.ServiceItems.AsNoTracking();
        if (!filter.IncludeRetired)
        {
            query = query.Where(s => !s.IsRetired);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(s => s.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // "sdwx" finds 水电维修 by its initials; "LA-0" finds codes; anything else the name.
            var term = filter.Search.Trim();
            var lower = term.ToLowerInvariant();
            var upper = term.ToUpperInvariant();
            query = query.Where(s => s.Name.Contains(term) || s.NameInitials.Contains(lower) || s.Code.Contains(upper));
        }

        var items = await query.ToListAsync(cancellationToken);
        var skills = await SkillNamesAsync(cancellationToken);
        return
        [
            .. items.OrderBy(s => s.Category).ThenBy(s => s.Code, StringComparer.Ordinal).Select(s => new ServiceItemRow(s.Id, s.Code, s.Name, s.NameInitials,
                s.Category, s.OnSite, s.Responder, s.AcceptMinutes, s.ArriveMinutes, s.ResolveMinutes, s.Points, s.Attributes.Count,
                [.. s.RequiredSkillIds.Select(id => skills.GetValueOrDefault(id, "?"))], s.IsRetired)),
        ];
    }

    public async Task<Result<ServiceItemView>> Get(Guid id, CancellationToken cancellationToken)
    {
        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Catalogue.NotFound"]);
        }

        var skills = await SkillNamesAsync(cancellationToken);
        return new ServiceItemView(item.Id, item.Code, item.Name, item.NameInitials, item.Category, item.Description, item.OnSite, item.Responder,
            item.AcceptMinutes, item.ArriveMinutes, item.ResolveMinutes, item.Points, item.RequiredSkillIds,
            [.. item.RequiredSkillIds.Select(s => skills.GetValueOrDefault(s, "?"))], item.Attributes, item.IsRetired, item.RetiredAt);
    }

    public async Task<Result<ServiceItemCreated>> Create(ServiceItemInput input, CancellationToken cancellationToken)
    {
        if (!CanEdit())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = await ValidateAsync(input, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        // Two admins creating in one category at once would pick the same number; the unique index refuses the second, which tries the next.
        for (var attempt = 0; ; attempt++)
        {
            var code = await NextCodeAsync(input.Category!.Value, cancellationToken);
            var item = ServiceItem.Define(code, input.Name!, input.Category.Value, input.Description, Terms(input), input.RequiredSkillIds ?? [],
                Questions(input), Now);
            db.ServiceItems.Add(item);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ServiceItemCreated(item.Id, item.Code);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Result<ServiceItemView>> Update(Guid id, ServiceItemInput input, CancellationToken cancellationToken)
    {
        if (!CanEdit())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var item = await db.ServiceItems.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Catalogue.NotFound"]);
        }

        var v = await ValidateAsync(input, cancellationToken);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        item.Change(input.Name!, input.Category!.Value, input.Description, Terms(input), input.RequiredSkillIds ?? [], Questions(input));
        await db.SaveChangesAsync(cancellationToken);
        return await Get(id, cancellationToken);
    }

    /// <summary>Takes the item out of intake and Open311; the orders that name it keep it. Retiring a retired item changes nothing.</summary>
    public Task<Result<ServiceItemView>> Retire(Guid id, CancellationToken cancellationToken) => MoveAsync(id, item => item.Retire(Now), cancellationToken);

    public Task<Result<ServiceItemView>> Restore(Guid id, CancellationToken cancellationToken) => MoveAsync(id, item => item.Restore(), cancellationToken);

    public bool CanEdit() => user.IsInRole(Roles.TownAdmin);

    private async Task<Result<ServiceItemView>> MoveAsync(Guid id, Func<ServiceItem, bool> move, CancellationToken cancellationToken)
    {
        if (!CanEdit())
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var item = await db.ServiceItems.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return AppError.NotFound(localizer["Catalogue.NotFound"]);
        }

        if (move(item))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return await Get(id, cancellationToken);
    }

    private static ServiceTerms Terms(ServiceItemInput input) => new(input.OnSite, input.Responder!.Value, input.AcceptMinutes!.Value,
        input.OnSite ? input.ArriveMinutes : null, input.ResolveMinutes!.Value, input.Points!.Value);

    /// <summary>A JSON body may send "values": null for a question that has none.</summary>
    private static List<ServiceQuestion> Questions(ServiceItemInput input) =>
        [.. (input.Questions ?? []).Select(q => new ServiceQuestion
        {
            Code = q.Code, Datatype = q.Datatype, Required = q.Required, Description = q.Description, Order = q.Order, Values = q.Values ?? [],
        })];

    private async Task<string> NextCodeAsync(ServiceCategory category, CancellationToken cancellationToken)
    {
        var prefix = Prefixes[category] + "-";
        var codes = await db.ServiceItems.AsNoTracking().Where(s => s.Code.StartsWith(prefix)).Select(s => s.Code).ToListAsync(cancellationToken);
        var last = codes.Select(c => int.TryParse(c.AsSpan(prefix.Length), out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return $"{prefix}{last + 1:D3}";
    }

    private async Task<Dictionary<Guid, string>> SkillNamesAsync(CancellationToken cancellationToken) =>
        await db.Skills.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    private async Task<Validation> ValidateAsync(ServiceItemInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer)
            .Line("name", input.Name, NameLength)
            .Defined("category", input.Category)
            .Text("description", input.Description, DescriptionLength, required: false)
            .Defined("responder", input.Responder)
            .Range("acceptMinutes", input.AcceptMinutes, 1, 120)
            .Range("resolveMinutes", input.ResolveMinutes, 10, 60 * 24 * 30)
            .Range("points", input.Points, 0, MaxPoints);
        if (input.OnSite)
        {
            v.Range("arriveMinutes", input.ArriveMinutes, 5, 240);
            if (input is { AcceptMinutes: { } accept, ArriveMinutes: { } arrive } && arrive is >= 5 and <= 240 && accept is >= 1 and <= 120)
            {
                v.Check(arrive >= accept, "arriveMinutes", "Catalogue.ArriveBeforeAccept");
            }
        }

        if (input is { ResolveMinutes: { } resolve, AcceptMinutes: { } accepted } && resolve is >= 10 and <= 60 * 24 * 30)
        {
            v.Check(resolve >= Math.Max(accepted, input.OnSite ? input.ArriveMinutes ?? 0 : 0), "resolveMinutes", "Catalogue.ResolveTooSoon");
        }

        var skills = input.RequiredSkillIds ?? [];
        if (skills.Count > MaxSkills)
        {
            v.Add("requiredSkillIds", localizer["Validation.TooMany", localizer["Field.requiredSkillIds"], MaxSkills]);
        }
        else if (skills.Count > 0)
        {
            var distinct = skills.Distinct().ToList();
            var known = await db.Skills.AsNoTracking().CountAsync(s => distinct.Contains(s.Id), cancellationToken);
            v.Check(known == distinct.Count, "requiredSkillIds", "Catalogue.UnknownSkill");
        }

        CheckQuestions(v, input.Questions ?? []);
        return v;
    }

    /// <summary>Open311 needs unique codes, a datatype, a description; list questions need keys to choose among, other questions have none.</summary>
    private void CheckQuestions(Validation v, List<ServiceQuestion> questions)
    {
        if (questions.Count > MaxQuestions)
        {
            v.Add("questions", localizer["Validation.TooMany", localizer["Field.questions"], MaxQuestions]);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var field = $"questions[{i}]";
            if (q is null)
            {
                v.Add(field, localizer["Validation.Required", localizer["Field.questions"]]);
                continue;
            }

            var code = q.Code?.Trim() ?? "";
            if (!QuestionCode().IsMatch(code))
            {
                v.Add(field + ".code", localizer["Catalogue.BadQuestionCode"]);
            }
            else if (!seen.Add(code))
            {
                v.Add(field + ".code", localizer["Catalogue.DuplicateQuestionCode", code]);
            }

            v.Text(field + ".description", q.Description, 100)
                .Check(Enum.IsDefined(q.Datatype), field + ".datatype", "Validation.Invalid", localizer["Field.datatype"])
                .Range(field + ".order", q.Order, 0, 99);
            var values = q.Values ?? [];
            var isList = q.Datatype is AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList;
            if (isList && values.Count == 0)
            {
                v.Add(field + ".values", localizer["Catalogue.ListNeedsValues"]);
            }
            else if (!isList && values.Count > 0)
            {
                v.Add(field + ".values", localizer["Catalogue.ValuesOnlyForLists"]);
            }
            else if (values.Count > MaxValues)
            {
                v.Add(field + ".values", localizer["Validation.TooMany", localizer["Field.values"], MaxValues]);
            }
            else if (values.Any(x => x is null || !QuestionCode().IsMatch(x.Key?.Trim() ?? "") || string.IsNullOrWhiteSpace(x.Name) || x.Name.Length > 50)
                     || values.Select(x => x.Key.Trim()).Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                v.Add(field + ".values", localizer["Catalogue.BadValues"]);
            }
        }
    }

    /// <summary>Codes travel in Open311 form fields (attribute[code]=…): letters, digits and underscores only.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,29}$")]
    private static partial Regex QuestionCode();
}
