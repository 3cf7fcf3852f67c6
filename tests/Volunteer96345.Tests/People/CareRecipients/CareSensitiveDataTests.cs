using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Volunteer96345.Tests.People.CareRecipients;

/// <summary>A care recipient's ID number, address and notes are in neither the database file nor the logs in plaintext.</summary>
[Trait("Category", "Integration")]
public sealed class CareSensitiveDataTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Note = "左眼失明右眼低视力需专人陪护";
    private const string Health = "阿尔茨海默病早期症状明显";
    private const string Living = "独居在老宅阁楼无人照料";
    private const string Address = "盐官镇城郊村十九组八十八号后屋";

    [Fact]
    public async Task The_sensitive_fields_registered_revealed_and_edited_are_not_in_the_sqlite_file_in_plaintext()
    {
        Assert.SkipUnless(!app.IsPostgres, "Reads the SQLite database file; with TEST_DB=Postgres there is none.");
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(new DateOnly(1944, 4, 4));
        var input = Sensitive(TestData.ValidCareRecipient(await app.ChengjiaoPoint(), idNumber, "令狐文件"));
        var id = await admin.RegisterCareRecipient(input);
        foreach (var field in new[] { "IdNumber", "Address", "DisabilityNote", "HealthNote", "LivingSituation" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/care-recipients/{id}/reveal/{field}", null)).StatusCode);
        }

        input.Contacts = "邻居 13700001111";
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/care-recipients/{id}", input, TestData.ApiJson)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostCareRecipient(input)).StatusCode);

        await app.Db(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
        var file = new SqliteConnectionStringBuilder(app.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Default"]).DataSource;
        var bytes = Read(file).Concat(Read(file + "-wal")).ToArray();

        Assert.True(Contains(bytes, "令狐文件"), "the recipient's name should be in the file");
        Assert.True(Contains(bytes, "邻居 13700001111"), "the edited contacts should be in the file");
        Assert.True(Contains(bytes, "盐官镇城郊村****"), "the masked address should be in the file");
        Assert.False(Contains(bytes, idNumber[..17]), "the ID number is in the database file in plaintext");
        Assert.False(Contains(bytes, idNumber[6..17]), "the birth date and sequence of the ID number are in the database file in plaintext");
        Assert.False(Contains(bytes, "十九组八十八号"), "the address is in the database file in plaintext");
        Assert.False(Contains(bytes, "左眼失明"), "the disability note is in the database file in plaintext");
        Assert.False(Contains(bytes, "阿尔茨海默"), "the health note is in the database file in plaintext");
        Assert.False(Contains(bytes, "老宅阁楼"), "the living situation is in the database file in plaintext");
    }

    [Fact]
    public async Task The_sensitive_fields_registered_revealed_or_refused_never_reach_the_logs()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(new DateOnly(1939, 9, 1));
        var input = Sensitive(TestData.ValidCareRecipient(await app.ChengjiaoPoint(), idNumber, "诸葛日志"));

        var id = await admin.RegisterCareRecipient(input);
        var revealed = await admin.PostAsync($"/api/v1/care-recipients/{id}/reveal/DisabilityNote", null);
        var duplicate = await admin.PostCareRecipient(input);
        input.GuardianPhone = "12345";
        var invalid = await admin.PutAsJsonAsync($"/api/v1/care-recipients/{id}", input, TestData.ApiJson);
        var malformed = await admin.PostAsync("/api/v1/care-recipients",
            new StringContent($$"""{"idNumber":"{{idNumber}}","disabilityNote":"{{Note}}","disabilityLevel":"two"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var logs = app.Logs.ToList();
        Assert.Contains(logs, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains($"/api/v1/care-recipients/{id}/reveal/DisabilityNote", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("INSERT INTO \"care_recipients\"", StringComparison.Ordinal) || l.Contains("INSERT INTO care_recipients", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(idNumber[..17], StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("左眼失明", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("阿尔茨海默", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("十九组八十八号", StringComparison.Ordinal));
    }

    private static Volunteer96345.People.CareRecipients.CareRecipientInput Sensitive(Volunteer96345.People.CareRecipients.CareRecipientInput input)
    {
        input.DisabilityNote = Note;
        input.HealthNote = Health;
        input.LivingSituation = Living;
        input.Address = Address;
        return input;
    }

    private static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
