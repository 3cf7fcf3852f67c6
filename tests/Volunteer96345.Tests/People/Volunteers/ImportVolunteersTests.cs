using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Volunteer96345.People;

namespace Volunteer96345.Tests.People.Volunteers;

[Trait("Category", "Integration")]
public sealed class ImportVolunteersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, object?> Row(string name, string idNumber, string station = "城郊村96345党员志愿服务点") => new()
    {
        ["姓名"] = name,
        ["身份证号"] = idNumber,
        ["手机号码"] = "13800001111",
        ["政治面貌"] = "群众",
        ["所在党组织"] = "",
        ["招募渠道"] = "群众推荐",
        ["推荐人"] = "",
        ["所属站点"] = station,
        ["所属村（社区）"] = "城郊村",
        ["地址"] = "城郊村1组",
        ["技能特长"] = "驾驶、理发",
        ["监护人"] = "",
        ["监护人手机"] = "",
        ["个人信息授权"] = "是",
    };

    private static byte[] Sheet(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] file, string name = "volunteers.xlsx")
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", name);
        return await client.PostAsync("/api/v1/volunteers/import", form);
    }

    [Fact]
    public async Task A_valid_sheet_imports_every_row_and_importing_it_again_creates_no_duplicates()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var file = Sheet(Row("导入甲", TestData.NewIdNumber(new DateOnly(1980, 1, 2))), Row("导入乙", TestData.NewIdNumber(new DateOnly(1981, 3, 4), male: false)));
        var before = await app.Db(db => db.Volunteers.CountAsync());

        var first = await (await Upload(admin, file)).Json();
        var second = await (await Upload(admin, file)).Json();

        Assert.Equal(2, first.GetProperty("imported").GetInt32());
        Assert.Equal(0, second.GetProperty("imported").GetInt32());
        Assert.Equal(2, second.GetProperty("alreadyRegistered").GetInt32());
        Assert.Equal(before + 2, await app.Db(db => db.Volunteers.CountAsync()));
        var found = await (await admin.GetAsync("/api/v1/volunteers?search=dry")).Json();
        Assert.Contains(found.GetProperty("items").EnumerateArray(), v => v.GetProperty("realName").GetString() == "导入乙");
    }

    [Fact]
    public async Task A_sheet_with_a_bad_row_imports_nothing_and_names_the_row_and_column()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var good = TestData.NewIdNumber(new DateOnly(1970, 5, 6));
        var valid = TestData.NewIdNumber(new DateOnly(1971, 7, 8));
        var badCheckDigit = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var before = await app.Fingerprint();

        var response = await Upload(admin, Sheet(Row("好行", good), Row("坏行", badCheckDigit), Row("远方", good, "不存在的站点")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("row 3 · 身份证号", errors);
        Assert.Contains("row 4 · 所属站点", errors);
        Assert.Contains("row 4 · 身份证号", errors); // the same ID number as row 2
        Assert.Equal(before, await app.Fingerprint());
    }

    public static TheoryData<string, byte[]> MalformedFiles()
    {
        using var wrongColumns = new MemoryStream();
        wrongColumns.SaveAs(new[] { new Dictionary<string, object?> { ["name"] = "x", ["id"] = "y" } });
        using var empty = new MemoryStream();
        empty.SaveAs(Array.Empty<Dictionary<string, object?>>());
        return new TheoryData<string, byte[]>
        {
            { "wrong columns", wrongColumns.ToArray() },
            { "an empty sheet", empty.ToArray() },
            { "binary garbage renamed .xlsx", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))] },
            { "a text file renamed .xlsx", "姓名,身份证号\n张三,1"u8.ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_gets_a_clear_error_and_stores_nothing(string what, byte[] file)
    {
        var admin = await app.ClientFor(TestData.Admin);
        var before = await app.Fingerprint();

        var response = await Upload(admin, file);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        var message = (await response.Json()).GetProperty("errors").GetProperty("file")[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(message), what);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task The_template_has_every_column_the_import_reads()
    {
        var admin = await app.ClientFor(TestData.Admin);

        var template = await admin.GetByteArrayAsync("/api/v1/volunteers/import-template");

        var headers = new MemoryStream(template).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().First().Keys;
        Assert.Equal(["姓名", "身份证号", "手机号码", "政治面貌", "所在党组织", "招募渠道", "推荐人", "所属站点", "所属村（社区）", "地址", "技能特长", "监护人", "监护人手机", "个人信息授权"], headers);
    }

    [Fact]
    public async Task A_station_manager_cannot_import_into_another_station()
    {
        var manager = await app.ClientFor(TestData.Chengjiao);
        var before = await app.Fingerprint();

        var response = await Upload(manager, Sheet(Row("越权", TestData.NewIdNumber(new DateOnly(1966, 6, 6)), "桃园村96345党员志愿服务点")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("row 2 · 所属站点", (await response.Json()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await app.Fingerprint());
    }
}
