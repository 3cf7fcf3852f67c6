using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Privacy;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.CareRecipients;

/// <summary>The care registry through its API: registered, listed masked, revealed one field at a time with an audit row, edited.</summary>
[Trait("Category", "Integration")]
public sealed class CareRecipientsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Elderly = new(1941, 3, 14);

    [Fact]
    public async Task A_registered_recipient_is_listed_with_the_id_number_and_address_masked_and_no_note_in_clear()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(Elderly, male: false);
        var input = TestData.ValidCareRecipient(await app.ChengjiaoPoint(), idNumber, "端木桂香");

        var id = await admin.RegisterCareRecipient(input);
        var listBody = await admin.GetStringAsync("/api/v1/care-recipients?search=" + Uri.EscapeDataString("端木桂香"));
        var detailBody = await admin.GetStringAsync($"/api/v1/care-recipients/{id}");

        var row = Assert.Single((await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/care-recipients?search=" + Uri.EscapeDataString("端木桂香")))
            .GetProperty("items").EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetGuid());
        Assert.Equal(ChineseId.Mask(idNumber), row.GetProperty("idNumberMasked").GetString());
        Assert.Equal("城郊村7组2****", row.GetProperty("addressMasked").GetString());
        Assert.Equal("Female", row.GetProperty("gender").GetString());
        Assert.Equal(["助餐", "陪同就医"], row.GetProperty("needs").EnumerateArray().Select(n => n.GetString()!).ToArray());
        foreach (var body in new[] { listBody, detailBody })
        {
            Assert.DoesNotContain(idNumber[..17], body, StringComparison.Ordinal);
            Assert.DoesNotContain("东厢房", body, StringComparison.Ordinal);
            Assert.DoesNotContain("截肢", body, StringComparison.Ordinal);
            Assert.DoesNotContain("高血压", body, StringComparison.Ordinal);
            Assert.DoesNotContain("儿子在杭州", body, StringComparison.Ordinal);
        }

        Assert.Contains("\"filledFields\":[\"IdNumber\",\"Address\",\"DisabilityNote\",\"HealthNote\",\"LivingSituation\"]", detailBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revealing_a_field_returns_it_in_clear_and_records_who_saw_which_field_of_whose_record()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var chengjiao = await app.ChengjiaoPoint();
        var input = TestData.ValidCareRecipient(chengjiao, TestData.NewIdNumber(Elderly), "司马揭示");
        var id = await admin.RegisterCareRecipient(input);
        var auditBefore = await app.Db(db => db.AuditEntries.CountAsync(a => a.EntityType == "Reveal"));

        var note = await admin.PostAsync($"/api/v1/care-recipients/{id}/reveal/DisabilityNote", null);
        var address = await admin.PostAsync($"/api/v1/care-recipients/{id}/reveal/Address", null);

        Assert.Equal(input.DisabilityNote, (await note.Json()).GetProperty("value").GetString());
        Assert.Equal(input.Address, (await address.Json()).GetProperty("value").GetString());
        var reveals = await app.Db(db => db.Reveals.Where(r => r.EntityId == id).OrderBy(r => r.Field).ToListAsync());
        Assert.Equal(["Address", "DisabilityNote"], reveals.Select(r => r.Field).ToArray());
        Assert.All(reveals, r => Assert.Equal("CareRecipient", r.EntityType));
        Assert.All(reveals, r => Assert.Equal(chengjiao, r.StationId));
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.EntityType == "Reveal").OrderByDescending(a => a.Sequence).ToListAsync());
        Assert.Equal(auditBefore + 2, audit.Count);
        Assert.Equal(TestData.NameOf(TestData.Admin), audit[0].UserName);
        Assert.Contains("\"Field\":[\"Address\"]", audit[0].Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("东厢房", audit[0].Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("截肢", audit[1].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_that_leaves_the_sensitive_fields_out_keeps_them_and_an_empty_note_clears_it()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(Elderly);
        var input = TestData.ValidCareRecipient(await app.ChengjiaoPoint(), idNumber, "欧阳改档");
        var id = await admin.RegisterCareRecipient(input);

        input.IdNumber = null;
        input.Address = null;
        input.DisabilityNote = null;
        input.HealthNote = "";
        input.Priority = Volunteer96345.People.CarePriority.Urgent;
        var updated = await admin.PutAsJsonAsync($"/api/v1/care-recipients/{id}", input, TestData.ApiJson);

        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        var detail = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/care-recipients/{id}");
        Assert.Equal("Urgent", detail.GetProperty("row").GetProperty("priority").GetString());
        Assert.Equal(["IdNumber", "Address", "DisabilityNote", "LivingSituation"],
            detail.GetProperty("filledFields").EnumerateArray().Select(f => f.GetString()!).ToArray());
        var revealed = await admin.PostAsync($"/api/v1/care-recipients/{id}/reveal/IdNumber", null);
        Assert.Equal(idNumber, (await revealed.Json()).GetProperty("value").GetString());
        var note = await admin.PostAsync($"/api/v1/care-recipients/{id}/reveal/DisabilityNote", null);
        Assert.Equal("右下肢截肢，出行依赖轮椅，欧阳改档", (await note.Json()).GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_recipient_who_moves_to_another_station_takes_their_pairings_along()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var chengjiao = await app.ChengjiaoPoint();
        var taoyuan = await app.TaoyuanPoint();
        var input = TestData.ValidCareRecipient(chengjiao, TestData.NewIdNumber(Elderly), "迁居老人");
        var id = await admin.RegisterCareRecipient(input);
        var member = await admin.RegisterPartyMember(app, chengjiao, "随迁党员");
        var pairing = await admin.Pair(new { careRecipientId = id, volunteerId = member, cadenceDays = 7 });

        input.IdNumber = null;
        input.StationId = taoyuan;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/care-recipients/{id}", input, TestData.ApiJson)).StatusCode);

        Assert.Equal(taoyuan, await app.Db(db => db.Pairings.Where(p => p.Id == pairing).Select(p => p.StationId).SingleAsync()));
        var taoyuanManager = await app.ClientFor(TestData.Taoyuan);
        var seen = await taoyuanManager.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/pairings?careRecipientId={id}");
        Assert.Equal(pairing, Assert.Single(seen.EnumerateArray()).GetProperty("id").GetGuid());
        var chengjiaoManager = await app.ClientFor(TestData.Chengjiao);
        Assert.Empty((await chengjiaoManager.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/pairings?careRecipientId={id}")).EnumerateArray());
    }

    [Fact]
    public async Task The_demo_has_thirty_recipients_across_stations_and_party_members_paired_with_some_of_them()
    {
        var recipients = await app.Db(db => db.CareRecipients.ToListAsync());
        var pairings = await app.Db(db => db.Pairings.ToListAsync());
        var memberIds = pairings.Select(p => p.VolunteerId).ToList();
        var members = await app.Db(db => db.Volunteers.Where(v => memberIds.Contains(v.Id)).ToListAsync());
        var today = Volunteer96345.Common.Time.Shanghai.Today(app.Clock);

        Assert.True(recipients.Count >= 30);
        Assert.True(recipients.Select(r => r.StationId).Distinct().Count() >= 10);
        Assert.All(Enum.GetValues<Volunteer96345.People.CareCategory>(), c => Assert.Contains(recipients, r => r.Category == c));
        Assert.All(members, m => Assert.True(m.IsPartyMember && m.Status == Volunteer96345.People.VolunteerStatus.Active));
        Assert.True(pairings.Count(p => p.IsLapsed(today)) >= 2, "the demo should show lapsed pairings");
        Assert.Contains(pairings, p => p.Visits.Count > 0 && !p.IsLapsed(today));
    }
}
