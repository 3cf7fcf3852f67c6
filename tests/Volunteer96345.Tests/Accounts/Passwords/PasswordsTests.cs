using System.Net;
using System.Net.Http.Json;

namespace Volunteer96345.Tests.Accounts.Passwords;

[Trait("Category", "Integration")]
public sealed class PasswordsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static int _sequence = 100;

    [Fact]
    public async Task Changing_ones_password_keeps_this_device_signed_in_and_ends_the_others()
    {
        var (_, phone) = await app.ActivatedStaff("改密码", "13905734001", "inspector");
        var office = await app.SignedIn("13905734001", AccountSteps.GoodPassword);

        var changed = await office.PutAsJsonAsync("/api/v1/me/password", new { current = AccountSteps.GoodPassword, password = "Xin-mima-2027", confirm = "Xin-mima-2027" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/api/v1/volunteers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/volunteers")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().TrySignIn("13905734001", AccountSteps.GoodPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().TrySignIn("13905734001", "Xin-mima-2027")).StatusCode);
    }

    [Theory]
    [InlineData("wrong-current-1A", "Xin-mima-2027", "Xin-mima-2027", "current")]
    [InlineData(AccountSteps.GoodPassword, "weak", "weak", "password")]
    [InlineData(AccountSteps.GoodPassword, "Xin-mima-2027", "Xin-mima-2028", "confirm")]
    [InlineData(AccountSteps.GoodPassword, AccountSteps.GoodPassword, AccountSteps.GoodPassword, "password")]
    public async Task A_bad_change_is_refused_beside_its_field_and_the_old_password_still_works(string current, string password, string confirm, string field)
    {
        var mobile = "13905734" + Interlocked.Increment(ref _sequence).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var (_, client) = await app.ActivatedStaff("改密码" + field, mobile, "inspector");

        var refused = await client.PutAsJsonAsync("/api/v1/me/password", new { current, password, confirm });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.Json()).FieldError(field));
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().TrySignIn(mobile, AccountSteps.GoodPassword)).StatusCode);
    }
}
