using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Evaluation.Composite;

/// <summary>The town's evaluation settings: every staff member reads them (the pages explain the scores with them); the town admin changes them.</summary>
internal sealed class EvaluationSettingsHandler(AppDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    public static async Task<EvaluationSettings> CurrentAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<EvaluationSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == EvaluationSettings.RowId, cancellationToken)
        ?? EvaluationSettings.Defaults();

    public async Task<Result<EvaluationSettingsInput>> Get(CancellationToken cancellationToken) =>
        user.IsInAnyRole(Roles.Staff)
            ? EvaluationSettingsInput.From(await CurrentAsync(db, cancellationToken))
            : AppError.Forbidden(localizer["Problem.Forbidden"]);

    public async Task<Result<bool>> Save(EvaluationSettingsInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer)
            .Range("sampleRatePercent", (double?)input.SampleRatePercent, 0.5, 100)
            .Range("sampleMinimum", input.SampleMinimum, 0, 50)
            .Range("feedbackWeight", input.FeedbackWeight, 0, 10)
            .Range("callbackWeight", input.CallbackWeight, 0, 10)
            .Range("spotCheckWeight", input.SpotCheckWeight, 0, 10)
            .Range("priorWeight", input.PriorWeight, 0, 100)
            .Range("minimumCount", input.MinimumCount, 1, 100)
            .Range("attitudeShare", input.AttitudeShare, 0, 100)
            .Range("outcomeShare", input.OutcomeShare, 0, 100)
            .Range("satisfactionShare", input.SatisfactionShare, 0, 100)
            .Range("dispatchWeight", input.DispatchWeight, 0, 50);
        if (v.IsValid)
        {
            v.Check(input.FeedbackWeight + input.CallbackWeight + input.SpotCheckWeight > 0, "spotCheckWeight", "Evaluation.NoSourceWeight");
            v.Check(input.AttitudeShare + input.OutcomeShare + input.SatisfactionShare == 100, "satisfactionShare", "Evaluation.SharesSum");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var settings = await db.Set<EvaluationSettings>().SingleOrDefaultAsync(s => s.Id == EvaluationSettings.RowId, cancellationToken);
        if (settings is null)
        {
            settings = EvaluationSettings.Defaults();
            db.Add(settings);
        }

        settings.Update(input, user.Name, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
