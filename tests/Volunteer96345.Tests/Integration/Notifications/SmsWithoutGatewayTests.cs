using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Integration.Notifications;
using Volunteer96345.Tests.Common.Notifications;

namespace Volunteer96345.Tests.Integration.Notifications;

/// <summary>Without an SMS gateway a text is never reported as sent: it dead-letters with the reason for the admin to see.</summary>
[Trait("Category", "Integration")]
public sealed class SmsWithoutGatewayTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_text_message_without_a_configured_gateway_dead_letters_at_once_with_a_clear_reason()
    {
        var cipher = app.Services.GetRequiredService<FieldProtector>().Protect("13905730002");
        var id = await app.EnqueueOne(n => n.ToPhone(cipher, "工单提醒", "请接单"));

        await app.DrainUntilDead(id);

        var message = await app.Message(id);
        Assert.Null(message.SentAt);
        Assert.NotNull(message.DeadAt);
        Assert.Equal(1, message.Attempts); // missing configuration is not retried: it cannot fix itself
        Assert.Equal(SmsChannel.NotConfigured, message.LastError);
        Assert.StartsWith("SMS gateway not configured", message.LastError, StringComparison.Ordinal);
        var admin = await app.ClientFor(TestData.Admin);
        var dead = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox?state=dead");
        Assert.Contains(dead.GetProperty("items").EnumerateArray(),
            m => m.GetProperty("id").GetGuid() == id && m.GetProperty("lastError").GetString() == SmsChannel.NotConfigured);
    }
}
