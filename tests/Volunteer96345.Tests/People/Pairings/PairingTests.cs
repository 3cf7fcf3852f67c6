using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Volunteer96345.Common.Time;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Pairings;

/// <summary>Pairing a party member with a care recipient, the visit cadence measured in Shanghai days, and the lapse alert.</summary>
[Trait("Category", "Integration")]
public sealed class PairingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Elderly = new(1936, 6, 6);

    [Fact]
    public void A_pairing_lapses_the_day_after_its_cadence_has_passed_since_the_last_visit_or_the_start()
    {
        var start = new DateOnly(2026, 3, 1);
        var pairing = Pairing.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), start, 7, true, null);

        Assert.False(pairing.IsLapsed(start.AddDays(7)));
        Assert.True(pairing.IsLapsed(start.AddDays(8)));
        Assert.Equal(3, pairing.DaysOverdue(start.AddDays(10)));
        Assert.True(pairing.LogVisit(start.AddDays(9), VisitKind.HomeVisit, "看望", null, null, default));
        Assert.False(pairing.IsLapsed(start.AddDays(16)));
        Assert.True(pairing.LogVisit(start.AddDays(2), VisitKind.PhoneCall, "补录", null, null, default));
        Assert.Equal(start.AddDays(9), pairing.LastVisitOn);
        Assert.True(pairing.IsLapsed(start.AddDays(17)));
        Assert.False(pairing.LogVisit(start.AddDays(-1), VisitKind.PhoneCall, null, null, null, default));
        Assert.True(pairing.End(start.AddDays(20)));
        Assert.False(pairing.IsLapsed(start.AddDays(60)));
        Assert.False(pairing.LogVisit(start.AddDays(21), VisitKind.HomeVisit, null, null, null, default));
    }

    [Fact]
    public async Task A_pairing_whose_last_visit_is_older_than_its_cadence_is_lapsed_until_a_visit_is_logged()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var chengjiao = await app.ChengjiaoPoint();
        var recipient = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(chengjiao, TestData.NewIdNumber(Elderly), "慕容待访"));
        var member = await admin.RegisterPartyMember(app, chengjiao, "准时党员");
        var today = Shanghai.Today(app.Clock);
        var id = await admin.Pair(new { careRecipientId = recipient, volunteerId = member, cadenceDays = 3, startedOn = today.AddDays(-1) });
        Assert.Equal(HttpStatusCode.OK, (await Visit(admin, id, new { on = today, kind = "PhoneCall", notes = "电话问候" })).StatusCode);
        Assert.False(await IsLapsed(admin, id));

        app.Clock.Advance(TimeSpan.FromDays(3));
        admin = await app.ClientFor(TestData.Admin); // the sign-in cookie does not outlive days of the fake clock
        Assert.False(await IsLapsed(admin, id), "three days after a visit with a cadence of three days is still on time");
        app.Clock.Advance(TimeSpan.FromDays(1));
        admin = await app.ClientFor(TestData.Admin);

        Assert.True(await IsLapsed(admin, id));
        var lapsed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pairings/lapsed");
        Assert.Contains(lapsed.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id && p.GetProperty("daysOverdue").GetInt32() == 1);
        var lapsedBefore = await LapsedCount(TestData.Admin);

        var logged = await Visit(admin, id, new { kind = "HomeVisit", notes = "上门打扫卫生", issues = "热水器漏水" });

        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        Assert.Equal(Shanghai.Today(app.Clock).AddDays(3), DateOnly.Parse((await logged.Json()).GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await IsLapsed(admin, id));
        Assert.Equal(lapsedBefore - 1, await LapsedCount(TestData.Admin));
        var row = await Row(admin, id);
        Assert.Equal("热水器漏水", row.GetProperty("visits")[0].GetProperty("issues").GetString());
        Assert.Equal(2, row.GetProperty("visits").GetArrayLength());
    }

    [Fact]
    public async Task The_lapse_is_counted_by_the_shanghai_calendar_not_by_utc()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var chengjiao = await app.ChengjiaoPoint();
        var recipient = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(chengjiao, TestData.NewIdNumber(Elderly), "子夜走访"));
        var member = await admin.RegisterPartyMember(app, chengjiao, "子夜党员");

        // Move to 15:30 UTC: 23:30 in Shanghai. Half an hour later it is tomorrow in Shanghai, still today in UTC.
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(now.Date.AddHours(15.5) - now.UtcDateTime + (now.TimeOfDay > TimeSpan.FromHours(15.5) ? TimeSpan.FromDays(1) : TimeSpan.Zero));
        admin = await app.ClientFor(TestData.Admin);
        var today = Shanghai.Today(app.Clock);
        var id = await admin.Pair(new { careRecipientId = recipient, volunteerId = member, cadenceDays = 1, startedOn = today.AddDays(-1) });
        Assert.False(await IsLapsed(admin, id));

        app.Clock.Advance(TimeSpan.FromMinutes(45));
        admin = await app.ClientFor(TestData.Admin);

        Assert.Equal(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), today);
        Assert.True(await IsLapsed(admin, id));
    }

    [Fact]
    public async Task The_town_and_the_station_see_the_lapsed_pairings_of_their_scope()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var taoyuanManager = await app.ClientFor(TestData.Taoyuan);
        var taoyuan = await app.TaoyuanPoint();
        var recipient = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(taoyuan, TestData.NewIdNumber(Elderly), "桃园逾期"));
        var member = await admin.RegisterPartyMember(app, taoyuan, "桃园党员");
        var today = Shanghai.Today(app.Clock);
        var id = await admin.Pair(new { careRecipientId = recipient, volunteerId = member, cadenceDays = 14, startedOn = today.AddDays(-30) });

        var town = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pairings/lapsed");
        var station = await taoyuanManager.GetFromJsonAsync<JsonElement>("/api/v1/pairings/lapsed");
        var chengjiao = await (await app.ClientFor(TestData.Chengjiao)).GetFromJsonAsync<JsonElement>("/api/v1/pairings/lapsed");

        Assert.Contains(town.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.Contains(station.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.All(station.EnumerateArray(), p => Assert.Equal(taoyuan, p.GetProperty("stationId").GetGuid()));
        Assert.DoesNotContain(chengjiao.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.True(town.GetArrayLength() > station.GetArrayLength());
        Assert.Equal(station.GetArrayLength(), await LapsedCount(TestData.Taoyuan));
    }

    public static TheoryData<string, string> BadPairings => new()
    {
        { "cadence-0", "cadenceDays" },
        { "cadence-1000", "cadenceDays" },
        { "not-a-party-member", "volunteerId" },
        { "member-out-of-scope", "volunteerId" },
        { "recipient-out-of-scope", "careRecipientId" },
        { "future-start", "startedOn" },
        { "long-post", "dualPost" },
        { "already-paired", "volunteerId" },
    };

    [Theory]
    [MemberData(nameof(BadPairings))]
    public async Task A_bad_pairing_is_refused_with_the_field_named_and_changes_nothing(string problem, string field)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var manager = await app.ClientFor(TestData.Chengjiao);
        var chengjiao = await app.ChengjiaoPoint();
        var taoyuan = await app.TaoyuanPoint();
        var recipient = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(chengjiao, TestData.NewIdNumber(Elderly), "错配对象"));
        var member = await admin.RegisterPartyMember(app, chengjiao, "错配党员");
        var masses = await admin.RegisterVolunteer(TestData.ValidVolunteer(chengjiao, TestData.NewIdNumber(new DateOnly(1980, 1, 1)), "群众志愿"));
        var outsider = await admin.RegisterPartyMember(app, taoyuan, "桃园外员");
        var theirs = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(taoyuan, TestData.NewIdNumber(Elderly), "桃园对象"));
        var today = Shanghai.Today(app.Clock);
        if (problem == "already-paired")
        {
            await manager.Pair(new { careRecipientId = recipient, volunteerId = member, cadenceDays = 7 });
        }

        object body = problem switch
        {
            "cadence-0" => new { careRecipientId = recipient, volunteerId = member, cadenceDays = 0 },
            "cadence-1000" => new { careRecipientId = recipient, volunteerId = member, cadenceDays = 1000 },
            "not-a-party-member" => new { careRecipientId = recipient, volunteerId = masses, cadenceDays = 7 },
            "member-out-of-scope" => new { careRecipientId = recipient, volunteerId = outsider, cadenceDays = 7 },
            "recipient-out-of-scope" => new { careRecipientId = theirs, volunteerId = member, cadenceDays = 7 },
            "future-start" => new { careRecipientId = recipient, volunteerId = member, cadenceDays = 7, startedOn = today.AddDays(1) },
            "long-post" => new { careRecipientId = recipient, volunteerId = member, cadenceDays = 7, dualPost = new string('岗', 51) },
            _ => new { careRecipientId = recipient, volunteerId = member, cadenceDays = 7 },
        };
        var before = await app.Fingerprint();

        var response = await manager.PostAsJsonAsync("/api/v1/pairings", body, TestData.ApiJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task A_visit_in_the_future_before_the_start_of_an_unknown_kind_or_on_an_ended_pairing_is_refused()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var chengjiao = await app.ChengjiaoPoint();
        var recipient = await admin.RegisterCareRecipient(TestData.ValidCareRecipient(chengjiao, TestData.NewIdNumber(Elderly), "错误走访"));
        var member = await admin.RegisterPartyMember(app, chengjiao, "走访党员");
        var today = Shanghai.Today(app.Clock);
        var id = await admin.Pair(new { careRecipientId = recipient, volunteerId = member, cadenceDays = 7, startedOn = today.AddDays(-5) });
        var before = await app.Fingerprint();

        Assert.Equal(HttpStatusCode.BadRequest, (await Visit(admin, id, new { on = today.AddDays(1), kind = "HomeVisit" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Visit(admin, id, new { on = today.AddDays(-6), kind = "HomeVisit" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Visit(admin, id, new { kind = "Telepathy" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Visit(admin, id, new { kind = "HomeVisit", notes = new string('记', 1001) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Visit(admin, Guid.NewGuid(), new { kind = "HomeVisit" })).StatusCode);
        Assert.Equal(before, await app.Fingerprint());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/pairings/{id}/end", new { })).StatusCode);
        var afterEnd = await app.Fingerprint();
        var late = await Visit(admin, id, new { kind = "HomeVisit" });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(afterEnd, await app.Fingerprint());
    }

    private static Task<HttpResponseMessage> Visit(HttpClient client, Guid pairing, object body) =>
        client.PostAsJsonAsync($"/api/v1/pairings/{pairing}/visits", body, TestData.ApiJson);

    private static async Task<JsonElement> Row(HttpClient client, Guid pairing)
    {
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/pairings");
        return all.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == pairing);
    }

    private static async Task<bool> IsLapsed(HttpClient client, Guid pairing) => (await Row(client, pairing)).GetProperty("isLapsed").GetBoolean();

    private Task<int> LapsedCount(string userName) =>
        app.As<Volunteer96345.People.Pairings.PairingQueriesHandler, int>(userName, h => h.LapsedCount(CancellationToken.None));
}
