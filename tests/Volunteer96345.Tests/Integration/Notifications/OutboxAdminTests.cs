using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Integration.Notifications;
using Volunteer96345.Tests.Common.Notifications;

namespace Volunteer96345.Tests.Integration.Notifications;

/// <summary>The town admin sees what is waiting and what died, with the reason, and sends a dead letter again.</summary>
[Trait("Category", "Integration")]
public sealed class OutboxAdminTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private AppFixture App => fixture.App;

    private static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    [Fact]
    public async Task A_dead_letter_retried_by_the_admin_is_delivered_once_the_endpoint_has_recovered()
    {
        fixture.Receiver.Answer("/flaky", 503);
        var id = await App.EnqueueOne(n => n.ToWebhook(fixture.Receiver.Url("/flaky"), "回调重试", """{"n":1}"""));
        await App.DrainUntilDead(id);
        var admin = await App.ClientFor(TestData.Admin);

        var dead = Items(await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox?state=dead&pageSize=200")).Single(m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal(OutboxMessage.MaxAttempts, dead.GetProperty("attempts").GetInt32());
        Assert.Contains("HTTP 503", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(fixture.Receiver.Url("/flaky"), dead.GetProperty("recipient").GetString());

        fixture.Receiver.Answer("/flaky", 200);
        var retry = await admin.PostAsync($"/api/v1/admin/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var pending = Items(await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox?state=pending&pageSize=200")).Single(m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal(0, pending.GetProperty("attempts").GetInt32());
        Assert.DoesNotContain(Items(await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox?state=dead&pageSize=200")), m => m.GetProperty("id").GetGuid() == id);
        Assert.True(await App.Db(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(OutboxMessage) && a.EntityId == id.ToString() && a.UserName == TestData.NameOf(TestData.Admin))));

        await App.Drain();

        Assert.NotNull((await App.Message(id)).SentAt);
        Assert.Equal(OutboxMessage.MaxAttempts + 1, fixture.Receiver.To("/flaky").Count);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/admin/outbox/{id}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task A_text_message_is_listed_with_its_number_masked_never_decrypted()
    {
        fixture.Receiver.Answer("/sms", 500);
        var cipher = App.Services.GetRequiredService<FieldProtector>().Protect("13905739999");
        var id = await App.EnqueueOne(n => n.ToPhone(cipher, "接单提醒", "请接单"));
        await App.DrainUntilDead(id);
        var admin = await App.ClientFor(TestData.Admin);

        var json = await admin.GetStringAsync("/api/v1/admin/outbox?state=dead&pageSize=200");
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/outbox"));

        var row = Items(JsonDocument.Parse(json).RootElement).Single(m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal("Sms", row.GetProperty("channel").GetString());
        Assert.Equal(OutboxAdminHandler.MaskedPhone, row.GetProperty("recipient").GetString());
        foreach (var text in new[] { json, html })
        {
            Assert.DoesNotContain("13905739999", text, StringComparison.Ordinal);
            Assert.DoesNotContain(cipher, text, StringComparison.Ordinal);
        }

        Assert.Contains("接单提醒", html, StringComparison.Ordinal);
        Assert.Contains("消息投递", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestData.Dispatcher)]
    [InlineData(TestData.Chengjiao)]
    [InlineData("volunteer")]
    public async Task Only_the_town_admin_sees_deliveries_and_retries_them(string userName)
    {
        fixture.Receiver.Answer("/gone", 410);
        var id = await App.EnqueueOne(n => n.ToWebhook(fixture.Receiver.Url("/gone"), "无权重发", "{}"));
        await App.DrainUntilDead(id);
        var client = await App.ClientFor(userName);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/outbox?state=dead")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/admin/outbox/{id}/retry", null)).StatusCode);
        Assert.NotNull((await App.Message(id)).DeadAt);
    }

    public static TheoryData<string, string, int, string?> BadRequests => new()
    {
        { "POST", "/api/v1/admin/outbox/{UNKNOWN}/retry", 404, null },
        { "POST", "/api/v1/admin/outbox/not-a-guid/retry", 404, null },
        { "POST", "/api/v1/admin/outbox/{PENDING}/retry", 409, null },
        { "GET", "/api/v1/admin/outbox?state=lost", 400, "state" },
        { "GET", "/api/v1/admin/outbox?state=7", 400, "state" },
        { "GET", "/api/v1/admin/outbox?page=x", 400, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_client_error_and_changes_nothing(string method, string path, int status, string? field)
    {
        fixture.Receiver.Answer("/later", 500);
        var pending = await App.EnqueueOne(n => n.ToWebhook(fixture.Receiver.Url("/later"), "待发送", "{}"));
        var admin = await App.ClientFor(TestData.Admin);
        var before = await App.Fingerprint();

        using var request = new HttpRequestMessage(new HttpMethod(method),
            path.Replace("{UNKNOWN}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{PENDING}", pending.ToString(), StringComparison.Ordinal));
        var response = await admin.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        if (field is not null)
        {
            Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _));
        }

        Assert.Equal(before, await App.Fingerprint());
        var row = await App.Message(pending);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.DeadAt);
        await App.DrainUntilDead(pending); // leave nothing due behind for the other tests
    }
}
