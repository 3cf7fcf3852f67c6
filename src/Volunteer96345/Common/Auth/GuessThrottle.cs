using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Auth;

/// <summary>What is being guessed. Each purpose has its policy, <c>Security:Guess:&lt;purpose&gt;:…</c> in configuration.</summary>
internal static class GuessPurpose
{
    /// <summary>An activity's 6-digit check-in or check-out code (or its rotating QR token).</summary>
    public const string ActivityCheckIn = nameof(ActivityCheckIn);

    /// <summary>An outpost's 6-digit claim code of a stored item.</summary>
    public const string ItemClaim = nameof(ItemClaim);

    /// <summary>A member's 6-digit counter confirmation code, and a mall order's 8-digit code at the merchant's desk.</summary>
    public const string ConfirmationCode = nameof(ConfirmationCode);

    /// <summary>A resident's tracking code with the last four digits of their phone.</summary>
    public const string Track = nameof(Track);

    /// <summary>A password at sign-in: the progressive delay per address, and per user name as the target.</summary>
    public const string SignIn = nameof(SignIn);

    /// <summary>A user name's lock after many failed sign-ins, whatever the address (the name is the target).</summary>
    public const string SignInLockout = nameof(SignInLockout);

    /// <summary>An account's activation code.</summary>
    public const string Activation = nameof(Activation);

    /// <summary>A password reset code sent by SMS.</summary>
    public const string SmsReset = nameof(SmsReset);
}

/// <summary>
/// How many wrong guesses a key is allowed, and the wait after them. A person's key (<see cref="GuessKeys.Person"/>) may make
/// <see cref="FreeFailures"/> wrong guesses within <see cref="Window"/>; the one that reaches it blocks the key for
/// <see cref="FirstWait"/>, and every further wrong guess while the key is still counted doubles the wait, up to
/// <see cref="MaxWait"/>. The key stays counted until <see cref="Window"/> has passed since its last wrong guess or the end of
/// its last wait. A target's key (the activity, the outpost, the member, the tracking code: what many people type codes
/// for) has its own allowance, <see cref="TargetFreeFailures"/>, so that a crowd's typos do not lock it for everyone, while
/// guesses spread over many people or addresses still stop at it.
/// </summary>
internal sealed record GuessPolicy(int FreeFailures, TimeSpan Window, TimeSpan FirstWait, TimeSpan MaxWait, int TargetFreeFailures)
{
    public int FreeFailuresFor(string key) => GuessKeys.IsPerson(key) ? FreeFailures : TargetFreeFailures;

