using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Data;
using Volunteer96345.Network;

namespace Volunteer96345.WorkOrders.Intake;

public sealed class ResidentRequestInput
{
    public ServiceCategory? Category { get; set; }

    /// <summary>An item of the category, or empty for "不清楚" (the category's general item).</summary>
    public string? ServiceCode { get; set; }

    public string? Description { get; set; }
    public string? Address { get; set; }
    public string? Village { get; set; }
    public string? Phone { get; set; }
    public string? Name { get; set; }

    /// <summary>The item's questions, by code; blank answers to optional questions are left out.</summary>
    public Dictionary<string, string>? Answers { get; set; }
}

public sealed record ResidentChoice(string Code, string Name, string? Description, IReadOnlyList<ServiceQuestion> Questions);

/// <summary>
/// 在线求助: a resident's request from the phone page, recorded by the intake as the Online channel. Residents are
/// offered every item of a category, and asked the item's questions (the same the hotline asks) once they chose it;
/// "不清楚" records the category's general item, chosen for being the broadest item that a volunteer can take on.
/// </summary>
internal sealed class ResidentRequestHandler(AppDbContext db, CurrentUser user, IntakeHandler intake, Microsoft.Extensions.Localization.IStringLocalizer<Common.Localization.SharedResource> localizer)
{
    public const string Actor = "resident";

    /// <summary>The item a request of each category is recorded as when the resident does not know which item fits.</summary>
    public static readonly IReadOnlyDictionary<ServiceCategory, string> GeneralItems = new Dictionary<ServiceCategory, string>
    {
        [ServiceCategory.LifeAssistance] = "LA-028",      // 代办跑腿
        [ServiceCategory.PolicyConsultation] = "PC-001",  // 社保政策咨询
        [ServiceCategory.DisputeMediation] = "DM-018",    // 家庭矛盾疏导
        [ServiceCategory.HomeElderCare] = "EC-004",       // 上门探视
        [ServiceCategory.HardshipAssistance] = "HA-001",  // 困难家庭慰问
    };

    public async Task<List<ResidentChoice>> Items(ServiceCategory category, CancellationToken cancellationToken)
    {
        var items = await db.ServiceItems.AsNoTracking().Where(s => s.Category == category && !s.IsRetired).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        return [.. items.Select(s => new ResidentChoice(s.Code, s.Name, s.Description, s.Attributes))];
    }

    public Task<List<string>> Villages(CancellationToken cancellationToken) =>
        db.Stations.AcrossStations("a resident may ask from any village").AsNoTracking().Where(s => s.IsActive && s.Kind == StationKind.ServicePoint && s.Village != "")
            .Select(s => s.Village).Distinct().OrderBy(v => v).ToListAsync(cancellationToken);

    public async Task<Result<IntakeReceipt>> Submit(ResidentRequestInput input, CancellationToken cancellationToken)
    {
        var v = new Validation(localizer).Defined("category", input.Category);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var code = string.IsNullOrWhiteSpace(input.ServiceCode) ? GeneralItems[input.Category!.Value] : input.ServiceCode.Trim();
        var allowed = await Items(input.Category!.Value, cancellationToken);
        if (allowed.All(i => i.Code != code))
        {
            return AppError.Invalid("serviceCode", localizer["WorkOrder.UnknownService"]);
        }

        var villages = await Villages(cancellationToken);
        if (!string.IsNullOrWhiteSpace(input.Village) && !villages.Contains(input.Village.Trim()))
        {
            return AppError.Invalid("village", localizer["Validation.Invalid", localizer["Field.village"]]);
        }

        // A resident has no account: the intake records the request as the system, named "resident" in the audit.
        user.ActAsSystem(Actor);
        return await intake.Submit(new IntakeInput
        {
            ServiceCode = code,
            Description = input.Description,
            Address = input.Address,
            Village = input.Village,
            CallerPhone = input.Phone,
            CallerName = input.Name,
            Answers = (input.Answers ?? []).Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value.Trim()),
        }, IntakeChannel.Online, cancellationToken);
    }
}
