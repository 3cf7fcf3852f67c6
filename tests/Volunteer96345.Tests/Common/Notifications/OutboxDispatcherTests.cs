using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Integration;

namespace Volunteer96345.Tests.Common.Notifications;

/// <summary>The dispatcher drains the outbox through each channel against a real HTTP receiver, retries with backoff, and never delivers twice.</summary>
[Trait("Category", "Integration")]
public sealed class OutboxDispatcherTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private AppFixture App => fixture.App;

    private Receiver Receiver => fixture.Receiver;

    [Fact]
    public async Task A_message_to_a_user_arrives_in_their_inbox_once_even_when_delivered_again()
    {
        var volunteer = await App.UserId("volunteer");
        var id = await App.EnqueueOne(n => n.ToUser(volunteer, "新的服务工单", "城郊村张大爷需要代购药品", "/m/me"));

        Assert.True(await App.Drain() >= 1);

        var message = await App.Message(id);
        Assert.NotNull(message.SentAt);
        Assert.Null(message.LockedUntil);
        var row = await App.Db(db => db.Inbox.AsNoTracking().SingleAsync(i => i.OutboxId == id));
        Assert.Equal(volunteer, row.UserId);
        Assert.Equal("新的服务工单", row.Subject);
        Assert.Equal("/m/me", row.Link);
        Assert.Null(row.ReadAt);

        // A second delivery of the same message (a lease that ran out mid-send) leaves the one row.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var channel = scope.ServiceProvider.GetServices<INotificationChannel>().Single(c => c.Channel == NotificationChannel.Inbox);
            await channel.SendAsync(await db.Outbox.SingleAsync(m => m.Id == id), CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await App.Db(db => db.Inbox.CountAsync(i => i.OutboxId == id)));
        Assert.Equal(0, await App.Drain());
    }

    [Fact]
    public async Task A_webhook_is_posted_as_json_with_a_signature_the_receiver_can_verify()
    {
        const string body = """{"event":"order.accepted","number":"GD20261129001"}""";
        var id = await App.EnqueueOne(n => n.ToWebhook(Receiver.Url("/hook"), "工单已接单", body));

        await App.Drain();

        var request = Assert.Single(Receiver.To("/hook"));
        Assert.Equal(body, request.Body);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var timestamp = request.Headers["X-V96345-Timestamp"];
        Assert.Equal(App.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        Assert.Equal("sha256=" + Outbox.Hmac(NotificationsFixture.WebhookSecret, timestamp + "." + body), request.Headers["X-V96345-Signature"]);
        Assert.NotEqual("sha256=" + Outbox.Hmac("another secret", timestamp + "." + body), request.Headers["X-V96345-Signature"]);
        Assert.NotNull((await App.Message(id)).SentAt);
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_with_growing_delays_and_dead_lettered_after_the_last_attempt()
    {
        Receiver.Answer("/down", 500);
        var id = await App.EnqueueOne(n => n.ToWebhook(Receiver.Url("/down"), "状态回传", "{}"));

        var start = App.Clock.GetUtcNow().UtcDateTime;
        await App.Drain();
        var first = await App.Message(id);
        Assert.Equal(1, first.Attempts);
        Assert.Contains("HTTP 500", first.LastError, StringComparison.Ordinal);
        Assert.Null(first.DeadAt);
        Assert.Null(first.SentAt);

        // Not due yet: nothing is sent before the backoff has passed.
        App.Clock.Advance(first.DueAt - App.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1));
        await App.Drain();
        Assert.Equal(1, (await App.Message(id)).Attempts);

        List<TimeSpan> delays = [first.DueAt - start, .. await App.DrainUntilDead(id)];

        var dead = await App.Message(id);
        Assert.Equal(OutboxMessage.MaxAttempts, dead.Attempts);
        Assert.NotNull(dead.DeadAt);
        Assert.Null(dead.SentAt);
        Assert.Contains("HTTP 500", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxMessage.MaxAttempts, Receiver.To("/down").Count);
        // After attempts 1..7 the delays were 5, 10, 20 … 320 s, each ±20 %: every one longer than the one before.
        Assert.Equal(OutboxMessage.MaxAttempts - 1, delays.Count);
        for (var i = 0; i < delays.Count; i++)
        {
            var nominal = 5 * Math.Pow(2, i);
            Assert.InRange(delays[i].TotalSeconds, nominal * 0.8 - 0.01, nominal * 1.2 + 0.01);
        }

        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.Second > p.First));
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await App.Drain());
    }

    [Fact]
    public async Task A_text_message_goes_to_the_gateway_with_the_decrypted_number_and_a_signature()
    {
        var cipher = App.Services.GetRequiredService<FieldProtector>().Protect("13905730001");
        var id = await App.EnqueueOne(n => n.ToPhone(cipher, "工单提醒", "请在30分钟内接单", "/m/me"));

        await App.Drain();

        var request = Assert.Single(Receiver.To("/sms"));
        var json = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("13905730001", json.GetProperty("to").GetString());
        Assert.Equal("sms", json.GetProperty("channel").GetString());
        var text = json.GetProperty("text").GetString()!;
        Assert.Contains("工单提醒", text, StringComparison.Ordinal);
        Assert.Contains("请在30分钟内接单", text, StringComparison.Ordinal);
        Assert.Contains("/m/me", text, StringComparison.Ordinal);
        var timestamp = request.Headers["X-V96345-Timestamp"];
        Assert.Equal("sha256=" + Outbox.Hmac(NotificationsFixture.SmsSecret, timestamp + "." + request.Body), request.Headers["X-V96345-Signature"]);
        Assert.NotNull((await App.Message(id)).SentAt);
        // The number is decrypted for the gateway only: neither the outbox nor the audit ever holds it in clear.
        Assert.False(await App.Db(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Changes.Contains("13905730001"))));
        Assert.False(await App.Db(db => db.Outbox.AnyAsync(m => m.Recipient.Contains("13905730001") || m.Body.Contains("13905730001"))));
    }

    [Fact]
    public async Task A_city_callback_is_signed_with_the_clients_own_secret_and_a_client_without_callback_url_fails_visibly()
    {
        var protector = App.Services.GetRequiredService<FieldProtector>();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var city = ApiClient.Register("嘉兴市96345平台", ApiClientKind.CityPlatform, "city-key-" + Guid.NewGuid(), protector.Protect("city-shared-secret"),
            Receiver.Url("/city"), now);
        var silent = ApiClient.Register("无回调客户端", ApiClientKind.CityPlatform, "silent-key-" + Guid.NewGuid(), protector.Protect("s"), null, now);
        await App.Db(db =>
        {
            db.ApiClients.AddRange(city, silent);
            return db.SaveChangesAsync();
        });
        const string body = """{"caseId":"JX-2026-0001","status":"accepted"}""";
        var sent = await App.EnqueueOne(n => n.ToCity(city.Id, "状态回传", body));
        var unsent = await App.EnqueueOne(n => n.ToCity(silent.Id, "状态回传", body));

        await App.Drain();

        var request = Assert.Single(Receiver.To("/city"));
        Assert.Equal(body, request.Body);
        Assert.Equal(city.Id.ToString(), request.Headers["X-Api-Key-Id"]);
        var timestamp = request.Headers["X-Timestamp"];
        Assert.Equal(Outbox.Hmac("city-shared-secret", timestamp + "\n" + body), request.Headers["X-Signature"]);
        Assert.NotNull((await App.Message(sent)).SentAt);
        var failed = await App.Message(unsent);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("no callback URL", failed.LastError, StringComparison.Ordinal);
        await App.DrainUntilDead(unsent);
    }

    [Fact]
    public async Task A_batch_that_cannot_be_saved_is_delivered_one_message_at_a_time_and_the_inbox_still_holds_one_row()
    {
        var volunteer = await App.UserId("volunteer");
        var inbox = await App.EnqueueOne(n => n.ToUser(volunteer, "批次内的站内信", "另一实例在批次保存前已送达"));
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var webhook = await App.EnqueueOne(n => n.ToWebhook(Receiver.Url("/race"), "同一批次的推送", """{"event":"race"}"""));
        // While the batch sends the webhook, another instance (its lease ran out) delivers the inbox message first: the
        // batch's own inbox row then breaks the unique index, and its save fails as a whole.
        Receiver.OnPost("/race", () => App.Db(async db =>
        {
            if (!await db.Inbox.AnyAsync(i => i.OutboxId == inbox))
            {
                db.Inbox.Add(InboxMessage.Deliver(await db.Outbox.SingleAsync(m => m.Id == inbox), volunteer));
                await db.SaveChangesAsync();
            }

            return true;
        }));

        Assert.True(await App.Drain() >= 2);

        Assert.NotNull((await App.Message(inbox)).SentAt);
        Assert.Equal(1, await App.Db(db => db.Inbox.CountAsync(i => i.OutboxId == inbox)));
        var posted = await App.Message(webhook);
        Assert.NotNull(posted.SentAt);
        Assert.Equal(0, posted.Attempts);
        // At least once: sent with the failed batch, and again alone.
        Assert.Equal(2, Receiver.To("/race").Count);
    }

    [Fact]
    public async Task Two_dispatchers_draining_at_once_deliver_each_of_200_messages_exactly_once()
    {
        var merchant = await App.UserId("merchant");
        var ids = await App.Enqueue(n =>
        {
            for (var i = 0; i < 200; i++)
            {
                n.ToUser(merchant, $"批量消息 {i}", "两台实例同时投递");
            }
        });
        Assert.Equal(200, ids.Count);

        // Two dispatchers with their own scopes and connections, as two app instances on one database would have.
        var first = ActivatorUtilities.CreateInstance<OutboxDispatcher>(App.Services);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(App.Services);
        var handled = await Task.WhenAll(DrainAll(first), DrainAll(second));

        Assert.Equal(200, handled.Sum());
        var delivered = await App.Db(db => db.Inbox.AsNoTracking().Where(i => ids.Contains(i.OutboxId)).Select(i => i.OutboxId).ToListAsync());
        Assert.Equal(200, delivered.Count);
        Assert.Equal(200, delivered.Distinct().Count());
        Assert.True(await App.Db(db => db.Outbox.Where(m => ids.Contains(m.Id)).AllAsync(m => m.SentAt != null && m.Attempts == 0)));
    }

    private async Task<int> DrainAll(OutboxDispatcher dispatcher)
    {
        var total = 0;
        while (true)
        {
            var handled = await dispatcher.DrainOnceAsync(CancellationToken.None);
            total += handled;
            var now = App.Clock.GetUtcNow().UtcDateTime;
            if (handled == 0 && !await App.Db(db => db.Outbox.AnyAsync(m => m.SentAt == null && m.DeadAt == null && m.DueAt <= now)))
            {
                return total;
            }
        }
    }
}
