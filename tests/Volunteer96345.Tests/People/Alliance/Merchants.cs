using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Alliance;

/// <summary>Arranging steps shared by the alliance tests: fresh valid credit codes, merchants and agreements through the API.</summary>
internal static class Merchants
{
    private static int _sequence = Random.Shared.Next(1_000_000, 9_000_000);

    /// <summary>A valid code no other test uses: 91330481T, an eight-digit sequence and its check character.</summary>
    public static string NewCode()
    {
        var body = $"91330481T{Interlocked.Increment(ref _sequence):D8}";
        return body + CreditCode.CheckCharacter(body);
    }

    public static object Valid(Guid stationId, string village, string name, string? code = null) => new
    {
        name,
        licenceNumber = code ?? NewCode(),
        contactName = "周德明",
        contactPhone = "139 5731 2345",
        address = $"{village}商业街1号",
        village,
        stationId,
        services = new[] { "理发", "上门理发" },
        discount = "凭志愿者证九折",
        joinedOn = "2024-05-01",
    };

    public static async Task<Guid> RegisterMerchant(this HttpClient client, object merchant)
    {
        var response = await client.PostAsJsonAsync("/api/v1/alliance", merchant);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> UploadAgreement(this HttpClient client, Guid stationId, string fileName = "加盟协议.pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 agreement"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        var response = await client.PostAsync($"/api/v1/stations/{stationId}/attachments", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }
}
