using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Time;
using Volunteer96345.StationServices;
using Volunteer96345.Data.Timers;
using Volunteer96345.StationServices.Deadlines;
using Volunteer96345.StationServices.ProgressErrand;
using Volunteer96345.StationServices.Report;
using Volunteer96345.StationServices.RequestErrand;

namespace Volunteer96345.Tests.StationServices;

/// <summary>红色代办: receipt against the checklist, custody of the originals, the office's answer, closing with a signature.</summary>
[Trait("Category", "Integration")]
public sealed class ErrandTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] Photo = ["一寸照片"];

    [Fact]
    public async Task The_seed_offers_the_common_errands_with_their_checklists()
    {
        var allowance = await app.TypeNamed("高龄津贴申领");

        Assert.Equal(ErrandOffice.CivilAffairs, allowance.Office);
        Assert.Equal(["身份证", "户口簿", "银行卡", "一寸照片"], allowance.Documents);
        Assert.Equal(ErrandOffice.SocialSecurity, (await app.TypeNamed("医保参保登记")).Office);
        Assert.Equal(ErrandOffice.FamilyPlanning, (await app.TypeNamed("独生子女父母奖励")).Office);
    }

    [Fact]
    public async Task Receiving_an_errand_keeps_the_originals_at_the_point_and_stores_a_working_day_deadline_with_its_timer()
    {
        var received = await app.Receive(leaveOut: 1);

        var errand = await app.Errand(received.Id);
        var calendar = new HolidayCalendar();
        var expected = calendar.AddWorkingDays(Shanghai.Today(app.Clock), 10);
        Assert.Equal(ErrandStatus.Received, errand.Status);
        Assert.Equal(expected, errand.DueDate);
        Assert.Equal(ErrandClock.EndOf(expected), errand.DueAt);
        Assert.Equal(["身份证", "户口簿", "银行卡"], errand.Documents.Where(d => d.Custody == DocumentCustody.AtPoint).Select(d => d.Name));
        Assert.Equal("一寸照片", Assert.Single(errand.Documents, d => d.Custody == DocumentCustody.NotReceived).Name);
        Assert.All(errand.Documents.Where(d => d.Custody == DocumentCustody.AtPoint), d => Assert.Equal(TestData.NameOf(ErrandSteps.Manager), d.Holder));
        Assert.StartsWith("139", errand.ResidentPhoneMasked);
        Assert.DoesNotContain("13905730001", errand.ResidentPhoneCipher);
        var timer = await app.Db(db => db.Set<ErrandTimer>().SingleAsync(t => t.ErrandId == received.Id));
        Assert.Equal((ErrandTimerKind.Deadline, errand.DueAt), (timer.Kind, timer.DueAt));
    }

    [Fact]
    public async Task An_errand_goes_from_receipt_through_the_office_to_the_residents_signature_with_custody_at_every_step()
    {
        var received = await app.Receive(leaveOut: 1);
        var id = received.Id;

        Assert.True((await app.Step(h => h.ReceiveDocuments(id, new DocumentsInput { Documents = ["一寸照片"] }, None))).IsOk);
        await app.Submitted(id);
        var atOffice = await app.Errand(id);
        Assert.All(atOffice.Documents, d => Assert.Equal((DocumentCustody.AtOffice, "镇民政办 王科员"), (d.Custody, d.Holder)));
        await app.Answered(id, ErrandStatus.Approved);
        Assert.True((await app.Step(h => h.Collect(id, None))).IsOk);
        Assert.True((await app.Step(h => h.Return(id, new DocumentsInput { Documents = ["身份证"] }, None))).IsOk);
        var closed = await app.Step(h => h.Close(id, new CloseInput { Result = "津贴已核定，次月起发放", Signature = ErrandSteps.SignaturePng() }, None));

        Assert.True(closed.IsOk, closed.Error?.Message);
        var errand = await app.Errand(id);
        Assert.Equal(ErrandStatus.Closed, errand.Status);
        Assert.All(errand.Documents, d => Assert.Equal((DocumentCustody.Returned, "陈阿婆"), (d.Custody, d.Holder)));
        var signature = await app.Db(db => db.Attachments.SingleAsync(a => a.Id == errand.SignatureId));
        Assert.Equal("image/png", signature.ContentType);
        Assert.True(errand.ClosedOnTime);
        Assert.Equal(
            [ErrandEventKind.Received, ErrandEventKind.DocumentsReceived, ErrandEventKind.Submitted, ErrandEventKind.OfficeAnswered,
             ErrandEventKind.CollectedFromOffice, ErrandEventKind.DocumentsReturned, ErrandEventKind.Closed],
            errand.Events.OrderBy(e => e.At).Select(e => e.Kind));
        var audited = await app.Db(db => db.AuditEntries.CountAsync(a => a.EntityId == id.ToString()));
        Assert.True(audited >= 7);
        // Closed on time: the working-day deadline is spent at the close, without effect, before it falls due.
        var deadline = await app.Db(db => db.Set<ErrandTimer>().AsNoTracking().SingleAsync(t => t.ErrandId == id && t.Kind == ErrandTimerKind.Deadline));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, deadline.FiredAt);
        Assert.True(deadline.FiredAt < deadline.DueAt);
        Assert.False(deadline.Effective);
    }

    [Fact]
    public async Task Returning_a_document_never_received_is_refused_with_a_clear_message_and_changes_nothing()
    {
        var received = await app.Receive(leaveOut: 1);
        var client = await app.ClientFor(ErrandSteps.Manager, "en");
        var before = (await app.Fingerprint(), await app.Errand(received.Id));

        var response = await client.PostAsJsonAsync($"/api/v1/errands/{received.Id}/returns", new { documents = Photo });
        var zh = await app.Step(h => h.Return(received.Id, new DocumentsInput { Documents = ["一寸照片"] }, None));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("never received", await response.Content.ReadAsStringAsync());
        Assert.Equal("该材料从未收取，不能归还。", zh.Error!.For("documents"));
        var after = await app.Errand(received.Id);
        Assert.Equal(before.Item1, await app.Fingerprint());
        Assert.Equal(before.Item2.Version, after.Version);
        Assert.Equal(DocumentCustody.NotReceived, after.Documents.Single(d => d.Name == "一寸照片").Custody);
    }

    [Fact]
    public async Task Closing_an_errand_with_originals_still_at_the_office_is_refused_and_changes_nothing()
    {
        var received = await app.Receive();
        await app.Submitted(received.Id);
        await app.Answered(received.Id, ErrandStatus.Approved);
        var client = await app.ClientFor(ErrandSteps.Manager, "en");
        var before = (await app.Fingerprint(), (await app.Errand(received.Id)).Version, await app.Db(db => db.Attachments.CountAsync()));

        var response = await client.PostAsJsonAsync($"/api/v1/errands/{received.Id}/close", new { result = "办好了", signature = ErrandSteps.SignaturePng() });
        var zh = await app.Step(h => h.Close(received.Id, new CloseInput { Result = "办好了", Signature = ErrandSteps.SignaturePng() }, None));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("still at the office", await response.Content.ReadAsStringAsync());
        Assert.Equal("仍有原件在部门，请先取回后再归还或办结。", zh.Error!.For("documents"));
        Assert.Equal(before, (await app.Fingerprint(), (await app.Errand(received.Id)).Version, await app.Db(db => db.Attachments.CountAsync())));
        Assert.All((await app.Errand(received.Id)).Documents, d => Assert.Equal(DocumentCustody.AtOffice, d.Custody));
    }

    [Fact]
    public async Task Closing_without_a_signature_or_before_the_office_answered_is_refused()
    {
        var received = await app.Receive();

        var unsigned = await app.Step(h => h.Close(received.Id, new CloseInput { Result = "办好了", Signature = "data:image/png;base64,AAAA" }, None));
        var early = await app.Step(h => h.Close(received.Id, new CloseInput { Result = "办好了", Signature = ErrandSteps.SignaturePng() }, None));

        Assert.Equal("请群众在签字区签字。", unsigned.Error!.For("signature"));
        Assert.Equal("部门尚未给出批准或不予办理的结果，不能办结。", early.Error!.For("documents"));
        Assert.Equal(ErrandStatus.Received, (await app.Errand(received.Id)).Status);
    }

    [Fact]
    public async Task A_bad_request_is_refused_field_by_field_in_the_callers_language_and_changes_nothing()
    {
        var client = await app.ClientFor(ErrandSteps.Manager, "en");
        var input = await app.Input();
        input.ResidentPhone = "12345";
        input.ReceivedDocuments = ["身份证", "护照"];
        input.ResidentName = "";
        var before = (await app.Fingerprint(), await app.Db(db => db.Set<ProxyErrand>().IgnoreQueryFilters().CountAsync()));

        var response = await client.PostAsJsonAsync("/api/v1/errands", input);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("residentPhone", body);
        Assert.Contains("residentName", body);
        Assert.Contains("护照", body);
        Assert.Equal(before, (await app.Fingerprint(), await app.Db(db => db.Set<ProxyErrand>().IgnoreQueryFilters().CountAsync())));
    }

    [Fact]
    public async Task A_manager_cannot_receive_an_errand_at_another_villages_point_nor_see_its_errands()
    {
        var input = await app.Input();
        var mine = await app.Receive();

        var refused = await app.As<RequestErrandHandler, Result<ErrandReceived>>(ErrandSteps.OtherManager, h => h.Request(input, None));
        var step = await app.Step(h => h.Submit(mine.Id, new SubmitInput { OfficeName = "镇民政办", SubmittedOn = Shanghai.Today(app.Clock), OfficeHandler = "王" }, None),
            ErrandSteps.OtherManager);

        Assert.Equal("只能在本人所属的服务点或分站受理代办。", refused.Error!.For("stationId"));
        Assert.Equal(ErrorKind.NotFound, step.Error!.Kind);
        Assert.Equal(ErrandStatus.Received, (await app.Errand(mine.Id)).Status);
    }

    [Fact]
    public async Task The_public_status_page_shows_progress_and_custody_but_nothing_personal()
    {
        var received = await app.Receive();
        await app.Submitted(received.Id);
        var anonymous = app.CreateClient();

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/errands/{received.TrackingCode}"));
        var api = await anonymous.GetStringAsync($"/api/v1/public/errands/{received.TrackingCode}");
        var missing = await anonymous.GetAsync("/errands/ZZZZZZZZZZ");

        Assert.Contains("已报送部门", page);
        Assert.Contains("身份证", page);
        Assert.Contains("在部门", page);
        Assert.DoesNotContain("陈阿婆", page + api);
        Assert.DoesNotContain("0001", page + api);
        Assert.DoesNotContain("行动不便", page + api);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_receipt_prints_the_originals_and_a_qr_code_for_the_status_page()
    {
        var received = await app.Receive(leaveOut: 1);
        var client = await app.ClientFor(ErrandSteps.Manager);

        var receipt = WebUtility.HtmlDecode(await client.GetStringAsync($"/station-services/errands/{received.Id}/receipt"));

        Assert.Contains(received.TrackingCode, receipt);
        Assert.Contains($"errands/{received.TrackingCode}\"", receipt);
        Assert.Contains("data:image/png;base64,", receipt);
        Assert.Contains("未收取", receipt);
    }

    [Fact]
    public async Task The_sweeper_alerts_the_point_when_originals_are_not_back_with_the_resident_after_the_answer()
    {
        var received = await app.Receive();
        await app.Submitted(received.Id);
        await app.Answered(received.Id, ErrandStatus.Rejected, "年龄未满80周岁");
        var timer = await app.Db(db => db.Set<ErrandTimer>().SingleAsync(t => t.ErrandId == received.Id && t.Kind == ErrandTimerKind.ReturnsDue));
        var subject = $"【材料未归还】高龄津贴申领 {received.TrackingCode}";

        app.Clock.SetUtcNow(new DateTimeOffset(timer.DueAt, TimeSpan.Zero).AddMinutes(1) > app.Clock.GetUtcNow() ? new DateTimeOffset(timer.DueAt, TimeSpan.Zero).AddMinutes(1) : app.Clock.GetUtcNow());
        await app.Services.GetRequiredService<TimerSweeper>().FireDueAsync(None);

        var fired = await app.Db(db => db.Set<ErrandTimer>().SingleAsync(t => t.Id == timer.Id));
        Assert.True(fired.Effective);
        Assert.Equal(1, await app.Db(db => db.Outbox.CountAsync(m => m.Subject == subject)));
        Assert.Contains((await app.Errand(received.Id)).Events, e => e.Kind == ErrandEventKind.ReturnsMissing && e.Detail!.Contains("身份证"));
    }

    [Fact]
    public async Task The_town_report_counts_volume_and_on_time_closings_per_type_and_point()
    {
        var report = () => app.As<ErrandReportHandler, ErrandReportView>(ErrandSteps.Admin, h => h.Build(null, null, None));
        var before = await report();
        var received = await app.Receive("医保参保登记");
        await app.Submitted(received.Id);
        await app.Answered(received.Id, ErrandStatus.Approved);
        await app.Step(h => h.Collect(received.Id, None));
        await app.Step(h => h.Close(received.Id, new CloseInput { Result = "已参保", Signature = ErrandSteps.SignaturePng() }, None));

        var after = await report();

        ErrandReportLine Line(ErrandReportView v) => v.ByType.FirstOrDefault(l => l.Name == "医保参保登记") ?? new ErrandReportLine("", 0, 0, 0, 0, 0);
        Assert.Equal(Line(before).Received + 1, Line(after).Received);
        Assert.Equal(Line(before).ClosedOnTime + 1, Line(after).ClosedOnTime);
        Assert.Equal(before.Total.Received + 1, after.Total.Received);
        Assert.Contains(after.ByPoint, l => l.Name.Contains("城郊村", StringComparison.Ordinal));
    }
}
