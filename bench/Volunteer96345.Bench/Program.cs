using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Volunteer96345.Bench;
using Volunteer96345.Common.Auth;
using Volunteer96345.People.Volunteers;

// Usage: dotnet run -c Release --project bench/Volunteer96345.Bench -- [people args | intake … | load … | verify … | fired … | lateness … | due … | drained … | sql … | ranking … | postings …]
internal static class BenchMain
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "intake" or "load" or "verify" or "unfired" or "fired" or "lateness" or "due" or "drained" or "sql" => await IntakeBench.Run(args[0], args[1..]),
        "ranking" => RankingBench.Run(args[1..]),
        "postings" => await PointsBench.Run(args[1..]),
        "intake-stages" => await IntakeStagesBench.Run(args[1..]),
        "people" => await PeopleBench.Run(args[1..]),
        _ => await PeopleBench.Run(args),
    };
}

// People benchmarks (issue 3 bars): importing 10,000 volunteers from Excel, and the p95 of a pinyin-initial search
// over 10,000 volunteers. Each import run gets a fresh seeded SQLite database; figures are medians.
// Usage: dotnet run -c Release --project bench/Volunteer96345.Bench -- [runs=5] [rows=10000]
internal static class PeopleBench
{
    public static async Task<int> Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VOLUNTEER96345", App.ContentRoot());
        var sheet = Sheet.Make(rows);
        Console.WriteLine($"sheet: {rows} rows, {sheet.Length / 1024} KiB");

        var importMs = new List<long>();
        var searchP95 = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await using var app = new App();
            await using (var scope = app.Scope())
            {
                var watch = Stopwatch.StartNew();
                var result = await scope.ServiceProvider.GetRequiredService<ImportVolunteersHandler>().Import(new MemoryStream(sheet), null, CancellationToken.None);
                watch.Stop();
                if (!result.IsOk || !result.Value.Succeeded || result.Value.Imported != rows)
                {
                    Console.WriteLine("import failed: " + (result.Error?.Message ?? string.Join("; ", result.Value.Errors.Take(5))));
                    return 1;
                }

                importMs.Add(watch.ElapsedMilliseconds);
            }

            // Pinyin-initial searches of one to three letters, the way a dispatcher types, over the 10,000 + demo volunteers.
            var terms = new[] { "z", "zs", "wj", "l", "cx", "hm", "zjg", "xh", "y", "sl" };
            var times = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                await using var scope = app.Scope();
                var handler = scope.ServiceProvider.GetRequiredService<SearchVolunteersHandler>();
                var watch = Stopwatch.StartNew();
                var page = await handler.Search(new VolunteerFilter { Search = terms[i % terms.Length] }, CancellationToken.None);
                watch.Stop();
                if (i >= 20)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                if (page.Items.Count == 0 && terms[i % terms.Length].Length == 1)
                {
                    Console.WriteLine("search found nothing for " + terms[i % terms.Length]);
                    return 1;
                }
            }

            times.Sort();
            searchP95.Add(times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
            Console.WriteLine($"run {run}: import {importMs[^1]} ms, pinyin search p95 {searchP95[^1]:0.0} ms (median {times[times.Count / 2]:0.0} ms)");
        }

        importMs.Sort();
        searchP95.Sort();
        Console.WriteLine($"median import of {rows} rows: {importMs[importMs.Count / 2]} ms over {runs} runs");
        Console.WriteLine($"median pinyin search p95: {searchP95[searchP95.Count / 2]:0.0} ms over {runs} runs (180 searches each)");
        return 0;
    }
}

internal sealed class App(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"v96345-bench-{Guid.NewGuid():N}.db");

    /// <summary>A bench is not a test project, so WebApplicationFactory is told where the app's content root is.</summary>
    public static string ContentRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "src", "Volunteer96345")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        }

        return Path.Combine(root, "src", "Volunteer96345");
    }

    public AsyncServiceScope Scope()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return scope;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Default", new SqliteConnectionStringBuilder { DataSource = _file }.ToString());
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
    }
}

internal static class Sheet
{
    private const string Surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
    private const string Given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";

    public static byte[] Make(int rows)
    {
        var random = new Random(10_000);
        var villages = DemoVillages();
        var list = new List<Dictionary<string, object?>>(rows);
        for (var i = 0; i < rows; i++)
        {
            var village = villages[i % villages.Length];
            var born = new DateOnly(1950, 1, 1).AddDays(i % 18_000);
            list.Add(new Dictionary<string, object?>
            {
                ["姓名"] = $"{Surnames[random.Next(Surnames.Length)]}{Given[random.Next(Given.Length)]}{Given[random.Next(Given.Length)]}",
                ["身份证号"] = IdNumber(born, i),
                ["手机号码"] = $"15{i:D9}",
                ["政治面貌"] = "群众",
                ["所在党组织"] = "",
                ["招募渠道"] = "群众推荐",
                ["推荐人"] = "",
                ["所属站点"] = $"{village}96345党员志愿服务点",
                ["所属村（社区）"] = village,
                ["地址"] = $"{village}{i % 30 + 1}组",
                ["技能特长"] = i % 3 == 0 ? "驾驶、理发" : "",
                ["监护人"] = "",
                ["监护人手机"] = "",
                ["个人信息授权"] = "是",
            });
        }

        using var stream = new MemoryStream();
        stream.SaveAs(list);
        return stream.ToArray();
    }

    // Birth date and sequence are unique per row; sequences from 500 up stay clear of the demo seed's (below 500).
    private static string IdNumber(DateOnly born, int i)
    {
        var first17 = "330481" + born.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)
                      + (i / 18_000 + 500).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + Volunteer96345.Common.Privacy.ChineseId.CheckCharacter(first17);
    }

    private static string[] DemoVillages() => Volunteer96345.Demo.DemoSeed.Villages;
}
