using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.Activities.Calendar;

internal sealed class TemplateInput
{
    public ActivityInput Activity { get; set; } = new();
    public TimeOnly? StartTime { get; set; } = new(8, 30);
    public TimeOnly? EndTime { get; set; } = new(11, 30);
    public WeekendRule? WeekendRule { get; set; } = Activities.WeekendRule.Keep;
    public bool IncludeHolidays { get; set; } = true;
}

internal sealed record TemplateRow(Guid Id, OrganizerKind OrganizerKind, string OrganizerName, string Title, TimeOnly StartTime, TimeOnly EndTime, int Quota,
    WeekendRule WeekendRule, bool IncludeHolidays, DateOnly? NextDate);

internal sealed class AdjustmentInput
{
    public DateOnly? Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public string? Name { get; set; }
}

/// <summary>
/// 党员先锋服务日 and the holiday calendar: an organiser sets up its template once (one per organiser); saving it
/// generates the activities of the next <see cref="MonthsAhead"/> months, and so does "generate" later. Generating twice
/// adds nothing (a unique index on template and date). The administrator enters the State Council's adjustments.
/// </summary>
internal sealed class ServiceDaysHandler(AppDbContext db, CurrentUser user, TimeProvider clock, ManageActivitiesHandler activities, IStringLocalizer<SharedResource> localizer)
{
    public const int MonthsAhead = 3;

    public async Task<List<TemplateRow>> Templates(CancellationToken cancellationToken)
    {
        var today = Shanghai.Today(clock);
        var templates = await db.Set<ServiceDayTemplate>().AsNoTracking().OrderBy(t => t.OrganizerName).ToListAsync(cancellationToken);
        return [.. templates.Select(t => new TemplateRow(t.Id, t.OrganizerKind, t.OrganizerName, t.Title, t.StartTime, t.EndTime, t.Quota, t.WeekendRule, t.IncludeHolidays,
            t.Occurrences(today.Year).Concat(t.Occurrences(today.Year + 1)).Select(o => (DateOnly?)o.Date).FirstOrDefault(d => d >= today)))];
    }

    /// <summary>Creates the organiser's template, or revises the one it has, then generates the months ahead.</summary>
    public async Task<Result<int>> Save(TemplateInput input, CancellationToken cancellationToken)
    {
        var plan = await activities.Validate(input.Activity, cancellationToken, needsTimes: false);
        var v = new Validation(localizer).Required("startTime", input.StartTime).Required("endTime", input.EndTime).Defined("weekendRule", input.WeekendRule);
        if (input.StartTime is { } s && input.EndTime is { } e)
        {
            v.Check(e > s, "endTime", "Activity.EndBeforeStart");
        }

        if (!plan.IsOk || !v.IsValid)
        {
            if (plan.Error is { Kind: not ErrorKind.Validation } other)
            {
                return other;
            }

            foreach (var (field, messages) in plan.Error?.Fields ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    v.Add(field, message);
                }
            }

            return v.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var template = await db.Set<ServiceDayTemplate>()
            .FirstOrDefaultAsync(t => t.OrganizerKind == plan.Value.OrganizerKind && t.OrganizerId == plan.Value.OrganizerId, cancellationToken);
        if (template is null)
        {
            template = ServiceDayTemplate.SetUp(plan.Value, input.StartTime!.Value, input.EndTime!.Value, input.WeekendRule!.Value, input.IncludeHolidays, now);
            db.Add(template);
        }
        else
        {
            template.Revise(plan.Value, input.StartTime!.Value, input.EndTime!.Value, input.WeekendRule!.Value, input.IncludeHolidays);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await Generate(template.Id, null, cancellationToken);
    }

    /// <summary>
    /// Generates the template's activities from today for <see cref="MonthsAhead"/> months, or for the whole of
    /// <paramref name="year"/>; returns how many were added. Occasions already generated, and past ones, are left alone.
    /// </summary>
    public async Task<Result<int>> Generate(Guid templateId, int? year, CancellationToken cancellationToken)
    {
        if (!user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var template = await db.Set<ServiceDayTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null)
        {
            return AppError.NotFound(localizer["Activity.TemplateNotFound"]);
        }

        var today = Shanghai.Today(clock);
        if (year is { } y && (y < today.Year || y > today.Year + 5))
        {
            return AppError.Invalid("year", localizer["Validation.Range", localizer["Field.year"], today.Year, today.Year + 5]);
        }

        var from = year is { } fy ? new DateOnly(fy, 1, 1) : today;
        var to = year is { } ty ? new DateOnly(ty, 12, 31) : today.AddMonths(MonthsAhead);
        var existing = await db.Set<Activity>().AcrossStations("service days are made once for the whole town").Where(a => a.TemplateId == templateId).Select(a => a.OccasionDate).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var occurrence in Enumerable.Range(from.Year, to.Year - from.Year + 1).SelectMany(template.Occurrences)
                     .Where(o => o.Date >= from && o.Date <= to && o.Date >= today && !existing.Contains(o.Date)))
        {
            var plan = template.PlanFor(occurrence, occurrence.Holiday is { } h ? localizer["HolidayOccasion." + h] : "");
            if (plan.StartsAt <= now)
            {
                continue;
            }

            db.Add(Activity.Plan(plan, occurrence.Occasion, occurrence.Holiday, occurrence.Date, template.Id, now));
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    public async Task<List<HolidayAdjustment>> Adjustments(int year, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.Set<HolidayAdjustment>().AsNoTracking().Where(a => a.Date >= from && a.Date <= to).OrderBy(a => a.Date).ToListAsync(cancellationToken);
    }

    /// <summary>The holiday calendar with every adjustment entered, for working-day arithmetic elsewhere.</summary>
    public Task<HolidayCalendar> Calendar(CancellationToken cancellationToken) => HolidayAdjustment.CalendarAsync(db, cancellationToken);

    public async Task<Result<Guid>> Adjust(AdjustmentInput input, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var v = new Validation(localizer).Required("date", input.Date).Line("name", input.Name, 50);
        if (input.Date is { } d && await db.Set<HolidayAdjustment>().AnyAsync(a => a.Date == d, cancellationToken))
        {
            v.Add("date", localizer["Activity.AdjustmentExists", Shanghai.Format(d)]);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var adjustment = HolidayAdjustment.Enter(input.Date!.Value, input.IsWorkingDay, input.Name!);
        db.Add(adjustment);
        await db.SaveChangesAsync(cancellationToken);
        return adjustment.Id;
    }

    public async Task<Result<Guid>> RemoveAdjustment(Guid id, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.TownAdmin))
        {
            return AppError.Forbidden(localizer["Problem.Forbidden"]);
        }

        var adjustment = await db.Set<HolidayAdjustment>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (adjustment is null)
        {
            return AppError.NotFound(localizer["Activity.NotFound"]);
        }

        db.Remove(adjustment);
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }
}
