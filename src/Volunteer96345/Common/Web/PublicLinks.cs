namespace Volunteer96345.Common.Web;

/// <summary>
/// Links that leave the app (texts, printed slips, QR codes) are absolute and built from App:PublicBaseUrl, never
/// from the request's Host header, which a client chooses.
/// </summary>
internal sealed class PublicLinks(IConfiguration configuration)
{
    public const string DefaultBaseUrl = "http://localhost:5000";

    public string BaseUrl => (configuration["App:PublicBaseUrl"] is { Length: > 0 } configured ? configured : DefaultBaseUrl).TrimEnd('/');

    public string Absolute(string path) => BaseUrl + "/" + path.TrimStart('/');
}
