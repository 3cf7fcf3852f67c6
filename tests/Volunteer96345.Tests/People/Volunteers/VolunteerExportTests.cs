using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Volunteer96345.Common.Privacy;
using Volunteer96345.People;
using Volunteer96345.Tests.Common.Notifications;

namespace Volunteer96345.Tests.People.Volunteers;

/// <summary>
/// The volunteer sheet gives each role the least it needs: mobiles in full to the town admin and the station managers,
/// masked to the dispatcher and the inspector; and every export is written down (who, what, how many rows, masked or
/// not, the filter) with its audit row.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class VolunteerExportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData(TestData.Inspector, true)]
    [InlineData(TestData.Dispatcher, true)]
    [InlineData(TestData.Admin, false)]
    [InlineData(TestData.Chengjiao, false)]
    public async Task The_export_masks_mobiles_unless_the_role_may_see_them_and_writes_one_export_row_and_one_audit_row(string user, bool masked)
    {
        var client = await app.ClientFor(user, "zh-CN");
        var exportsBefore = await app.Db(db => db.DataExports.Select(e => e.Id).ToListAsync());
        var auditBefore = await app.Db(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Sequence));

        var response = await client.GetAsync("/api/v1/volunteers/export?search=&availableNow=false&page=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(rows);
        var mobiles = rows.Select(r => r["手机号码"]?.ToString() ?? "").ToList();
        Assert.All(mobiles, m => Assert.Matches(masked ? MaskedMobile() : FullMobile(), m));
        var stored = await app.Db(db => db.Volunteers.Select(v => v.Mobile).ToListAsync());
        Assert.Equal(!masked, mobiles.All(stored.Contains));

        var export = Assert.Single(await app.Db(db => db.DataExports.Where(e => !exportsBefore.Contains(e.Id)).ToListAsync()));
        Assert.Equal((DataExportKinds.Volunteers, rows.Count, masked, TestData.NameOf(user)), (export.Kind, export.Rows, export.Masked, export.UserName));
        Assert.Equal(await app.UserId(user), export.UserId);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, export.At);
        Assert.DoesNotContain("page", export.Filter, StringComparison.Ordinal);
        var audit = Assert.Single(await app.Db(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.Sequence > auditBefore && a.EntityType == nameof(DataExport)).ToListAsync()));
        Assert.Equal((export.Id.ToString(), "Added", TestData.NameOf(user)), (audit.EntityId, audit.Action, audit.UserName));
        Assert.Contains(masked ? "\"Masked\":[true]" : "\"Masked\":[false]", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_filter_of_an_export_is_recorded()
    {
        var inspector = await app.ClientFor(TestData.Inspector);
        var station = await app.TaoyuanPoint();
        var exportsBefore = await app.Db(db => db.DataExports.Select(e => e.Id).ToListAsync());

        var response = await inspector.GetAsync($"/api/v1/volunteers/export?stationId={station}&search=" + Uri.EscapeDataString("张"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = Assert.Single(await app.Db(db => db.DataExports.Where(e => !exportsBefore.Contains(e.Id)).ToListAsync()));
        Assert.Contains(station.ToString(), export.Filter, StringComparison.Ordinal);
        Assert.Contains("\"search\":\"张\"", export.Filter, StringComparison.Ordinal);
        Assert.True(export.Masked);
    }

    [GeneratedRegex("^1[3-9][0-9]\\*{4}[0-9]{4}$")]
    private static partial Regex MaskedMobile();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex FullMobile();
}
