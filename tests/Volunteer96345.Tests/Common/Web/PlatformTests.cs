using System.Net;

namespace Volunteer96345.Tests.Common.Web;

[Trait("Category", "Integration")]
public sealed class PlatformTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Healthz_answers_200_while_the_database_is_reachable()
    {
        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_network_endpoints_and_the_reference_page_is_served()
    {
        var client = app.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).Json();
        var reference = await client.GetAsync("/scalar/v1");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/stations", paths);
        Assert.Contains("/api/v1/stations/{id}/inspections", paths);
        Assert.Contains("/api/v1/funding/lines/{id}/entries", paths);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("openapi/v1.json", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_culture_switch_sets_a_lasting_cookie_and_returns_to_the_page()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/culture/set?culture=en&redirectUri=%2Fnetwork%2Fstations");
        var offsite = await client.GetAsync("/culture/set?culture=en&redirectUri=https%3A%2F%2Fevil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/network/stations", response.Headers.Location!.ToString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("c%3Den%7Cuic%3Den", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/", offsite.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_phone_directory_lists_active_stations_for_anyone_without_a_component_library()
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/m?village=城郊村"));

        Assert.Contains("城郊村96345党员志愿服务点", html, StringComparison.Ordinal);
        Assert.DoesNotContain("桃园村96345党员志愿服务点", html, StringComparison.Ordinal);
        Assert.Contains("tel:96345", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ant-design-blazor", html, StringComparison.Ordinal);
        Assert.DoesNotContain("_framework/blazor.server", html, StringComparison.Ordinal);
    }
}

[Trait("Category", "Integration")]
public sealed class HealthWithoutDatabaseTests
{
    [Fact]
    public async Task Healthz_answers_503_once_the_database_is_gone()
    {
        await using var app = new AppFixture();
        await app.InitializeAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        await app.DropDatabase();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }
}