    /// <summary>The wait that the <paramref name="failures"/>th wrong guess within the window starts; null while guesses are free.</summary>
    public TimeSpan? WaitAfter(int failures, int freeFailures)
    {
        if (failures < freeFailures)
        {
            return null;
        }

        var ticks = FirstWait.Ticks * Math.Pow(2, Math.Min(failures - freeFailures, 62));
        return ticks >= MaxWait.Ticks ? MaxWait : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>The policy of each purpose: the defaults below, each value overridable as <c>Security:Guess:&lt;purpose&gt;:&lt;name&gt;</c>.</summary>
internal sealed class GuessPolicies
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// The defaults, as the README's configuration table gives them. An activity's code is typed by a crowd within minutes,
    /// so the activity's own key allows 30 and its wait stays short. A counter code is void after 5 wrong guesses already
    /// (<see cref="Points.ConfirmationCode.MaxFailedAttempts"/>), so the throttle there bounds one operator across members
    /// and one member across fresh codes. Sign-in counts per address (shared by an office) and per user name; the lockout
    /// only per user name. The purposes of sign-in, activation and SMS reset are the accounts module's.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, GuessPolicy> Defaults = new Dictionary<string, GuessPolicy>(StringComparer.Ordinal)
    {
        [GuessPurpose.ActivityCheckIn] = new(5, Quarter, Minute, Quarter, TargetFreeFailures: 30),
        [GuessPurpose.ItemClaim] = new(5, Quarter, Minute, Hour, TargetFreeFailures: 10),
        [GuessPurpose.ConfirmationCode] = new(10, Quarter, Minute, Hour, TargetFreeFailures: 20),
        [GuessPurpose.Track] = new(5, Quarter, Minute, Hour, TargetFreeFailures: 5),
        // Short waits (at most 2 minutes) that slow a guesser; the long block is the lockout, which a right TOTP code ends.
        [GuessPurpose.SignIn] = new(20, Quarter, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TargetFreeFailures: 5),
        [GuessPurpose.SignInLockout] = new(10, Quarter, Quarter, Hour, TargetFreeFailures: 10),
        [GuessPurpose.Activation] = new(5, Quarter, Minute, Hour, TargetFreeFailures: 5),
        [GuessPurpose.SmsReset] = new(5, Quarter, Minute, Hour, TargetFreeFailures: 5),
    };

    private readonly Dictionary<string, GuessPolicy> _policies = new(StringComparer.Ordinal);

    public GuessPolicies(IConfiguration configuration)
    {
        foreach (var (purpose, fallback) in Defaults)
        {
            var section = configuration.GetSection($"Security:Guess:{purpose}");
            var policy = new GuessPolicy(
                section.GetValue("FreeFailures", fallback.FreeFailures),
                TimeSpan.FromMinutes(section.GetValue("WindowMinutes", fallback.Window.TotalMinutes)),
                TimeSpan.FromSeconds(section.GetValue("FirstWaitSeconds", fallback.FirstWait.TotalSeconds)),
                TimeSpan.FromMinutes(section.GetValue("MaxWaitMinutes", fallback.MaxWait.TotalMinutes)),
                section.GetValue("TargetFreeFailures", fallback.TargetFreeFailures));
            if (policy.FreeFailures < 1 || policy.TargetFreeFailures < 1 || policy.Window <= TimeSpan.Zero || policy.FirstWait <= TimeSpan.Zero
                || policy.MaxWait < policy.FirstWait)
            {
                throw new InvalidOperationException(
                    $"Security:Guess:{purpose} needs FreeFailures and TargetFreeFailures of at least 1, WindowMinutes and FirstWaitSeconds above 0, and MaxWaitMinutes no shorter than the first wait.");
            }

            _policies[purpose] = policy;
        }
    }

    public GuessPolicy For(string purpose) =>
        _policies.TryGetValue(purpose, out var policy) ? policy : throw new ArgumentException($"No guess policy for '{purpose}'; add it to GuessPurpose and GuessPolicies.Defaults.", nameof(purpose));
}

/// <summary>The keys wrong guesses count against: who guesses (a person) and what they guess at (a target).</summary>
internal static class GuessKeys
{
    public const int MaxLength = 200;
    private const string UserPrefix = "user:";
    private const string AddressPrefix = "ip:";
    private const string MobilePrefix = "mobile:";

    /// <summary>
    /// The signed-in user, else the address the request came from: IPv6 by its /64 network, which one subscriber holds whole.
    /// Without either (a circuit of nobody) everyone shares one key, which errs on the side of refusing.
    /// </summary>
    public static string Person(CurrentUser user) =>
        user.UserId is { } id ? UserPrefix + id.ToString("D")
        : user.ClientAddress is { } address && IPAddress.TryParse(address, out var ip) ? AddressPrefix + Network(ip)
        : AddressPrefix + "unknown";

    /// <summary>What is guessed at: <c>activity:&lt;id&gt;</c>, <c>outpost:&lt;id&gt;</c>, <c>tracking:&lt;code&gt;</c>, <c>name:&lt;user name&gt;</c>…</summary>
    public static string Target(string kind, object id)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{kind}:{id}");
        return kind is "user" or "ip" || key.Length > MaxLength ? throw new ArgumentException($"'{kind}' is not a target kind, or the key is too long.", nameof(kind)) : key;
    }

