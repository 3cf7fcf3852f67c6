using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;
using Volunteer96345.WorkOrders.Intake;
using Volunteer96345.WorkOrders.Respond;

namespace Volunteer96345.Tests.WorkOrders.Reports;

/// <summary>The SLA report's figures on orders whose every milestone time is known.</summary>
[Trait("Category", "Integration")]
public sealed class SlaReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> Receive(string phone)
    {
        var input = new IntakeInput
        {
            ServiceCode = "LA-003",
            Description = "客厅灯不亮",
            Address = "城郊村2组5号",
            Village = "城郊村",
            CallerPhone = phone,
        };
        var receipt = await app.As<IntakeHandler, Result<IntakeReceipt>>(WorkOrderSteps.Dispatcher, h => h.Submit(input, IntakeChannel.Hotline, CancellationToken.None));
        return receipt.Value.Id;
    }

    private async Task<Guid> Assign(Guid order, Guid volunteer)
    {
        var input = new DispatchInput { Mode = DispatchMode.Assign, Kind = ResponderKind.Volunteer, CandidateId = volunteer };
        Assert.True((await app.As<DispatchHandler, Result<int>>(WorkOrderSteps.Dispatcher, h => h.Dispatch(order, input, CancellationToken.None))).IsOk);
        return (await app.Load(order)).Offers.Single(o => o.CandidateId == volunteer && o.Status == OfferStatus.Open).Id;
    }

    private async Task Step(Func<RespondHandler, Task<Result<WorkOrderStatus>>> step) =>
        Assert.True((await app.As(WorkOrderSteps.Dispatcher, step)).IsOk);

    [Fact]
    public async Task The_report_gives_mean_and_p90_minutes_the_shares_in_time_and_the_breaches()
    {
        var volunteers = await app.Db(db => db.Volunteers.IgnoreQueryFilters().Where(v => v.Status == VolunteerStatus.Active)
            .OrderBy(v => v.Number).Select(v => v.Id).Take(2).ToListAsync());
        var prompt = await Receive("13905735001");
        var late = await Receive("13905735002");
        var promptOffer = await Assign(prompt, volunteers[0]);
        var lateOffer = await Assign(late, volunteers[1]);

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await Step(h => h.Accept(prompt, promptOffer, CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(8)); // 12 minutes: past the 10-minute accept deadline
        await Step(h => h.Accept(late, lateOffer, CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(8)); // 20 minutes
        await Step(h => h.Arrive(prompt, new ArriveInput(), CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(20)); // 40 minutes: past the 30-minute arrival deadline
        await Step(h => h.Arrive(late, new ArriveInput(), CancellationToken.None));

        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);
        var response = await dispatcher.GetAsync("/api/v1/work-orders/reports/sla?from=2026-11-29&to=2026-11-29");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Json();
        var station = (await app.ChengjiaoPoint()).ToString();
        var line = report.GetProperty("byStation").EnumerateArray().Single(l => l.GetProperty("key").GetString() == station);
        Assert.Equal(2, line.GetProperty("orders").GetInt32());
        Assert.Equal(8, line.GetProperty("meanAcceptMinutes").GetDouble());
        Assert.Equal(12, line.GetProperty("p90AcceptMinutes").GetDouble());
        Assert.Equal(30, line.GetProperty("meanArriveMinutes").GetDouble());
        Assert.Equal(40, line.GetProperty("p90ArriveMinutes").GetDouble());
        Assert.Equal(0.5, line.GetProperty("acceptedInTime").GetDouble());
        Assert.Equal(0.5, line.GetProperty("arrivedInTime").GetDouble());
        Assert.Equal(1, line.GetProperty("breaches").GetInt32());
        var category = report.GetProperty("byCategory").EnumerateArray().Single(l => l.GetProperty("key").GetString() == "LifeAssistance");
        Assert.Equal(2, category.GetProperty("orders").GetInt32());
        Assert.Equal(2, report.GetProperty("total").GetProperty("orders").GetInt32());

        var nextDay = await (await dispatcher.GetAsync("/api/v1/work-orders/reports/sla?from=2026-11-30&to=2026-11-30")).Json();
        Assert.Equal(0, nextDay.GetProperty("total").GetProperty("orders").GetInt32());
    }

    [Fact]
    public void The_p90_is_the_nearest_rank()
    {
        Assert.Equal(9, Volunteer96345.WorkOrders.Reports.SlaReportHandler.Percentile([.. Enumerable.Range(1, 10).Select(i => (double)i)], 0.9));
        Assert.Equal(5, Volunteer96345.WorkOrders.Reports.SlaReportHandler.Percentile([5], 0.9));
        Assert.Null(Volunteer96345.WorkOrders.Reports.SlaReportHandler.Percentile([], 0.9));
    }

    [Fact]
    public async Task Without_dates_the_report_covers_this_month_in_the_towns_time()
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher);

        var report = await (await dispatcher.GetAsync("/api/v1/work-orders/reports/sla")).Json();

        Assert.Equal("2026-11-01", report.GetProperty("from").GetString());
        Assert.Equal("2026-11-30", report.GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("from=2026-11-30&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("from=2024-01-01&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("from=last-week", HttpStatusCode.BadRequest)]
    public async Task A_bad_range_is_refused_and_changes_nothing(string query, HttpStatusCode status)
    {
        var dispatcher = await app.ClientFor(WorkOrderSteps.Dispatcher, "en-US");
        var before = await app.Fingerprint();

        var response = await dispatcher.GetAsync("/api/v1/work-orders/reports/sla?" + query);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(before, await app.Fingerprint());
    }

    [Fact]
    public async Task A_station_manager_reads_the_report_of_their_own_stations_and_no_other()
    {
        // A call recorded two days back (城郊村: the Chengjiao manager's point), out of the other tests' day.
        var input = new IntakeInput
        {
            ServiceCode = "LA-003",
            Description = "客厅灯不亮",
            Address = "城郊村2组5号",
            Village = "城郊村",
            CallerPhone = "13905746101",
        };
        var twoDaysBack = app.Clock.GetUtcNow().UtcDateTime.AddDays(-2);
        Assert.True((await app.As<IntakeHandler, Result<IntakeReceipt>>(WorkOrderSteps.Dispatcher,
            h => h.Submit(input, IntakeChannel.Hotline, CancellationToken.None, receivedAt: twoDaysBack))).IsOk);
        var manager = await app.ClientFor(TestData.Chengjiao);

        var response = await manager.GetAsync("/api/v1/work-orders/reports/sla?from=2026-11-27&to=2026-11-27");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stations = (await response.Json()).GetProperty("byStation").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        Assert.Contains("城郊村96345党员志愿服务点", stations);
        Assert.DoesNotContain("桃园村96345党员志愿服务点", stations);
        var theirs = await app.Db(db => db.StaffStations.Where(s => s.UserId == db.Users.Single(u => u.UserName == TestData.Chengjiao).Id)
            .Join(db.Stations.IgnoreQueryFilters(), s => s.StationId, t => t.Id, (s, t) => t.Name).ToListAsync());
        Assert.All(stations, name => Assert.Contains(name, theirs));
    }

    [Fact]
    public async Task A_volunteer_cannot_read_the_report()
    {
        var volunteer = await app.ClientFor(PhoneSteps.Volunteer);

        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync("/api/v1/work-orders/reports/sla")).StatusCode);
    }
}
