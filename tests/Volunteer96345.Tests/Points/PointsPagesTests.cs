using System.Net;
using Volunteer96345.Tests.WorkOrders;

namespace Volunteer96345.Tests.Points;

/// <summary>The back-office pages of the bank render for the roles that use them and stay closed to the others.</summary>
[Trait("Category", "Integration")]
public sealed class PointsPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/points/rules", "积分规则", "按服务时长")]
    [InlineData("/points/claims", "申报审核", "待审核")]
    [InlineData("/points/report", "积分统计", "导出 Excel")]
    public async Task A_station_manager_opens_the_page_in_chinese(string url, string title, string text)
    {
        var manager = await app.ClientFor(TestData.Chengjiao, "zh-CN");

        var response = await manager.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Text();
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(text, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_volunteer_is_kept_out_of_the_claims_review()
    {
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);

        var response = await volunteer.GetAsync("/points/claims");

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, response.StatusCode.ToString());
        Assert.DoesNotContain("不通过", await response.Text(), StringComparison.Ordinal);
    }
}
