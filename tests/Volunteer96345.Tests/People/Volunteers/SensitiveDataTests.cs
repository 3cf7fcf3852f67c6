using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Volunteer96345.Tests.People.Volunteers;

/// <summary>No sensitive data in plaintext: an ID number is in neither the database file nor the logs, whatever happened to it.</summary>
[Trait("Category", "Integration")]
public sealed class SensitiveDataTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_id_number_registered_revealed_and_edited_is_not_in_the_sqlite_file_in_plaintext()
    {
        Assert.SkipUnless(!app.IsPostgres, "Reads the SQLite database file; with TEST_DB=Postgres there is none.");
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(new DateOnly(1988, 8, 8));
        var input = TestData.ValidVolunteer(await app.TaoyuanPoint(), idNumber, "慕容明文");
        var id = await admin.RegisterVolunteer(input);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null)).StatusCode);
        input.Mobile = "13311112222";
        input.Address = "桃园村9组9号";
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostVolunteer(input)).StatusCode);

        await app.Db(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
        var file = new SqliteConnectionStringBuilder(app.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Default"]).DataSource;
        var bytes = Read(file).Concat(Read(file + "-wal")).ToArray();

        // The scan sees the volunteer's row: the fields that are not secret are there in clear, the masked number too.
        Assert.True(Contains(bytes, "慕容明文"), "the volunteer's name should be in the file");
        Assert.True(Contains(bytes, "桃园村9组9号"), "the edited address should be in the file");
        Assert.True(Contains(bytes, "330***********" + idNumber[^4..]), "the masked ID number should be in the file");
        Assert.False(Contains(bytes, idNumber), "the ID number is in the database file in plaintext");
        Assert.False(Contains(bytes, idNumber[..17]), "the first 17 digits of the ID number are in the database file in plaintext");
        Assert.False(Contains(bytes, idNumber[6..17]), "the birth date and sequence of the ID number are in the database file in plaintext");
    }

    [Fact]
    public async Task An_id_number_registered_revealed_or_refused_never_reaches_the_logs()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var idNumber = TestData.NewIdNumber(new DateOnly(1991, 1, 31));
        var input = TestData.ValidVolunteer(await app.ChengjiaoPoint(), idNumber, "皇甫日志");

        var id = await admin.RegisterVolunteer(input);
        var revealed = await admin.PostAsync($"/api/v1/volunteers/{id}/reveal-id-number", null);
        var duplicate = await admin.PostVolunteer(input);
        input.Mobile = "12345";
        var invalid = await admin.PutAsJsonAsync($"/api/v1/volunteers/{id}", input, TestData.ApiJson);
        var malformed = await admin.PostAsync("/api/v1/volunteers",
            new StringContent($$"""{"idNumber":"{{idNumber}}","realName":"皇甫日志","consent":"yes"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var logs = app.Logs.ToList();
        // The capture sees requests and EF Core's SQL at Information, so a leak through either would show.
        Assert.Contains(logs, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains($"/api/v1/volunteers/{id}/reveal-id-number", StringComparison.Ordinal));
        // Npgsql leaves lower-case table names unquoted; SQLite's provider quotes them.
        Assert.Contains(logs, l => l.Contains("INSERT INTO \"volunteers\"", StringComparison.Ordinal) || l.Contains("INSERT INTO volunteers", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("INSERT INTO \"reveals\"", StringComparison.Ordinal) || l.Contains("INSERT INTO reveals", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(idNumber[..17], StringComparison.Ordinal));
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
