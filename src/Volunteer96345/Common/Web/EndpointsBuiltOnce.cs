using Microsoft.Extensions.Primitives;

namespace Volunteer96345.Common.Web;

/// <summary>
/// The minimal API data sources build their endpoints afresh each time they are asked, and each build runs the
/// RequestDelegateFactory over every handler (reflection, JSON metadata, a compiled expression tree). At start-up two
/// readers ask: the authorization middleware's policy cache and the routing middleware's matcher, each through its own
/// composite. So the app's 200-odd handlers were compiled twice before the first request was answered (about 0.4 s of a
/// restart on the town's two-core server). Wrapped here, each data source that never changes builds its endpoints once
/// and both readers share them; they are built on another core while the database is prepared. A data source whose
/// change token can fire (Blazor's, which follows hot reload) is left as it is.
/// </summary>
internal static class EndpointsBuiltOnce
{
    /// <summary>
    /// Call after the last Map call: conventions added later would not reach the endpoints. The endpoints are built on
    /// another thread from here on, while this one prepares the database; whoever needs them first waits for that build.
    /// </summary>
    public static void BuildEndpointsOnce(this IEndpointRouteBuilder app)
    {
        var built = new List<BuiltOnce>();
        foreach (var source in app.DataSources.Where(s => s.GetChangeToken() is { ActiveChangeCallbacks: false, HasChanged: false }).ToList())
        {
            app.DataSources.Remove(source);
            var once = new BuiltOnce(source);
            app.DataSources.Add(once);
            built.Add(once);
        }

        _ = Task.Run(() =>
        {
            try
            {
                built.ForEach(once => _ = once.Endpoints);
            }
            catch (Exception)
            {
                // A route that cannot be built throws again, the same exception, where the app first asks for its endpoints.
            }
        });
    }

    private sealed class BuiltOnce(EndpointDataSource inner) : EndpointDataSource
    {
        private readonly Lazy<IReadOnlyList<Endpoint>> _endpoints = new(() => inner.Endpoints, LazyThreadSafetyMode.ExecutionAndPublication);

        public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => inner.GetGroupedEndpoints(context);
    }
}
