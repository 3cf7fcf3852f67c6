using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Tests.Common.Notifications;
using Volunteer96345.Tests.WorkOrders;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Tests.Common.Auth;

/// <summary>People are named by their display name wherever a person appears: order history, the audit log, the top bar.</summary>
[Trait("Category", "Integration")]
public sealed class DisplayNameTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_dispatchers_actions_on_an_order_and_their_audit_rows_name_li_xiaomei_not_the_login_dispatcher()
    {
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        var before = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence));

        var id = (await dispatcher.Receive(WorkOrderSteps.Call("13905736001"))).GetProperty("id").GetGuid();
        var bounce = await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{id}/bounce", new { reason = "需要镇里协调" });

        Assert.Equal(HttpStatusCode.NoContent, bounce.StatusCode);
        var order = await app.Load(id);
        Assert.Equal("李晓梅", order.Events.Single(e => e.Kind == WorkOrderEventKind.Received).Actor);
        Assert.Equal("李晓梅", order.Events.Single(e => e.Kind == WorkOrderEventKind.Bounced).Actor);
        Assert.DoesNotContain(order.Events, e => e.Actor == TestData.Dispatcher);
        var history = (await dispatcher.Order(id)).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("actor").GetString()).ToList();
        Assert.Contains("李晓梅", history);
        Assert.DoesNotContain(TestData.Dispatcher, history);
        var audit = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Sequence > before && a.EntityId == id.ToString()).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("李晓梅", a.UserName));
        var dispatcherId = await app.UserId(TestData.Dispatcher);
        Assert.All(audit, a => Assert.Equal(dispatcherId, a.UserId));
    }

    [Fact]
    public async Task The_current_user_is_named_by_the_display_name_and_keeps_the_login_apart()
    {
        await using var scope = await app.ScopeFor(TestData.Inspector);
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();

        Assert.Equal("陈志强", user.Name);
        Assert.Equal(TestData.Inspector, user.LoginName);
    }

    [Fact]
    public async Task The_back_office_top_bar_shows_the_display_name()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);

        var html = WebUtility.HtmlDecode(await manager.GetStringAsync("/"));

        Assert.Contains("徐国平", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Chengjiao, html, StringComparison.Ordinal);
    }
}
