using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Accounts;
using Volunteer96345.Demo;
using Volunteer96345.People.Volunteers;
using Volunteer96345.Tests.People.Alliance;

namespace Volunteer96345.Tests.Accounts.Activation;

/// <summary>
/// Every volunteer and merchant gets an account whose user name is their mobile, activated with a single-use code from
/// a printed slip (no SMS gateway needed), valid for 7 days and stored only as a keyed hash.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ActivationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Adult = new(1990, 3, 1);

    private async Task<Guid> Apply(string name, string mobile)
    {
        var input = TestData.ValidVolunteer(await app.ChengjiaoPoint(), TestData.NewIdNumber(Adult), name);
        input.Mobile = mobile;
        var applied = await app.As<SelfRegistrationHandler, Volunteer96345.Common.Errors.Result<Guid>>(TestData.Admin,
            h => h.Apply(input, CancellationToken.None));
        Assert.True(applied.IsOk, applied.Error?.Message);
        return applied.Value;
    }

    [Fact]
    public async Task An_approved_applicant_activates_with_the_slip_and_signs_in_with_their_mobile()
    {
        var id = await Apply("申请人甲", "13905733001");
        Assert.False(await app.Db(db => db.Users.AnyAsync(u => u.VolunteerId == id)));
        var manager = await app.SignedIn(TestData.Chengjiao, DemoSeed.Password);

        var approved = await manager.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status = "Active" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var slip = (await approved.Json()).GetProperty("activation");
        Assert.Equal("申请人甲", slip.GetProperty("displayName").GetString());
        Assert.Equal("139****3001", slip.GetProperty("maskedMobile").GetString());
        var code = slip.Code();
        Assert.Equal(12, code.Length);
        // The code is stored only as a keyed hash: nothing in the table (or the audit) contains it.
        Assert.False(await app.Db(db => db.Set<AccountCode>().AnyAsync(c => c.CodeHash.Contains(code))));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Changes.Contains(code))));

        var peek = await app.Anonymous().PostAsJsonAsync("/api/v1/activation/check", new { code });
        Assert.Equal("申**甲", (await peek.Json()).GetProperty("maskedName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.Activate(code, AccountSteps.GoodPassword)).StatusCode);
        var volunteer = await app.SignedIn("13905733001", AccountSteps.GoodPassword);

        Assert.Equal(HttpStatusCode.OK, (await volunteer.GetAsync("/api/v1/my/activities")).StatusCode);
        var home = await volunteer.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/m/me", home.Headers.Location!.OriginalString);
        // Used once.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Activate(code, AccountSteps.GoodPassword + "x")).StatusCode);
    }

    [Fact]
    public async Task A_code_expires_after_7_days_and_a_new_one_voids_the_old()
    {
        var manager = await app.SignedIn(TestData.Chengjiao, DemoSeed.Password);
        var id = await Apply("申请人乙", "13905733002");
        var first = (await (await manager.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status = "Active" })).Json()).GetProperty("activation");
        var userId = first.GetProperty("userId").GetGuid();

        var reissued = await manager.PostAsync($"/api/v1/accounts/{userId}/activation-code", null);
        Assert.True(reissued.StatusCode == HttpStatusCode.OK, await reissued.Content.ReadAsStringAsync());
        var second = await reissued.Json();
        var voided = await app.Activate(first.Code(), AccountSteps.GoodPassword);
        Assert.Equal("激活码不正确、已使用或已过期，请向站点索取新的激活码。", (await voided.Json()).FieldError("code"));

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Activate(second.Code(), AccountSteps.GoodPassword)).StatusCode);

        // A week later the manager signs in again (a back-office session lasts 30 idle minutes) and prints a new slip.
        manager = await app.SignedIn(TestData.Chengjiao, DemoSeed.Password);
        var third = await (await manager.PostAsync($"/api/v1/accounts/{userId}/activation-code", null)).Json();
        Assert.Equal(HttpStatusCode.OK, (await app.Activate(third.Code(), AccountSteps.GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task Activation_refuses_weak_passwords_and_mismatches_beside_the_field_and_keeps_the_code()
    {
        var manager = await app.SignedIn(TestData.Chengjiao, DemoSeed.Password);
        var id = await Apply("申请人丙", "13905733003");
        var code = (await (await manager.PostAsJsonAsync($"/api/v1/volunteers/{id}/status", new { status = "Active" })).Json()).GetProperty("activation").Code();

        Assert.NotNull((await (await app.Activate(code, "short1A")).Json()).FieldError("password"));
        Assert.NotNull((await (await app.Activate(code, "alllowercase")).Json()).FieldError("password"));
        Assert.NotNull((await (await app.Activate(code, "P@ssw0rd123")).Json()).FieldError("password"));
        Assert.NotNull((await (await app.Activate(code, "Xy13905733003")).Json()).FieldError("password"));
        Assert.NotNull((await (await app.Activate(code, AccountSteps.GoodPassword, "different")).Json()).FieldError("confirm"));
        Assert.NotNull((await (await app.Activate("12ab", AccountSteps.GoodPassword)).Json()).FieldError("code"));

        Assert.Equal(HttpStatusCode.OK, (await app.Activate(code, AccountSteps.GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task A_volunteer_registered_by_staff_gets_an_account_unless_their_mobile_is_taken()
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        var input = TestData.ValidVolunteer(await app.TaoyuanPoint(), TestData.NewIdNumber(Adult), "登记丁");
        input.Mobile = "13905733004";
        var first = await (await admin.PostVolunteer(input)).Json();
        var twin = TestData.ValidVolunteer(await app.TaoyuanPoint(), TestData.NewIdNumber(Adult), "登记戊");
        twin.Mobile = "13905733004";
        var second = await (await admin.PostVolunteer(twin)).Json();

        Assert.Equal("13905733004", first.GetProperty("activation").GetProperty("userName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("activation").ValueKind);
        Assert.Contains("13905733004", second.GetProperty("accountProblem").GetString(), StringComparison.Ordinal);
        var account = await app.Db(db => db.Users.SingleAsync(u => u.UserName == "13905733004"));
        Assert.Equal(first.GetProperty("id").GetGuid(), account.VolunteerId);
        Assert.Equal(await app.TaoyuanPoint(), account.HomeStationId);
        Assert.Null(account.PasswordHash);
    }

    [Fact]
    public async Task A_merchant_that_becomes_active_gets_a_merchant_account_for_the_desk()
    {
        var admin = await app.SignedIn(TestData.Admin, DemoSeed.Password);
        var point = await app.ChengjiaoPoint();
        var merchant = Merchants.Valid(point, "城郊村", "城郊账号测试店");
        var json = System.Text.Json.JsonSerializer.SerializeToNode(merchant)!;
        json["contactPhone"] = "13905733005";
        json["contactName"] = "钱老板";
        var id = await admin.RegisterMerchant(json);
        var agreement = await admin.UploadAgreement(point);

        var moved = await (await admin.PostAsJsonAsync($"/api/v1/alliance/{id}/status", new { status = "Active", agreementId = agreement })).Json();

        Assert.Equal("Active", moved.GetProperty("status").GetString());
        var code = moved.GetProperty("activation").Code();
        Assert.Equal(HttpStatusCode.OK, (await app.Activate(code, AccountSteps.GoodPassword)).StatusCode);
        var shop = await app.SignedIn("13905733005", AccountSteps.GoodPassword);
        var home = await shop.GetAsync("/");
        Assert.Equal("/m/merchant", home.Headers.Location!.OriginalString);
        var desk = WebUtility.HtmlDecode(await shop.GetStringAsync("/m/merchant"));
        Assert.Contains("城郊账号测试店", desk, StringComparison.Ordinal);
    }

    private static byte[] Sheet(params (string Name, string IdNumber, string Mobile)[] people)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, people.Select(p => new Dictionary<string, object?>
        {
            ["姓名"] = p.Name,
            ["身份证号"] = p.IdNumber,
            ["手机号码"] = p.Mobile,
            ["政治面貌"] = "群众",
            ["所在党组织"] = "",
            ["招募渠道"] = "群众推荐",
            ["推荐人"] = "",
            ["所属站点"] = "城郊村96345党员志愿服务点",
            ["所属村（社区）"] = "城郊村",
            ["地址"] = "城郊村1组",
            ["技能特长"] = "",
            ["监护人"] = "",
            ["监护人手机"] = "",
            ["个人信息授权"] = "是",
        }));
        return stream.ToArray();
    }

    [Fact]
    public async Task An_import_gives_every_new_volunteer_an_account_and_a_slip()
    {
        var rows = Sheet(("导入甲", TestData.NewIdNumber(Adult), "13905733011"), ("导入乙", TestData.NewIdNumber(Adult), "13905733012"));

        var result = await app.As<ImportVolunteersHandler, Volunteer96345.Common.Errors.Result<ImportResult>>(TestData.Chengjiao,
            h => h.Import(new MemoryStream(rows), null, CancellationToken.None));

        Assert.True(result.IsOk, result.Error?.Message);
        Assert.Equal(2, result.Value.Imported);
        Assert.Equal(["导入乙", "导入甲"], result.Value.Activations!.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(result.Value.Activations!, s => Assert.Matches("^[0-9]{4} [0-9]{4} [0-9]{4}$", s.Code));
        Assert.Equal(2, await app.Db(db => db.Users.CountAsync(u => u.UserName == "13905733011" || u.UserName == "13905733012")));
    }
}
