using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Audit;

namespace Volunteer96345.Tests.Common.Audit;

[Trait("Category", "Integration")]
public sealed class AuditTrailTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_row_links_to_the_previous_one_and_the_chain_verifies()
    {
        var rows = await app.Db(db => db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync());

        Assert.NotEmpty(rows);
        Assert.Equal(AuditTrail.GenesisHash, rows[0].PreviousHash);
        Assert.All(rows.Skip(1).Zip(rows), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.All(rows, r => Assert.Equal(AuditTrail.ComputeHash(r), r.Hash));
        var verdict = await app.As<AuditLogHandler, AuditVerification>(TestData.Admin, h => h.Verify(CancellationToken.None));
        Assert.Null(verdict.FirstBrokenSequence);
        Assert.Equal(rows.Count, verdict.Checked);
    }

    [Fact]
    public async Task A_change_is_audited_with_who_when_which_station_and_old_and_new_values()
    {
        var station = await app.ChengjiaoPoint();
        var client = await app.ClientFor(TestData.Chengjiao);
        var details = (await (await client.GetAsync($"/api/v1/stations/{station}")).Json()).GetProperty("station");
        var oldPhone = details.GetProperty("phone").GetString();
        var body = new
        {
            name = details.GetProperty("name").GetString(),
            kind = "ServicePoint",
            parentId = details.GetProperty("parentId").GetGuid(),
            village = details.GetProperty("village").GetString(),
            address = details.GetProperty("address").GetString(),
            latitude = details.GetProperty("latitude").GetDouble(),
            longitude = details.GetProperty("longitude").GetDouble(),
            phone = "0573-87600001",
        };

        await client.PutAsync($"/api/v1/stations/{station}", System.Net.Http.Json.JsonContent.Create(body));

        var row = await app.Db(db => db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync(a => a.EntityId == station.ToString()));
        Assert.Equal(TestData.NameOf(TestData.Chengjiao), row.UserName);
        Assert.Equal(station, row.StationId);
        Assert.Equal("Modified", row.Action);
        Assert.Equal(AppFixture.Start.UtcDateTime, row.At);
        Assert.Contains($"\"Phone\":[\"{oldPhone}\",\"0573-87600001\"]", row.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_an_audit_row_in_the_database_is_reported_at_that_row_by_verify_audit()
    {
        await using var isolated = new AppFixture();
        await isolated.InitializeAsync();
        var target = await isolated.Db(db => db.AuditEntries.OrderBy(a => a.Sequence).Skip(10).Select(a => a.Sequence).FirstAsync());

        const string forged = "{\"Name\":[\"forged\"]}";
        await isolated.Db(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Changes\" = {forged} WHERE \"Sequence\" = {target}"));
        var result = await isolated.As<AuditLogHandler, AuditVerification>(TestData.Admin, h => h.Verify(CancellationToken.None));

        Assert.Equal(target, result.FirstBrokenSequence);
        Assert.Contains("content does not match", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_and_stamps_never_reach_the_audit()
    {
        var rows = await app.Db(db => db.AuditEntries.Where(a => a.EntityType == "AppUser").Select(a => new { a.Action, a.Changes }).ToListAsync());

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain("AQAAAA", r.Changes, StringComparison.Ordinal)); // Identity v3 hashes start so
        Assert.All(rows.Where(r => r.Action == "Added"), r => Assert.Contains("\"PasswordHash\":[\"***\"]", r.Changes, StringComparison.Ordinal));
    }
}
