using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Time;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Rosters;

[Trait("Category", "Integration")]
public sealed class RostersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private DateOnly Today => Shanghai.Today(app.Clock);

    [Fact]
    public async Task A_night_shift_crosses_midnight_and_shows_on_the_day_it_starts()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var station = await app.StationId("石井村96345党员志愿服务点");
        var volunteer = await app.NewVolunteer(station, "夜班甲");
        var date = Today.AddDays(40);

        var id = await admin.AddShift(Staffing.Shift(station, date, "20:00:00", "08:00:00", volunteer));

        var week = await (await admin.GetAsync($"/api/v1/rosters/{station}?week={date:yyyy-MM-dd}")).Json();
        var day = week.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == date.ToString("yyyy-MM-dd", null));
        var shift = Assert.Single(day.GetProperty("shifts").EnumerateArray());
        Assert.Equal(id, shift.GetProperty("id").GetGuid());
        Assert.True(shift.GetProperty("crossesMidnight").GetBoolean());
        Assert.Equal("夜班甲", shift.GetProperty("volunteerName").GetString());
        // The week's gaps leave out exactly the night: 20:00 to 08:00 the next morning.
        var gaps = week.GetProperty("gaps").EnumerateArray().Select(g => (g.GetProperty("from").GetDateTime(), g.GetProperty("to").GetDateTime())).ToList();
        Assert.Contains(gaps, g => g.Item2 == date.ToDateTime(new TimeOnly(20, 0)));
        Assert.Contains(gaps, g => g.Item1 == date.AddDays(1).ToDateTime(new TimeOnly(8, 0)));
    }

    [Fact]
    public async Task A_volunteer_cannot_be_on_two_overlapping_shifts_even_at_different_stations()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var shijing = await app.StationId("石井村96345党员志愿服务点");
        var fengshi = await app.StationId("丰士村96345党员志愿服务点");
        var sub = await app.SubStation();
        var volunteer = await app.NewVolunteer(shijing, "双岗乙");
        var date = Today.AddDays(50);
        await admin.AddShift(Staffing.Shift(shijing, date, "20:00:00", "08:00:00", volunteer));
        var before = await app.Fingerprint();

        var clash = await admin.PostAsJsonAsync("/api/v1/rosters/shifts", Staffing.Shift(sub, date.AddDays(1), "07:00:00", "10:00:00", volunteer));

        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        var message = (await clash.Json()).GetProperty("errors").GetProperty("volunteerId")[0].GetString();
        Assert.Contains("双岗乙", message);
        Assert.Contains("石井村", message);
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync("/api/v1/rosters/shifts", Staffing.Shift(fengshi, date, "19:00:00", "21:00:00", volunteer))).StatusCode);
        // Touching is not overlapping: the next shift may start when the night ends.
        await admin.AddShift(Staffing.Shift(sub, date.AddDays(1), "08:00:00", "12:00:00", volunteer));
    }

    [Fact]
    public async Task Copying_a_week_moves_each_shift_seven_days_on_and_skips_one_that_would_clash()
    {
        var manager = await app.ClientFor(TestData.Admin);
        var station = await app.StationId("丰士村96345党员志愿服务点");
        var early = await app.NewVolunteer(station, "复制丙");
        var late = await app.NewVolunteer(station, "复制丁");
        var thisWeek = DutyShift.WeekStart(Today);
        var sunday = thisWeek.AddDays(6);
        Assert.True(sunday >= Today);
        await manager.AddShift(Staffing.Shift(station, sunday, "08:00:00", "20:00:00", early));
        await manager.AddShift(Staffing.Shift(station, sunday, "20:00:00", "08:00:00", late));
        await manager.AddShift(Staffing.Shift(station, sunday.AddDays(7), "19:00:00", "21:00:00", early));

        var copied = await manager.PostAsJsonAsync($"/api/v1/rosters/{station}/copy", new { fromWeek = thisWeek, toWeek = thisWeek.AddDays(7) });

        var outcome = await copied.Json();
        Assert.Equal(1, outcome.GetProperty("copied").GetInt32());
        Assert.Equal(1, outcome.GetProperty("skipped").GetInt32());
        var next = await app.Db(db => db.DutyShifts.Where(s => s.StationId == station && s.Date == sunday.AddDays(7)).OrderBy(s => s.Start).ToListAsync());
        Assert.Equal([(new TimeOnly(19, 0), early), (new TimeOnly(20, 0), late)], next.Select(s => (s.Start, s.VolunteerId)));
    }

    [Fact]
    public async Task Who_is_on_duty_now_follows_the_clock_in_town_time_across_midnight()
    {
        await using var own = new AppFixture();
        await own.InitializeAsync();
        var admin = await own.ClientFor(TestData.Admin);
        var station = await own.StationId("石井村96345党员志愿服务点");
        var volunteer = await own.NewVolunteer(station, "值班戊");
        var today = Shanghai.Today(own.Clock); // Sunday 2026-11-29, 10:00 in town
        await admin.AddShift(Staffing.Shift(station, today, "22:00:00", "06:00:00", volunteer));

        // At the start, Sunday 10:00, the seeded town roster has its Sunday day shift on duty; a dispatcher may ask.
        var sub = await own.SubStation();
        var dispatcher = await own.ClientFor(TestData.Dispatcher);
        var onDuty = await (await dispatcher.GetAsync($"/api/v1/rosters/{sub}/on-duty")).Json();
        var shift = Assert.Single(onDuty.EnumerateArray());
        Assert.Equal("08:00:00", shift.GetProperty("start").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", null), shift.GetProperty("date").GetString());

        async Task<List<string?>> OnDutyAt(int year, int month, int day, int hour, int minute)
        {
            own.Clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)));
            // Signed in afresh each time: the session's idle timeout runs on the same clock.
            var reader = await own.ClientFor(TestData.Dispatcher);
            var response = await reader.GetAsync($"/api/v1/rosters/{station}/on-duty");
            return [.. (await response.Json()).EnumerateArray().Select(s => s.GetProperty("volunteerName").GetString())];
        }

        Assert.Empty(await OnDutyAt(2026, 11, 29, 21, 59));
        Assert.Equal(["值班戊"], await OnDutyAt(2026, 11, 29, 22, 0));
        Assert.Equal(["值班戊"], await OnDutyAt(2026, 11, 30, 5, 59));
        Assert.Empty(await OnDutyAt(2026, 11, 30, 6, 0));

    }

    [Fact]
    public async Task A_manager_cannot_see_or_change_another_stations_roster()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var taoyuan = await app.TaoyuanPoint();
        var chengjiao = await app.ChengjiaoPoint();
        var theirShift = await app.Db(db => db.DutyShifts.Where(s => s.StationId == taoyuan).Select(s => s.Id).FirstAsync());
        var ours = await app.NewVolunteer(chengjiao, "城郊己");
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/rosters/{taoyuan}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/rosters/{taoyuan}/on-duty")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/rosters/{taoyuan}/gaps")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/v1/rosters/shifts/{theirShift}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/v1/rosters/{taoyuan}/copy", new { })).StatusCode);
        var placed = await manager.PostAsJsonAsync("/api/v1/rosters/shifts", Staffing.Shift(taoyuan, Today.AddDays(30), "08:00:00", "12:00:00", ours));
        Assert.Equal(HttpStatusCode.BadRequest, placed.StatusCode);
        Assert.True((await placed.Json()).GetProperty("errors").TryGetProperty("stationId", out _));
        var summary = await (await manager.GetAsync("/api/v1/rosters/gaps")).Json();
        Assert.Equal([chengjiao], summary.EnumerateArray().Select(s => s.GetProperty("stationId").GetGuid()));
        Assert.Equal(before, await app.Fingerprint());

        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/v1/rosters/{taoyuan}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.DeleteAsync($"/api/v1/rosters/shifts/{theirShift}")).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }
}
