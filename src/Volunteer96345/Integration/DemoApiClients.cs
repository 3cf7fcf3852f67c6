using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;

namespace Volunteer96345.Integration;

/// <summary>
/// The demo's two systems: an Open311 client and the city platform, whose callbacks go to a local listener on port 5099.
/// The keys are public (README); a real town registers its own and never these.
/// </summary>
internal static class DemoApiClients
{
    public const string Open311Key = "demo-open311-key";
    public const string CityKey = "demo-city-key";
    public const string CitySecret = "demo-city-secret";
    public const string CityCallbackUrl = "http://127.0.0.1:5099/city/callbacks";

    public static void Run(AppDbContext db, FieldProtector protector, DateTime now)
    {
        db.ApiClients.Add(ApiClient.Register("演示Open311客户端", ApiClientKind.Open311, Open311Key, null, null, now));
        db.ApiClients.Add(ApiClient.Register("海宁市96345平台（演示）", ApiClientKind.CityPlatform, CityKey, protector.Protect(CitySecret), CityCallbackUrl, now));
    }
}
