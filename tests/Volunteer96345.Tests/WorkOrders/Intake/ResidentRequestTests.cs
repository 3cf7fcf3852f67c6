using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.WorkOrders.Intake;

/// <summary>A resident's request from the phone page /m/help, and following it on /m/track with no login.</summary>
[Trait("Category", "Integration")]
public sealed class ResidentRequestTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> Request(string phone) => new()
    {
        ["Form.Description"] = "家里水龙头一直滴水，老人不会修",
        ["Form.Village"] = "桃园村",
        ["Form.Address"] = "桃园村3组8号",
        ["Form.Phone"] = phone,
        ["Form.Name"] = "李大爷",
    };

    [Fact]
    public async Task A_request_from_the_phone_page_is_recorded_as_an_online_order_with_a_tracking_code_and_can_be_followed()
    {
        var resident = app.CreateClient();

        var response = await resident.PostForm("/m/help?category=LifeAssistance&item=general", "help", Request("13905734001"));

        var page = await response.Text();
        Assert.Contains("data-testid=\"code-hint\">请记下这个查询码", page, StringComparison.Ordinal); // no SMS gateway here
        Assert.Contains("href=\"m\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await app.Db(db => db.WorkOrders.SingleAsync(o => o.CallerPhoneMasked == "139****4001"));
        Assert.Contains(order.TrackingCode, page, StringComparison.Ordinal);
        Assert.Equal(IntakeChannel.Online, order.Channel);
        Assert.Equal("LA-028", await app.Db(db => db.ServiceItems.Where(s => s.Id == order.ServiceItemId).Select(s => s.Code).SingleAsync()));
        Assert.Equal(await app.TaoyuanPoint(), order.StationId);
        Assert.Contains(order.Events, e => e.Kind == WorkOrderEventKind.Received && e.Actor == "resident");

        var tracked = await resident.PostForm("/m/track", "track", new() { ["Form.TrackingCode"] = order.TrackingCode.ToLowerInvariant(), ["Form.PhoneLast4"] = "4001" });
        var timeline = await tracked.Text();
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        Assert.Contains("已受理", timeline, StringComparison.Ordinal);
        Assert.Contains("桃园村", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("3组8号", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("4001", timeline.Replace("value=\"4001\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_item_of_the_category_is_recorded_as_that_item()
    {
        var response = await app.CreateClient().PostForm("/m/help?category=HomeElderCare&item=EC-009", "help", Request("13905734002"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await app.Db(db => db.WorkOrders.SingleAsync(o => o.CallerPhoneMasked == "139****4002"));
        Assert.Equal("EC-009", await app.Db(db => db.ServiceItems.Where(s => s.Id == order.ServiceItemId).Select(s => s.Code).SingleAsync()));
    }

    [Fact]
    public async Task Wrong_digits_and_a_wrong_code_get_the_same_answer_that_reveals_nothing()
    {
        var (_, code, _) = await app.Resolved("13905734003");
        var resident = app.CreateClient();

        var wrongDigits = await resident.PostForm("/m/track", "track", new() { ["Form.TrackingCode"] = code, ["Form.PhoneLast4"] = "9999" });
        var wrongCode = await resident.PostForm("/m/track", "track", new() { ["Form.TrackingCode"] = "ZZZZ2345", ["Form.PhoneLast4"] = "4003" });

        Assert.Equal(wrongCode.StatusCode, wrongDigits.StatusCode);
        var a = await wrongDigits.Text();
        var b = await wrongCode.Text();
        Assert.Contains("未查到相关求助", a, StringComparison.Ordinal);
        Assert.Contains("未查到相关求助", b, StringComparison.Ordinal);
        Assert.DoesNotContain("水管", a, StringComparison.Ordinal);
        Assert.DoesNotContain("track-result", a, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_item_of_the_category_is_offered_and_an_item_with_questions_asks_them_in_radio_buttons()
    {
        var resident = app.CreateClient();

        var items = await (await resident.GetAsync("/m/help?category=LifeAssistance")).Text();
        var form = await (await resident.GetAsync("/m/help?category=LifeAssistance&item=LA-001")).Text();

        Assert.Contains("value=\"LA-001\"", items, StringComparison.Ordinal); // 水电维修 has a required question
        Assert.Contains("value=\"LA-002\"", items, StringComparison.Ordinal); // 代购药品 has two
        Assert.Contains("data-testid=\"help-item\">水电维修<", form, StringComparison.Ordinal);
        Assert.Contains("<legend>故障类型</legend>", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Answers[fault]\" value=\"water\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_question_left_unanswered_is_refused_beside_it_and_an_answered_one_is_recorded()
    {
        var before = await app.Counts();

        var unanswered = await app.CreateClient().PostForm("/m/help?category=LifeAssistance&item=LA-001", "help", Request("13905734020"));

        Assert.Equal(HttpStatusCode.BadRequest, unanswered.StatusCode);
        Assert.Matches("data-field=\"answers.fault\"[\\s\\S]*?class=\"m-error\"", await unanswered.Text());
        Assert.Equal(before, await app.Counts());

        var form = Request("13905734021");
        form["Form.Answers[fault]"] = "water";
        var answered = await app.CreateClient().PostForm("/m/help?category=LifeAssistance&item=LA-001", "help", form);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var order = await app.Db(db => db.WorkOrders.SingleAsync(o => o.CallerPhoneMasked == "139****4021"));
        Assert.Equal("water", order.Answers["fault"]);
    }

    [Theory]
    [InlineData("Form.Phone", "12345", "callerPhone")]
    [InlineData("Form.Description", "", "description")]
    [InlineData("Form.Village", "火星村", "village")]
    public async Task A_request_with_bad_input_is_refused_beside_the_field_and_records_nothing(string field, string value, string shown)
    {
        var form = Request("13905734010");
        form[field] = value;
        var before = await app.Counts();
        var fingerprint = await app.Fingerprint();

        var response = await app.CreateClient().PostForm("/m/help?category=LifeAssistance&item=general", "help", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"data-field=\"{shown}\"", await response.Text(), StringComparison.Ordinal);
        Assert.Matches($"data-field=\"{shown}\"[\\s\\S]*?class=\"m-error\"", await response.Text());
        Assert.Equal(before, await app.Counts());
        Assert.Equal(fingerprint, await app.Fingerprint());
    }

    [Fact]
    public async Task Large_text_mode_is_remembered_in_a_cookie_and_enlarges_every_phone_page()
    {
        var resident = app.Browser();

        var toggle = await resident.GetAsync("/text-size/set?large=true&redirectUri=%2Fm%2Ftrack");
        var page = await (await resident.GetAsync("/m/track")).Text();

        Assert.Contains("class=\"m-large\"", page, StringComparison.Ordinal);
        Assert.Contains("标准字体", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, toggle.StatusCode);
    }
}