    public static bool IsPerson(string key) => key.StartsWith(UserPrefix, StringComparison.Ordinal) || key.StartsWith(AddressPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The key as the audit shows it: an address without its last part (IPv4's last number, IPv6 beyond /48), a mobile
    /// number (<c>mobile:…</c>) masked as everywhere else.
    /// </summary>
    public static string Masked(string key)
    {
        if (key.StartsWith(MobilePrefix, StringComparison.Ordinal))
        {
            return MobilePrefix + Privacy.ChinesePhone.Mask(key[MobilePrefix.Length..]);
        }

        if (!key.StartsWith(AddressPrefix, StringComparison.Ordinal) || !IPAddress.TryParse(key[AddressPrefix.Length..].Split('/')[0], out var ip))
        {
            return key;
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = ip.GetAddressBytes();
            return string.Create(CultureInfo.InvariantCulture, $"{AddressPrefix}{bytes[0]}.{bytes[1]}.{bytes[2]}.*");
        }

        return AddressPrefix + Prefix(ip, 6) + "/48";
    }

    private static string Network(IPAddress ip) =>
        ip.AddressFamily == AddressFamily.InterNetworkV6 ? Prefix(ip, 8) + "/64" : ip.ToString();

    private static string Prefix(IPAddress ip, int keepBytes)
    {
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, keepBytes, bytes.Length - keepBytes);
        return new IPAddress(bytes).ToString();
    }
}

/// <summary>
/// A key's wrong guesses. Written only with SQL by <see cref="GuessThrottle"/> (never through the change tracker, so a
/// wrong guess adds nothing to the audit); a row lives until <see cref="CountedUntil"/> and is then purged.
/// </summary>
internal sealed class GuessCounter
{
    private GuessCounter()
    {
    }

    public string Purpose { get; private set; } = "";
    public string Key { get; private set; } = "";
    public int Failures { get; private set; }

    /// <summary>Until when the failures count: <see cref="GuessPolicy.Window"/> after the last wrong guess or the end of the last wait.</summary>
    public DateTime CountedUntil { get; private set; }

    public DateTime? BlockedUntil { get; private set; }

    internal sealed class Configuration : IEntityTypeConfiguration<GuessCounter>
    {
        public void Configure(EntityTypeBuilder<GuessCounter> builder)
        {
            builder.ToTable("guess_counters");
            builder.HasKey(c => new { c.Purpose, c.Key });
            builder.Property(c => c.Purpose).HasMaxLength(32);
            builder.Property(c => c.Key).HasMaxLength(GuessKeys.MaxLength);
            builder.HasIndex(c => c.CountedUntil);
        }
    }
}

/// <summary>
/// A key blocked for too many wrong guesses. Saved through SaveChanges when the block starts, so the audit trail records
/// it once, with who was acting; it names the purpose, the key (an address masked) and until when, never a guessed code.
/// </summary>
internal sealed class GuessBlock
{
    private GuessBlock()
    {
    }

    public Guid Id { get; private set; }
    public string Purpose { get; private set; } = "";
    public string Key { get; private set; } = "";
    public int Failures { get; private set; }
    public DateTime At { get; private set; }
    public DateTime Until { get; private set; }

