using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Volunteer96345.Tests.Common.Notifications;

/// <summary>Every signed-in user reads their own inbox, on the API, in the back office and on the phone; nobody reaches another's.</summary>
[Trait("Category", "Integration")]
public sealed partial class InboxTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> Deliver(string userName, string subject, string? link = null)
    {
        var user = await app.UserId(userName);
        var outboxId = await app.EnqueueOne(n => n.ToUser(user, subject, "正文：" + subject, link));
        await app.Drain();
        return await app.Db(db => db.Inbox.Where(i => i.OutboxId == outboxId).Select(i => i.Id).SingleAsync());
    }

    private static async Task<int> Unread(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/inbox/unread-count")).GetProperty("count").GetInt32();

    [Fact]
    public async Task A_user_reads_their_messages_newest_first_and_the_unread_count_follows()
    {
        var client = await app.ClientFor(TestData.Dispatcher);
        var before = await Unread(client);
        var older = await Deliver(TestData.Dispatcher, "较早的消息");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await Deliver(TestData.Dispatcher, "较新的消息");

        Assert.Equal(before + 2, await Unread(client));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/inbox?pageSize=200");
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.True(ids.IndexOf(newer) < ids.IndexOf(older) && ids.IndexOf(newer) >= 0);

        var read = await client.PostAsync($"/api/v1/inbox/{older}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull((await read.Json()).GetProperty("readAt").GetString());
        Assert.Equal(before + 1, await Unread(client));
        var unreadOnly = await client.GetFromJsonAsync<JsonElement>("/api/v1/inbox?unreadOnly=true&pageSize=200");
        Assert.DoesNotContain(unreadOnly.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == older);
        Assert.Contains(unreadOnly.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == newer);

        var all = await client.PostAsync("/api/v1/inbox/read-all", null);
        Assert.Equal(before + 1, (await all.Json()).GetProperty("marked").GetInt32());
        Assert.Equal(0, await Unread(client));
        Assert.True(await app.Db(db => db.Inbox.Where(i => i.Id == older || i.Id == newer).AllAsync(i => i.ReadAt != null)));
    }

    [Fact]
    public async Task A_notice_reads_in_its_readers_language_and_its_stored_copy_and_text_are_chinese()
    {
        var user = await app.UserId(TestData.Dispatcher);
        var notice = new Volunteer96345.Common.Notifications.Notice("Notice.ResolveOverdue.Subject", "Notice.ResolveOverdue.Body", "QW7K2M9P");
        var outboxId = await app.EnqueueOne(n => n.ToUsers([user], notice, "/work-orders"));
        await app.Drain();
        var row = await app.Db(db => db.Inbox.AsNoTracking().SingleAsync(i => i.OutboxId == outboxId));
        Assert.Equal("【办结超时】QW7K2M9P", row.Subject);
        Assert.Equal("工单已超过办结时限，请督办。", row.Body);

        var client = await app.ClientFor(TestData.Dispatcher);
        async Task<JsonElement> Read(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/inbox?pageSize=200");
            if (language is not null)
            {
                request.Headers.Add("Accept-Language", language);
            }

            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Json()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == row.Id);
        }

        var chinese = await Read(null);
        Assert.Equal("【办结超时】QW7K2M9P", chinese.GetProperty("subject").GetString());
        var english = await Read("en");
        Assert.Equal("[Resolution overdue] QW7K2M9P", english.GetProperty("subject").GetString());
        Assert.Equal("Order QW7K2M9P passed its resolution deadline; please follow it up.", english.GetProperty("body").GetString());

        // A notice whose key this version no longer has (sent before a rename) shows its stored Chinese copy.
        var gone = (notice with { Subject = "Notice.Gone.Subject" }).ToJson();
        await app.Db(db => db.Inbox.Where(i => i.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Notice, gone)));
        Assert.Equal("【办结超时】QW7K2M9P", (await Read("en")).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_user_can_neither_see_nor_mark_another_users_message()
    {
        var theirs = await Deliver("volunteer", "只给志愿者的消息");
        var other = await app.ClientFor(TestData.Inspector);

        var list = await other.GetFromJsonAsync<JsonElement>("/api/v1/inbox?pageSize=200");
        var read = await other.PostAsync($"/api/v1/inbox/{theirs}/read", null);
        await other.PostAsync("/api/v1/inbox/read-all", null);

        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == theirs);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Null(await app.Db(db => db.Inbox.Where(i => i.Id == theirs).Select(i => i.ReadAt).SingleAsync()));
        var owner = await (await app.ClientFor("volunteer")).GetFromJsonAsync<JsonElement>("/api/v1/inbox?unreadOnly=true&pageSize=200");
        Assert.Contains(owner.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == theirs);
    }

    public static TheoryData<string, string, int> BadRequests => new()
    {
        { "POST", "/api/v1/inbox/{UNKNOWN}/read", 404 },
        { "POST", "/api/v1/inbox/not-a-guid/read", 404 },
        { "POST", "/api/v1/inbox/{THEIRS}/read", 404 },
        { "GET", "/api/v1/inbox?page=abc", 400 },
        { "GET", "/api/v1/inbox?unreadOnly=perhaps", 400 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_client_error_and_changes_nothing(string method, string path, int status)
    {
        var theirs = await Deliver("volunteer", "坏输入测试");
        var client = await app.ClientFor(TestData.Dispatcher);
        var before = await app.Fingerprint();
        var inboxBefore = await app.Db(db => db.Inbox.CountAsync(i => i.ReadAt == null));

        using var request = new HttpRequestMessage(new HttpMethod(method),
            path.Replace("{UNKNOWN}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{THEIRS}", theirs.ToString(), StringComparison.Ordinal));
        var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal(inboxBefore, await app.Db(db => db.Inbox.CountAsync(i => i.ReadAt == null)));
    }

    [Fact]
    public async Task Without_signing_in_there_is_no_inbox()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/inbox/read-all", null)).StatusCode);
    }

    [Fact]
    public async Task On_the_phone_opening_a_message_marks_it_read_and_follows_its_link()
    {
        var id = await Deliver("volunteer", "请查看我的档案", "/m/me");
        var phone = await app.ClientFor("volunteer");

        var raw = await phone.GetStringAsync("/m/inbox");
        var html = WebUtility.HtmlDecode(raw);
        Assert.Contains("请查看我的档案", html, StringComparison.Ordinal);
        var token = Token().Match(raw).Groups[1].Value;
        var open = await phone.PostAsync("/m/inbox", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "inbox-open",
            ["OpenId"] = id.ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("/m/me", open.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString) : null);
        Assert.NotNull(await app.Db(db => db.Inbox.Where(i => i.Id == id).Select(i => i.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task The_back_office_inbox_lists_the_staff_members_messages_and_the_top_bar_counts_them()
    {
        await Deliver(TestData.Taoyuan, "桃园站点的新消息");
        var client = await app.ClientFor(TestData.Taoyuan);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/inbox"));

        Assert.Contains("桃园站点的新消息", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"inbox-bell\"", html, StringComparison.Ordinal);
        Assert.Contains("站内消息", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
