namespace Volunteer96345.Common.Auth;

/// <summary>A row that belongs to one station. AppDbContext filters every query on it by the caller's scope and refuses to save it outside that scope.</summary>
internal interface IStationScoped
{
    Guid StationId { get; }
}

internal sealed class StationScopeException(Guid stationId)
    : InvalidOperationException($"A change to station {stationId} is outside the caller's scope.")
{
    public Guid StationId { get; } = stationId;
}
