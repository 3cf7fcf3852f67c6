using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Demo;

namespace Volunteer96345.Tests.Accounts.SignIn;

[Trait("Category", "Integration")]
public sealed class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_login_page_signs_in_with_the_form_and_shows_a_wrong_password_beside_the_form()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var wrong = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "inspector",
            ["Input.Password"] = "nope",
        }));
        var right = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "inspector",
            ["Input.Password"] = DemoSeed.Password,
        }));

        Assert.Contains("用户名或密码错误。", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("v96345.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_answers_401_without_a_session_and_403_to_a_volunteer()
    {
        var anonymous = app.CreateClient();
        var volunteer = await app.ClientFor("volunteer");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/stations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync("/api/v1/stations")).StatusCode);
    }

    [Fact]
    public async Task Back_office_pages_send_an_anonymous_visitor_to_the_login_page()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/network/stations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weak_passwords_are_refused_by_the_policy()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var result = await users.CreateAsync(new AppUser { UserName = "weak", DisplayName = "弱密码" }, "12345678");
        var common = await users.CreateAsync(new AppUser { UserName = "weak2", DisplayName = "弱密码" }, "Password123");

        Assert.False(result.Succeeded);
        Assert.Equal(["Password.Kinds"], result.Errors.Select(e => e.Code));
        Assert.Equal(["Password.Common"], common.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task The_session_cookie_expires_after_30_idle_minutes_and_slides_with_use()
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);

        Assert.Equal(TimeSpan.FromMinutes(30), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_cookie_keys_are_kept_in_the_database_for_every_instance()
    {
        await app.ClientFor(TestData.Admin);

        Assert.True(await app.Db(db => db.DataProtectionKeys.AnyAsync()));
    }
}
