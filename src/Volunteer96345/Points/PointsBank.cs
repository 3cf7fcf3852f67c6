using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Npgsql;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Privacy;
using Volunteer96345.Common.Web;
using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.Points;

/// <summary>What a posting did: its id (a hold's id is the id of its posting), both balances after it, and whether this call was a retry that posted nothing.</summary>
internal sealed record PostingResult(
    long PostingId,
    string Key,
    PostingKind Kind,
    long DebitAccountId,
    long CreditAccountId,
    long Amount,
    long DebitBalanceAfter,
    long CreditBalanceAfter,
    DateTime At,
    bool Replayed);

/// <summary>One line of an account's statement, newest first.</summary>
internal sealed record StatementLine(long EntryId, long PostingId, DateTime At, PostingKind Kind, EarningType? EarningType, long Amount, long BalanceAfter, string Reason);

/// <summary>Where and why points move; every field is optional.</summary>
/// <param name="Reason">Shown on the statement (at most 500 characters).</param>
/// <param name="EarningType">For earnings: which of the five ways the points were earned.</param>
/// <param name="StationId">The station the points were earned or spent at, for the town's view per station.</param>
internal sealed record PostingNote(string? Reason = null, EarningType? EarningType = null, Guid? StationId = null);

/// <summary>
/// The Good Deeds Bank's ledger, and the only way points move. Other modules post through this class, in-process.
/// <list type="bullet">
/// <item>Every posting is a transfer of a positive whole amount between two accounts, written as two entries that sum to zero.</item>
/// <item>Every account's balance is updated in the same transaction as its entry, by a conditional UPDATE that refuses to take
/// an account other than the town fund below zero; a CHECK constraint backs it.</item>
/// <item>Every posting carries a unique key (its source, e.g. <c>work-order:…:close:0</c>, or a client's Idempotency-Key).
/// A retry with the same key returns the first result with <see cref="PostingResult.Replayed"/> set and posts nothing,
/// also when the retries run at the same moment. The same key with a different account, kind or amount is a conflict.</item>
/// <item>Nothing is edited or deleted: <see cref="Reverse"/> posts the opposite transfer.</item>
/// </list>
/// Transactions: a posting made while the caller's DbContext has a transaction open joins it (inside a savepoint, so a
/// refused posting leaves the caller's other work intact) and commits or rolls back with it; otherwise the posting commits
/// on its own. <see cref="AppDbContext.BeginWriteAsync"/> opens such a transaction, e.g. for "posting and stock decrement commit together".
/// Ledger rows are written with SQL, not through the change tracker: the posting row itself records who (the actor),
/// when and why, so it is not copied into the audit chain.
/// </summary>
internal sealed class PointsBank(AppDbContext db, DatabaseConnections database, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> localizer,
    FieldProtector protector)
{
    /// <summary>The largest amount one posting may move.</summary>
    public const long MaxAmount = 1_000_000;

    /// <summary>The longest key a caller may give (a reversal's key is derived from it and a little longer).</summary>
    public const int MaxKeyLength = 200;

    private const string ReversalPrefix = "reversal:";
    private static readonly ConcurrentDictionary<(string, AccountKind), long> TownAccounts = new();
    private static int _savepoints;

    private bool IsSqlite => database.IsSqlite;

    /// <summary>EF Core's type mappings, asked for once per request's bank, not for each of a posting's four commands.</summary>
    private IRelationalTypeMappingSource TypeMappings => _typeMappings ??= db.GetService<IRelationalTypeMappingSource>();

    private IRelationalTypeMappingSource? _typeMappings;

    // ---------------------------------------------------------------- accounts

    /// <summary>The volunteer's account, opened on first use.</summary>
    public async Task<Result<long>> AccountForVolunteer(Guid volunteerId, CancellationToken cancellationToken = default)
    {
        var name = await db.Volunteers.AcrossStations("an account is named after its owner, whatever the caller's scope").Where(v => v.Id == volunteerId).Select(v => v.RealName + " " + v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return name is null ? OwnerNotFound() : await OpenAsync(AccountKind.Volunteer, volunteerId.ToString(), volunteerId, name, cancellationToken);
    }

    /// <summary>The account of a station's redemptions (what members spent at its counter), opened on first use.</summary>
    public async Task<Result<long>> AccountForStation(Guid stationId, CancellationToken cancellationToken = default)
    {
        var name = await db.StationName(stationId, cancellationToken);
        return name is null ? OwnerNotFound() : await OpenAsync(AccountKind.Station, stationId.ToString(), stationId, name, cancellationToken);
    }

    /// <summary>An alliance merchant's account, opened on first use.</summary>
    public async Task<Result<long>> AccountForMerchant(Guid allianceMemberId, CancellationToken cancellationToken = default)
    {
        var name = await db.AllianceMembers.AcrossStations("an account is named after its owner, whatever the caller's scope").Where(m => m.Id == allianceMemberId).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
        return name is null ? OwnerNotFound() : await OpenAsync(AccountKind.Merchant, allianceMemberId.ToString(), allianceMemberId, name, cancellationToken);
    }

    /// <summary>A care recipient's account (donations reach them here), opened on first use. Its name shows only the surname.</summary>
    public async Task<Result<long>> AccountForCareRecipient(Guid careRecipientId, CancellationToken cancellationToken = default)
    {
        var name = await db.CareRecipients.AcrossStations("an account is named after its owner, whatever the caller's scope").Where(c => c.Id == careRecipientId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        return name is null
            ? OwnerNotFound()
            : await OpenAsync(AccountKind.CareRecipient, careRecipientId.ToString(), careRecipientId, name.Trim()[..1] + "**", cancellationToken);
    }

    /// <summary>
    /// A resident's account, keyed by their mobile number (stored only as a keyed hash), opened on first use with the name given.
    /// The same mobile always finds the same account.
    /// </summary>
    public async Task<Result<long>> AccountForResident(string mobile, string name, CancellationToken cancellationToken = default)
    {
        var digits = new string((mobile ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 7 or > 15)
        {
            return new Validation(localizer).Check(false, "mobile", "Validation.Mobile").ToError();
        }

        var display = string.IsNullOrWhiteSpace(name) ? digits[^4..] : name.Trim();
        return await OpenAsync(AccountKind.Resident, protector.Hash("resident:" + digits), null, display.Length > 100 ? display[..100] : display, cancellationToken);
    }

    /// <summary>One of the town's own accounts: <see cref="AccountKind.TownFund"/>, <see cref="AccountKind.NeedyFund"/>, <see cref="AccountKind.Hold"/> or <see cref="AccountKind.Expiry"/>.</summary>
    public async Task<long> TownAccount(AccountKind kind, CancellationToken cancellationToken = default)
    {
        if (kind is not (AccountKind.TownFund or AccountKind.NeedyFund or AccountKind.Hold or AccountKind.Expiry))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not one of the town's own accounts");
        }

        var cacheKey = (database.ConnectionString, kind);
        if (TownAccounts.TryGetValue(cacheKey, out var id))
        {
            return id;
        }

        var opened = await OpenAsync(kind, kind.ToString(), null, localizer["AccountKind." + kind], cancellationToken);

        // Inside a caller's transaction the account may have been opened by that transaction, which can still roll
        // back; only an id read outside one is known to be committed and safe to keep.
        if (db.Database.CurrentTransaction is null)
        {
            TownAccounts[cacheKey] = opened.Value;
        }

        return opened.Value;
    }

    /// <summary>The account's balance, or null for an unknown account. One row read by its key: it does not grow with the history.</summary>
    public async Task<long?> Balance(long accountId, CancellationToken cancellationToken = default) =>
        await db.Set<PointsAccount>().AsNoTracking().Where(a => a.Id == accountId).Select(a => (long?)a.Balance).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Points earned over the account's lifetime: its earnings less the earnings reversed since. Spending, donating and
    /// expiry never lower it, so a privilege level reached by earning is kept.
    /// </summary>
    public async Task<long> LifetimeEarned(long accountId, CancellationToken cancellationToken = default)
    {
        var postings = db.Set<Posting>().AsNoTracking();
        var earned = await postings.Where(p => p.CreditAccountId == accountId && p.Kind == PostingKind.Earn).SumAsync(p => (long?)p.Amount, cancellationToken) ?? 0;
        var reversed = await postings.Where(p => p.DebitAccountId == accountId && p.Kind == PostingKind.Reversal)
            .Join(postings.Where(o => o.Kind == PostingKind.Earn), r => r.SettlesId, o => (long?)o.Id, (r, o) => r.Amount)
            .SumAsync(a => (long?)a, cancellationToken) ?? 0;
        return earned - reversed;
    }

    /// <summary>An account's statement, newest first, optionally of one kind of posting.</summary>
    public Task<Page<StatementLine>> Statement(long accountId, PostingKind? kind, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var entries = db.Set<PointsEntry>().AsNoTracking().Where(e => e.AccountId == accountId);
        if (kind is { } k)
        {
            entries = entries.Where(e => e.Kind == k);
        }

        return entries.OrderByDescending(e => e.Id)
            .Join(db.Set<Posting>(), e => e.PostingId, p => p.Id,
                (e, p) => new StatementLine(e.Id, e.PostingId, e.At, e.Kind, p.EarningType, e.Amount, e.BalanceAfter, p.Reason))
            .ToPageAsync(page, pageSize, cancellationToken);
    }

    /// <summary>The posting made with this key, if any.</summary>
    public Task<Posting?> Find(string key, CancellationToken cancellationToken = default) =>
        db.Set<Posting>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);

    // ---------------------------------------------------------------- postings

    /// <summary>The town fund pays <paramref name="amount"/> points to a member's account.</summary>
    public async Task<Result<PostingResult>> Earn(long memberAccountId, long amount, EarningType type, string key, PostingNote? note = null,
        CancellationToken cancellationToken = default) =>
        AmountError(amount) ?? await PostAsync(PostingKind.Earn, await TownAccount(AccountKind.TownFund, cancellationToken), memberAccountId, amount, key,
            (note ?? new PostingNote()) with { EarningType = type }, null, cancellationToken);

    /// <summary>
    /// Moves points from one account to another. <paramref name="kind"/> says what for: <see cref="PostingKind.Redemption"/>
    /// (member → a station's redemptions), <see cref="PostingKind.Donation"/> (member → a care recipient or the needy fund),
    /// <see cref="PostingKind.Deduction"/> (member → the town fund), <see cref="PostingKind.Expiry"/> (member → expiry),
    /// or <see cref="PostingKind.Transfer"/>. Holds, captures, releases and reversals have their own methods.
    /// </summary>
    public Task<Result<PostingResult>> Transfer(long fromAccountId, long toAccountId, long amount, PostingKind kind, string key, PostingNote? note = null,
        CancellationToken cancellationToken = default)
    {
        if (kind is PostingKind.Hold or PostingKind.Capture or PostingKind.Release or PostingKind.Reversal)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "use Hold, Capture, Release or Reverse");
        }

        return PostAsync(kind, fromAccountId, toAccountId, amount, key, note ?? new PostingNote(), null, cancellationToken);
    }

    /// <summary>Sets <paramref name="amount"/> of a member's points aside for an order. The result's PostingId identifies the hold.</summary>
    public async Task<Result<PostingResult>> Hold(long memberAccountId, long amount, string key, PostingNote? note = null, CancellationToken cancellationToken = default) =>
        AmountError(amount) ?? await PostAsync(PostingKind.Hold, memberAccountId, await TownAccount(AccountKind.Hold, cancellationToken), amount, key,
            note ?? new PostingNote(), null, cancellationToken);

    /// <summary>Pays a held amount, whole, to the merchant who fulfilled the order. A hold is captured or released once.</summary>
    public async Task<Result<PostingResult>> Capture(long holdId, long merchantAccountId, string key, PostingNote? note = null, CancellationToken cancellationToken = default)
    {
        var hold = await HoldAsync(holdId, cancellationToken);
        return hold.IsOk
            ? await PostAsync(PostingKind.Capture, hold.Value.CreditAccountId, merchantAccountId, hold.Value.Amount, key,
                (note ?? new PostingNote()) with { StationId = note?.StationId ?? hold.Value.StationId }, holdId, cancellationToken)
            : hold.Error!;
    }

    /// <summary>Gives a held amount back to the member (order cancelled, or its hold expired). A hold is captured or released once.</summary>
    public async Task<Result<PostingResult>> Release(long holdId, string key, PostingNote? note = null, CancellationToken cancellationToken = default)
    {
        var hold = await HoldAsync(holdId, cancellationToken);
        return hold.IsOk
            ? await PostAsync(PostingKind.Release, hold.Value.CreditAccountId, hold.Value.DebitAccountId, hold.Value.Amount, key,
                (note ?? new PostingNote()) with { StationId = note?.StationId ?? hold.Value.StationId }, holdId, cancellationToken)
            : hold.Error!;
    }

    /// <summary>
    /// Undoes the posting made with <paramref name="postingKey"/> by the opposite transfer, keyed <c>reversal:&lt;postingKey&gt;</c>;
    /// a posting is reversed at most once, and a retry returns the first reversal. A captured hold is refunded to the member.
    /// Holds are released, not reversed; releases and reversals are not reversed. Fails, posting nothing, when the account to
    /// be debited no longer holds the amount.
    /// </summary>
    public async Task<Result<PostingResult>> Reverse(string postingKey, string? reason = null, CancellationToken cancellationToken = default)
    {
        var original = string.IsNullOrEmpty(postingKey) ? null : await Find(postingKey, cancellationToken);
        if (original is null)
        {
            return AppError.NotFound(localizer["Points.PostingNotFound"]);
        }

        if (original.Kind is PostingKind.Hold or PostingKind.Release or PostingKind.Reversal)
        {
            return AppError.Conflict(localizer["Points.NotReversible", localizer["PostingKind." + original.Kind]]);
        }

        var refundTo = original.DebitAccountId;
        if (original.Kind == PostingKind.Capture && original.SettlesId is { } holdId)
        {
            refundTo = await db.Set<Posting>().AsNoTracking().Where(p => p.Id == holdId).Select(p => p.DebitAccountId).FirstAsync(cancellationToken);
        }

        return await PostAsync(PostingKind.Reversal, original.CreditAccountId, refundTo, original.Amount, ReversalPrefix + postingKey,
            new PostingNote(reason ?? original.Reason, original.EarningType, original.StationId), original.Id, cancellationToken, checkKeyLength: false);
    }

    // ---------------------------------------------------------------- the one write path

    private async Task<Result<Posting>> HoldAsync(long holdId, CancellationToken cancellationToken)
    {
        var hold = await db.Set<Posting>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == holdId, cancellationToken);
        return hold is { Kind: PostingKind.Hold } ? hold : AppError.NotFound(localizer["Points.HoldNotFound"]);
    }

    /// <summary>The refusal of an amount out of range, checked before a town account is opened, so a refused posting changes nothing.</summary>
    private Result<PostingResult>? AmountError(long amount)
    {
        var v = new Validation(localizer).Range("amount", amount, 1, MaxAmount);
        if (v.IsValid)
        {
            return null;
        }

        return v.ToError();
    }

    private async Task<Result<PostingResult>> PostAsync(PostingKind kind, long debitId, long creditId, long amount, string key, PostingNote note,
        long? settlesId, CancellationToken cancellationToken, bool checkKeyLength = true)
    {
        var v = new Validation(localizer)
            .Range("amount", amount, 1, MaxAmount)
            .Text("key", key, checkKeyLength ? MaxKeyLength : Posting.KeyLength)
            .Text("reason", note.Reason, Posting.ReasonLength, required: false)
            .Check(debitId != creditId, "account", "Points.SameAccount");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var joined = db.ServicesStarted ? db.Database.CurrentTransaction : null;
        if (joined is null)
        {
            // On its own, a posting commits in a transaction of its own on a plain pooled connection: without the caller's
            // context starting its services, which cost more than the posting's SQL (docs/benchmarks.md, session 4).
            var gate = database.WriteGate();
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken);
            }

            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var (result, unknownAccount) = await TryWriteAsync(transaction, kind, debitId, creditId, amount, key.Trim(), note, settlesId, cancellationToken);
                if (result.IsOk && !result.Value.Replayed)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken);
                }

                return await WhichAccountAsync(result, unknownAccount, debitId, cancellationToken);
            }
            finally
            {
                gate?.Release();
            }
        }

        var savepoint = "points_" + Interlocked.Increment(ref _savepoints).ToString(CultureInfo.InvariantCulture);
        await joined.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            var (result, unknownAccount) = await TryWriteAsync(joined.GetDbTransaction(), kind, debitId, creditId, amount, key.Trim(), note, settlesId, cancellationToken);
            if (result.IsOk && !result.Value.Replayed)
            {
                await joined.ReleaseSavepointAsync(savepoint, cancellationToken);
            }
            else
            {
                await joined.RollbackToSavepointAsync(savepoint, cancellationToken);
            }

            return await WhichAccountAsync(result, unknownAccount, debitId, cancellationToken);
        }
        catch
        {
            await joined.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The write, with the database's refusals turned into clear errors. On an unknown account the caller asks which one.</summary>
    private async Task<(Result<PostingResult> Result, bool UnknownAccount)> TryWriteAsync(DbTransaction transaction, PostingKind kind, long debitId,
        long creditId, long amount, string key, PostingNote note, long? settlesId, CancellationToken cancellationToken)
    {
        try
        {
            return (await WriteAsync(transaction, kind, debitId, creditId, amount, key, note, settlesId, cancellationToken), false);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // Only the settled-posting index can collide here (the key conflict is handled in SQL): someone else captured,
            // released or reversed it first.
            return (AppError.Conflict(localizer["Points.AlreadySettled"]), false);
        }
        catch (DbException e) when (IsCheckViolation(e))
        {
            return (AppError.Conflict(localizer["Points.InsufficientBalance"]), false);
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            return (UnknownAccount("to"), true);
        }
    }

    private async Task<Result<PostingResult>> WhichAccountAsync(Result<PostingResult> result, bool unknownAccount, long debitId, CancellationToken cancellationToken) =>
        unknownAccount && !await db.PointsAccounts.AnyAsync(a => a.Id == debitId, cancellationToken) ? UnknownAccount("from") : result;

    private async Task<Result<PostingResult>> WriteAsync(DbTransaction transaction, PostingKind kind, long debitId, long creditId, long amount,
        string key, PostingNote note, long? settlesId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // On PostgreSQL the two account rows are locked first, in id order. Without it the posting's foreign keys take a
        // key-share lock on them that the balance update then upgrades, with other postings' key-share locks on the same row:
        // under 64 concurrent debits PostgreSQL 15 failed one with XX000 "new multixact has more than one updating member".
        if (!IsSqlite)
        {
            await ExecuteAsync(transaction, """SELECT 1 FROM points_accounts WHERE "Id" IN (@a, @b) ORDER BY "Id" FOR UPDATE""",
                cancellationToken, ("a", debitId), ("b", creditId));
        }

        // The key is claimed first. A concurrent posting with the same key waits here on PostgreSQL until the first commits,
        // then finds it (DO NOTHING returns no row); on SQLite writers are serialised anyway.
        var postingId = await ScalarAsync(transaction,
            """
            INSERT INTO points_postings ("Key", "Kind", "DebitAccountId", "CreditAccountId", "Amount", "EarningType", "StationId", "Reason", "Actor", "At", "SettlesId")
            VALUES (@key, @kind, @debit, @credit, @amount, @type, @station, @reason, @actor, @at, @settles)
            ON CONFLICT ("Key") DO NOTHING RETURNING "Id"
            """, cancellationToken,
            ("key", key), ("kind", kind.ToString()), ("debit", debitId), ("credit", creditId), ("amount", amount),
            ("type", note.EarningType?.ToString()), ("station", note.StationId), ("reason", note.Reason?.Trim() ?? ""),
            ("actor", Truncate(user.Name, 100)), ("at", now), ("settles", settlesId));
        if (postingId is null)
        {
            return await ReplayAsync(key, kind, debitId, creditId, amount, cancellationToken);
        }

        // Lock the two account rows in id order, so that opposite transfers cannot deadlock on PostgreSQL.
        long? debitAfter = null, creditAfter = null;
        foreach (var debit in debitId < creditId ? new[] { true, false } : [false, true])
        {
            if (debit)
            {
                debitAfter = await ScalarAsync(transaction,
                    """
                    UPDATE points_accounts SET "Balance" = "Balance" - @amount
                    WHERE "Id" = @id AND ("Balance" >= @amount OR "Kind" = 'TownFund') RETURNING "Balance"
                    """, cancellationToken, ("amount", amount), ("id", debitId));
                if (debitAfter is null)
                {
                    return await AccountExistsAsync(transaction, debitId, cancellationToken)
                        ? AppError.Conflict(localizer["Points.InsufficientBalance"])
                        : UnknownAccount("from");
                }
            }
            else
            {
                creditAfter = await ScalarAsync(transaction,
                    """UPDATE points_accounts SET "Balance" = "Balance" + @amount WHERE "Id" = @id RETURNING "Balance" """,
                    cancellationToken, ("amount", amount), ("id", creditId));
                if (creditAfter is null)
                {
                    return UnknownAccount("to");
                }
            }
        }

        await ExecuteAsync(transaction,
            """
            INSERT INTO points_entries ("PostingId", "AccountId", "Amount", "BalanceAfter", "Kind", "At")
            VALUES (@posting, @debit, @minus, @debitAfter, @kind, @at), (@posting, @credit, @amount, @creditAfter, @kind, @at)
            """, cancellationToken,
            ("posting", postingId.Value), ("debit", debitId), ("minus", -amount), ("debitAfter", debitAfter!.Value), ("kind", kind.ToString()),
            ("at", now), ("credit", creditId), ("amount", amount), ("creditAfter", creditAfter!.Value));
        return new PostingResult(postingId.Value, key, kind, debitId, creditId, amount, debitAfter.Value, creditAfter.Value, now, Replayed: false);
    }

    private async Task<Result<PostingResult>> ReplayAsync(string key, PostingKind kind, long debitId, long creditId, long amount, CancellationToken cancellationToken)
    {
        var first = await db.Set<Posting>().AsNoTracking().FirstAsync(p => p.Key == key, cancellationToken);
        if (first.Kind != kind || first.DebitAccountId != debitId || first.CreditAccountId != creditId || first.Amount != amount)
        {
            return AppError.Conflict(localizer["Points.KeyReused"]);
        }

        var entries = await db.Set<PointsEntry>().AsNoTracking().Where(e => e.PostingId == first.Id)
            .Select(e => new { e.AccountId, e.BalanceAfter }).ToListAsync(cancellationToken);
        return new PostingResult(first.Id, first.Key, first.Kind, first.DebitAccountId, first.CreditAccountId, first.Amount,
            entries.First(e => e.AccountId == debitId).BalanceAfter, entries.First(e => e.AccountId == creditId).BalanceAfter, first.At, Replayed: true);
    }

    private async Task<bool> AccountExistsAsync(DbTransaction transaction, long id, CancellationToken cancellationToken) =>
        await ScalarAsync(transaction, """SELECT "Id" FROM points_accounts WHERE "Id" = @id""", cancellationToken, ("id", id)) is not null;

    private async Task<Result<long>> OpenAsync(AccountKind kind, string ownerKey, Guid? ownerId, string name, CancellationToken cancellationToken)
    {
        var accounts = db.Set<PointsAccount>().AsNoTracking();
        var id = await accounts.Where(a => a.Kind == kind && a.OwnerKey == ownerKey).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is { } found)
        {
            return found;
        }

        // Two first uses at once both insert; the second does nothing and both read the one row.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
                """
                INSERT INTO points_accounts ("Kind", "OwnerKey", "OwnerId", "Name", "Balance", "OpenedAt") VALUES (@kind, @key, @owner, @name, 0, @at)
                ON CONFLICT ("Kind", "OwnerKey") DO NOTHING
                """,
                [("kind", kind.ToString()), ("key", ownerKey), ("owner", ownerId), ("name", Truncate(name, 100)), ("at", clock.GetUtcNow().UtcDateTime)]);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return await accounts.Where(a => a.Kind == kind && a.OwnerKey == ownerKey).Select(a => a.Id).FirstAsync(cancellationToken);
    }

    private async Task<long?> ScalarAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction.Connection!, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction.Connection!, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.AddMapped(TypeMappings, parameters);
    }

    private static bool IsUniqueViolation(DbException e) =>
        e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static bool IsForeignKeyViolation(DbException e) =>
        e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 787 } or PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    private static bool IsCheckViolation(DbException e) =>
        e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 275 } or PostgresException { SqlState: PostgresErrorCodes.CheckViolation };

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    private AppError OwnerNotFound() => AppError.NotFound(localizer["Points.OwnerNotFound"]);

    private AppError UnknownAccount(string field) => AppError.Invalid(field, localizer["Points.UnknownAccount"]);
}
