using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Volunteer96345.Tests.People.CareRecipients;

/// <summary>Only the town admin and the managers of the recipient's station reach a care record; other staff get 403.</summary>
[Trait("Category", "Integration")]
public sealed class CareScopeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Elderly = new(1940, 10, 1);

    [Fact]
    public async Task The_chengjiao_manager_cannot_list_read_reveal_or_change_a_recipient_of_taoyuan()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var taoyuan = await app.TaoyuanPoint();
        var input = TestData.ValidCareRecipient(taoyuan, TestData.NewIdNumber(Elderly), "桃园阿婆");
        var id = await admin.RegisterCareRecipient(input);
        var ours = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(await app.ChengjiaoPoint(), TestData.NewIdNumber(Elderly), "城郊阿公"));
        var member = await admin.RegisterPartyMember(app, await app.ChengjiaoPoint());
        var before = await app.Fingerprint();

        var listed = await Items(manager, "pageSize=200");
        Assert.Contains(ours, listed);
        Assert.DoesNotContain(id, listed);
        Assert.Empty(await Items(manager, $"stationId={taoyuan}"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/care-recipients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/api/v1/care-recipients/{id}/reveal/IdNumber", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/api/v1/care-recipients/{id}/reveal/HealthNote", null)).StatusCode);
        input.IdNumber = null;
        input.Name = "越界改名";
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/v1/care-recipients/{id}", input, TestData.ApiJson)).StatusCode);
        var pairing = await manager.PostAsJsonAsync("/api/v1/pairings", new { careRecipientId = id, volunteerId = member, cadenceDays = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, pairing.StatusCode);
        Assert.True((await pairing.Json()).GetProperty("errors").TryGetProperty("careRecipientId", out _));
        var moved = TestData.ValidCareRecipient(taoyuan, TestData.NewIdNumber(Elderly), "越界登记");
        var registered = await manager.PostCareRecipient(moved);
        Assert.Equal(HttpStatusCode.BadRequest, registered.StatusCode);
        Assert.True((await registered.Json()).GetProperty("errors").TryGetProperty("stationId", out _));

        Assert.Equal(before, await app.Fingerprint());
        var detail = await (await admin.GetAsync($"/api/v1/care-recipients/{id}")).Json();
        Assert.Equal("桃园阿婆", detail.GetProperty("row").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_chengjiao_manager_registers_reveals_and_pairs_within_their_own_stations()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var chengjiao = await app.ChengjiaoPoint();
        var idNumber = TestData.NewIdNumber(Elderly);
        var id = await manager.RegisterCareRecipient(TestData.ValidCareRecipient(chengjiao, idNumber, "城郊自登"));
        var member = await admin.RegisterPartyMember(app, chengjiao, "城郊党员");

        var revealed = await manager.PostAsync($"/api/v1/care-recipients/{id}/reveal/IdNumber", null);
        var pairing = await manager.Pair(new { careRecipientId = id, volunteerId = member, cadenceDays = 10, warmthProgram = true });

        Assert.Equal(idNumber, (await revealed.Json()).GetProperty("value").GetString());
        var pairings = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/pairings?careRecipientId={id}");
        var row = Assert.Single(pairings.EnumerateArray());
        Assert.Equal(pairing, row.GetProperty("id").GetGuid());
        Assert.Equal(chengjiao, row.GetProperty("stationId").GetGuid());
        Assert.True(row.GetProperty("warmthProgram").GetBoolean());
    }

    [Theory]
    [InlineData(TestData.Dispatcher)]
    [InlineData(TestData.Inspector)]
    public async Task Dispatchers_and_inspectors_get_403_on_every_care_and_pairing_endpoint_but_the_inspectors_reading_of_pairings(string userName)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var chengjiao = await app.ChengjiaoPoint();
        var input = TestData.ValidCareRecipient(chengjiao, TestData.NewIdNumber(Elderly), "无权查看");
        var id = await admin.RegisterCareRecipient(input);
        var member = await admin.RegisterPartyMember(app, chengjiao, "无权结对");
        var pairing = await admin.Pair(new { careRecipientId = id, volunteerId = member, cadenceDays = 7 });
        var staff = await app.ClientFor(userName);
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/care-recipients")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/v1/care-recipients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/care-recipients/{id}/reveal/IdNumber", null)).StatusCode);
        input.IdNumber = TestData.NewIdNumber(Elderly);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostCareRecipient(input)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync($"/api/v1/care-recipients/{id}", input, TestData.ApiJson)).StatusCode);
        // Inspectors read the pairings and their visits, read only (issue 15); dispatchers do not.
        Assert.Equal(userName == TestData.Inspector ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/pairings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/pairings/lapsed")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/pairings", new { careRecipientId = id, volunteerId = member, cadenceDays = 7 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/v1/pairings/{pairing}/visits", new { kind = "HomeVisit" })).StatusCode);
        Assert.Equal(before, await app.Fingerprint());

        // The handlers refuse too, for the pages that call them without the endpoint's role check.
        var result = await app.As<Volunteer96345.People.CareRecipients.SearchCareRecipientsHandler, bool>(userName,
            async h => (await h.Get(id, CancellationToken.None)).Error?.Kind == Volunteer96345.Common.Errors.ErrorKind.Forbidden);
        Assert.True(result);
    }

    private static async Task<List<Guid>> Items(HttpClient client, string query) =>
        [.. (await (await client.GetAsync("/api/v1/care-recipients?" + query)).Json()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
