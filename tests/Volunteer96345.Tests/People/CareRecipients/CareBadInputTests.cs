using System.Net;
using System.Text;

namespace Volunteer96345.Tests.People.CareRecipients;

/// <summary>Bad input gets a 400 problem with the field named, and changes nothing.</summary>
[Trait("Category", "Integration")]
public sealed class CareBadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Elderly = new(1938, 2, 2);

    public static TheoryData<string, string> BadForms => new()
    {
        { "bad-check-digit", "idNumber" },
        { "no-id-number", "idNumber" },
        { "long-name", "name" },
        { "long-note", "healthNote" },
        { "level-9", "disabilityLevel" },
        { "disabled-without-type", "disabilityType" },
        { "bad-guardian-phone", "guardianPhone" },
        { "too-many-needs", "needs" },
        { "unknown-station", "stationId" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_registration_is_refused_with_the_field_named_and_changes_nothing(string problem, string field)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(Elderly);
        var input = TestData.ValidCareRecipient(await app.ChengjiaoPoint(), idNumber);
        switch (problem)
        {
            case "bad-check-digit":
                input.IdNumber = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
                break;
            case "no-id-number":
                input.IdNumber = null;
                break;
            case "long-name":
                input.Name = new string('名', 10_000);
                break;
            case "long-note":
                input.HealthNote = new string('病', 1001);
                break;
            case "level-9":
                input.DisabilityLevel = 9;
                break;
            case "disabled-without-type":
                input.DisabilityType = Volunteer96345.People.DisabilityType.None;
                break;
            case "bad-guardian-phone":
                input.GuardianPhone = "12345";
                break;
            case "too-many-needs":
                input.Needs = [.. Enumerable.Range(1, 21).Select(i => $"需求{i}")];
                break;
            case "unknown-station":
                input.StationId = Guid.NewGuid();
                break;
        }

        await BadInput.RefusedAndUnchanged(app, () => admin.PostCareRecipient(input), 400, field);
    }

    [Fact]
    public async Task A_second_registration_of_the_same_id_number_is_refused()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(Elderly);
        await admin.RegisterCareRecipient(TestData.ValidCareRecipient(await app.ChengjiaoPoint(), idNumber, "第一次"));
        var before = await app.Fingerprint();

        var again = await admin.PostCareRecipient(TestData.ValidCareRecipient(await app.TaoyuanPoint(), idNumber.ToLowerInvariant(), "第二次"));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("已在帮扶对象库中登记", (await again.Json()).GetProperty("errors").GetProperty("idNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task A_malformed_body_or_unknown_field_to_reveal_is_a_400_problem_and_changes_nothing()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var id = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(await app.ChengjiaoPoint(), TestData.NewIdNumber(Elderly), "格式错误"));
        var before = await app.Fingerprint();

        var malformed = await admin.PostAsync("/api/v1/care-recipients", new StringContent("{\"name\": [1, 2", Encoding.UTF8, "application/json"));
        var unknownField = await admin.PostAsync($"/api/v1/care-recipients/{id}/reveal/Password", null);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }
}
