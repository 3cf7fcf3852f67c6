using Volunteer96345.Data;

namespace Volunteer96345.Demo;

/// <summary>The Yanguan demo (Demo:Seed): composed from every module's seed, so it sits above them all and nothing reads it.</summary>
internal static class DemoModule
{
    public static void AddDemo(this WebApplicationBuilder builder) => builder.Services.AddSingleton(new DemoData(services => DemoSeed.RunAsync(services)));
}