    public static GuessBlock Start(string purpose, string key, int failures, DateTime at, DateTime until) => new()
    {
        Id = Guid.CreateVersion7(),
        Purpose = purpose,
        Key = GuessKeys.Masked(key),
        Failures = failures,
        At = at,
        Until = until,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<GuessBlock>
    {
        public void Configure(EntityTypeBuilder<GuessBlock> builder)
        {
            builder.ToTable("guess_blocks");
            builder.Property(b => b.Id).ValueGeneratedNever();
            builder.Property(b => b.Purpose).HasMaxLength(32);
            builder.Property(b => b.Key).HasMaxLength(GuessKeys.MaxLength);
            builder.HasIndex(b => b.At);
        }
    }
}

/// <summary>
/// A few wrong guesses of a code per person and per target, then a wait that doubles with each further wrong guess
/// (docs/decisions/0020-guess-throttle.md). A caller asks <see cref="WaitAsync"/> before it looks at the code and refuses
/// while a wait is running, even the right code; it reports a wrong code to <see cref="FailedAsync"/> and may clear a
/// person's count with <see cref="SucceededAsync"/>. The counts live in the database, shared by every app instance and
/// kept across restarts, and are written on a connection of their own: they count whatever becomes of the caller's work.
/// </summary>
internal sealed class GuessThrottle(
    AppDbContext db, DatabaseConnections database, GuessPolicies policies, CurrentUser user, TimeProvider clock, IServiceScopeFactory scopes,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The key of whoever is guessing in this scope (<see cref="GuessKeys.Person"/>).</summary>
    public string Person => GuessKeys.Person(user);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Null when a guess may be made now; else the longest wait still running among <paramref name="keys"/>.</summary>
    public async Task<TimeSpan?> WaitAsync(string purpose, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        policies.For(purpose);
        var now = Now;
        string[] list = [.. keys];
        var until = await db.Set<GuessCounter>().AsNoTracking()
            .Where(c => c.Purpose == purpose && list.Contains(c.Key) && c.BlockedUntil > now)
            .MaxAsync(c => c.BlockedUntil, cancellationToken);
        return until - now;
    }

    /// <summary>
    /// Counts a wrong guess against every key. A key that reaches its allowance is blocked, and one audit row records the
    /// start of each block; a wrong guess that lengthens a running wait adds none. Returns the longest wait this guess started
    /// or lengthened, if any. Two wrong guesses at the same moment both count: each is one atomic upsert.
    /// </summary>
    public async Task<TimeSpan?> FailedAsync(string purpose, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var policy = policies.For(purpose);
        OutsideTransaction();
        var now = Now;
        var started = new List<GuessBlock>();
        TimeSpan? longest = null;
        var gate = database.WriteGate();
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            // No transaction: each statement commits alone and locks at most one counter while it waits, so concurrent
            // guessers and the purge never wait for each other in a circle.
            await using var connection = await database.OpenAsync(cancellationToken);

            // The table holds live counts only; expired ones go here, cheaply (indexed), whenever a wrong guess is written.
            await ExecuteAsync(connection, """DELETE FROM guess_counters WHERE "CountedUntil" <= @now""", cancellationToken, ("now", now));
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                var failures = Convert.ToInt32(await ScalarAsync(connection,
                    """
                    INSERT INTO guess_counters ("Purpose", "Key", "Failures", "CountedUntil", "BlockedUntil")
                    VALUES (@purpose, @key, 1, @counted, NULL)
                    ON CONFLICT ("Purpose", "Key") DO UPDATE SET
                        "Failures" = CASE WHEN guess_counters."CountedUntil" <= @now THEN 1 ELSE guess_counters."Failures" + 1 END,
                        "BlockedUntil" = CASE WHEN guess_counters."CountedUntil" <= @now THEN NULL ELSE guess_counters."BlockedUntil" END,
                        "CountedUntil" = CASE WHEN guess_counters."CountedUntil" > @counted THEN guess_counters."CountedUntil" ELSE @counted END
                    RETURNING "Failures"
                    """, cancellationToken, ("purpose", purpose), ("key", key), ("counted", now + policy.Window), ("now", now)), CultureInfo.InvariantCulture);
                if (policy.WaitAfter(failures, policy.FreeFailuresFor(key)) is not { } wait)
                {
                    continue;
                }

                var until = now + wait;
                (string, object?)[] block = [("purpose", purpose), ("key", key), ("until", until), ("counted", until + policy.Window), ("now", now)];

                // A block starts only where none is running, so concurrent wrong guesses start it (and audit it) once;
                // the others may only lengthen it.
                if (await ExecuteAsync(connection,
                        """
                        UPDATE guess_counters SET "BlockedUntil" = @until, "CountedUntil" = @counted
                        WHERE "Purpose" = @purpose AND "Key" = @key AND ("BlockedUntil" IS NULL OR "BlockedUntil" <= @now)
                        """, cancellationToken, block) == 1)
                {
                    started.Add(GuessBlock.Start(purpose, key, failures, now, until));
                }
                else
                {
                    await ExecuteAsync(connection,
                        """
                        UPDATE guess_counters SET "BlockedUntil" = @until, "CountedUntil" = @counted
                        WHERE "Purpose" = @purpose AND "Key" = @key AND "BlockedUntil" < @until
                        """, cancellationToken, block);
                }

                longest = longest is { } l && l >= wait ? l : wait;
            }
        }
        finally
        {
            gate?.Release();
        }

