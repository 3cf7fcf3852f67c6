using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.Tests.Common.Auth;

/// <summary>
/// A changed security stamp (a reset password, a disabled account) ends the cookies issued before it once the validation
/// interval (5 minutes) has passed, and not before: the check is resolved only when it is due.
/// Its own app, because the test moves the clock.
/// </summary>
public sealed class SecurityStampTests : IAsyncLifetime
{
    private readonly AppFixture _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_cookie_issued_before_a_new_security_stamp_is_refused_after_the_validation_interval()
    {
        var client = await _app.ClientFor(TestData.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/stations")).StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.Users.SingleAsync(u => u.UserName == TestData.Admin);
            Assert.True((await users.UpdateSecurityStampAsync(user)).Succeeded);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/stations")).StatusCode);

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/stations")).StatusCode);
    }
}
