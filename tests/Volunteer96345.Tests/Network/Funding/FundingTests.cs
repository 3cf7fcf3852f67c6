using System.Net;
using System.Net.Http.Json;
using Volunteer96345.Common.Files;
using Volunteer96345.Network;
using Volunteer96345.Network.Funding;

namespace Volunteer96345.Tests.Network.Funding;

[Trait("Category", "Integration")]
public sealed class FundingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Income_and_spending_with_vouchers_give_the_balance_per_line_and_per_year()
    {
        var sub = await app.SubStation();
        var before = await app.As<ManageFundingHandler, FundingYear>(TestData.SubStationManager, h => h.Year(2026, CancellationToken.None));
        var voucher = new UploadedFile("发票.pdf", "%PDF-1.1"u8.ToArray());

        var line = await app.As<ManageFundingHandler, Guid>(TestData.SubStationManager, async h => (await h.Plan(
            new BudgetLineInput { StationId = sub, Year = 2026, Name = "应急救护培训", Budgeted = 12_000m }, CancellationToken.None)).Value);
        await Record(line, FundingDirection.Income, 12_000m, voucher);
        await Record(line, FundingDirection.Spending, 3_456.78m, voucher);

        var after = await app.As<ManageFundingHandler, FundingYear>(TestData.SubStationManager, h => h.Year(2026, CancellationToken.None));
        var row = after.Lines.Single(l => l.Id == line);
        Assert.Equal(12_000m, row.Budgeted);
        Assert.Equal(8_543.22m, row.Balance);
        Assert.Equal(before.Balance + 8_543.22m, after.Balance);
        Assert.Equal(before.Spent + 3_456.78m, after.Spent);
        var entries = await app.As<ManageFundingHandler, List<FundingEntryRow>>(TestData.SubStationManager,
            async h => (await h.Entries(line, CancellationToken.None)).Value);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("发票.pdf", e.VoucherName));
    }

    [Fact]
    public async Task Spending_more_than_the_line_holds_is_refused_with_the_balance_named()
    {
        var admin = await app.ClientFor(TestData.Admin, "en");
        var sub = await app.SubStation();
        var created = await admin.PostAsJsonAsync("/api/v1/funding/lines", new { stationId = sub, year = 2026, name = "小额科目", budgeted = 100 });
        var line = (await created.Json()).GetProperty("id").GetGuid();
        var voucher = await app.Db(db => Task.FromResult(db.Attachments.First(a => a.StationId == sub).Id));
        await admin.PostAsJsonAsync($"/api/v1/funding/lines/{line}/entries",
            new { direction = "Income", amount = 100, occurredOn = "2026-02-01", description = "拨款", voucherId = voucher });

        var refused = await admin.PostAsJsonAsync($"/api/v1/funding/lines/{line}/entries",
            new { direction = "Spending", amount = 100.01, occurredOn = "2026-02-02", description = "超支", voucherId = voucher });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Not enough balance: the line holds ¥100.00.", (await refused.Json()).GetProperty("errors").GetProperty("amount")[0].GetString());
        var year = await (await admin.GetAsync("/api/v1/funding/2026")).Json();
        var lineRow = year.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == line);
        Assert.Equal(100m, lineRow.GetProperty("balance").GetDecimal());
    }

    private Task<Guid> Record(Guid line, FundingDirection direction, decimal amount, UploadedFile voucher) =>
        app.As<ManageFundingHandler, Guid>(TestData.SubStationManager, async h => (await h.Record(line,
            new FundingEntryInput { Direction = direction, Amount = amount, OccurredOn = new DateOnly(2026, 6, 1), Description = "测试" },
            voucher, CancellationToken.None)).Value);
}