        if (started.Count > 0)
        {
            await AuditAsync(started, cancellationToken);
        }

        return longest;
    }

    /// <summary>
    /// Clears the counts of <paramref name="keys"/> after a right guess (a running wait is never cleared). Give only keys whose
    /// owner cannot repeat the success at will: clearing a target's count, or a person's where they know a right answer
    /// already (their own tracking code), would reset the count between guesses.
    /// </summary>
    public Task SucceededAsync(string purpose, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        ClearAsync(purpose, keys, lift: false, cancellationToken);

    /// <summary>
    /// Clears the counts of <paramref name="keys"/> and ends their running waits: for proof stronger than a guess (a right
    /// password with a right second-factor code) and for an administrator's unlock, which is audited where it is made.
    /// </summary>
    public Task LiftAsync(string purpose, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        ClearAsync(purpose, keys, lift: true, cancellationToken);

    private async Task ClearAsync(string purpose, IReadOnlyList<string> keys, bool lift, CancellationToken cancellationToken)
    {
        policies.For(purpose);
        string[] list = [.. keys.Distinct(StringComparer.Ordinal)];
        var now = Now;
        if (!await db.Set<GuessCounter>().AnyAsync(c => c.Purpose == purpose && list.Contains(c.Key), cancellationToken))
        {
            return;
        }

        OutsideTransaction();
        var gate = database.WriteGate();
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            foreach (var key in list)
            {
                await ExecuteAsync(connection,
                    """DELETE FROM guess_counters WHERE "Purpose" = @purpose AND "Key" = @key AND (@lift OR "BlockedUntil" IS NULL OR "BlockedUntil" <= @now)""",
                    cancellationToken, ("purpose", purpose), ("key", key), ("now", now), ("lift", lift));
            }
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>The refusal while a wait runs: 429 with Retry-After on the API, the message beside <paramref name="field"/> on a page.</summary>
    public AppError Refusal(string field, TimeSpan wait)
    {
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return AppError.TooManyAttempts(field, minutes <= 1 ? localizer["Guess.TooManyAttemptsOneMinute"] : localizer["Guess.TooManyAttempts", minutes], wait);
    }

    /// <summary>
    /// The counters are written on a connection of their own and, on SQLite, behind the one write gate: inside the caller's
    /// transaction (which holds the gate) that would wait for itself. Callers ask before their transaction and report after it.
    /// </summary>
    private void OutsideTransaction()
    {
        if (db.ServicesStarted && db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("GuessThrottle counts on a connection of its own: call it before or after the caller's transaction, not inside it.");
        }
    }

    /// <summary>A fresh scope, so that nothing the caller has changed but not saved is saved with the block.</summary>
    private async Task AuditAsync(List<GuessBlock> blocks, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().CopyFrom(user);
        var fresh = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        fresh.AddRange(blocks);
        await fresh.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> ExecuteAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = database.Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = database.Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

internal static class GuessThrottleModule
{
    /// <summary>The policies are read once, at start-up, so that a wrong setting stops the app with a clear message.</summary>
    public static void AddGuessThrottle(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new GuessPolicies(builder.Configuration));
        builder.Services.AddScoped<GuessThrottle>();
    }
}
