using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Volunteer96345.Tests.Common.Web;

/// <summary>
/// The routing matcher and the authorization policy cache read the endpoints through two composites: both must get the
/// same endpoint objects (built once), and every API route must still be there.
/// </summary>
public sealed class EndpointsBuiltOnceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void Two_readers_of_the_endpoints_share_one_build()
    {
        // The policy cache reads the composite registered as a service; the matcher makes its own over the same sources.
        var registered = Assert.IsType<CompositeEndpointDataSource>(app.Services.GetRequiredService<EndpointDataSource>());
        using var matchers = new CompositeEndpointDataSource(registered.DataSources);

        var stations = registered.Endpoints.OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == "/api/v1/stations"
            && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);

        Assert.Contains(matchers.Endpoints, e => ReferenceEquals(e, stations));
    }

    [Fact]
    public async Task The_shared_endpoints_still_answer()
    {
        using var client = app.CreateClient();

        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var stations = await client.GetAsync(new Uri("/api/v1/stations", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, stations.StatusCode);
    }
}
