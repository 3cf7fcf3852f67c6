namespace Volunteer96345.Common.Auth;

/// <summary>The six roles of the system. Names are stable identifiers; the UI shows the Chinese title.</summary>
internal static class Roles
{
    public const string TownAdmin = "town-admin";
    public const string Dispatcher = "dispatcher";
    public const string StationManager = "station-manager";
    public const string Inspector = "inspector";
    public const string Volunteer = "volunteer";
    public const string Merchant = "merchant";

    public static readonly string[] All = [TownAdmin, Dispatcher, StationManager, Inspector, Volunteer, Merchant];

    /// <summary>Staff work in the back office; volunteers and merchants use the phone pages.</summary>
    public static readonly string[] Staff = [TownAdmin, Dispatcher, StationManager, Inspector];

    public const string StaffCsv = TownAdmin + "," + Dispatcher + "," + StationManager + "," + Inspector;
    public const string StationEditorsCsv = TownAdmin + "," + StationManager;
    public const string InspectorsCsv = TownAdmin + "," + Inspector;
}
