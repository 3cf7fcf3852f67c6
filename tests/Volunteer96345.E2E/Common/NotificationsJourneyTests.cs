using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Data;
using Volunteer96345.Integration.Notifications;

namespace Volunteer96345.E2E.Common;

public sealed class NotificationsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_message_reaches_the_inbox_the_bell_counts_it_and_opening_it_follows_its_link()
    {
        var admin = await Db(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/inbox");
        await page.WaitInteractive();

        // Sent the way a module sends it; the running app's dispatcher delivers it within its poll interval.
        await Enqueue(n => n.ToUser(admin, "城郊村有一张工单超时未接", "请尽快安排志愿者。", "/people/pairings"));
        await Enqueue(n => n.ToUser(admin, "桃园村本周值班表有空缺", "周六下午无人值班。"));
        for (var i = 0; i < 100 && await Db(db => db.Inbox.CountAsync(m => m.UserId == admin)) < 2; i++)
        {
            await Task.Delay(100);
        }

        await page.ReloadAsync();
        await page.WaitInteractive();
        await Assertions.Expect(page.Locator("[data-testid=inbox-table]")).ToContainTextAsync("城郊村有一张工单超时未接");
        await Assertions.Expect(page.Locator("[data-testid=inbox-bell] .ant-badge")).ToContainTextAsync("2");
        await page.Shot("n01-inbox");

        await page.Locator(".inbox-open", new() { HasText = "城郊村有一张工单超时未接" }).ClickAsync();

        await page.WaitForURLAsync("**/people/pairings");
        await Assertions.Expect(page.Locator("[data-testid=inbox-bell] .ant-badge")).ToContainTextAsync("1");
        Assert.NotNull(await Db(db => db.Inbox.Where(i => i.Subject == "城郊村有一张工单超时未接").Select(i => i.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task The_admin_sees_a_dead_text_message_with_its_reason_and_sends_it_again()
    {
        var cipher = app.Services.GetRequiredService<FieldProtector>().Protect("13905731234");
        var id = await Db(async db =>
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var message = OutboxMessage.Create(NotificationChannel.Sms, cipher, "志愿服务提醒", "明天上午九点到城郊村服务点集合。", null, now);
            for (var i = 0; i < OutboxMessage.MaxAttempts; i++)
            {
                message.Failed(SmsChannel.NotConfigured, now, 0.5);
            }

            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        var page = await app.NewPage();
        await page.SignIn(app, "admin");
        await page.GotoAsync(app.BaseUrl + "/admin/outbox");
        await page.WaitInteractive();

        var table = page.Locator("[data-testid=outbox-table]");
        await Assertions.Expect(table).ToContainTextAsync("SMS gateway not configured");
        await Assertions.Expect(table).ToContainTextAsync("号码已加密");
        await Assertions.Expect(table).Not.ToContainTextAsync("13905731234");
        await page.Shot("n02-outbox-dead");

        await page.Locator("tr", new() { HasText = "志愿服务提醒" }).Locator(".outbox-retry").ClickAsync();

        // The retry starts the message over. This fixture has no SMS gateway, so its one new attempt fails permanently
        // and dead-letters it again at once: attempts go from eight back to at most one.
        // Wait for both steps: the retry (attempts reset, no longer dead) and the dispatcher's failed attempt (dead again);
        // reloading between the two would show an empty dead-letter list.
        var retried = await Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        for (var i = 0; i < 150 && (retried.Attempts == OutboxMessage.MaxAttempts || retried.DeadAt is null); i++)
        {
            await Task.Delay(100);
            retried = await Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        }

        Assert.True(retried.Attempts <= 1, $"attempts after the retry: {retried.Attempts}");
        Assert.NotNull(retried.DeadAt);
        await page.ReloadAsync();
        await page.WaitInteractive();
        await Assertions.Expect(table).ToContainTextAsync("志愿服务提醒");
        await page.Shot("n03-outbox-retried");
    }

    private async Task Enqueue(Action<Notifier> send)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("e2e");
        send(scope.ServiceProvider.GetRequiredService<Notifier>());
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    private async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
