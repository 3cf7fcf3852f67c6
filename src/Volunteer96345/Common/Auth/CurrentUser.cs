using System.Security.Claims;

namespace Volunteer96345.Common.Auth;

/// <summary>
/// Who is acting in this DI scope, and which stations they may see. Set once per HTTP request (middleware)
/// or per Blazor circuit (<see cref="CircuitUserHandler"/>); the system principal acts for seeding and commands.
/// </summary>
internal sealed class CurrentUser
{
    public const string StationClaim = "v96345:station";
    public const string TownWideClaim = "v96345:town-wide";
    public const string VolunteerClaim = "v96345:volunteer";
    public const string MerchantClaim = "v96345:merchant";
    public const string DisplayNameClaim = "name:display";
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal { get; private set; } = Anonymous;
    public bool IsSystem { get; private set; }

    public bool IsAuthenticated => IsSystem || Principal.Identity?.IsAuthenticated == true;

    public Guid? UserId => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private string _systemName = "system";
    private readonly List<Guid> _granted = [];

    /// <summary>
    /// The person as histories, receipts and the audit log name them: the account's display name (李晓梅), never the login
    /// name, which is a volunteer's mobile number. Only an account without a display name falls back to its login.
    /// </summary>
    public string Name => IsSystem
        ? _systemName
        : Principal.FindFirstValue(DisplayNameClaim) is { } display && !string.IsNullOrWhiteSpace(display) ? display : LoginName;

    /// <summary>What the person types to sign in; for finding the account, never for showing who did something.</summary>
    public string LoginName => IsSystem ? _systemName : Principal.Identity?.Name ?? "anonymous";

    /// <summary>
    /// The address the HTTP request came from (<see cref="ClientAddressMiddleware"/>); null in a Blazor circuit, which has
    /// no request of its own, and for the system. Who guesses a code when nobody is signed in (<see cref="GuessKeys.Person"/>).
    /// </summary>
    public string? ClientAddress { get; set; }

    /// <summary>The caller's own volunteer record, when the account belongs to a volunteer.</summary>
    public Guid? VolunteerId => Guid.TryParse(Principal.FindFirstValue(VolunteerClaim), out var id) ? id : null;

    /// <summary>The alliance member the caller's merchant account acts for.</summary>
    public Guid? AllianceMemberId => Guid.TryParse(Principal.FindFirstValue(MerchantClaim), out var id) ? id : null;

    public bool SeesAllStations => IsSystem || IsInRole(Roles.TownAdmin) || Principal.HasClaim(TownWideClaim, "true");

    public IReadOnlyList<Guid> StationIds => [.. Principal.FindAll(StationClaim).Select(c => Guid.Parse(c.Value)), .. _granted];

    /// <summary>
    /// Widens the scope by one station for the rest of this unit of work, after a handler has established that the
    /// caller acts there in person: a volunteer answering an order of that station. The audit still names the caller.
    /// </summary>
    public void Grant(Guid stationId)
    {
        if (!_granted.Contains(stationId))
        {
            _granted.Add(stationId);
        }
    }

    public bool IsInRole(string role) => IsSystem || Principal.IsInRole(role);

    public bool IsInAnyRole(params string[] roles) => roles.Any(IsInRole);

    public bool CanSee(Guid stationId) => SeesAllStations || StationIds.Contains(stationId);

    public void Set(ClaimsPrincipal principal)
    {
        Principal = principal;
        IsSystem = false;
    }

    public void ActAsSystem(string name = "system")
    {
        Principal = Anonymous;
        IsSystem = true;
        _systemName = name;
    }

    public void CopyFrom(CurrentUser other)
    {
        Principal = other.Principal;
        IsSystem = other.IsSystem;
        ClientAddress = other.ClientAddress;
        _systemName = other._systemName;
        _granted.Clear();
        _granted.AddRange(other._granted);
    }
}

internal static class ClientAddressMiddleware
{
    /// <summary>Puts the request's remote address into the scoped <see cref="CurrentUser"/> (IPv4-mapped IPv6 as plain IPv4).</summary>
    public static void UseClientAddress(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (context.Connection.RemoteIpAddress is { } address)
            {
                context.RequestServices.GetRequiredService<CurrentUser>().ClientAddress =
                    (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
            }

            return next(context);
        });
}
