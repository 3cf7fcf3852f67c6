using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Volunteer96345.Common.Errors;
using Volunteer96345.People;
using Volunteer96345.People.Volunteers;

namespace Volunteer96345.Tests.People.Volunteers;

/// <summary>The volunteer registry through its API, as staff use it: register, find, read masked, reveal, move status, export.</summary>
[Trait("Category", "Integration")]
public sealed class VolunteersApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Adult = new(1985, 6, 15);

    [Fact]
    public async Task A_registered_volunteer_is_found_by_pinyin_initials_by_skill_and_by_station()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var taoyuan = await app.TaoyuanPoint();
        var chengjiao = await app.ChengjiaoPoint();
        var calligraphy = await SkillId(admin, "书法");
        var input = TestData.ValidVolunteer(taoyuan, TestData.NewIdNumber(Adult), "欧阳晓峰");
        input.Skills = [new VolunteerSkillInput { SkillId = calligraphy, Level = SkillLevel.Expert }];

        var id = await admin.RegisterVolunteer(input);

        var byInitials = Assert.Single(await List(admin, "search=oyxf"));
        Assert.Equal(id, byInitials.GetProperty("id").GetGuid());
        Assert.Equal("欧阳晓峰", byInitials.GetProperty("realName").GetString());
        Assert.Equal(["书法"], byInitials.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(id, Ids(await List(admin, "search=OYX")));
        Assert.Empty(await List(admin, "search=oyxg"));

        var bySkill = await List(admin, $"skillId={calligraphy}&pageSize=200");
        Assert.Contains(id, Ids(bySkill));
        Assert.All(bySkill, v => Assert.Contains("书法", v.GetProperty("skills").EnumerateArray().Select(s => s.GetString())));

        var byStation = await List(admin, $"stationId={taoyuan}&pageSize=200");
        Assert.Contains(id, Ids(byStation));
        Assert.All(byStation, v => Assert.Equal("桃园村96345党员志愿服务点", v.GetProperty("stationName").GetString()));
        Assert.DoesNotContain(id, Ids(await List(admin, $"stationId={chengjiao}&pageSize=200")));
        Assert.Empty(await List(admin, $"search=oyxf&stationId={chengjiao}"));
    }

    [Fact]
    public async Task A_party_members_category_is_kept_shown_and_exported_and_a_non_member_has_none()
    {
        var admin = await app.ClientFor(TestData.Admin, "zh-CN");
        var taoyuan = await app.TaoyuanPoint();
        var branch = await app.Db(db => db.PartyOrganizations.Where(p => p.StationId == taoyuan).Select(p => p.Id).FirstAsync());
        var member = TestData.ValidVolunteer(taoyuan, TestData.NewIdNumber(Adult), "钱先锋");
        (member.PoliticalStatus, member.PartyOrganizationId, member.MemberCategory) = (PoliticalStatus.PartyMember, branch, PartyMemberCategory.Mobile);
        var masses = TestData.ValidVolunteer(taoyuan, TestData.NewIdNumber(Adult), "钱群众");
        masses.MemberCategory = PartyMemberCategory.Elderly;

        var memberId = await admin.RegisterVolunteer(member);
        var massesId = await admin.RegisterVolunteer(masses);

        var detail = await (await admin.GetAsync($"/api/v1/volunteers/{memberId}")).Json();
        Assert.Equal("Mobile", detail.GetProperty("memberCategory").GetString());
        Assert.Equal(PartyMemberCategory.Mobile, await app.Db(db => db.Volunteers.Where(v => v.Id == memberId).Select(v => v.MemberCategory).SingleAsync()));
        Assert.Null(await app.Db(db => db.Volunteers.Where(v => v.Id == massesId).Select(v => v.MemberCategory).SingleAsync()));
        var export = await admin.GetAsync("/api/v1/volunteers/export?search=" + Uri.EscapeDataString("钱先锋"));
        var row = Assert.Single(Rows(await export.Content.ReadAsByteArrayAsync()));
        Assert.Equal("流动党员", row["党员类别"]?.ToString());
    }

    [Fact]
    public async Task A_volunteer_is_found_by_part_of_the_name_by_number_and_by_the_start_of_the_mobile()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var input = TestData.ValidVolunteer(await app.ChengjiaoPoint(), TestData.NewIdNumber(Adult), "司马青岚");
        input.Mobile = "+86 188-6666-0001";

        var id = await admin.RegisterVolunteer(input);

        var byName = Assert.Single(await List(admin, "search=" + Uri.EscapeDataString("青岚")));
        Assert.Equal(id, byName.GetProperty("id").GetGuid());
        Assert.Equal("18866660001", byName.GetProperty("mobile").GetString());
        var number = byName.GetProperty("number").GetString()!;
        Assert.Matches("^YG[0-9]{6}$", number);
        Assert.Equal(id, Assert.Single(await List(admin, "search=" + number.ToLowerInvariant())).GetProperty("id").GetGuid());
        Assert.Equal(id, Assert.Single(await List(admin, "search=1886666")).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_id_number_comes_back_masked_in_the_list_and_the_detail_and_never_whole()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(Adult, male: false);
        var id = await admin.RegisterVolunteer(TestData.ValidVolunteer(await app.ChengjiaoPoint(), idNumber, "上官掩码"));

        var listText = await admin.GetStringAsync("/api/v1/volunteers?search=" + Uri.EscapeDataString("上官掩码"));
        var detailText = await admin.GetStringAsync($"/api/v1/volunteers/{id}");

        var masked = "330***********" + idNumber[^4..];
        var row = Assert.Single(JsonDocument.Parse(listText).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(masked, row.GetProperty("idNumberMasked").GetString());
        var detail = JsonDocument.Parse(detailText).RootElement;
        Assert.Equal(masked, detail.GetProperty("row").GetProperty("idNumberMasked").GetString());
        Assert.DoesNotContain(idNumber, listText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(idNumber, detailText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(idNumber[3..14], detailText, StringComparison.Ordinal);
        // Gender and birth date were left out of the form: the ID number carries them.
        Assert.Equal("Female", detail.GetProperty("row").GetProperty("gender").GetString());
        Assert.Equal("1985-06-15", detail.GetProperty("birthDate").GetString());
        Assert.Equal(41, detail.GetProperty("row").GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task Revealing_the_id_number_returns_it_whole_and_writes_a_reveal_to_the_audit_trail()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var taoyuan = await app.TaoyuanPoint();
        string idNumber;
        do
        {
            idNumber = TestData.NewIdNumber(Adult);
        }
        while (idNumber[17] != 'X');

        var id = await admin.RegisterVolunteer(TestData.ValidVolunteer(taoyuan, idNumber.ToLowerInvariant()));
        var revealsBefore = await app.Db(db => db.AuditEntries.CountAsync(a => a.EntityType == "Reveal"));

        var response = await admin.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(idNumber, (await response.Json()).GetProperty("idNumber").GetString());
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.EntityType == "Reveal").OrderByDescending(a => a.Sequence).ToListAsync());
        Assert.Equal(revealsBefore + 1, audit.Count);
        Assert.Equal(TestData.NameOf(TestData.Admin), audit[0].UserName);
        Assert.Equal(taoyuan, audit[0].StationId);
        Assert.Equal("Added", audit[0].Action);
        Assert.Equal(AppFixture.Start.UtcDateTime, audit[0].At);
        Assert.Contains(id.ToString(), audit[0].Changes, StringComparison.Ordinal);
        Assert.Contains("\"Field\":[\"IdNumber\"]", audit[0].Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, audit[0].Changes, StringComparison.OrdinalIgnoreCase);
        var adminId = await app.Db(db => db.Users.Where(u => u.UserName == TestData.Admin).Select(u => u.Id).SingleAsync());
        var reveal = Assert.Single(await app.Db(db => db.Reveals.Where(r => r.EntityId == id).ToListAsync()));
        Assert.Equal(adminId, reveal.UserId);
        Assert.Equal("Volunteer", reveal.EntityType);

        await admin.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null);
        Assert.Equal(2, await app.Db(db => db.Reveals.CountAsync(r => r.EntityId == id)));
    }

    [Fact]
    public async Task Status_moves_from_active_to_suspended_and_back_then_to_retired_and_a_retired_volunteer_cannot_return()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var id = await admin.RegisterVolunteer(TestData.ValidVolunteer(await app.ChengjiaoPoint(), TestData.NewIdNumber(Adult)));
        Assert.Equal("Active", await Status(admin, id));

        var suspended = await MoveTo(admin, id, "Suspended", "外出务工三个月");
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal("Suspended", (await suspended.Json()).GetProperty("status").GetString());
        var detail = await (await admin.GetAsync($"/api/v1/volunteers/{id}")).Json();
        Assert.Equal("Suspended", detail.GetProperty("row").GetProperty("status").GetString());
        Assert.Equal("外出务工三个月", detail.GetProperty("statusNote").GetString());
        Assert.Equal(HttpStatusCode.OK, (await MoveTo(admin, id, "Active")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveTo(admin, id, "Retired")).StatusCode);
        Assert.Equal("Retired", await Status(admin, id));

        var before = await app.Fingerprint();
        foreach (var illegal in new[] { "Active", "Suspended", "Pending", "Rejected" })
        {
            var refused = await MoveTo(admin, id, illegal);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("status", out _));
        }

        Assert.Equal("Retired", await Status(admin, id));
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task A_self_service_application_starts_pending_and_can_only_be_approved_or_rejected()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var station = await app.ChengjiaoPoint();
        var application = await Apply(TestData.ValidVolunteer(station, TestData.NewIdNumber(Adult)));
        var second = await Apply(TestData.ValidVolunteer(station, TestData.NewIdNumber(Adult)));
        Assert.Equal("Pending", await Status(admin, application));

        var before = await app.Fingerprint();
        Assert.Equal(HttpStatusCode.BadRequest, (await MoveTo(admin, application, "Suspended")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await MoveTo(admin, application, "Retired")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await MoveTo(admin, application, "Pending")).StatusCode);
        Assert.Equal(before, await app.Fingerprint());
        Assert.Equal("Pending", await Status(admin, application));

        Assert.Equal(HttpStatusCode.OK, (await MoveTo(admin, application, "Active")).StatusCode);
        Assert.Equal("Active", await Status(admin, application));
        Assert.Equal(HttpStatusCode.OK, (await MoveTo(admin, second, "Rejected", "不在本镇居住")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await MoveTo(admin, second, "Active")).StatusCode);
        Assert.Equal("Rejected", await Status(admin, second));
    }

    [Fact]
    public async Task Available_now_finds_whoever_has_a_slot_covering_sunday_ten_oclock_in_shanghai_and_no_exception_today()
    {
        var shanghai = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        Assert.Equal((DayOfWeek.Sunday, new TimeOnly(10, 0)), (shanghai.DayOfWeek, TimeOnly.FromDateTime(shanghai.DateTime)));
        var today = DateOnly.FromDateTime(shanghai.DateTime);
        var admin = await app.ClientFor(TestData.Admin);
        var station = await app.ChengjiaoPoint();

        async Task<Guid> Register(string name, DayOfWeek day, int from, int to, DateOnly? exceptionFrom = null, DateOnly? exceptionTo = null)
        {
            var input = TestData.ValidVolunteer(station, TestData.NewIdNumber(Adult), name);
            input.Availability = [new AvailabilityInput { Day = day, From = new TimeOnly(from, 0), To = new TimeOnly(to, 0) }];
            input.Exceptions = exceptionFrom is null ? [] : [new UnavailabilityInput { From = exceptionFrom, To = exceptionTo, Reason = "请假" }];
            return await admin.RegisterVolunteer(input);
        }

        await Register("钱潮甲", DayOfWeek.Sunday, 9, 11);
        await Register("钱潮乙", DayOfWeek.Sunday, 9, 11, today, today);
        await Register("钱潮丙", DayOfWeek.Sunday, 9, 11, today.AddDays(-7), today.AddDays(-1));
        await Register("钱潮丁", DayOfWeek.Sunday, 8, 10);
        await Register("钱潮戊", DayOfWeek.Sunday, 10, 12);
        await Register("钱潮己", DayOfWeek.Saturday, 9, 11);
        await Register("钱潮庚", DayOfWeek.Sunday, 1, 3); // 02:00 is the time in UTC, not in Shanghai
        await Register("钱潮辛", DayOfWeek.Sunday, 9, 11, today.AddDays(-3), today.AddDays(3));
        var suspended = await Register("钱潮壬", DayOfWeek.Sunday, 9, 11);
        Assert.Equal(HttpStatusCode.OK, (await MoveTo(admin, suspended, "Suspended")).StatusCode);

        var search = "search=" + Uri.EscapeDataString("钱潮") + "&pageSize=200";
        var available = await List(admin, search + "&availableNow=true");

        Assert.Equal(9, (await List(admin, search)).Count);
        Assert.Equal(["钱潮丙", "钱潮戊", "钱潮甲"], available.Select(v => v.GetProperty("realName").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_minor_without_a_guardian_is_refused_and_with_one_is_registered()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var input = TestData.ValidVolunteer(await app.ChengjiaoPoint(), TestData.NewIdNumber(new DateOnly(2012, 3, 1)), "少年志愿");
        var before = await app.Fingerprint();

        var refused = await admin.PostVolunteer(input);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Json()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("guardianName", out _));
        Assert.True(errors.TryGetProperty("guardianMobile", out _));
        Assert.Equal(before, await app.Fingerprint());

        input.GuardianName = "少年家长";
        input.GuardianMobile = "+86 139 0573 0000";
        var id = await admin.RegisterVolunteer(input);
        var detail = await (await admin.GetAsync($"/api/v1/volunteers/{id}")).Json();
        Assert.Equal(14, detail.GetProperty("row").GetProperty("age").GetInt32());
        Assert.Equal("少年家长", detail.GetProperty("guardianName").GetString());
        Assert.Equal("13905730000", detail.GetProperty("guardianMobile").GetString());
        Assert.Equal(AppFixture.Start.UtcDateTime, detail.GetProperty("guardianConsentedAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Someone_born_in_a_leap_year_is_an_adult_on_their_eighteenth_birthday_and_a_minor_the_day_before()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var station = await app.ChengjiaoPoint();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var eighteenToday = today.AddYears(-18);
        Assert.True(DateTime.IsLeapYear(eighteenToday.Year));

        var adult = await admin.RegisterVolunteer(TestData.ValidVolunteer(station, TestData.NewIdNumber(eighteenToday), "成年今日"));
        var minor = await admin.PostVolunteer(TestData.ValidVolunteer(station, TestData.NewIdNumber(eighteenToday.AddDays(1)), "明日成年"));

        var detail = await (await admin.GetAsync($"/api/v1/volunteers/{adult}")).Json();
        Assert.Equal(18, detail.GetProperty("row").GetProperty("age").GetInt32());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("guardianName").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, minor.StatusCode);
        Assert.True((await minor.Json()).GetProperty("errors").TryGetProperty("guardianName", out _));
    }

    [Fact]
    public async Task Editing_a_volunteer_without_re_entering_the_id_number_keeps_it_and_what_it_carries()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var station = await app.ChengjiaoPoint();
        var idNumber = TestData.NewIdNumber(Adult, male: false);
        var input = TestData.ValidVolunteer(station, idNumber, "端木修改");
        input.Skills = [new VolunteerSkillInput { SkillId = await SkillId(admin, "理发"), Level = SkillLevel.Basic }];
        input.Availability = [new AvailabilityInput { Day = DayOfWeek.Monday, From = new TimeOnly(8, 0), To = new TimeOnly(12, 0) }];
        var id = await admin.RegisterVolunteer(input);

        input.IdNumber = null;
        input.Mobile = "13777770000";
        input.Skills = [.. input.Skills, new VolunteerSkillInput { SkillId = await SkillId(admin, "驾驶"), Level = SkillLevel.Skilled }];
        var edited = await admin.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson);

        Assert.True(edited.StatusCode == HttpStatusCode.NoContent, await edited.Content.ReadAsStringAsync());
        var detail = await (await admin.GetAsync($"/api/v1/volunteers/{id}")).Json();
        Assert.Equal("13777770000", detail.GetProperty("row").GetProperty("mobile").GetString());
        Assert.Equal(["理发", "驾驶"], detail.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("1985-06-15", detail.GetProperty("birthDate").GetString());
        Assert.Equal("Female", detail.GetProperty("row").GetProperty("gender").GetString());
        Assert.Equal("330***********" + idNumber[^4..], detail.GetProperty("row").GetProperty("idNumberMasked").GetString());
        var revealed = await (await admin.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null)).Json();
        Assert.Equal(idNumber, revealed.GetProperty("idNumber").GetString());

        var before = await app.Fingerprint();
        input.BirthDate = new DateOnly(1970, 1, 1);
        var disagreeing = await admin.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson);
        Assert.Equal(HttpStatusCode.BadRequest, disagreeing.StatusCode);
        Assert.True((await disagreeing.Json()).GetProperty("errors").TryGetProperty("birthDate", out _));
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task The_export_is_an_excel_workbook_of_the_filtered_list_with_id_numbers_masked()
    {
        var admin = await app.ClientFor(TestData.Admin, "zh-CN");
        var idNumber = TestData.NewIdNumber(Adult);
        await admin.RegisterVolunteer(TestData.ValidVolunteer(await app.TaoyuanPoint(), idNumber, "公孙导出"));

        var response = await admin.GetAsync("/api/v1/volunteers/export?search=" + Uri.EscapeDataString("公孙导出"));
        var all = await admin.GetAsync("/api/v1/volunteers/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        var row = Assert.Single(Rows(bytes));
        var cells = row.Values.Select(v => v?.ToString()).ToList();
        Assert.Contains("公孙导出", cells);
        Assert.Contains("330***********" + idNumber[^4..], cells);
        Assert.Contains("桃园村96345党员志愿服务点", cells);
        Assert.DoesNotContain(cells, c => c is not null && c.Contains(idNumber, StringComparison.OrdinalIgnoreCase));
        var total = (await (await admin.GetAsync("/api/v1/volunteers")).Json()).GetProperty("total").GetInt32();
        Assert.True(total > 160);
        Assert.Equal(total, Rows(await all.Content.ReadAsByteArrayAsync()).Count);
    }

    private static List<IDictionary<string, object?>> Rows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()];
    }

    private async Task<Guid> Apply(VolunteerInput input)
    {
        var result = await app.As<RegisterVolunteerHandler, Result<Registered>>(TestData.Admin,
            h => h.Register(input, RegistrationSource.SelfService, CancellationToken.None));
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value.Id;
    }

    private static async Task<Guid> SkillId(HttpClient client, string name) =>
        (await (await client.GetAsync("/api/v1/skills")).Json()).EnumerateArray()
        .Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

    private static async Task<List<JsonElement>> List(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/volunteers?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Json()).GetProperty("items").EnumerateArray()];
    }

    private static List<Guid> Ids(IEnumerable<JsonElement> rows) => [.. rows.Select(r => r.GetProperty("id").GetGuid())];

    private static async Task<string?> Status(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/v1/volunteers/{id}")).Json()).GetProperty("row").GetProperty("status").GetString();

    private static Task<HttpResponseMessage> MoveTo(HttpClient client, Guid id, string status, string? note = null) =>
        client.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status, note });
}
