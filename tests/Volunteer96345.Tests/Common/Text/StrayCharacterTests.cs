using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Activities;
using Volunteer96345.Activities.Manage;
using Volunteer96345.Common.Errors;
using Volunteer96345.Tests.Activities;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Intake;

namespace Volunteer96345.Tests.Common.Text;

/// <summary>
/// One stray byte in a resident's or an organiser's text no longer takes a feed down: the descriptions keep taking
/// any text PostgreSQL can store, the outputs drop what their format forbids, and names and titles refuse control
/// characters on input with a field message.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StrayCharacterTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>U+0001–U+001F, DEL, U+FFFE and U+FFFF: everything the issue names that a form post can carry and a database can store.</summary>
    private static readonly string Stray = string.Concat(Enumerable.Range(1, 31).Select(i => (char)i)) + "\u007f\ufffe\uffff";

    private static bool IsXmlSafe(string text) => text.All(c => c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\u007f' && c < '\ufffe'));

    [Fact]
    public async Task An_open311_request_with_stray_characters_is_taken_and_every_listing_still_parses_in_xml_and_json()
    {
        var client = app.CreateClient();
        var form = new Dictionary<string, string>
        {
            ["api_key"] = "demo-open311-key",
            ["service_code"] = "LA-001",
            ["lat"] = "30.4101",
            ["long"] = "120.5502",
            ["address_string"] = "城郊村5组17号",
            ["description"] = "楼道灯不亮" + Stray + "请尽快",
            ["phone"] = "13905739001",
            ["attribute[fault]"] = "power",
        };

        var posted = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        var id = (await posted.Json())[0].GetProperty("service_request_id").GetString()!;

        // The description is published only to the client that submitted it (docs/integration/open311.md).
        foreach (var path in new[] { "/open311/v2/requests.xml?api_key=demo-open311-key", $"/open311/v2/requests/{id}.xml?api_key=demo-open311-key" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var request = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements("request")
                .Single(r => r.Element("service_request_id")!.Value == id);
            var description = request.Element("description")!.Value;
            Assert.StartsWith("楼道灯不亮\t\n", description, StringComparison.Ordinal);
            Assert.EndsWith("请尽快", description, StringComparison.Ordinal);
            Assert.True(IsXmlSafe(description));
        }

        var json = await client.GetAsync("/open311/v2/requests.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        using var list = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Contains(list.RootElement.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id);
    }

    [Fact]
    public async Task A_nul_in_a_description_is_refused_with_a_field_message_and_nothing_is_stored()
    {
        var before = await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync());
        var input = new IntakeInput
        {
            ServiceCode = "LA-001",
            Description = "厨房水管\0爆裂",
            Address = "城郊村5组17号",
            Village = "城郊村",
            CallerName = "王阿姨",
            CallerPhone = "13905739002",
            Answers = new Dictionary<string, string> { ["fault"] = "water" },
        };

        var result = await app.As<IntakeHandler, Result<IntakeReceipt>>("dispatcher", h => h.Submit(input, IntakeChannel.Hotline, CancellationToken.None));

        Assert.False(result.IsOk);
        Assert.DoesNotContain("Validation.", Assert.Single(result.Error!.Fields["description"]), StringComparison.Ordinal);
        Assert.Equal(before, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync()));

        // Over Open311 the form itself is refused; nothing is stored either.
        var form = new Dictionary<string, string>
        {
            ["api_key"] = "demo-open311-key",
            ["service_code"] = "LA-001",
            ["lat"] = "30.4101",
            ["long"] = "120.5502",
            ["description"] = "灯\0不亮",
            ["phone"] = "13905739003",
            ["attribute[fault]"] = "power",
        };
        var response = await app.CreateClient().PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.Db(db => db.WorkOrders.IgnoreQueryFilters().CountAsync()));
    }

    [Theory]
    [InlineData("title", 0x0000)]
    [InlineData("title", 0x0001)]
    [InlineData("title", 0x000D)]
    [InlineData("title", 0xD800)]
    [InlineData("place", 0x000A)]
    [InlineData("place", 0xFFFF)]
    public async Task An_activity_title_or_place_with_a_control_character_is_refused_with_a_field_message(string field, int stray)
    {
        var input = await app.Input();
        if (field == "title")
        {
            input.Title = $"河道{(char)stray}保洁";
        }
        else
        {
            input.Place = $"上河{(char)stray}埠头";
        }

        var before = await app.ActivityCounts();

        var result = await app.As<ManageActivitiesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Create(input, CancellationToken.None));

        Assert.False(result.IsOk);
        var message = Assert.Single(result.Error!.Fields[field]);
        Assert.DoesNotContain("Validation.", message, StringComparison.Ordinal);
        Assert.Equal(before, await app.ActivityCounts());
    }

    [Fact]
    public async Task An_activity_description_with_stray_characters_leaves_the_rss_and_json_feeds_parseable()
    {
        var input = await app.Input();
        input.Description = "带好手套" + Stray + "和水桶";
        var created = await app.As<ManageActivitiesHandler, Result<Guid>>(ActivitySteps.Admin, h => h.Create(input, CancellationToken.None));
        Assert.True(created.IsOk, created.Error?.Message);
        var anonymous = app.CreateClient();

        var rss = await anonymous.GetAsync("/activities/notices.rss");
        var json = await anonymous.GetAsync("/activities/notices.json");

        Assert.Equal(HttpStatusCode.OK, rss.StatusCode);
        var item = XDocument.Parse(await rss.Content.ReadAsStringAsync()).Root!.Element("channel")!.Elements("item")
            .Single(i => i.Element("title")!.Value == input.Title);
        var description = item.Element("description")!.Value;
        Assert.Contains("带好手套", description, StringComparison.Ordinal);
        Assert.EndsWith("和水桶", description, StringComparison.Ordinal);
        Assert.True(IsXmlSafe(description));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        using var feed = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Contains(feed.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == input.Title);
    }

    [Fact]
    public async Task A_title_stored_before_the_rule_with_control_characters_still_gives_a_valid_calendar_feed()
    {
        // Data written before names and titles refused control characters (or by another system) must not break the feed.
        var activity = await app.NewActivity();
        var member = await app.DemoVolunteer();
        await app.AsVolunteer<Volunteer96345.Activities.SignUps.SignUpHandler, Result<Volunteer96345.Activities.SignUps.SignUpOutcome>>(
            member, h => h.SignUp(activity, CancellationToken.None));
        await app.Db(db => db.Set<Activity>().Where(a => a.Id == activity)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "河道\r保洁" + Stray + ";A,B").SetProperty(a => a.Place, "上河\r\n埠头")));
        using var scope = app.Services.CreateScope();
        var path = scope.ServiceProvider.GetRequiredService<Volunteer96345.Activities.Calendar.CalendarFeedHandler>().Path(member);

        var ics = await app.CreateClient().GetStringAsync("/" + path);

        // RFC 5545: content lines end in CRLF; no other control character but tab; unfolding joins a CRLF and one space.
        Assert.DoesNotContain(ics.Replace("\r\n", "", StringComparison.Ordinal), c => c < ' ' && c != '\t' || c == '\u007f');
        var lines = ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Contains(@"SUMMARY:河道\n保洁" + "\t" + @"\n\n\;A\,B", lines);
        Assert.Contains(@"LOCATION:上河\n埠头", lines);
    }
}
