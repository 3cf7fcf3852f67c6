using System.Net;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Points;

namespace Volunteer96345.Tests.Points.Counter;

/// <summary>Redeeming at a service point's counter: the code, the stock and the ledger move together or not at all.</summary>
[Trait("Category", "Integration")]
public sealed class RedeemTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Redeeming_at_the_counter_takes_the_points_and_the_stock_together()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 500);
        var before = await app.Balance(member);
        var item = await app.CounterItem(price: 80, stock: 5);
        var station = await app.Db(db => db.Set<CounterItem>().IgnoreQueryFilters().Where(i => i.Id == item).Select(i => i.StationId).SingleAsync());
        var stationBefore = await StationBalance(station);
        var manager = await app.ClientFor(RedemptionSteps.Manager);

        var response = await manager.Redeem(new { itemId = item, member = "V96345:" + number, quantity = 2, code = await app.Code() }, "first");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Json();
        Assert.Equal(160, receipt.GetProperty("points").GetInt32());
        Assert.Equal(before - 160, await app.Balance(member));
        Assert.Equal(before - 160, receipt.GetProperty("balanceAfter").GetInt64());
        Assert.Equal(3, await app.Stock(item));
        Assert.Equal(stationBefore + 160, await StationBalance(station));
        await app.AssertInvariants();
    }

    [Fact]
    public async Task A_typed_number_finds_the_member_as_the_scanned_code_does()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var manager = await app.ClientFor(RedemptionSteps.Manager);

        var response = await manager.Redeem(new { itemId = item, member = " " + number.ToLowerInvariant() + " ", quantity = 1, code = await app.Code() });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(4, await app.Stock(item));
    }

    [Fact]
    public async Task A_confirmation_code_confirms_one_redemption_only()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var code = await app.Code();
        Assert.Equal(HttpStatusCode.Created, (await manager.Redeem(new { itemId = item, member = number, quantity = 1, code })).StatusCode);
        var before = await app.RedemptionFingerprint();

        var again = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("code", (await again.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Fact]
    public async Task An_expired_confirmation_code_is_refused_and_changes_nothing()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var code = await app.Code();
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var before = await app.RedemptionFingerprint();

        var response = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("确认码错误或已过期", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Fact]
    public async Task The_same_redemption_sent_ten_times_at_once_with_one_key_posts_once()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 1000);
        var item = await app.CounterItem(price: 30, stock: 50);
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var code = await app.Code();
        var postings = await app.Db(db => db.Set<Posting>().CountAsync());
        var balance = await app.Balance(member);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            manager.Redeem(new { itemId = item, member = number, quantity = 1, code }, "same-key-" + item)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Json()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(postings + 1, await app.Db(db => db.Set<Posting>().CountAsync()));
        Assert.Equal(balance - 30, await app.Balance(member));
        Assert.Equal(49, await app.Stock(item));
        await app.AssertInvariants();
    }

    [Fact]
    public async Task Sixty_four_redemptions_at_once_never_overdraw_the_member_nor_the_stock()
    {
        var (member, number) = await app.OtherMember(1);
        await app.Give(member, 700); // covers 7 of the 64 at 100 points each
        var item = await app.CounterItem(price: 100, stock: 10);
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var codes = new List<string>();
        for (var i = 0; i < 64; i++)
        {
            codes.Add(await app.CodeFor(member));
        }

        var responses = await Task.WhenAll(codes.Select((code, i) =>
            manager.Redeem(new { itemId = item, member = number, quantity = 1, code }, $"burst-{item}-{i}")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, await app.Stock(item));
        Assert.Equal(0, await app.Balance(member));
        Assert.Equal(7, await app.Db(db => db.Set<CounterRedemption>().IgnoreQueryFilters().CountAsync(r => r.ItemId == item)));
        await app.AssertInvariants();
    }

    [Fact]
    public async Task Sixty_four_redemptions_at_once_of_a_short_stock_never_take_it_below_zero()
    {
        var (member, number) = await app.OtherMember(2);
        await app.Give(member, 10_000);
        var item = await app.CounterItem(price: 10, stock: 5);
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var codes = new List<string>();
        for (var i = 0; i < 64; i++)
        {
            codes.Add(await app.CodeFor(member));
        }

        var responses = await Task.WhenAll(codes.Select((code, i) =>
            manager.Redeem(new { itemId = item, member = number, quantity = 1, code }, $"stock-{item}-{i}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(0, await app.Stock(item));
        Assert.Equal(10_000 - 50, await app.Balance(member));
        await app.AssertInvariants();
    }

    [Fact]
    public async Task Another_stations_stock_is_refused_with_a_clear_error()
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5, village: "桃园村");
        var manager = await app.ClientFor(RedemptionSteps.Manager, "en");
        var code = await app.Code();
        var before = await app.RedemptionFingerprint();

        var response = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another station's stock", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    public static TheoryData<string, string, int, string> BadInput() => new()
    {
        { "zero quantity", """{"itemId":"{ITEM}","member":"{MEMBER}","quantity":0,"code":"{CODE}"}""", 400, "quantity" },
        { "negative quantity", """{"itemId":"{ITEM}","member":"{MEMBER}","quantity":-3,"code":"{CODE}"}""", 400, "quantity" },
        { "enormous quantity", """{"itemId":"{ITEM}","member":"{MEMBER}","quantity":2000000000,"code":"{CODE}"}""", 400, "quantity" },
        { "overflowing quantity", """{"itemId":"{ITEM}","member":"{MEMBER}","quantity":99999999999999,"code":"{CODE}"}""", 400, "quantity" },
        { "no quantity", """{"itemId":"{ITEM}","member":"{MEMBER}","code":"{CODE}"}""", 400, "quantity" },
        { "unknown item", """{"itemId":"{UNKNOWN}","member":"{MEMBER}","quantity":1,"code":"{CODE}"}""", 400, "itemId" },
        { "no item", """{"member":"{MEMBER}","quantity":1,"code":"{CODE}"}""", 400, "itemId" },
        { "unknown member", """{"itemId":"{ITEM}","member":"YG999999","quantity":1,"code":"{CODE}"}""", 400, "member" },
        { "garbage member", """{"itemId":"{ITEM}","member":"'; drop table x;--","quantity":1,"code":"{CODE}"}""", 400, "member" },
        { "wrong code", """{"itemId":"{ITEM}","member":"{MEMBER}","quantity":1,"code":"{WRONG}"}""", 400, "code" },
        { "short code", """{"itemId":"{ITEM}","member":"{MEMBER}","quantity":1,"code":"12"}""", 400, "code" },
        { "letters for a code", """{"itemId":"{ITEM}","member":"{MEMBER}","quantity":1,"code":"abcdef"}""", 400, "code" },
        { "not json", "quantity=1", 400, "" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_clear_error_and_changes_nothing(string name, string body, int status, string field)
    {
        var (member, number) = await app.DemoMember();
        await app.Give(member, 100);
        var item = await app.CounterItem(price: 10, stock: 5);
        var code = await app.Code();
        var wrong = code == "000000" ? "000001" : "000000";
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var before = await app.RedemptionFingerprint();
        var json = body.Replace("{ITEM}", item.ToString(), StringComparison.Ordinal).Replace("{MEMBER}", number, StringComparison.Ordinal)
            .Replace("{UNKNOWN}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{CODE}", code, StringComparison.Ordinal)
            .Replace("{WRONG}", wrong, StringComparison.Ordinal);

        var response = await manager.PostAsync("/api/v1/points/counter/redemptions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode == status, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.Json();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), name);
        if (field.Length > 0)
        {
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(before, await app.RedemptionFingerprint());
    }

    [Fact]
    public async Task Not_enough_points_is_refused_and_changes_nothing()
    {
        var (member, number) = await app.OtherMember(3);
        await app.Give(member, 50);
        var item = await app.CounterItem(price: 60, stock: 5);
        var manager = await app.ClientFor(RedemptionSteps.Manager);
        var code = await app.CodeFor(member);
        var before = await app.RedemptionFingerprint();

        var response = await manager.Redeem(new { itemId = item, member = number, quantity = 1, code });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("积分不足", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RedemptionFingerprint());
        Assert.Equal(5, await app.Stock(item));
    }

    [Fact]
    public async Task A_volunteer_cannot_redeem_for_themselves_at_the_counter()
    {
        var (_, number) = await app.DemoMember();
        var item = await app.CounterItem(price: 10, stock: 5);
        var volunteer = await app.ClientFor(RedemptionSteps.Member);

        var response = await volunteer.Redeem(new { itemId = item, member = number, quantity = 1, code = await app.Code() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<long> StationBalance(Guid station) =>
        app.Db(async db => await db.Set<PointsAccount>().Where(a => a.Kind == AccountKind.Station && a.OwnerId == station).Select(a => (long?)a.Balance).SingleOrDefaultAsync() ?? 0);
}
