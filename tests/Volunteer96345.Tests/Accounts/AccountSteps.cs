using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Volunteer96345.Accounts.TwoFactor;

namespace Volunteer96345.Tests.Accounts;

/// <summary>The steps people take with their accounts, through the API as a browser's pages would.</summary>
internal static class AccountSteps
{
    public const string GoodPassword = "Lanhua#Cun2026";

    /// <summary>A browser on the app's own pages: it keeps cookies and sends the app's origin with its posts.</summary>
    public static HttpClient Anonymous(this AppFixture app) => app.Browser();

    public static async Task<HttpResponseMessage> TrySignIn(this HttpClient client, string userName, string password, string? code = null) =>
        await client.PostAsJsonAsync("/api/v1/session", new { userName, password, code });

    /// <summary>A client signed in with a password (and a code, when the account has a second factor).</summary>
    public static async Task<HttpClient> SignedIn(this AppFixture app, string userName, string password, string? code = null)
    {
        var client = app.Anonymous();
        var response = await client.TrySignIn(userName, password, code);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>The town admin creates a staff account; the answer is its slip (the code is in it).</summary>
    public static async Task<JsonElement> CreateStaff(this HttpClient admin, string displayName, string mobile, string role, params Guid[] stations)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/accounts/staff",
            new { displayName, mobile, role, townWide = stations.Length == 0, stationIds = stations });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    /// <summary>
    /// A new staff member as they are after their first day: the town admin created the account, the person activated it
    /// with <see cref="GoodPassword"/>. Answers the slip (its user id) and the person's signed-in client.
    /// </summary>
    public static async Task<(JsonElement Slip, HttpClient Client)> ActivatedStaff(this AppFixture app, string displayName, string mobile, string role)
    {
        var admin = await app.SignedIn(TestData.Admin, Volunteer96345.Demo.DemoSeed.Password);
        var slip = await admin.CreateStaff(displayName, mobile, role);
        Assert.Equal(HttpStatusCode.OK, (await app.Activate(slip.Code(), GoodPassword)).StatusCode);
        return (slip, await app.SignedIn(mobile, GoodPassword));
    }

    public static string Code(this JsonElement slip) => slip.GetProperty("code").GetString()!.Replace(" ", "", StringComparison.Ordinal);

    public static async Task<HttpResponseMessage> Activate(this AppFixture app, string code, string password, string? confirm = null) =>
        await app.Anonymous().PostAsJsonAsync("/api/v1/activation", new { code, password, confirm = confirm ?? password });

    /// <summary>What the person's authenticator app shows now, on the app's clock.</summary>
    public static string TotpNow(this AppFixture app, string base32Secret) =>
        Totp.Code(FromBase32(base32Secret), Totp.StepAt(app.Clock.GetUtcNow()));

    public static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    public static string? FieldError(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) ? messages[0].GetString() : null;
}
