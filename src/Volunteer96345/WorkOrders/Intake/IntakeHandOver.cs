using Volunteer96345.Common.Errors;

namespace Volunteer96345.WorkOrders.Intake;

/// <summary>
/// A module that takes some catalogue items off the work-order path: a request for such an item is recorded there
/// instead (StationServices: 低保申请代办 and the other applications become 红色代办 errands whose originals the service
/// point collects). Intake asks each hand-over after checking the request and before recording an order; null means "not
/// mine". Implemented above WorkOrders, so that WorkOrders names no module above it (decision 0025).
/// </summary>
internal interface IIntakeHandOver
{
    Task<Result<HandOverReceipt>?> TakeAsync(HandOverRequest request, CancellationToken cancellationToken);
}

/// <summary>The checked request: the item, the responsible station, the caller (name and normalized phone) and what they said.</summary>
internal sealed record HandOverRequest(string ServiceCode, Guid StationId, string? CallerName, string Phone, string Description);

/// <summary>What the caller is told instead of an order: the errand's code and due date, the originals to bring, the staff page and the public status page.</summary>
public sealed record HandOverReceipt(string Kind, Guid Id, string TrackingCode, DateOnly DueDate, IReadOnlyList<string> Documents, string StaffLink, string PublicLink);
