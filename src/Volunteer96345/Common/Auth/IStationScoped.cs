namespace Volunteer96345.Common.Auth;

/// <summary>A row that belongs to one station. AppDbContext filters every query on it by the caller's scope and refuses to save it outside that scope.</summary>
internal interface IStationScoped
{
    Guid StationId { get; }
}

/// <summary>
/// A station itself: its own id is the scope it belongs to. AppDbContext filters stations by the caller's scope too, and
/// the audit trail files a station's changes under it. The kernel knows stations only through this.
/// </summary>
internal interface IStationRecord
{
    Guid Id { get; }
}

/// <summary>Station names by id for views in the kernel (the audit log); the Network module provides it.</summary>
internal interface IStationNames
{
    /// <summary>The names of these stations, whoever asks (a name is not scoped data; the rows that carry the ids are).</summary>
    Task<Dictionary<Guid, string>> NamesOf(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

internal sealed class StationScopeException(Guid stationId)
    : InvalidOperationException($"A change to station {stationId} is outside the caller's scope.")
{
    public Guid StationId { get; } = stationId;
}
