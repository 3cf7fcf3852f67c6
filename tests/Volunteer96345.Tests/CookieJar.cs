namespace Volunteer96345.Tests;

/// <summary>
/// The tests' browser cookie store. HttpClient's own container drops a cookie once its Expires attribute has passed on the
/// machine's clock; the app runs on a fake clock that starts on a fixed day, so a persistent cookie (a phone session's)
/// would look expired to it on any later real day. This jar keeps every cookie until the server deletes it, and leaves
/// the expiry to the server, which checks the ticket against its own clock anyway.
/// </summary>
internal sealed class CookieJar : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            lock (_cookies)
            {
                foreach (var cookie in set)
                {
                    var pair = cookie.Split(';', 2)[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                    var deleted = value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                    if (deleted)
                    {
                        _cookies.Remove(name);
                    }
                    else
                    {
                        _cookies[name] = value;
                    }
                }
            }
        }

        return response;
    }
}
