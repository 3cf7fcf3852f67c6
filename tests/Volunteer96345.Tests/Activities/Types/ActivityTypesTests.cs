using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Activities.Types;
using Volunteer96345.Common.Errors;

namespace Volunteer96345.Tests.Activities.Types;

/// <summary>The administrator's activity types: added, renamed, retired (never deleted) and brought back.</summary>
[Trait("Category", "Integration")]
public sealed class ActivityTypesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static string Fresh(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task The_administrator_adds_and_renames_a_type_and_it_is_offered_for_activities()
    {
        var name = Fresh("护河巡查");
        var added = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Add(new ActivityTypeInput { Name = $"  {name} " }, None));
        Assert.True(added.IsOk, added.Error?.Message);
        var renamed = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Rename(added.Value, new ActivityTypeInput { Name = name + "（周末）" }, None));
        Assert.True(renamed.IsOk, renamed.Error?.Message);

        var options = await app.As<ManageActivitiesHandler, ActivityOptions>(ActivitySteps.Admin, h => h.Options(None));
        Assert.Contains(options.Types, t => t.Id == added.Value && t.Name == name + "（周末）");
    }

    [Fact]
    public async Task A_retired_type_stays_on_its_activities_but_is_not_offered_or_accepted_for_new_ones_and_can_be_brought_back()
    {
        var added = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Add(new ActivityTypeInput { Name = Fresh("敬老助餐") }, None));
        var input = await app.Input();
        input.TypeId = added.Value;
        var activity = await app.As<ManageActivitiesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Create(input, None));
        Assert.True(activity.IsOk, activity.Error?.Message);

        var retired = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.SetActive(added.Value, false, None));
        Assert.True(retired.IsOk, retired.Error?.Message);
        var options = await app.As<ManageActivitiesHandler, ActivityOptions>(ActivitySteps.Admin, h => h.Options(None));
        Assert.DoesNotContain(options.Types, t => t.Id == added.Value);
        var newOne = await app.Input();
        newOne.TypeId = added.Value;
        var refused = await app.As<ManageActivitiesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Create(newOne, None));
        Assert.NotNull(refused.Error!.For("typeId"));
        input.Title += "（改）";
        var revised = await app.As<ManageActivitiesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Update(activity.Value, input, None));
        Assert.True(revised.IsOk, revised.Error?.Message);
        var rows = await app.As<ActivityTypesHandler, List<ActivityTypeRow>>(ActivitySteps.Admin, h => h.List(None));
        Assert.Contains(rows, r => r.Id == added.Value && !r.IsActive && r.Activities == 1);

        var back = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.SetActive(added.Value, true, None));
        Assert.True(back.IsOk, back.Error?.Message);
        Assert.True(await app.Db(db => db.Set<ActivityType>().Where(t => t.Id == added.Value).Select(t => t.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task A_blank_too_long_or_duplicate_name_or_a_station_manager_is_refused_and_changes_nothing()
    {
        var before = await app.Fingerprint();
        var existing = await app.Db(db => db.Set<ActivityType>().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).FirstAsync());
        var other = await app.Db(db => db.Set<ActivityType>().Where(t => t.Id != existing.Id).Select(t => t.Id).FirstAsync());

        var blank = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Add(new ActivityTypeInput { Name = "  " }, None));
        var tooLong = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Add(new ActivityTypeInput { Name = new string('巡', 51) }, None));
        var duplicate = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Add(new ActivityTypeInput { Name = existing.Name }, None));
        var renamedOnto = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Rename(other, new ActivityTypeInput { Name = existing.Name }, None));
        var missing = await app.As<ActivityTypesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.SetActive(Guid.NewGuid(), false, None));
        var manager = await app.As<ActivityTypesHandler, Result<Guid>>("manager.chengjiao", h => h.Add(new ActivityTypeInput { Name = Fresh("巡逻") }, None));

        Assert.NotNull(blank.Error!.For("name"));
        Assert.NotNull(tooLong.Error!.For("name"));
        Assert.Equal($"已有名为“{existing.Name}”的活动类型", duplicate.Error!.For("name"));
        Assert.NotNull(renamedOnto.Error!.For("name"));
        Assert.Equal(ErrorKind.NotFound, missing.Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, manager.Error!.Kind);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task The_api_refuses_a_duplicate_type_with_a_localized_problem_and_adds_a_good_one()
    {
        var client = await app.ClientFor(ActivitySteps.Admin, "en");
        var existing = await app.Db(db => db.Set<ActivityType>().Select(t => t.Name).FirstAsync());
        var count = await app.Db(db => db.Set<ActivityType>().CountAsync());

        var refused = await client.PostAsJsonAsync("/api/v1/activities/types", new { name = existing });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("There is already an activity type", await refused.Content.ReadAsStringAsync());
        Assert.Equal(count, await app.Db(db => db.Set<ActivityType>().CountAsync()));

        var created = await client.PostAsJsonAsync("/api/v1/activities/types", new { name = Fresh("Patrol ") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
