using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Activities;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.E2E.Activities;

/// <summary>
/// The real clock plus an offset the journey moves forward: a volunteer who checks in and out seconds apart earns no
/// hours, so the journey lets the activity's hour pass instead of waiting for it.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

public sealed class ShiftedClockFixture : BrowserFixture
{
    public ShiftedClock Clock { get; } = new();

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
}

/// <summary>
/// Issue 6's journey, a screenshot per step: the 城郊村 station manager sets up the station's Pioneer Service Day
/// template in the UI, the 25th activity appears, the manager moves it to start in a few minutes, the volunteer signs up on
/// the phone, checks in and out by opening the URLs the manager's screen encodes in its QR codes, and the hours and
/// points show on the volunteer's pages. Times are computed from the app's clock in Shanghai, so the journey runs at any
/// time of day, across midnight too.
/// </summary>
public sealed class ServiceDayJourneyTests(ShiftedClockFixture app) : IClassFixture<ShiftedClockFixture>
{
    private const string Title = "党员先锋服务日·城郊村站文明劝导";

    [Fact]
    public async Task A_station_sets_up_its_25th_and_a_volunteer_checks_in_and_out_by_the_QR_URLs_and_earns_hours_and_points()
    {
        var desk = await app.NewPage("zh-CN");
        await desk.SignIn(app, "manager.chengjiao");
        await desk.GotoAsync(app.BaseUrl + "/activities/service-days");
        await desk.WaitInteractive();
        await desk.Locator("#new-template").ClickAsync();
        await desk.Locator("#activity-title").FillAsync(Title);
        await desk.Choose("organizerId", "站点 · 城郊村");
        await desk.Locator("#activity-place").FillAsync("城郊村文化礼堂");
        await desk.Shot("service-day-01-template-form");
        await desk.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=template-table]")).ToContainTextAsync(Title);
        await desk.Shot("service-day-02-template-saved");

        var activity = await GeneratedServiceDay();
        var day = DateOnly.FromDateTime(Shanghai.ToLocal(activity.StartsAt));
        Assert.Equal(25, day.Day);
        await desk.GotoAsync(app.BaseUrl + "/activities");
        await desk.WaitInteractive();
        var month = day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        for (var i = 0; i < 4 && await desk.Locator("[data-testid=month]").InnerTextAsync() is var shown && shown != month; i++)
        {
            await desk.Locator("#next-month").ClickAsync();
            await Assertions.Expect(desk.Locator("[data-testid=month]")).Not.ToHaveTextAsync(shown);
        }

        var link = desk.Locator($"[data-testid=activity-table] a[href='activities/{activity.Id}']");
        await Assertions.Expect(link).ToContainTextAsync(Title);
        await desk.Shot("service-day-03-25th-in-list");
        await link.ClickAsync();
        await desk.WaitInteractive();

