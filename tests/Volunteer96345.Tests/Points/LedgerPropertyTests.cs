using CsCheck;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Errors;
using Volunteer96345.People;
using Volunteer96345.Points;
using static Volunteer96345.Tests.Points.PointsSteps;

namespace Volunteer96345.Tests.Points;

/// <summary>
/// Random sequences of earn, redeem, hold, capture, release, expire, donate, reverse and retried requests, checked against
/// a model of the balances after every step: the bank refuses exactly the debits the model cannot cover, no member goes
/// below zero, and at the end every balance equals the sum of its entries and all entries sum to zero.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LedgerPropertyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private enum Op
    {
        Earn,
        Redeem,
        Hold,
        Capture,
        Release,
        Expire,
        Donate,
        Reverse,
        Retry,
    }

    private sealed record Step(Op Op, int Member, long Amount, int Pick);

    private static readonly Gen<Step> AStep = Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 2], Gen.Long[1, 120], Gen.Int[0, 1000],
        (op, member, amount, pick) => new Step(op, member, amount, pick));

    [Fact]
    public async Task Random_sequences_of_postings_keep_every_invariant_of_the_ledger()
    {
        var accounts = await Accounts();
        await AStep.Array[5, 40].SampleAsync(steps => Run(accounts, steps), iter: 40, threads: 1, print: s => string.Join(", ", s.Select(x => x.ToString())));
        AssertBalanced(await app.Verify());
    }

    private sealed record Fixed(long Station, long Merchant, long Needy, long Expiry);

    private async Task<Fixed> Accounts()
    {
        var merchantId = await app.Db(db => db.AllianceMembers.IgnoreQueryFilters().Select(m => m.Id).FirstAsync());
        return new Fixed(
            await app.StationAccount(),
            await app.Bank(async b => (await b.AccountForMerchant(merchantId)).Value),
            await app.Bank(b => b.TownAccount(AccountKind.NeedyFund)),
            await app.Bank(b => b.TownAccount(AccountKind.Expiry)));
    }

    private async Task Run(Fixed fixedAccounts, Step[] steps)
    {
        long[] members = [await app.NewResidentAccount(), await app.NewResidentAccount(), await app.NewResidentAccount()];
        var model = new Dictionary<long, long> { [members[0]] = 0, [members[1]] = 0, [members[2]] = 0 };
        var openHolds = new List<(long Id, int Member, long Amount)>();
        var reversible = new List<(string Key, long From, long To, long Amount)>();
        var done = new List<(string Key, Func<string, Task<Result<PostingResult>>> Call)>();

        foreach (var step in steps)
        {
            var m = members[step.Member];
            var key = Key(step.Op.ToString());
            Result<PostingResult> result;
            switch (step.Op)
            {
                case Op.Earn:
                    result = await Call(k => app.Bank(b => b.Earn(m, step.Amount, EarningType.GoodDeed, k)), key, done);
                    Expect(result, covered: true);
                    if (result.IsOk)
                    {
                        model[m] += step.Amount;
                        reversible.Add((key, 0, m, step.Amount));
                    }

                    break;
                case Op.Redeem or Op.Expire or Op.Donate:
                    var to = step.Op switch
                    {
                        Op.Redeem => fixedAccounts.Station,
                        Op.Expire => fixedAccounts.Expiry,
                        _ => step.Pick % 2 == 0 ? fixedAccounts.Needy : members[(step.Member + 1) % 3],
                    };
                    var kind = step.Op switch { Op.Redeem => PostingKind.Redemption, Op.Expire => PostingKind.Expiry, _ => PostingKind.Donation };
                    var covered = model[m] >= step.Amount;
                    result = await Call(k => app.Bank(b => b.Transfer(m, to, step.Amount, kind, k)), key, done);
                    Expect(result, covered);
                    if (result.IsOk)
                    {
                        model[m] -= step.Amount;
                        if (model.ContainsKey(to))
                        {
                            model[to] += step.Amount;
                        }

                        reversible.Add((key, m, to, step.Amount));
                    }

                    break;
                case Op.Hold:
                    var holdCovered = model[m] >= step.Amount;
                    result = await Call(k => app.Bank(b => b.Hold(m, step.Amount, k)), key, done);
                    Expect(result, holdCovered);
                    if (result.IsOk)
                    {
                        model[m] -= step.Amount;
                        openHolds.Add((result.Value.PostingId, step.Member, step.Amount));
                    }

                    break;
                case Op.Capture or Op.Release when openHolds.Count > 0:
                    var hold = openHolds[step.Pick % openHolds.Count];
                    openHolds.Remove(hold);
                    result = step.Op == Op.Capture
                        ? await Call(k => app.Bank(b => b.Capture(hold.Id, fixedAccounts.Merchant, k)), key, done)
                        : await Call(k => app.Bank(b => b.Release(hold.Id, k)), key, done);
                    Assert.True(result.IsOk, result.Error?.Message);
                    if (step.Op == Op.Release)
                    {
                        model[members[hold.Member]] += hold.Amount;
                    }
                    else
                    {
                        reversible.Add((key, members[hold.Member], fixedAccounts.Merchant, hold.Amount));
                    }

                    break;
                case Op.Reverse when reversible.Count > 0:
                    var original = reversible[step.Pick % reversible.Count];
                    reversible.Remove(original);

                    // Reversing debits whoever was credited (a capture: the merchant) and credits whoever paid (a capture: the member).
                    var payer = original.To;
                    var payee = original.From;
                    var reversalCovered = !model.TryGetValue(payer, out var payerBalance) || payerBalance >= original.Amount;
                    result = await app.Bank(b => b.Reverse(original.Key));
                    Expect(result, reversalCovered);
                    if (result.IsOk)
                    {
                        if (model.ContainsKey(payer))
                        {
                            model[payer] -= original.Amount;
                        }

                        if (model.ContainsKey(payee))
                        {
                            model[payee] += original.Amount;
                        }
                    }
                    else
                    {
                        reversible.Add(original);
                    }

                    break;
                case Op.Retry when done.Count > 0:
                    var (retryKey, retry) = done[step.Pick % done.Count];
                    var replay = await retry(retryKey);
                    Assert.True(replay.Value.Replayed);
                    break;
                default:
                    continue;
            }

            foreach (var (account, expected) in model)
            {
                Assert.Equal(expected, await app.BalanceOf(account));
            }
        }

        AssertBalanced(await app.Verify());
    }

    private static async Task<Result<PostingResult>> Call(Func<string, Task<Result<PostingResult>>> call, string key,
        List<(string, Func<string, Task<Result<PostingResult>>>)> done)
    {
        var result = await call(key);
        if (result.IsOk)
        {
            done.Add((key, call));
        }

        return result;
    }

    private static void Expect(Result<PostingResult> result, bool covered)
    {
        if (covered)
        {
            Assert.True(result.IsOk, result.Error?.Message);
        }
        else
        {
            Assert.Equal("积分余额不足", result.Error?.Message);
        }
    }
}
