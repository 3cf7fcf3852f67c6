using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Volunteer96345.E2E;

/// <summary>
/// The app on a real Kestrel port with a fresh seeded SQLite file, and Debian's Chromium driven by Playwright.
/// Playwright never downloads a browser here: it is pointed at the machine's chromium.
/// </summary>
public class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"v96345-e2e-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDir { get; } =
        Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);

        // Assertions have their own clock (5 s by default); a loaded two-core CI machine needs more.
        Assertions.SetDefaultExpectTimeout(15_000);
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        // The town's public address is this server's: QR codes and links that leave the app must open in the browser.
        Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["App:PublicBaseUrl"] = BaseUrl;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/lib/chromium/chromium") ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", new SqliteConnectionStringBuilder { DataSource = _database, Pooling = false }.ToString());
        builder.UseSetting("Demo:Seed", "true");
        // Every journey comes from 127.0.0.1; the limits themselves are tested in the integration suite.
        foreach (var purpose in new[] { "Read", "Submit", "Guess", "ApiSubmit" })
        {
            builder.UseSetting($"RateLimits:{purpose}:PermitLimit", "1000000");
        }

        Configure(builder);
    }

    /// <summary>More settings for the journeys of a derived fixture.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    public async Task<IPage> NewPage(string locale = "zh-CN", bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1440, Height = 900 },
            IsMobile = phone,
            TimezoneId = "Asia/Shanghai",
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
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }

        await base.DisposeAsync();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
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
