using Volunteer96345.Data;
using Volunteer96345.Demo.Year;

namespace Volunteer96345.Demo;

/// <summary>
/// The Yanguan demo (Demo:Seed): composed from every module's seed, so it sits above them all and nothing reads it. With
/// Demo:Year (default true) the seed of an empty database is followed, once the app answers, by the town's past year
/// played through the real handlers (<see cref="DemoYear"/>).
/// </summary>
internal static class DemoModule
{
    public static void AddDemo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<DemoYear>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoYear>());
        services.AddSingleton<YearPart, OrdersYear>();
        services.AddSingleton<YearPart, ActivitiesYear>();
        services.AddSingleton<YearPart, PointsYear>();
        services.AddSingleton<YearPart, StationServicesYear>();
        services.AddSingleton<YearPart, EvaluationYear>();
        services.AddSingleton<YearPart, PioneerYear>();
        services.AddSingleton(new DemoData(async provider =>
        {
            if (await DemoSeed.RunAsync(provider) && provider.GetRequiredService<IConfiguration>().GetValue("Demo:Year", true))
            {
                var year = provider.GetRequiredService<DemoYear>();
                year.EndUtc = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                year.Pending = true;
            }
        }));
    }
}
