using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Volunteer96345.Common.Files;
using Volunteer96345.Network;
using Volunteer96345.Network.Inspections;

namespace Volunteer96345.Tests.Network.Inspections;

[Trait("Category", "Integration")]
public sealed class RecordInspectionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Items(string failing, Guid? logoEvidence = null) => Enum.GetNames<FiveHasItem>().Select(item => new
    {
        item,
        passed = item != failing,
        note = item == failing ? "制度未上墙" : null,
        evidenceId = item == "Logo" ? logoEvidence : null,
    }).ToArray();

    [Fact]
    public async Task An_inspector_uploads_evidence_records_an_inspection_and_the_station_history_and_compliance_show_it()
    {
        var inspector = await app.ClientFor(TestData.Inspector);
        var station = await app.TaoyuanPoint();
        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "file", "桃园标识.png");
        var upload = await inspector.PostAsync($"/api/v1/stations/{station}/attachments", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var evidence = (await upload.Json()).GetProperty("id").GetGuid();

        var recorded = await inspector.PostAsJsonAsync($"/api/v1/stations/{station}/inspections",
            new { inspectedOn = "2026-11-28", note = "年度复查", items = Items("Rules", evidence) });

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var history = await (await inspector.GetAsync($"/api/v1/stations/{station}/inspections")).Json();
        var latest = history[0];
        Assert.Equal("2026-11-28", latest.GetProperty("inspectedOn").GetString());
        Assert.Equal("陈志强", latest.GetProperty("inspectorName").GetString());
        Assert.Equal("桃园标识.png", latest.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetString() == "Logo")
            .GetProperty("evidenceName").GetString());
        var compliance = await (await inspector.GetAsync("/api/v1/compliance")).Json();
        var row = compliance.GetProperty("stations").EnumerateArray().Single(s => s.GetProperty("stationId").GetGuid() == station);
        Assert.Equal(["Rules"], row.GetProperty("failedItems").EnumerateArray().Select(i => i.GetString()));
        var file = await inspector.GetAsync($"/api/v1/attachments/{evidence}");
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_latest_inspection_decides_compliance_so_a_fixed_failure_clears()
    {
        var admin = await app.ClientFor(TestData.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/stations", TestData.ValidStation(await app.ChengjiaoPoint(), "复查驿站"));
        var station = (await created.Json()).GetProperty("id").GetGuid();

        await admin.PostAsJsonAsync($"/api/v1/stations/{station}/inspections", new { inspectedOn = "2026-10-01", items = Items("Funding") });
        var failing = await app.As<InspectionQueriesHandler, ComplianceSummary>(TestData.Admin, h => h.Compliance(CancellationToken.None));
        await admin.PostAsJsonAsync($"/api/v1/stations/{station}/inspections", new { inspectedOn = "2026-11-01", items = Items("none") });
        var fixedUp = await app.As<InspectionQueriesHandler, ComplianceSummary>(TestData.Admin, h => h.Compliance(CancellationToken.None));

        Assert.Contains(FiveHasItem.Funding, failing.Stations.Single(s => s.StationId == station).FailedItems);
        Assert.Empty(fixedUp.Stations.Single(s => s.StationId == station).FailedItems);
        Assert.Equal(failing.FullyCompliant + 1, fixedUp.FullyCompliant);
    }

    [Fact]
    public async Task A_page_upload_is_stored_with_the_inspection_in_one_save()
    {
        var station = await app.ChengjiaoPoint();
        var input = new InspectionInput
        {
            InspectedOn = new DateOnly(2026, 11, 20),
            Items = [.. Enum.GetValues<FiveHasItem>().Select(i => new InspectionItemInput { Item = i, Passed = true })],
        };
        var uploads = new Dictionary<FiveHasItem, UploadedFile> { [FiveHasItem.Venue] = new("场所.jpg", [1, 2, 3]) };

        var id = await app.As<RecordInspectionHandler, Guid>(TestData.Inspector, async h => (await h.Record(station, input, uploads, CancellationToken.None)).Value);

        var history = await app.As<InspectionQueriesHandler, List<InspectionRow>>(TestData.Admin, h => h.History(station, CancellationToken.None));
        Assert.Equal("场所.jpg", history.Single(r => r.Id == id).Items.Single(i => i.Item == FiveHasItem.Venue).EvidenceName);
    }

    [Fact]
    public async Task A_dispatcher_may_read_inspections_but_not_record_one()
    {
        var dispatcher = await app.ClientFor(TestData.Dispatcher);
        var station = await app.ChengjiaoPoint();

        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/v1/stations/{station}/inspections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await dispatcher.PostAsJsonAsync($"/api/v1/stations/{station}/inspections", new { inspectedOn = "2026-11-01", items = Items("none") })).StatusCode);
    }
}
