using System.Text.Json;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Time;

namespace Volunteer96345.WorkOrders;

/// <summary>What the outside world hears of an order's milestones: the city platform's status callbacks and the resident's messages.</summary>
internal sealed class WorkOrderNotices(Notifier notifier)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The city hears accepted, arrived, resolved and closed (and a re-open as received again) for the orders it dispatched.</summary>
    public void Milestone(WorkOrder order, DateTime at)
    {
        if (order is not { Channel: IntakeChannel.CityPlatform, ApiClientId: { } client, ExternalId: { } cityId })
        {
            return;
        }

        var status = order.Status switch
        {
            WorkOrderStatus.Accepted => "accepted",
            WorkOrderStatus.Arrived => "arrived",
            WorkOrderStatus.Resolved => "resolved",
            WorkOrderStatus.Closed => "closed",
            WorkOrderStatus.Received when order.Reopens > 0 => "reopened",
            _ => null,
        };
        if (status is null)
        {
            return;
        }

        var body = JsonSerializer.Serialize(new
        {
            cityOrderId = cityId,
            orderId = order.TrackingCode,
            status,
            at = new DateTimeOffset(at, TimeSpan.Zero),
            responder = order.ResponderName,
            resolution = order.Status is WorkOrderStatus.Resolved or WorkOrderStatus.Closed ? order.Resolution : null,
        }, Json);
        notifier.ToCity(client, $"{cityId} {status}", body);
    }

    /// <summary>The tracking code of a request made online, to the resident's phone. False (nothing sent) when the town has no SMS gateway.</summary>
    public bool TrackingCode(WorkOrder order)
    {
        if (!notifier.CanText)
        {
            return false;
        }

        notifier.ToPhone(order.CallerPhoneCipher, $"【96345】您的求助已受理，查询码 {order.TrackingCode}",
            $"凭查询码 {order.TrackingCode} 和手机号后四位可查询办理进度：", $"/m/track?code={order.TrackingCode}");
        return true;
    }

    /// <summary>The single-use feedback link goes to the caller's phone; the token itself is never stored.</summary>
    public void FeedbackLink(WorkOrder order, string token)
    {
        var link = $"/m/feedback/{order.TrackingCode}?t={token}";
        notifier.ToPhone(order.CallerPhoneCipher, $"【96345】您的诉求 {order.TrackingCode} 已办结",
            $"服务已于{Shanghai.Format(order.ResolvedAt!.Value)}完成，请为本次服务评价：", link);
    }
}
