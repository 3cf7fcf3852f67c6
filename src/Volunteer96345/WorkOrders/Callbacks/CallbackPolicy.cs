using System.Buffers.Binary;
using System.Security.Cryptography;
using Volunteer96345.Data;

namespace Volunteer96345.WorkOrders.Callbacks;

/// <summary>
/// Which orders staff call back: a sample of the resolved ones (WorkOrders:CallbackSampleRate, default 0.2) and every
/// low rating. The sample is drawn from a hash of the order's id, not a random number, so that a retried or repeated
/// resolution of the same order makes the same choice.
/// </summary>
internal sealed class CallbackPolicy(AppDbContext db, IConfiguration configuration)
{
    public const double DefaultSampleRate = 0.2;

    public double SampleRate => Math.Clamp(configuration.GetValue("WorkOrders:CallbackSampleRate", DefaultSampleRate), 0, 1);

    /// <summary>A number in [0, 1) fixed by the order's id.</summary>
    public static double Draw(Guid orderId)
    {
        var hash = SHA256.HashData(orderId.ToByteArray());
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    public static bool InSample(Guid orderId, double rate) => Draw(orderId) < rate;

    public void Resolved(WorkOrder order, DateTime now)
    {
        if (InSample(order.Id, SampleRate))
        {
            db.Callbacks.Add(Callback.Queue(order, CallbackReason.Sample, now));
        }
    }

    public void FeedbackGiven(WorkOrder order, Feedback feedback, DateTime now)
    {
        if (feedback.IsLow)
        {
            db.Callbacks.Add(Callback.Queue(order, CallbackReason.LowRating, now));
        }
    }
}
