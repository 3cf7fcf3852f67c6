using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Volunteer96345.Common.Auth;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.Points.Rules;
using Volunteer96345.Points.VerifyLedger;

namespace Volunteer96345.Tests.Points;

/// <summary>Arranging and asserting steps shared by the points tests.</summary>
internal static class PointsSteps
{
    private static int _keys;

    /// <summary>A fresh idempotency key.</summary>
    public static string Key(string prefix = "test") => $"{prefix}:{Interlocked.Increment(ref _keys)}:{Guid.NewGuid():N}";

    /// <summary>Runs code with the points bank of a fresh scope, acting as the system.</summary>
    public static Task<T> Bank<T>(this AppFixture app, Func<PointsBank, Task<T>> work) => app.AsSystem(work);

    /// <summary>Runs code with the earning rules of a fresh scope, acting as the system.</summary>
    public static Task<T> Rules<T>(this AppFixture app, Func<RuleEarnings, Task<T>> work) => app.AsSystem(work);

    private static async Task<T> AsSystem<TService, T>(this AppFixture app, Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("test");
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The account of the n-th demo volunteer (by number).</summary>
    public static async Task<long> VolunteerAccount(this AppFixture app, int index = 0)
    {
        var id = await app.Db(db => db.Volunteers.IgnoreQueryFilters().OrderBy(v => v.Number).Skip(index).Select(v => v.Id).FirstAsync());
        return await app.Bank(async b => (await b.AccountForVolunteer(id)).Value);
    }

    public static async Task<long> StationAccount(this AppFixture app) =>
        await app.Bank(async b => (await b.AccountForStation(await app.ChengjiaoPoint())).Value);

    /// <summary>A member account of a new resident (a fresh mobile number), empty.</summary>
    public static async Task<long> NewResidentAccount(this AppFixture app) =>
        await app.Bank(async b => (await b.AccountForResident("139" + Random.Shared.Next(10_000_000, 99_999_999), "王阿姨")).Value);

    public static async Task<PostingResult> Earned(this AppFixture app, long account, long amount, string? key = null) =>
        (await app.Bank(b => b.Earn(account, amount, EarningType.GoodDeed, key ?? Key("earn"), new PostingNote("test")))).Value;

    public static Task<long> BalanceOf(this AppFixture app, long account) => app.Bank(async b => (await b.Balance(account))!.Value);

    public static Task<LedgerReport> Verify(this AppFixture app) =>
        app.Db(db => new VerifyLedgerHandler(db).Verify(CancellationToken.None));

    /// <summary>Rows of the ledger, for "nothing changed" assertions.</summary>
    public static Task<string> LedgerRows(this AppFixture app) => app.Db(async db =>
        $"{await db.Postings.CountAsync()}/{await db.PointsEntries.CountAsync()}/{await db.PointsAccounts.SumAsync(a => a.Balance)}/"
        + string.Join(',', await db.PointsAccounts.OrderBy(a => a.Id).Select(a => a.Balance).ToListAsync()));

    public static void AssertBalanced(LedgerReport report) => Assert.True(report.IsBalanced, report.Message);
}