        // The organiser moves the generated activity: it starts in ten minutes (its check-in is open already) and lasts an hour.
        var start = Shanghai.ToLocal(app.Clock.GetUtcNow().UtcDateTime).AddMinutes(10);
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Unspecified);
        var end = start.AddHours(1);
        await desk.Locator("#edit-activity").ClickAsync();
        await SetTime(desk, "[data-field=startsAt] input", start);
        await SetTime(desk, "[data-field=endsAt] input", end);
        await desk.Shot("service-day-04-moved");
        await desk.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=starts-at]")).ToHaveTextAsync(Format(start));
        await Assertions.Expect(desk.Locator("[data-testid=qr-checkin]")).ToBeVisibleAsync();

        var phone = await app.NewPage("zh-CN", phone: true);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(app.BaseUrl + $"/m/activities/{activity.Id}");
        await phone.Locator("[data-testid=sign-up]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=my-status]")).ToHaveTextAsync("已确认");
        await phone.Shot("service-day-05-phone-signed-up");

        await Assertions.Expect(desk.Locator("[data-testid=participant-table]")).ToContainTextAsync("已确认");
        await desk.Shot("service-day-06-screen-with-qr");
        var checkIn = await desk.Locator("[data-testid=qr-checkin]").GetAttributeAsync("data-url");
        Assert.StartsWith(app.BaseUrl + $"/m/activities/{activity.Id}/checkin?t=", checkIn, StringComparison.Ordinal);
        await phone.GotoAsync(checkIn!);
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToHaveClassAsync("m-ok");
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToContainTextAsync("签到");
        await phone.Shot("service-day-07-phone-checked-in");

        // The hour passes (and the 30-minute sign-ins with it): both sign in again, the screen shows the current codes.
        app.Clock.Advance(TimeSpan.FromMinutes(75));
        await desk.SignIn(app, "manager.chengjiao");
        await desk.GotoAsync(app.BaseUrl + $"/activities/{activity.Id}");
        await desk.WaitInteractive();
        await Assertions.Expect(desk.Locator("[data-testid=participant-table]")).ToContainTextAsync("已确认");
        var checkOut = await desk.Locator("[data-testid=qr-checkout]").GetAttributeAsync("data-url");
        Assert.StartsWith(app.BaseUrl + $"/m/activities/{activity.Id}/checkout?t=", checkOut, StringComparison.Ordinal);
        await phone.SignIn(app, "volunteer");
        await phone.GotoAsync(checkOut!);
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToHaveClassAsync("m-ok");
        await Assertions.Expect(phone.Locator("[data-testid=message]")).ToContainTextAsync("时长1小时");
        await phone.Shot("service-day-08-phone-checked-out");

        await phone.GotoAsync(app.BaseUrl + "/m/activities/hours");
        var row = phone.Locator("[data-testid=hours-row]").Filter(new LocatorFilterOptions { HasText = Title });
        await Assertions.Expect(row).ToContainTextAsync("服务1小时");
        await Assertions.Expect(row).ToContainTextAsync("积分");
        await phone.Shot("service-day-09-phone-hours");
        await phone.GotoAsync(app.BaseUrl + "/m/points");
        await Assertions.Expect(phone.Locator("[data-testid=my-statement]")).ToContainTextAsync(Title);
        await phone.Shot("service-day-10-phone-points");

        await desk.GotoAsync(app.BaseUrl + $"/activities/{activity.Id}");
        await desk.WaitInteractive();
        var participant = desk.Locator("[data-testid=participant-table] tbody tr").Filter(new LocatorFilterOptions { HasText = "已确认" });
        await Assertions.Expect(participant.Locator("td").Nth(5)).ToHaveTextAsync("1");
        await desk.Shot("service-day-11-attendance");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_administrator_adds_renames_and_retires_an_activity_type(string locale)
    {
        var tag = locale == "en" ? "en" : "zh";
        var name = (tag == "en" ? "River watch " : "护河巡查") + Guid.NewGuid().ToString("N")[..4];
        var page = await app.NewPage(locale);
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/activities/types");
        await page.WaitInteractive();
        await page.Locator("#add-type").ClickAsync();
        await Assertions.Expect(page.Locator("[data-field=name] .field-error")).ToBeVisibleAsync();
        await page.Locator("#type-name").FillAsync(name);
        await page.Locator("#add-type").ClickAsync();
        var row = page.Locator("[data-testid=type-table] tbody tr").Filter(new LocatorFilterOptions { HasText = name });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator("button").Nth(1).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync(tag == "en" ? "Retired" : "已停用");
        Pages.AssertNoResourceKeys(await page.InnerTextAsync("body"));
        await page.Shot($"activity-types-{tag}");
    }

    private static string Format(DateTime shanghai) => shanghai.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Types a date and time into an AntDesign picker and confirms it with its OK button (Enter does not keep it).</summary>
    private static async Task SetTime(IPage page, string selector, DateTime shanghai)
    {
        var input = page.Locator(selector);
        var panel = page.Locator(".ant-picker-dropdown:visible");
        for (var attempt = 1; ; attempt++)
        {
            await input.ClickAsync();
            // Typed key by key: a filled value is not parsed by the picker.
            await input.PressAsync("Control+A");
            await input.PressSequentiallyAsync(Format(shanghai), new LocatorPressSequentiallyOptions { Delay = 30 });
            // The panel follows the typed text once the circuit has parsed it; only then does OK keep it. On a loaded machine
            // a key can be lost to a re-render of the picker, and the panel keeps the old time: then the text is typed again.
            try
            {
                await Assertions.Expect(panel.Locator(".ant-picker-time-panel .ant-picker-header"))
                    .ToContainTextAsync(shanghai.ToString("HH:mm", CultureInfo.InvariantCulture), new() { Timeout = 7_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        await panel.Locator(".ant-picker-ok button").ClickAsync();
        await Assertions.Expect(page.Locator(".ant-picker-dropdown:visible")).ToHaveCountAsync(0);
        await Assertions.Expect(input).ToHaveValueAsync(Format(shanghai));
    }

    /// <summary>The first Pioneer Service Day the manager's template generated.</summary>
    private async Task<Activity> GeneratedServiceDay()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var template = await db.Set<ServiceDayTemplate>().AsNoTracking().SingleAsync(t => t.Title == Title);
        return await db.Set<Activity>().AsNoTracking().Where(a => a.TemplateId == template.Id && a.Occasion == ActivityOccasion.PioneerServiceDay)
            .OrderBy(a => a.StartsAt).FirstAsync();
    }
}
