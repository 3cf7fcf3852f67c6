using Volunteer96345.Activities.Calendar;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points.Rules;

namespace Volunteer96345.Activities;

/// <summary>The seed's activity types, and Pioneer Service Day templates for a few branches with their next activities.</summary>
internal static class ActivitiesSeed
{
    public static readonly string[] Types = ["治安巡逻", "垃圾分类", "河道保洁", "文明劝导", "结对慰问"];

    public static void Run(AppDbContext db, DateTime now)
    {
        var types = Types.Select(ActivityType.Define).ToList();
        db.AddRange(types);
        var branches = db.PartyOrganizations.Local.Where(p => p.Kind == PartyOrganizationKind.Branch && p.StationId is not null).OrderBy(p => p.Name).Take(3).ToList();
        var stations = db.Stations.Local.ToDictionary(s => s.Id);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now));

        // The demo account's record starts empty, so a journey's hours are the only ones on its phone pages.
        var skipVolunteer = db.Volunteers.Local.OrderBy(v => v.Number).Select(v => v.Id).FirstOrDefault();
        var plans = new (string Title, int Type, CentralTasks Tasks, string Place)[]
        {
            ("党员先锋服务日·河道保洁", 2, CentralTasks.FiveWaters, "村口河埠头"),
            ("党员先锋服务日·垃圾分类宣传", 1, CentralTasks.BeautifulVillage | CentralTasks.CivilizedCity, "村文化礼堂广场"),
            ("党员先锋服务日·治安巡逻", 0, CentralTasks.CivilizedCity, "村委会门口集合"),
        };
        for (var i = 0; i < branches.Count; i++)
        {
            var branch = branches[i];
            var station = stations[branch.StationId!.Value];
            var (title, type, tasks, place) = plans[i % plans.Length];
            var plan = new ActivityPlan(title, types[type].Id, tasks, OrganizerKind.PartyOrganization, branch.Id, branch.Name, station.Id, place,
                station.Latitude, station.Longitude, default, default, 10 + (i * 5), [], ActivityLevel.Village,
                "党员先锋服务日（每月25日，元旦、春节、五一、七一另行开展），支部党员参加。", 24);
            var template = ServiceDayTemplate.SetUp(plan, new TimeOnly(8, 30), new TimeOnly(11, 0), WeekendRule.Keep, includeHolidays: true, now);
            db.Add(template);
            foreach (var occurrence in template.Occurrences(today.Year).Concat(template.Occurrences(today.Year + 1))
                         .Where(o => o.Date > today && o.Date <= today.AddMonths(ServiceDaysHandler.MonthsAhead)))
            {
                var holiday = occurrence.Holiday switch
                {
                    HolidayOccasion.NewYear => "元旦",
                    HolidayOccasion.SpringFestival => "春节",
                    HolidayOccasion.LabourDay => "五一",
                    HolidayOccasion.PartyFoundingDay => "七一",
                    _ => "",
                };
                db.Add(Activity.Plan(template.PlanFor(occurrence, holiday), occurrence.Occasion, occurrence.Holiday, occurrence.Date, template.Id, now));
            }

            HeldLastServiceDay(db, template, branch.Id, today, now, skipVolunteer);
        }

        var sub = db.Stations.Local.First(s => s.Kind == StationKind.SubStation);
        // A weekend's crowds: the first Saturday or Sunday far enough ahead for sign-up to stay open a day.
        var start = Utc(NextWeekendDay(today.AddDays(2)), new TimeOnly(9, 0));
        db.Add(Activity.Plan(new ActivityPlan("文明劝导进景区", types[3].Id, CentralTasks.CivilizedCity, OrganizerKind.Station, sub.Id, sub.Name, sub.Id,
            "盐官古城观潮景区入口", 30.4028, 120.5385, start, start.AddHours(3), 20, [], ActivityLevel.Town, "周末游客高峰，文明劝导与指路服务。", 24), now));
    }

    /// <summary>
    /// The last 25th already passed (this month's once it is over, else last month's) was held: two in three of the branch's
    /// active party members checked in and out, so the compliance page has something to show. Hours only: the seed posts no points.
    /// </summary>
    private static void HeldLastServiceDay(AppDbContext db, ServiceDayTemplate template, Guid branchId, DateOnly today, DateTime now, Guid skipVolunteer)
    {
        var month = today.Day > ServiceDayTemplate.ServiceDay ? today : today.AddMonths(-1);
        var day = new DateOnly(month.Year, month.Month, ServiceDayTemplate.ServiceDay);
        var activity = Activity.Plan(template.PlanFor(new Occurrence(day, ActivityOccasion.PioneerServiceDay, null), ""), ActivityOccasion.PioneerServiceDay, null, day,
            template.Id, now.AddDays(-40));
        db.Add(activity);
        var members = db.Volunteers.Local
            .Where(v => v.PartyOrganizationId == branchId && v.Status == VolunteerStatus.Active && v.Id != skipVolunteer
                && v.PoliticalStatus is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryMember)
            .OrderBy(v => v.Number).ToList();
        var rounding = new HourRounding();
        foreach (var member in members.Take(Math.Max(1, members.Count * 2 / 3)))
        {
            var signUp = SignUp.Join(activity, member.Id, SignUpStatus.Confirmed, byOrganizer: true, activity.StartsAt.AddDays(-3));
            var checkedIn = activity.StartsAt.AddMinutes(-10);
            signUp.CheckIn(checkedIn);
            signUp.CheckOut(activity.EndsAt, rounding.Credit(activity, checkedIn, activity.EndsAt));
            db.Add(signUp);
        }
    }

    /// <summary>The first Saturday or Sunday on or after <paramref name="from"/>.</summary>
    public static DateOnly NextWeekendDay(DateOnly from)
    {
        var day = from;
        while (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateTime Utc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), Shanghai.Zone);
}
