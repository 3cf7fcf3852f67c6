using System.Text;
using System.Text.Json;

namespace Volunteer96345.Tests;

/// <summary>
/// The one bad-input harness: a request is refused with a 4xx ProblemDetails that has a title (with the expected status,
/// and naming the field, when given) and no row in the database has changed.
/// </summary>
internal static class BadInput
{
    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with a JSON <paramref name="body"/>, placeholders filled in all three.</summary>
    public static Task RefusedAndUnchanged(AppFixture app, HttpClient client, string method, string path, string body,
        IReadOnlyDictionary<string, string> placeholders, int? status = null, string? field = null)
    {
        string Fill(string text) => placeholders.Aggregate(text, (t, kv) => t.Replace(kv.Key, kv.Value, StringComparison.Ordinal));
        return RefusedAndUnchanged(app, async () =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path))
            {
                Content = method is "GET" or "DELETE" ? null : new StringContent(Fill(body), Encoding.UTF8, "application/json"),
            };
            return await client.SendAsync(request);
        }, status, field);
    }

    public static async Task RefusedAndUnchanged(AppFixture app, Func<Task<HttpResponseMessage>> send, int? status = null, string? field = null)
    {
        var before = await app.Fingerprint();
        using var response = await send();

        var text = await response.Content.ReadAsStringAsync();
        if (status is { } expected)
        {
            Assert.True((int)response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        }
        else
        {
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), text);
        if (!string.IsNullOrEmpty(field))
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        }

        Assert.Equal(before, await app.Fingerprint());
    }
}
