using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Background;
using Volunteer96345.Common.Time;
using Volunteer96345.Data;

namespace Volunteer96345.Points.Expiry;

/// <summary>What will expire from an account and when (Shanghai date, end of day).</summary>
internal sealed record UpcomingExpiry(long Amount, DateOnly On);

/// <summary>
/// Points:Expiry:YearsKept (default 1): points earned in a year expire at the end of that many following years, e.g. points of
/// 2026 at the end of 2027. Points:Expiry:Enabled (default true) turns expiry off altogether.
/// </summary>
internal sealed class ExpiryOptions
{
    public bool Enabled { get; set; } = true;
    public int YearsKept { get; set; } = 1;
}

/// <summary>
/// First in, first out: what a member spends comes out of their oldest points. So the points of year Y still unspent are
/// everything credited up to the end of Y, less everything debited since the account opened, and never more than the
/// balance. A hold counts as spent until it is released; the release is credited when it happens.
/// </summary>
internal sealed class ExpiryCalculator(AppDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ExpiryOptions> options)
{
    public async Task<long> UnspentOf(long accountId, int year, CancellationToken cancellationToken)
    {
        var endOfYear = Start(year + 1);
        var entries = db.PointsEntries.AsNoTracking().Where(e => e.AccountId == accountId);
        var credited = await entries.Where(e => e.Amount > 0 && e.At < endOfYear).SumAsync(e => e.Amount, cancellationToken);
        var debited = -await entries.Where(e => e.Amount < 0).SumAsync(e => e.Amount, cancellationToken);
        var balance = await db.PointsAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Balance).FirstAsync(cancellationToken);
        return Math.Clamp(credited - debited, 0, balance);
    }

    /// <summary>The points that will expire next from this account, if any: those of the oldest year still kept.</summary>
    public async Task<UpcomingExpiry?> Upcoming(long accountId, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        var year = Shanghai.Today(clock).Year - options.Value.YearsKept;
        var amount = await UnspentOf(accountId, year, cancellationToken);
        return amount > 0 ? new UpcomingExpiry(amount, new DateOnly(year + options.Value.YearsKept, 12, 31)) : null;
    }

    /// <summary>The latest earning year whose points are due to expire today.</summary>
    public int DueYear() => Shanghai.Today(clock).Year - options.Value.YearsKept - 1;

    internal static DateTime Start(int year) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), Shanghai.Zone);
}

/// <summary>
/// Expires the points of past years into the town's expiry account, once per account and year (key
/// <c>expiry:&lt;account&gt;:&lt;year&gt;</c>), so re-running it or two instances expire nothing twice. Runs daily on the injected clock
/// when Points:SweeperEnabled (default: as Sla:Enabled) and Points:Expiry:Enabled.
/// </summary>
internal sealed class ExpirySweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration,
    Microsoft.Extensions.Options.IOptions<ExpiryOptions> options, ILogger<ExpirySweeper> logger) : PeriodicSweeper(clock, logger)
{
    protected override bool Enabled => options.Value.Enabled && configuration.GetValue("Points:SweeperEnabled", configuration.GetValue("Sla:Enabled", true));

    protected override TimeSpan Period => TimeSpan.FromHours(6);

    protected override Task SweepAsync(CancellationToken cancellationToken) => ExpireDueAsync(cancellationToken);

    /// <summary>Expires what is due now from every member account; returns the number of postings made.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        List<long> accounts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("points");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Only accounts that earned something in a year now due can have points to expire: most sweeps find none.
            var endOfDueYear = ExpiryCalculator.Start(Shanghai.Today(Clock).Year - options.Value.YearsKept);
            var entries = db.PointsEntries;
            accounts = await db.PointsAccounts.AsNoTracking()
                .Where(a => a.Balance > 0 && (a.Kind == AccountKind.Volunteer || a.Kind == AccountKind.Resident || a.Kind == AccountKind.CareRecipient))
                .Where(a => entries.Any(e => e.AccountId == a.Id && e.Amount > 0 && e.At < endOfDueYear))
                .Select(a => a.Id).ToListAsync(cancellationToken);
        }

        var posted = 0;
        foreach (var account in accounts)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("points");
            var calculator = scope.ServiceProvider.GetRequiredService<ExpiryCalculator>();
            var bank = scope.ServiceProvider.GetRequiredService<PointsBank>();
            var year = calculator.DueYear();
            var key = string.Create(CultureInfo.InvariantCulture, $"expiry:{account}:{year}");
            if (await bank.Find(key, cancellationToken) is not null)
            {
                continue;
            }

            var amount = await calculator.UnspentOf(account, year, cancellationToken);
            if (amount <= 0)
            {
                continue;
            }

            var result = await bank.Transfer(account, await bank.TownAccount(AccountKind.Expiry, cancellationToken), amount, PostingKind.Expiry, key,
                new PostingNote(scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Common.Localization.SharedResource>>()["Points.ExpiredOf", year]),
                cancellationToken);
            posted += result.IsOk && !result.Value.Replayed ? 1 : 0;
        }

        return posted;
    }
}
