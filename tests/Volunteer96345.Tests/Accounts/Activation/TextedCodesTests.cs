using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Demo;
using Volunteer96345.Tests.Common.Notifications;

namespace Volunteer96345.Tests.Accounts.Activation;

/// <summary>
/// With an SMS gateway the activation code also goes by text, and a person who forgot their password gets a reset code
/// by text. A code is stored in the outbox only encrypted, and wiped once the text is sent.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class TextedCodesTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private AppFixture App => fixture.App;

    [GeneratedRegex("[0-9]{4} [0-9]{4} [0-9]{4}")]
    private static partial Regex ActivationCode();

    private string[] TextsTo(string mobile) =>
        [.. fixture.Receiver.To("/sms").Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Where(j => j.GetProperty("to").GetString() == mobile).Select(j => j.GetProperty("text").GetString()!)];

    [Fact]
    public async Task A_new_staff_members_code_is_texted_encrypted_in_the_outbox_and_wiped_after_sending()
    {
        var admin = await App.SignedIn(TestData.Admin, DemoSeed.Password);
        var slip = await admin.CreateStaff("短信收码", "13905736001", "inspector");
        Assert.True(slip.GetProperty("texted").GetBoolean());
        var code = slip.Code();
        var pending = await App.Db(db => db.Outbox.Where(m => m.Secret && m.SentAt == null).ToListAsync());
        Assert.NotEmpty(pending);
        Assert.All(pending, m => Assert.DoesNotContain(code, m.Body, StringComparison.Ordinal));

        await App.Drain();

        var text = Assert.Single(TextsTo("13905736001"));
        Assert.Contains(ActivationCode().Match(slip.GetProperty("code").GetString()!).Value, text, StringComparison.Ordinal);
        Assert.Contains("/m/activate?code=" + code, text, StringComparison.Ordinal);
        Assert.Empty(await App.Db(db => db.Outbox.Where(m => m.Secret && m.SentAt != null && m.Body != "").ToListAsync()));
    }

    [Fact]
    public async Task A_person_who_forgot_their_password_resets_it_with_a_texted_code()
    {
        var (_, before) = await App.ActivatedStaff("忘记密码", "13905736002", "inspector");
        var visitor = App.Anonymous();

        var unknown = await visitor.PostAsJsonAsync("/api/v1/password-reset/code", new { mobile = "13905736999" });
        var asked = await visitor.PostAsJsonAsync("/api/v1/password-reset/code", new { mobile = "13905736002" });
        Assert.Equal(unknown.StatusCode, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        await App.Drain();
        var text = TextsTo("13905736002").Last();
        var code = Regex.Match(text, "验证码 ([0-9]{6})").Groups[1].Value;
        Assert.Empty(TextsTo("13905736999"));

        var wrong = await visitor.PostAsJsonAsync("/api/v1/password-reset", new { mobile = "13905736002", code = "000000", password = "Xin-mima-2027", confirm = "Xin-mima-2027" });
        Assert.NotNull((await wrong.Json()).FieldError("code"));
        var reset = await visitor.PostAsJsonAsync("/api/v1/password-reset", new { mobile = "13905736002", code, password = "Xin-mima-2027", confirm = "Xin-mima-2027" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/volunteers")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await App.Anonymous().TrySignIn("13905736002", "Xin-mima-2027")).StatusCode);
        // The code was good once.
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsJsonAsync("/api/v1/password-reset",
            new { mobile = "13905736002", code, password = "Xin-mima-2028", confirm = "Xin-mima-2028" })).StatusCode);
        Assert.Equal(NotificationChannel.Sms, (await App.Db(db => db.Outbox.FirstAsync(m => m.Secret))).Channel);
    }
}
