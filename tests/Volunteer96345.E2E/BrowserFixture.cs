using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// Three journeys at once on two cores: a journey spends about a third of its time waiting (for the browser, the
// circuit, a debounce), so a third one fills the cores that two leave idle (docs/benchmarks.md, issue 14).
[assembly: Xunit.v3.Parallelization(MaxThreads = 3)]

namespace Volunteer96345.E2E;

/// <summary>
/// The app on a real Kestrel port with a seeded SQLite file of its own (a copy of the run's <see cref="SeededTemplate"/>),
/// and Debian's Chromium driven by Playwright. Playwright never downloads a browser here: it is pointed at the machine's
/// chromium.
/// </summary>
public class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>PBKDF2 rounds of the journeys' password hashes (the app keeps Identity's 100,000; see the integration suite's AppFixture).</summary>
    internal const int PasswordIterations = 1_000;

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"v96345-e2e-{Guid.NewGuid():N}.db");

    /// <summary>
    /// One Chromium for the whole run (a launch costs a second of CPU, and every journey opens browser contexts of its
    /// own anyway); each fixture closes the contexts it opened.
    /// </summary>
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(async () =>
    {
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    });

    /// <summary>
    /// Debian's headless shell (package chromium-headless-shell: the same Blink and V8 without the browser's windowing and
    /// UI layers, which Playwright also uses for headless runs) when it is installed, else the full chromium.
    /// </summary>
    private static string ChromiumPath() =>
        File.Exists("/usr/lib/chromium/chromium-headless-shell") ? "/usr/lib/chromium/chromium-headless-shell"
        : File.Exists("/usr/lib/chromium/chromium") ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium";

    private static readonly SemaphoreSlim Starting = new(1, 1);

    private readonly System.Collections.Concurrent.ConcurrentBag<IBrowserContext> _contexts = [];
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDir { get; } =
        Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        File.Copy(await SeededTemplate.Value, _database);

        // Assertions have their own clock (5 s by default); a loaded two-core CI machine needs more.
        Assertions.SetDefaultExpectTimeout(15_000);
        // WebApplicationFactory finds the host Program builds by listening to the process's hosting events: two fixtures
        // starting at the same moment (both waited for the template) could each catch the other's host ("Addresses cannot
        // be modified after the server has started"). They start one at a time.
        await Starting.WaitAsync();
        try
        {
            UseKestrel(0);
            StartServer();
        }
        finally
        {
            Starting.Release();
        }

        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        // The town's public address is this server's: QR codes and links that leave the app must open in the browser.
        Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["App:PublicBaseUrl"] = BaseUrl;
        _browser = await SharedBrowser.Value;
    }

    /// <summary>A browser of its own (cookies, storage, cache), closed with the fixture.</summary>
    public async Task<IBrowserContext> NewContext(BrowserNewContextOptions options)
    {
        var context = await _browser!.NewContextAsync(options);
        _contexts.Add(context);
        return context;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Common(builder, _database);
        Configure(builder);
    }

    /// <summary>What every journey's app and the template's have in common.</summary>
    private static void Common(IWebHostBuilder builder, string database)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", new SqliteConnectionStringBuilder { DataSource = database }.ToString());
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Year", "false");
        // Every journey comes from 127.0.0.1; the limits themselves are tested in the integration suite.
        foreach (var purpose in new[] { "Read", "Submit", "Guess", "ApiSubmit" })
        {
            builder.UseSetting($"RateLimits:{purpose}:PermitLimit", "1000000");
        }

        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations));
    }

    /// <summary>
    /// The run's seeded database, made once by an app of its own (migrations and the demo seed on the real clock) and
    /// stopped: each journey's app starts from a copy, as a restart. A plain file without a WAL, so that a copy is a file
    /// copy. Removed when the test process exits.
    /// </summary>
    private static readonly Lazy<Task<string>> SeededTemplate = new(async () =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"v96345-e2e-template-{Guid.NewGuid():N}.db");
        await using (var seeding = new TemplateApp(file))
        {
            _ = seeding.Server;
        }

        var plain = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file }.ToString()))
        {
            SqliteConnection.ClearPool(pooled);
        }

        await using (var connection = new SqliteConnection(plain))
        {
            await connection.OpenAsync();
            await using var journal = connection.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteNonQueryAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm", file + ".lock" })
            {
                File.Delete(path);
            }
        };
        return file;
    });

    private sealed class TemplateApp(string database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => Common(builder, database);
    }

    /// <summary>More settings for the journeys of a derived fixture.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    public Task<IPage> NewPage(string locale = "zh-CN", bool phone = false) => NewPage(locale, phone, storageState: null);

    /// <summary>
    /// A page in a browser of its own that already holds <paramref name="userName"/>'s session: the fixture signs in through
    /// the login page once per account and gives each later page a copy of the cookies. For the tours, whose subject is
    /// the page, not the sign-in (the journeys that sign in sign in).
    /// </summary>
    public async Task<IPage> NewPageAs(string userName, string locale = "zh-CN", bool phone = false)
    {
        var state = await _signedIn.GetOrAdd(userName, name => new Lazy<Task<string>>(async () =>
        {
            var page = await NewPage();
            await page.SignIn(this, name);
            var cookies = await page.Context.StorageStateAsync();
            await page.Context.CloseAsync();
            return cookies;
        })).Value;
        return await NewPage(locale, phone, state);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> _signedIn = new();

    private async Task<IPage> NewPage(string locale, bool phone, string? storageState)
    {
        var context = await NewContext(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1440, Height = 900 },
            IsMobile = phone,
            TimezoneId = "Asia/Shanghai",
            StorageState = storageState,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>What the browser refused under the app's Content-Security-Policy, in any journey of this fixture.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        // Every journey runs under the CSP: anything it refused fails the class, even where the journey's steps passed. The
        // list is also written beside the screenshots (csp-violations-*.txt).
        var violations = CspViolations.ToList();
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        await base.DisposeAsync();
        using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database }.ToString()))
        {
            SqliteConnection.ClearPool(pooled);
        }

        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm", _database + ".lock" })
        {
            File.Delete(file);
        }

        if (violations.Count > 0)
        {
            await File.WriteAllLinesAsync(Path.Combine(ScreenshotDir, $"csp-violations-{Guid.NewGuid():N}.txt"), violations.Distinct());
            throw new InvalidOperationException("Content-Security-Policy violations:" + Environment.NewLine + string.Join(Environment.NewLine, violations.Distinct()));
        }
    }
}
