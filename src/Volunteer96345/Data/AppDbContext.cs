using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Files;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Data;

/// <summary>
/// The one DbContext. Two derived types (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>)
/// exist only so that each provider keeps its own migrations; see docs/decisions/0002.
/// </summary>
internal abstract class AppDbContext(DbContextOptions options, CurrentUser currentUser, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Whether this context has started its services (any query, save, or use of <see cref="DbContext.Database"/> does).
    /// Until then it has no connection and no transaction, which code that writes with plain ADO.NET may rely on without
    /// paying for the start-up itself.
    /// </summary>
    internal bool ServicesStarted { get; private set; }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<StaffStation> StaffStations => Set<StaffStation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Reveal> Reveals => Set<Reveal>();
    public DbSet<DataExport> DataExports => Set<DataExport>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    internal CurrentUser CurrentUser => currentUser;

    internal TimeProvider Clock => clock;

    // Read by the query filters below at query time: EF swaps in the executing context instance.
    private bool SeesAllStations => currentUser.SeesAllStations;

    private IReadOnlyList<Guid> VisibleStationIds => currentUser.StationIds;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // The station scope, in one place: every station, and every station-owned row, is filtered by the caller's stations.
        builder.Entity<AuditEntry>().HasQueryFilter(a =>
            SeesAllStations || (a.StationId != null && VisibleStationIds.Contains(a.StationId.Value)));
        foreach (var type in builder.Model.GetEntityTypes().Where(t => t.BaseType is null).ToList())
        {
            var method = typeof(IStationRecord).IsAssignableFrom(type.ClrType) ? ApplyStationScopeMethod
                : typeof(IStationScoped).IsAssignableFrom(type.ClrType) ? ApplyScopeMethod
                : null;
            method?.MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
    }

    private static readonly System.Reflection.MethodInfo ApplyScopeMethod =
        typeof(AppDbContext).GetMethod(nameof(ApplyScope), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private static readonly System.Reflection.MethodInfo ApplyStationScopeMethod =
        typeof(AppDbContext).GetMethod(nameof(ApplyStationScope), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private void ApplyScope<T>(ModelBuilder builder)
        where T : class, IStationScoped =>
        builder.Entity<T>().HasQueryFilter(e => SeesAllStations || VisibleStationIds.Contains(e.StationId));

    private void ApplyStationScope<T>(ModelBuilder builder)
        where T : class, IStationRecord =>
        builder.Entity<T>().HasQueryFilter(s => SeesAllStations || VisibleStationIds.Contains(s.Id));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored in UTC; SQLite forgets DateTime.Kind, so mark it again on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    // EF Core calls this while it starts the context's services, before any connection or transaction can exist.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => ServicesStarted = true;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        var observers = BeforeSave(autoDetect);
        try
        {
            if (Database.CurrentTransaction is not null)
            {
                AuditTrail.Append(this);
                return base.SaveChanges(acceptAllChangesOnSuccess);
            }

            var gate = WriteGate();
            gate?.Wait();
            try
            {
                using var transaction = Database.BeginTransaction();
                AuditTrail.Append(this);
                var count = base.SaveChanges(acceptAllChangesOnSuccess);
                transaction.Commit();
                Committed(observers);
                return count;
            }
            finally
            {
                gate?.Release();
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        var observers = BeforeSave(autoDetect);
        try
        {
            if (Database.CurrentTransaction is not null)
            {
                await ParticipateAsync(cancellationToken);
                await AuditTrail.AppendAsync(this, cancellationToken);
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            var gate = WriteGate();
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken);
            }

            try
            {
                await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
                await ParticipateAsync(cancellationToken);
                await AuditTrail.AppendAsync(this, cancellationToken);
                var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Committed(observers);
                return count;
            }
            finally
            {
                gate?.Release();
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Opens a transaction for work that must commit together: a stock decrement and its postings, an attendance and the
    /// points it earns, a claim's status. Saves and ledger postings (Points' PointsBank joins the context's transaction)
    /// made before <see cref="WriteTransaction.CommitAsync"/> commit with it; disposing without committing rolls all of it
    /// back. On SQLite it also queues for this process's single writer (docs/decisions/0011). Inside an already open
    /// transaction it returns a handle that neither commits nor rolls back.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return new WriteTransaction(null, null);
        }

        var gate = WriteGate();
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    /// <summary>
    /// Saves a change that only adds rows through the <see cref="GroupCommit"/>: the same checks and audit as
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/>, committed together with other callers' additions. Inside a
    /// caller's transaction, or when anything else changed, it is an ordinary save.
    /// </summary>
    internal async Task SaveAddedAsync(GroupCommit? commit, CancellationToken cancellationToken)
    {
        if (commit is null || Database.CurrentTransaction is not null)
        {
            await SaveChangesAsync(cancellationToken);
            return;
        }

        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        var observers = BeforeSave(autoDetect);
        try
        {
            var changed = ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
            if (changed.Count == 0)
            {
                return;
            }

            if (changed.Any(e => e.State != EntityState.Added))
            {
                ChangeTracker.AutoDetectChangesEnabled = autoDetect;
                await SaveChangesAsync(cancellationToken);
                return;
            }

            await commit.SaveAsync(this, changed, AuditTrail.Collect(this));
            ChangeTracker.AcceptAllChanges();
            Committed(observers);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Detects changes once: the scope guard, the save observers, the audit and EF's own save would each scan every
    /// tracked entity again. Automatic detection is off until the save ends, then back to what the caller had. Returns the
    /// observers to tell once the save has committed.
    /// </summary>
    private List<ISaveObserver>? BeforeSave(bool autoDetect)
    {
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            StationScopeGuard.Check(this);
            List<ISaveObserver>? waiting = null;
            foreach (var observer in SaveObservers)
            {
                if (observer.BeforeSave(ChangeTracker))
                {
                    (waiting ??= []).Add(observer);
                }
            }

            return waiting;
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            throw;
        }
    }

    /// <summary>On SQLite, this process's writers queue for the one write lock here rather than in SQLite's busy handler (docs/decisions/0011).</summary>
    private SemaphoreSlim? WriteGate() =>
        Database.IsSqlite() && Database.GetConnectionString() is { } connectionString ? SqliteWriteGate.For(connectionString) : null;

    /// <summary>The modules' save observers.</summary>
    private ISaveObserver[] SaveObservers => _saveObservers ??= FromApp<ISaveObserver>();

    private ISaveObserver[]? _saveObservers;

    /// <summary>The modules' save participants (<see cref="ISaveParticipant"/>), in the save's transaction.</summary>
    private async Task ParticipateAsync(CancellationToken cancellationToken)
    {
        foreach (var participant in SaveParticipants)
        {
            await participant.BeforeWriteAsync(this, cancellationToken);
        }
    }

    private ISaveParticipant[] SaveParticipants => _saveParticipants ??= FromApp<ISaveParticipant>();

    private ISaveParticipant[]? _saveParticipants;

    /// <summary>The app container's singletons of a kind (none for a context made without one, as by the design-time tools).</summary>
    private T[] FromApp<T>() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(IEnumerable<T>))
            is IEnumerable<T> all ? [.. all] : [];

    /// <summary>
    /// A save in its own transaction has committed. A save inside a caller's transaction is not announced: the periodic
    /// refresh of live pages picks it up.
    /// </summary>
    private static void Committed(List<ISaveObserver>? observers)
    {
        foreach (var observer in observers ?? [])
        {
            observer.Committed();
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

internal sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, CurrentUser currentUser, TimeProvider clock)
    : AppDbContext(options, currentUser, clock);

internal sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, CurrentUser currentUser, TimeProvider clock)
    : AppDbContext(options, currentUser, clock);
