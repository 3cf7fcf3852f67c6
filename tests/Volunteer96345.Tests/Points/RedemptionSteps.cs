using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Points.MyCard;

namespace Volunteer96345.Tests.Points;

/// <summary>Steps of the redemption tests: points given through the ledger, codes issued as the member's phone does, the ledger's invariants checked.</summary>
internal static class RedemptionSteps
{
    public const string Manager = "manager.chengjiao";
    public const string OtherManager = "manager.taoyuan";
    public const string Member = "volunteer";
    public const string Merchant = "merchant";

    public static Task<(Guid Id, string Number)> DemoMember(this AppFixture app) =>
        app.Db(db => db.Users.Where(u => u.UserName == Member)
            .Join(db.Volunteers.IgnoreQueryFilters(), u => u.VolunteerId, v => v.Id, (u, v) => new ValueTuple<Guid, string>(v.Id, v.Number)).SingleAsync());

    /// <summary>Gives the member points from the town fund, the way an earning posts.</summary>
    public static async Task Give(this AppFixture app, Guid volunteerId, long amount)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
        var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
        var account = await bank.AccountForVolunteer(volunteerId);
        var result = await bank.Earn(account.Value, amount, EarningType.GoodDeed, "test:" + Guid.NewGuid());
        Assert.True(result.IsOk, result.Error?.Message);
    }

    public static async Task<long> Balance(this AppFixture app, Guid volunteerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
        var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
        return await bank.Balance((await bank.AccountForVolunteer(volunteerId)).Value) ?? 0;
    }

    /// <summary>A confirmation code, issued as the member's phone asks for it.</summary>
    public static async Task<string> Code(this AppFixture app) =>
        (await app.As<MyCardHandler, Volunteer96345.Common.Errors.Result<IssuedCode>>(Member, h => h.IssueCode(CancellationToken.None))).Value.Code;

    /// <summary>A registered member other than the demo account's, with no points yet: the <paramref name="nth"/> by number.</summary>
    public static Task<(Guid Id, string Number)> OtherMember(this AppFixture app, int nth) =>
        app.Db(db => db.Volunteers.IgnoreQueryFilters().OrderBy(v => v.Number).Skip(10 + nth)
            .Select(v => new ValueTuple<Guid, string>(v.Id, v.Number)).FirstAsync());

    /// <summary>A confirmation code of any member, written as the phone's request writes it.</summary>
    public static Task<string> CodeFor(this AppFixture app, Guid volunteerId) => app.Db(async db =>
    {
        var (row, code) = ConfirmationCode.Issue(volunteerId, TimeSpan.FromMinutes(5), app.Clock.GetUtcNow().UtcDateTime);
        db.Add(row);
        await db.SaveChangesAsync();
        return code;
    });

    /// <summary>A counter item of 城郊村's service point (manager.chengjiao's station) with this price and stock.</summary>
    public static Task<Guid> CounterItem(this AppFixture app, int price, int stock, string village = "城郊村") => app.Db(async db =>
    {
        var station = await db.Stations.IgnoreQueryFilters().SingleAsync(s => s.Village == village && s.Kind == Volunteer96345.Network.StationKind.ServicePoint);
        var item = Volunteer96345.Points.CounterItem.Create(station.Id, "测试物品" + Guid.NewGuid().ToString("N")[..6], null, RewardKind.Goods, price, stock,
            app.Clock.GetUtcNow().UtcDateTime);
        db.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });

    public static Task<int> Stock(this AppFixture app, Guid itemId) =>
        app.Db(db => db.Set<CounterItem>().IgnoreQueryFilters().Where(i => i.Id == itemId).Select(i => i.Stock).SingleAsync());

    public static async Task<HttpResponseMessage> Redeem(this HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/points/counter/redemptions") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>
    /// The ledger's own verify-ledger (every balance equals the sum of its entries, all entries sum to zero, no account but
    /// the town fund below zero), and no stock below zero.
    /// </summary>
    public static async Task AssertInvariants(this AppFixture app)
    {
        PointsSteps.AssertBalanced(await app.Verify());
        Assert.False(await app.Db(db => db.Set<CounterItem>().IgnoreQueryFilters().AnyAsync(i => i.Stock < 0)));
        Assert.False(await app.Db(db => db.Set<MallListing>().AnyAsync(l => l.Stock < 0)));
    }

    /// <summary>Fingerprint() plus every row the redemption side writes: the ledger, stock, codes, redemptions and orders.</summary>
    public static async Task<string> RedemptionFingerprint(this AppFixture app) => await app.Fingerprint() + "|" + await app.Db(async db => string.Join(',',
        await db.Set<Posting>().CountAsync(),
        await db.Set<PointsEntry>().CountAsync(),
        await db.Set<PointsAccount>().SumAsync(a => a.Balance),
        await db.Set<CounterItem>().IgnoreQueryFilters().SumAsync(i => i.Stock),
        await db.Set<MallListing>().SumAsync(l => l.Stock),
        await db.Set<ConfirmationCode>().CountAsync(c => c.UsedAt != null),
        await db.Set<CounterRedemption>().IgnoreQueryFilters().CountAsync(),
        string.Join(';', await db.Set<MallOrder>().OrderBy(o => o.Id).Select(o => o.Status.ToString()).ToListAsync())));
}
