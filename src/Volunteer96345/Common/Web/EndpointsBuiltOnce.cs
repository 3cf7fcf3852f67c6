using Microsoft.Extensions.Primitives;

namespace Volunteer96345.Common.Web;

/// <summary>
/// The minimal API data sources build their endpoints afresh each time they are asked, and each build runs the
/// RequestDelegateFactory over every handler (reflection, JSON metadata, a compiled expression tree). At start-up two
/// readers ask: the authorization middleware's policy cache and the routing middleware's matcher, each through its own
/// composite. So the app's 200-odd handlers were compiled twice before the first request was answered (about 0.4 s of a
/// restart on the town's two-core server). Wrapped here, each data source that never changes builds its endpoints once
/// and both readers share them; they are built right away, while the database model is built on the other core. A data
/// source whose change token can fire (Blazor's, which follows hot reload) is left as it is.
/// </summary>
internal static class EndpointsBuiltOnce
{
    /// <summary>Call after the last Map call: conventions added later would not reach the endpoints already built.</summary>
    public static void BuildEndpointsOnce(this IEndpointRouteBuilder app)
    {
        var sources = app.DataSources.ToList();
        foreach (var source in sources.Where(s => s.GetChangeToken() is { ActiveChangeCallbacks: false, HasChanged: false }))
        {
            app.DataSources.Remove(source);
            var once = new BuiltOnce(source);
            app.DataSources.Add(once);
            // Built now, on this thread, while the database model is built on another core (DatabasePreparation).
            _ = once.Endpoints;
        }
    }

    private sealed class BuiltOnce(EndpointDataSource inner) : EndpointDataSource
    {
        private readonly Lazy<IReadOnlyList<Endpoint>> _endpoints = new(() => inner.Endpoints, LazyThreadSafetyMode.ExecutionAndPublication);

        public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => inner.GetGroupedEndpoints(context);
    }
}
