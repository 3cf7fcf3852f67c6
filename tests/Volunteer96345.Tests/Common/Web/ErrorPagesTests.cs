using System.Net;

namespace Volunteer96345.Tests.Common.Web;

[Trait("Category", "Integration")]
public sealed class ErrorPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(HttpResponseMessage Response, string Html)> Get(string path, string accept = "text/html", string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", accept);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await app.CreateClient().SendAsync(request);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_missing_phone_page_is_a_chinese_page_in_the_phone_look_that_offers_96345_and_the_phone_home()
    {
        var (response, html) = await Get("/m/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("没有找到这个页面", html, StringComparison.Ordinal);
        Assert.Contains("m-header", html, StringComparison.Ordinal);
        Assert.Contains("tel:96345", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_back_office_page_is_a_page_in_the_users_language()
    {
        var (response, html) = await Get("/no-such-page", language: "en");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This page was not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("m-header", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/open311/v2/no-such-thing.json")]
    public async Task Machines_keep_problem_details(string path)
    {
        var (response, body) = await Get(path, accept: "application/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_that_asks_the_api_for_a_page_still_gets_no_html()
    {
        var (response, body) = await Get("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(500, "系统出了点问题")]
    [InlineData(403, "没有执行此操作的权限")]
    [InlineData(400, "请求无法完成")]
    public async Task The_error_page_for_each_status_says_what_happened(int status, string expected)
    {
        var (_, html) = await Get($"/error/{status}");

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("96345", html, StringComparison.Ordinal);
    }
}
