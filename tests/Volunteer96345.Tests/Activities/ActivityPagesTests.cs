using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Activities;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Activities;

/// <summary>The phone pages (sign up, cancel, check in by the scanned URL or the typed code, the hours) and the back-office pages.</summary>
[Trait("Category", "Integration")]
public sealed class ActivityPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/activities", "zh-CN", "新建活动")]
    [InlineData("/activities/service-days", "zh-CN", "春节 2027-02-06")]
    [InlineData("/activities/compliance", "zh-CN", "参与率")]
    [InlineData("/activities", "en", "New activity")]
    [InlineData("/activities/service-days", "en", "Spring Festival 2027-02-06")]
    [InlineData("/activities/compliance", "en", "Participation rate")]
    public async Task The_back_office_pages_open_for_a_station_manager(string url, string culture, string text)
    {
        var manager = await app.ClientFor(TestData.Chengjiao, culture);

        var response = await manager.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text, await response.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_organisers_page_shows_the_rotating_check_in_code()
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(1));
        var admin = await app.ClientFor(ActivitySteps.Admin);

        var page = await (await admin.GetAsync($"/activities/{activity}")).Text();

        Assert.Contains($"/m/activities/{activity}/checkin?t=", page, StringComparison.Ordinal);
        Assert.Contains(Codes(activity).Code, page, StringComparison.Ordinal);
        Assert.Contains("每30秒更换一次", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_volunteer_signs_up_on_the_phone_checks_in_by_the_scanned_url_and_out_by_the_code_and_sees_the_hours()
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromHours(1));
        var phone = await app.ClientFor(ActivitySteps.Member);
        Assert.Contains("我要报名", await (await phone.GetAsync($"/m/activities/{activity}")).Text(), StringComparison.Ordinal);

        var signedUp = await phone.PostForm($"/m/activities/{activity}", "signup", []);
        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);
        Assert.Contains("报名成功", await signedUp.Text(), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(50));
        phone = await app.ClientFor(ActivitySteps.Member);
        var checkedIn = await phone.GetAsync($"/m/activities/{activity}/checkin?t={Codes(activity).Token}");
        Assert.Equal(HttpStatusCode.OK, checkedIn.StatusCode);
        Assert.Contains("签到成功", await checkedIn.Text(), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(100));
        phone = await app.ClientFor(ActivitySteps.Member);
        var checkedOut = await phone.PostForm($"/m/activities/{activity}", "code", new() { ["Code"] = Codes(activity, AttendanceStep.CheckOut).Code });
        var text = await checkedOut.Text();
        Assert.Equal(HttpStatusCode.OK, checkedOut.StatusCode);
        Assert.Contains("计服务时长1.5小时，获得15积分", text, StringComparison.Ordinal);

        var me = await phone.GetStringAsync("/m/me");
        Assert.Contains("data-testid=\"activity-hours\"", me, StringComparison.Ordinal);
        Assert.Contains("服务1.5小时", System.Net.WebUtility.HtmlDecode(me), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_in_the_scanned_url_gets_a_clear_400_and_changes_nothing()
    {
        var activity = await app.NewActivity(startsIn: TimeSpan.FromMinutes(20));
        var member = await app.DemoVolunteer();
        await app.AsVolunteer<Volunteer96345.Activities.SignUps.SignUpHandler, Volunteer96345.Common.Errors.Result<Volunteer96345.Activities.SignUps.SignUpOutcome>>(
            member, h => h.SignUp(activity, CancellationToken.None));
        var phone = await app.ClientFor(ActivitySteps.Member, "en");
        var before = await app.ActivityCounts();

        var response = await phone.GetAsync($"/m/activities/{activity}/checkin?t=forged");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The code is wrong or has expired", await response.Text(), StringComparison.Ordinal);
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task Signing_up_twice_on_the_phone_gets_a_409_with_the_reason()
    {
        var activity = await app.NewActivity();
        var phone = await app.ClientFor(ActivitySteps.Member);
        await phone.PostForm($"/m/activities/{activity}", "signup", []);
        var before = await app.ActivityCounts();

        var again = await app.AsVolunteer<Volunteer96345.Activities.SignUps.SignUpHandler, Volunteer96345.Common.Errors.Result<Volunteer96345.Activities.SignUps.SignUpOutcome>>(
            await app.DemoVolunteer(), h => h.SignUp(activity, CancellationToken.None));
        var response = await phone.PostAsJsonAsync($"/api/v1/my/activities/{activity}/signup", new { });

        Assert.Equal("您已报名该活动", again.Error!.Message);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task The_volunteers_calendar_feed_lists_their_activities_at_the_signed_url_and_refuses_an_altered_one()
    {
        var activity = await app.NewActivity();
        var member = await app.DemoVolunteer();
        await app.AsVolunteer<Volunteer96345.Activities.SignUps.SignUpHandler, Volunteer96345.Common.Errors.Result<Volunteer96345.Activities.SignUps.SignUpOutcome>>(
            member, h => h.SignUp(activity, CancellationToken.None));
        using var scope = app.Services.CreateScope();
        var path = scope.ServiceProvider.GetRequiredService<Volunteer96345.Activities.Calendar.CalendarFeedHandler>().Path(member);
        var anonymous = app.CreateClient();

        var feed = await anonymous.GetAsync("/" + path);
        var altered = await anonymous.GetAsync("/" + path.Replace(".ics", "0.ics", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{activity:N}@v96345", ics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, altered.StatusCode);
    }

    [Fact]
    public async Task The_compliance_report_lists_the_branches_with_their_planned_25th_and_a_rate_between_0_and_100()
    {
        var report = await app.As<Volunteer96345.Activities.Compliance.ComplianceHandler, Volunteer96345.Activities.Compliance.ComplianceReport>(
            ActivitySteps.Admin, h => h.Month(2026, 12, CancellationToken.None));

        Assert.NotEmpty(report.Branches);
        Assert.True(report.Branches.Count(b => b.Activities > 0) >= 2);
        Assert.All(report.Branches, b => Assert.InRange(b.Rate, 0, 100));
    }

    [Fact]
    public async Task The_public_notices_page_and_its_rss_and_json_feeds_list_upcoming_activities_without_a_login()
    {
        var activity = await app.NewActivity();
        var title = await app.Db(db => db.Set<Volunteer96345.Activities.Activity>().Where(a => a.Id == activity).Select(a => a.Title).SingleAsync());
        var anonymous = app.CreateClient();

        var page = await (await anonymous.GetAsync("/activities/notices")).Text();
        var rss = await anonymous.GetAsync("/activities/notices.rss");
        var json = await anonymous.GetAsync("/activities/notices.json");

        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Equal("application/rss+xml", rss.Content.Headers.ContentType!.MediaType);
        var channel = System.Xml.Linq.XDocument.Parse(await rss.Content.ReadAsStringAsync()).Root!.Element("channel")!;
        Assert.Contains(channel.Elements("item"), i => i.Element("title")!.Value == title);
        using var feed = System.Text.Json.JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.RootElement.GetProperty("version").GetString());
        Assert.Contains(feed.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == title);
    }

    private (string Token, string Code) Codes(Guid activity, AttendanceStep step = AttendanceStep.CheckIn)
    {
        using var scope = app.Services.CreateScope();
        var codes = scope.ServiceProvider.GetRequiredService<CheckInCode>();
        return (codes.Token(activity, step), codes.Code(activity, step));
    }
}
