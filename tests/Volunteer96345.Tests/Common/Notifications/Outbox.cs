using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Data;

namespace Volunteer96345.Tests.Common.Notifications;

/// <summary>Arranging and driving the outbox from tests: enqueue as another module would, drain as the dispatcher does.</summary>
internal static class Outbox
{
    public static OutboxDispatcher Dispatcher(this AppFixture app) => app.Services.GetRequiredService<OutboxDispatcher>();

    public static Task<int> Drain(this AppFixture app) => app.Dispatcher().DrainOnceAsync(CancellationToken.None);

    /// <summary>Enqueues through <see cref="Notifier"/> in one unit of work and returns the ids of the new messages.</summary>
    public static async Task<IReadOnlyList<Guid>> Enqueue(this AppFixture app, Action<Notifier> send)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        send(scope.ServiceProvider.GetRequiredService<Notifier>());
        var ids = db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity.Id).ToList();
        await db.SaveChangesAsync();
        return ids;
    }

    public static async Task<Guid> EnqueueOne(this AppFixture app, Action<Notifier> send) => (await app.Enqueue(send)).Single();

    public static Task<Guid> UserId(this AppFixture app, string userName) =>
        app.Db(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task<OutboxMessage> Message(this AppFixture app, Guid id) => app.Db(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Drains, then moves the clock to the message's next due time, until it is dead; returns the delay chosen after each failed attempt.</summary>
    public static async Task<List<TimeSpan>> DrainUntilDead(this AppFixture app, Guid id)
    {
        var delays = new List<TimeSpan>();
        var message = await app.Message(id);
        while (message.DeadAt is null)
        {
            if (message.DueAt > app.Clock.GetUtcNow().UtcDateTime)
            {
                app.Clock.Advance(message.DueAt - app.Clock.GetUtcNow().UtcDateTime);
            }

            var attempts = message.Attempts;
            var attemptAt = app.Clock.GetUtcNow().UtcDateTime;
            await app.Drain();
            message = await app.Message(id);
            Assert.Equal(attempts + 1, message.Attempts);
            if (message.DeadAt is null)
            {
                delays.Add(message.DueAt - attemptAt);
            }
        }

        return delays;
    }

    /// <summary>Computed here, not by the app's helper, so that a wrong scheme in the app fails the test.</summary>
    public static string Hmac(string secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
}
