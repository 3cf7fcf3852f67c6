using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;
using Volunteer96345.Demo;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.Tests;

/// <summary>
/// The whole app under WebApplicationFactory on a real database of its own: a SQLite file, or a fresh PostgreSQL
/// database when TEST_DB=Postgres (the test script starts the cluster and sets TEST_PG_CONNECTION). Seeded with the
/// Yanguan demo, on a fake clock.
/// </summary>
public class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// PBKDF2 rounds of the tests' password hashes. The app keeps ASP.NET Core Identity's default (100,000: about 57 ms of
    /// CPU per sign-in here, a fifth of the suite's CPU); the tests test the same hasher and the same flows with fewer
    /// rounds. The count is stored in each hash, so the template's demo accounts carry it too.
    /// </summary>
    internal const int PasswordIterations = 1_000;

    private readonly string _provider = Environment.GetEnvironmentVariable("TEST_DB") ?? DatabaseModule.Sqlite;

    /// <summary>
    /// This fixture's audit anchors, apart from every other fixture's: the copies of the run's template share its database
    /// id, so anchors written for one copy (a backup, a restore) would be held against another copy's chain.
    /// </summary>
    private readonly string _anchors = Path.Combine(Path.GetTempPath(), $"v96345-anchors-{Guid.NewGuid():N}");
    private string _connectionString = "";
    private string? _sqliteFile;
    private string? _pgDatabase;

    public FakeTimeProvider Clock { get; } = new(Start);

    public bool IsPostgres => _provider == DatabaseModule.Postgres;

    internal string Provider => _provider;

    internal string ConnectionString => _connectionString;

    /// <summary>The machine's clock and the live SLA sweeper instead of the fake clock, for the tests of real timing.</summary>
    protected virtual bool RealClock => false;

    /// <summary>Set before first use to start on an empty database without the demo.</summary>
    public bool SeedDemo { get; init; } = true;

    /// <summary>More configuration, as a command line or environment would give it.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Every log line the app wrote at Information or above, EF Core's SQL commands included, for tests of what reaches the logs.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>
    /// Set to migrate and seed a database of this fixture's own (the tests of seeding and start-up) instead of starting
    /// from a copy of the run's template.
    /// </summary>
    public bool FreshDatabase { get; init; }

    /// <summary>
    /// A fixture with the demo seed, the fake clock and no setting that changes what a first start writes starts from a
    /// copy of one database migrated and seeded once per test run (<see cref="SeededTemplate"/>): a file copy on SQLite,
    /// <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL. Its start is then a restart, as the app's usual one.
    /// </summary>
    private bool UsesTemplate => SeedDemo && !FreshDatabase && !RealClock
                                 && !Settings.Keys.Any(k => k.StartsWith("Demo:", StringComparison.Ordinal) || k.StartsWith("Database:", StringComparison.Ordinal)
                                                            || k.StartsWith("Privacy:", StringComparison.Ordinal) || k.StartsWith("Admin:", StringComparison.Ordinal));

    /// <summary>Kept after dispose: the template's own fixture.</summary>
    private bool _keepDatabase;

    public async ValueTask InitializeAsync()
    {
        var template = UsesTemplate ? await SeededTemplate.For(_provider) : null;
        if (IsPostgres)
        {
            var admin = Environment.GetEnvironmentVariable("TEST_PG_CONNECTION")
                        ?? throw new InvalidOperationException("TEST_DB=Postgres needs TEST_PG_CONNECTION (the test script sets it).");
            _pgDatabase = "v96345_" + Guid.NewGuid().ToString("N")[..12];
            await SeededTemplate.CreatePostgres(admin, _pgDatabase, template);
            _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _pgDatabase }.ToString();
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"v96345-test-{Guid.NewGuid():N}.db");
            _connectionString = new SqliteConnectionStringBuilder { DataSource = _sqliteFile }.ToString();
            if (template is not null)
            {
                File.Copy(template, _sqliteFile);
            }
        }

        _ = Server; // start the host: migrations and seed run now, not inside the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", _provider);
        builder.UseSetting("ConnectionStrings:Default", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");
        // The demo's lived-in year is played only by its own tests (Demo/DemoYearTests): the others start from the seed alone.
        builder.UseSetting("Demo:Year", "false");
        builder.UseSetting("Audit:AnchorDirectory", _anchors);

        // Background loops sleep on the fake clock; tests fire the sweeper (TimerSweeper.FireDueAsync) and deliver the
        // outbox (OutboxDispatcher.DrainOnceAsync) themselves, at moments they choose.
        builder.UseSetting("Sla:Enabled", RealClock ? "true" : "false");
        builder.UseSetting("Notifications:Enabled", "false");
        // A live-clock test arranges deadlines a second or two ahead; the jobs begin when the app serves, not 5 s later.
        builder.UseSetting("Background:StartDelaySeconds", "0");
        // Many hosts share the test process: one host's trim would pause the others' requests. StartupTrimTests turn it on.
        builder.UseSetting("Background:TrimAfterStartSeconds", "0");

        // Every request of a test comes from the same (unknown) address, so the rate limits would count the whole class
        // as one resident. RateLimitTests set their own limits and test them.
        foreach (var purpose in new[] { "Read", "Submit", "Guess", "ApiSubmit" })
        {
            builder.UseSetting($"RateLimits:{purpose}:PermitLimit", "1000000");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (!RealClock)
            {
                services.AddSingleton<TimeProvider>(new Volunteer96345.Common.Time.TravelClock(Clock));
            }

            services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations);

            // Its own filter rule: appsettings keeps EF Core at Warning for the console, the capture sees Information.
            services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));
            services.AddLogging(logging => logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Information));
        });
    }

    /// <summary>The origin of the test server, as the app's own pages send it in Origin.</summary>
    public const string Origin = "http://localhost";

    /// <summary>
    /// A client signed in as a demo account (cookies kept between calls). Like the app's own pages in a browser, it sends
    /// the app's Origin, which the API's CSRF check asks of a state-changing call made with the session cookie.
    /// </summary>
    public async Task<HttpClient> ClientFor(string userName, string? culture = null)
    {
        var client = Browser();
        if (culture is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        }

        var response = await client.PostAsJsonAsync("/api/v1/session", new { userName, password = DemoSeed.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A client that keeps its cookies (<see cref="CookieJar"/>), follows no redirect and sends the app's origin, as its pages do.</summary>
    public HttpClient Browser()
    {
        var client = CreateDefaultClient(new Uri(Origin), new CookieJar());
        client.DefaultRequestHeaders.Add("Origin", Origin);
        return client;
    }

    /// <summary>
    /// Runs an operator command (migrate, verify-audit, verify-ledger …) as an operator does: the app's executable with the
    /// command word, on this fixture's database and with its field key (the database's key check refuses any other key).
    /// </summary>
    internal async Task<(int ExitCode, string Output)> RunCommand(string command)
    {
        var configuration = Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var keyFile = Volunteer96345.Common.Privacy.FieldProtector.KeyFilePath(configuration,
            Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().ContentRootPath);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Volunteer96345.dll"), command,
            $"--Database:Provider={(IsPostgres ? "Postgres" : "Sqlite")}", $"--ConnectionStrings:Default={configuration["ConnectionStrings:Default"]}",
            $"--Privacy:KeyFile={keyFile}", $"--Audit:AnchorDirectory={configuration["Audit:AnchorDirectory"]}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    /// <summary>Runs code against the database as the system (no scope), for arranging and asserting.</summary>
    internal async Task<T> Db<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>A DI scope acting as a demo account, the way a page's operation runs.</summary>
    internal async Task<AsyncServiceScope> ScopeFor(string userName)
    {
        var scope = Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AppUser>>();
        var user = await Db(db => db.Users.SingleAsync(u => u.UserName == userName));
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(await factory.CreateAsync(user));
        return scope;
    }

    /// <summary>Runs a use-case handler as a demo account.</summary>
    internal async Task<T> As<THandler, T>(string userName, Func<THandler, Task<T>> work)
        where THandler : notnull
    {
        await using var scope = await ScopeFor(userName);
        return await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    /// <summary>A fingerprint of every row a network request could change: counts, the audit head and the stations' content.</summary>
    internal Task<string> Fingerprint() => Db(async db =>
    {
        var stations = await db.Stations.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id)
            .Select(s => s.Id + s.Name + s.Address + s.Village + s.Latitude + s.Longitude + s.IsActive + s.ParentId + s.Phone + s.OpeningHours)
            .ToListAsync();
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        var team = string.Join(',', teams.Select(t => t.Id + t.Name + t.Kind + t.Description + t.LeaderId
            + string.Join(';', t.Members.Select(m => m.VolunteerId).Order()) + string.Join(';', t.RequiredSkills.Select(s => s.SkillId).Order())));
        var shifts = await db.DutyShifts.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id)
            .Select(s => s.Id.ToString() + s.StationId + s.Date + s.Start + s.End + s.VolunteerId).ToListAsync();
        var sessions = await db.TrainingSessions.IgnoreQueryFilters().AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        var training = string.Join(',', sessions.Select(t => t.Id.ToString() + t.Kind + t.StationId + t.Topic + t.Date + t.Place + t.Trainer + t.Minutes
            + string.Join(';', t.Attendees.Select(a => a.VolunteerId).Order())));
        var merchants = await db.AllianceMembers.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        var merchant = string.Join(',', merchants.Select(m => m.Id + m.Name + m.LicenceNumber + m.ContactName + m.ContactPhone + m.Address + m.Village
            + m.StationId + string.Join(';', m.Services) + m.Discount + m.JoinedOn + m.Status + m.StatusNote + m.AgreementId));
        return string.Join('|',
            string.Join(',', stations).GetHashCode(StringComparison.Ordinal),
            training.GetHashCode(StringComparison.Ordinal),
            sessions.Count,
            sessions.Sum(t => t.Attendees.Count),
            merchant.GetHashCode(StringComparison.Ordinal),
            merchants.Count,
            team.GetHashCode(StringComparison.Ordinal),
            string.Join(',', shifts).GetHashCode(StringComparison.Ordinal),
            teams.Count,
            shifts.Count,
            await db.Stations.IgnoreQueryFilters().CountAsync(),
            await db.Inspections.IgnoreQueryFilters().CountAsync(),
            await db.Attachments.IgnoreQueryFilters().CountAsync(),
            await db.BudgetLines.IgnoreQueryFilters().CountAsync(),
            await db.FundingEntries.IgnoreQueryFilters().CountAsync(),
            await db.StaffStations.CountAsync(),
            await db.Volunteers.IgnoreQueryFilters().CountAsync(),
            await db.Reveals.IgnoreQueryFilters().CountAsync(),
            await db.CareRecipients.IgnoreQueryFilters().CountAsync(),
            await db.Pairings.IgnoreQueryFilters().CountAsync(),
            await db.Pairings.IgnoreQueryFilters().SumAsync(p => p.Visits.Count),
            await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Sequence) ?? 0);
    });

    /// <summary>Destroys the database under the running app, for tests of what happens when it is gone.</summary>
    internal async Task DropDatabase()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_PG_CONNECTION"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            _pgDatabase = null;
        }
        else if (_sqliteFile is not null)
        {
            // An empty directory where the file was: SQLite can neither open nor recreate it. A background service may
            // open the database between the delete and the directory and so make the file again: then delete it again.
            for (var attempt = 0; ; attempt++)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                {
                    File.Delete(file);
                }

                try
                {
                    Directory.CreateDirectory(_sqliteFile);
                    break;
                }
                catch (IOException) when (attempt < 20 && File.Exists(_sqliteFile))
                {
                    await Task.Delay(20);
                }
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync();
        if (Directory.Exists(_anchors))
        {
            Directory.Delete(_anchors, recursive: true);
        }

        if (_sqliteFile is not null)
        {
            // The app's connections are pooled (as in production: a new connection parses the whole schema again).
            using var pooled = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(pooled);
        }

        if (_keepDatabase)
        {
            return;
        }

        if (_sqliteFile is not null)
        {
            if (Directory.Exists(_sqliteFile))
            {
                Directory.Delete(_sqliteFile);
            }

            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm", _sqliteFile + ".lock" })
            {
                File.Delete(file);
            }
        }

        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_PG_CONNECTION"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The run's seeded database, made once per provider by a fixture of its own (migrations, demo seed, fake clock, the
    /// test field key) and stopped, so that the copies start from exactly what a first start writes. Removed when the test
    /// process exits.
    /// </summary>
    private static class SeededTemplate
    {
        private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();
        private static readonly SemaphoreSlim PostgresCreates = new(1, 1);

        /// <summary>The template: a SQLite file, or a PostgreSQL database name.</summary>
        public static Task<string> For(string provider) => Templates.GetOrAdd(provider, _ => new Lazy<Task<string>>(MakeAsync)).Value;

        private static async Task<string> MakeAsync()
        {
            var seeded = new AppFixture { FreshDatabase = true };
            await seeded.InitializeAsync();
            seeded._keepDatabase = true;
            await seeded.DisposeAsync();
            if (seeded.IsPostgres)
            {
                await using (var pooled = new NpgsqlConnection(seeded._connectionString))
                {
                    NpgsqlConnection.ClearPool(pooled);
                }

                var name = seeded._pgDatabase!;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgres(name).GetAwaiter().GetResult();
                return name;
            }

            // One plain file without a WAL: copies are then file copies that take no SQLite lock. (Many fixtures opening
            // one WAL database at once made some wait on its recovery, SQLITE_BUSY_RECOVERY.) Each copy's start switches
            // it back to WAL.
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(seeded._connectionString) { Pooling = false }.ToString()))
            {
                await connection.OpenAsync();
                await using var journal = connection.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode=DELETE;";
                await journal.ExecuteNonQueryAsync();
            }

            var file = seeded._sqliteFile!;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var path in new[] { file, file + "-wal", file + "-shm", file + ".lock" })
                {
                    File.Delete(path);
                }
            };
            return file;
        }

        /// <summary>A new database, empty or (PostgreSQL's own template copy) the template's; one at a time, as PostgreSQL copies a template only while nobody else uses it.</summary>
        public static async Task CreatePostgres(string admin, string database, string? template)
        {
            await PostgresCreates.WaitAsync();
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {database}" : $"CREATE DATABASE {database} TEMPLATE {template}", connection);
                await create.ExecuteNonQueryAsync();
            }
            finally
            {
                PostgresCreates.Release();
            }
        }

        private static async Task DropPostgres(string database)
        {
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_PG_CONNECTION"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    /// <summary>Keeps the message, the structured values and the scopes: a provider such as OTLP exports all three.</summary>
    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"Scope {category} {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {Describe(state)} {exception}");

        private static string? Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))
            : state?.ToString();
    }
}
