using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;
using Volunteer96345.WorkOrders;
using Volunteer96345.WorkOrders.Dispatch;
using Volunteer96345.WorkOrders.Intake;
using Volunteer96345.WorkOrders.Respond;

namespace Volunteer96345.E2E.Evaluation;

/// <summary>
/// The inspector draws last month's sample, works a check on an order by phone and opens a rectification; the station's
/// manager answers it with evidence; the inspector returns it once, then closes it. With a screenshot of every step.
/// </summary>
public sealed class SpotCheckJourneyTests(SpotCheckJourneyTests.DrawByHand app) : IClassFixture<SpotCheckJourneyTests.DrawByHand>
{
    /// <summary>
    /// The app without the monthly job, so that the inspector's own draw of last month is the one, and without the
    /// deadline sweeper: the order below is played at last month's moments, and the sweeper, on today's clock, would find
    /// all its deadlines due between two of its steps.
    /// </summary>
    public sealed class DrawByHand : BrowserFixture
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Evaluation:MonthlyDraw", "false");
            builder.UseSetting("Sla:Enabled", "false");
        }
    }

    [Fact]
    public async Task An_inspector_works_a_spot_check_opens_a_rectification_and_the_station_answers_it()
    {
        var today = Shanghai.Today(TimeProvider.System);
        var lastMonth = today.AddDays(1 - today.Day).AddMonths(-1);
        var code = await ServedLastMonth(lastMonth.AddDays(9));

        var inspector = await app.NewPage();
        await inspector.SignIn(app, "inspector");
        await inspector.GotoAsync(app.BaseUrl + "/evaluation/spot-checks");
        await inspector.WaitInteractive();
        await Assertions.Expect(inspector.Locator("h1")).ToHaveTextAsync("定期抽查");
        await inspector.Shot("evaluation-01-spot-checks-empty");
        await inspector.ClickAsync("#draw");
        var draws = inspector.Locator("[data-testid=draws] tbody tr");
        await Assertions.Expect(draws.First).ToContainTextAsync(lastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        var row = inspector.Locator("[data-testid=spot-checks] tbody tr").Filter(new() { HasText = code });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await inspector.Shot("evaluation-02-sample-drawn");

        await row.GetByRole(AriaRole.Button, new() { Name = "登记抽查" }).ClickAsync();
        var dialog = inspector.Locator(".ant-modal:visible");
        await dialog.Locator("label").Filter(new() { HasTextString = "服务属实" }).ClickAsync();
        await dialog.Locator("[data-field=attitude] label").Filter(new() { HasTextString = "2" }).ClickAsync();
        await dialog.Locator("label").Filter(new() { HasTextString = "部分解决" }).ClickAsync();
        await dialog.Locator("[data-field=satisfaction] label").Filter(new() { HasTextString = "3" }).ClickAsync();
        await inspector.FillAsync("#findings", "居民反映志愿者上门晚了一小时，水管仍有渗漏");
        await dialog.Locator("#open-rectification").ClickAsync();
        await inspector.FillAsync("#rectification-issue", "请安排复修并约谈志愿者，一周内反馈");
        await inspector.Shot("evaluation-03-spot-check-form");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(inspector.Locator(".ant-modal:visible")).ToHaveCountAsync(0);
        await inspector.Locator("label").Filter(new() { HasTextString = "已抽查" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("查看整改");
        await inspector.Shot("evaluation-04-spot-check-recorded");

        var manager = await app.NewPage();
        await manager.SignIn(app, "manager.chengjiao");
        await manager.GotoAsync(app.BaseUrl + "/evaluation/rectifications");
        await manager.WaitInteractive();
        var open = manager.Locator("[data-testid=rectifications] tbody tr").Filter(new() { HasText = "请安排复修" });
        await Assertions.Expect(open).ToContainTextAsync("待整改");
        await open.GetByRole(AriaRole.Button, new() { Name = "反馈整改" }).ClickAsync();
        await manager.FillAsync("#answer-text", "已安排志愿者复修，居民确认不再渗漏；已约谈志愿者");
        await manager.Locator("[data-testid=answer-evidence]").SetInputFilesAsync(new FilePayload
        {
            Name = "复修照片.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"),
        });
        await Assertions.Expect(manager.Locator(".ant-modal:visible")).ToContainTextAsync("复修照片.png");
        await manager.Shot("evaluation-05-station-answers");
        await manager.Locator(".ant-modal:visible").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".ant-modal:visible")).ToHaveCountAsync(0);
        await Assertions.Expect(open).ToHaveCountAsync(0);

        await inspector.GotoAsync(app.BaseUrl + "/evaluation/rectifications");
        await inspector.WaitInteractive();
        await inspector.Locator("label").Filter(new() { HasTextString = "待审核" }).ClickAsync();
        var answered = inspector.Locator("[data-testid=rectifications] tbody tr").Filter(new() { HasText = "请安排复修" });
        await answered.GetByRole(AriaRole.Button, new() { Name = "审核" }).ClickAsync();
        await Assertions.Expect(inspector.Locator(".ant-modal:visible")).ToContainTextAsync("已安排志愿者复修");
        await inspector.Locator(".ant-modal:visible label").Filter(new() { HasTextString = "整改到位，销号" }).ClickAsync();
        await inspector.FillAsync("#review-note", "电话回访居民确认，同意销号");
        await inspector.Shot("evaluation-06-inspector-reviews");
        await inspector.Locator(".ant-modal:visible").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await inspector.Locator("label").Filter(new() { HasTextString = "已销号" }).ClickAsync();
        var closed = inspector.Locator("[data-testid=rectifications] tbody tr").Filter(new() { HasText = "请安排复修" });
        await Assertions.Expect(closed).ToContainTextAsync("已销号");
        await closed.Locator("a[id^=show-]").ClickAsync();
        var history = inspector.Locator(".ant-modal:visible");
        await Assertions.Expect(history).ToContainTextAsync("下发整改");
        await Assertions.Expect(history).ToContainTextAsync("站点反馈");
        await Assertions.Expect(history).ToContainTextAsync("销号");
        await inspector.WaitForTimeoutAsync(500); // the dialog's fade-in, for the screenshot
        await inspector.Shot("evaluation-07-rectification-history");

        await inspector.GotoAsync(app.BaseUrl + "/evaluation");
        await inspector.WaitInteractive();
        await inspector.AssertAccessible();
        await inspector.Shot("evaluation-08-standings");
    }

    /// <summary>
    /// A hotline order of <paramref name="day"/> in 城郊村, assigned to the demo volunteer, who accepts, arrives and
    /// resolves it: played through the real handlers at that day's moments, as the demo's year plays its orders.
    /// </summary>
    private async Task<string> ServedLastMonth(DateOnly day)
    {
        var at = Shanghai.StartOfDayUtc(day).AddHours(2);
        var volunteerId = await Run(null, (AppDbContext db) => db.Users.Where(u => u.UserName == "volunteer").Select(u => u.VolunteerId!.Value).SingleAsync());
        var receipt = await Run("dispatcher", (IntakeHandler h) => h.Submit(new IntakeInput
        {
            ServiceCode = "LA-001",
            Description = "厨房水管漏水",
            Address = "城郊村5组17号",
            Village = "城郊村",
            CallerName = "王阿姨",
            CallerPhone = "13905739901",
            Answers = new() { ["fault"] = "water" },
        }, IntakeChannel.Hotline, CancellationToken.None), at);
        var id = receipt.Value.Id;
        await Run("dispatcher", (DispatchHandler h) => h.Dispatch(id, new DispatchInput { Mode = DispatchMode.Assign, Kind = ResponderKind.Volunteer, CandidateId = volunteerId },
            CancellationToken.None), at.AddMinutes(1));
        var offer = await Run(null, (AppDbContext db) => db.WorkOrders.Where(o => o.Id == id).SelectMany(o => o.Offers)
            .Where(o => o.CandidateId == volunteerId && o.Status == OfferStatus.Open).Select(o => o.Id).SingleAsync());
        await Run("volunteer", (RespondHandler h) => h.Accept(id, offer, CancellationToken.None), at.AddMinutes(3));
        await Run("volunteer", (RespondHandler h) => h.StartTravel(id, CancellationToken.None), at.AddMinutes(4));
        await Run("volunteer", (RespondHandler h) => h.Arrive(id, new ArriveInput(), CancellationToken.None), at.AddMinutes(20));
        var resolved = await Run("volunteer", (RespondHandler h) => h.Resolve(id, new ResolveInput { Resolution = "更换了水管接头" }, Array.Empty<UploadedFile>(),
            CancellationToken.None), at.AddMinutes(50));
        Assert.True(resolved.IsOk, resolved.Error?.Message);
        return receipt.Value.TrackingCode;
    }

    private async Task<T> Run<THandler, T>(string? userName, Func<THandler, Task<T>> work, DateTime? at = null)
        where THandler : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        if (userName is null)
        {
            user.ActAsSystem("e2e");
        }
        else
        {
            var account = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
            user.Set(await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(account!));
        }

        TravelClock.Set(at);
        try
        {
            var result = await work(scope.ServiceProvider.GetRequiredService<THandler>());
            if (result is Result<IntakeReceipt> { IsOk: false } refused)
            {
                Assert.Fail(refused.Error!.Message);
            }

            return result;
        }
        finally
        {
            TravelClock.Set(null);
        }
    }
}
