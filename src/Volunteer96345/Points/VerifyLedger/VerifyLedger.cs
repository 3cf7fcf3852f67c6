using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Data;

namespace Volunteer96345.Points.VerifyLedger;

/// <summary>What <c>verify-ledger</c> found: empty <see cref="Problems"/> means every invariant of the ledger holds.</summary>
internal sealed record LedgerReport(int Accounts, int Postings, long Entries, long Sum, IReadOnlyList<string> Problems)
{
    public bool IsBalanced => Problems.Count == 0;

    public string Message => IsBalanced
        ? string.Create(CultureInfo.InvariantCulture, $"ledger balanced: {Accounts} accounts, {Postings} postings, {Entries} entries summing to {Sum}")
        : string.Join(Environment.NewLine, Problems.Prepend(string.Create(CultureInfo.InvariantCulture, $"ledger NOT balanced: {Problems.Count} problem(s)")));
}

/// <summary>
/// Checks the ledger from its rows, trusting nothing the bank keeps: every account's balance equals the sum of its entries,
/// every posting has exactly two entries that sum to zero and match its amount, all entries sum to zero, and no account but
/// the town fund is below zero. Run by <c>dotnet run --project src/Volunteer96345 -- verify-ledger</c>.
/// </summary>
internal sealed class VerifyLedgerHandler(AppDbContext db) : IRecordsCheck
{
    public string Command => "verify-ledger";

    async Task<(bool Holds, string Message)> IRecordsCheck.VerifyAsync(CancellationToken cancellationToken)
    {
        var report = await Verify(cancellationToken);
        return (report.IsBalanced, report.Message);
    }

    public async Task<LedgerReport> Verify(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var sums = await db.PointsEntries.AsNoTracking().GroupBy(e => e.AccountId)
            .Select(g => new { g.Key, Sum = g.Sum(e => e.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Sum, cancellationToken);
        var accounts = await db.PointsAccounts.AsNoTracking().Select(a => new { a.Id, a.Kind, a.Balance }).ToListAsync(cancellationToken);
        foreach (var account in accounts)
        {
            var sum = sums.GetValueOrDefault(account.Id);
            if (sum != account.Balance)
            {
                problems.Add(Invariant($"account {account.Id} ({account.Kind}): balance {account.Balance} but its entries sum to {sum}"));
            }

            if (account.Balance < 0 && account.Kind != AccountKind.TownFund)
            {
                problems.Add(Invariant($"account {account.Id} ({account.Kind}) is below zero: {account.Balance}"));
            }
        }

        foreach (var orphan in sums.Keys.Except(accounts.Select(a => a.Id)))
        {
            problems.Add(Invariant($"entries name account {orphan}, which does not exist"));
        }

        var unbalanced = await db.PointsEntries.AsNoTracking().GroupBy(e => e.PostingId)
            .Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(e => e.Amount), Credit = g.Max(e => e.Amount) })
            .Join(db.Postings.AsNoTracking(), g => g.Key, p => p.Id, (g, p) => new { g.Key, g.Count, g.Sum, g.Credit, p.Amount })
            .Where(g => g.Count != 2 || g.Sum != 0 || g.Credit != g.Amount)
            .Take(100).ToListAsync(cancellationToken);
        problems.AddRange(unbalanced.Select(g => Invariant($"posting {g.Key}: {g.Count} entries summing to {g.Sum}, amount {g.Amount}")));
        var postings = await db.Postings.CountAsync(cancellationToken);
        var withEntries = await db.PointsEntries.Select(e => e.PostingId).Distinct().CountAsync(cancellationToken);
        if (withEntries != postings)
        {
            problems.Add(Invariant($"{postings - withEntries} posting(s) without entries"));
        }

        var total = sums.Values.Sum();
        if (total != 0)
        {
            problems.Add(Invariant($"all entries sum to {total}, not 0"));
        }

        var entries = await db.PointsEntries.LongCountAsync(cancellationToken);
        return new LedgerReport(accounts.Count, postings, entries, total, problems);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
