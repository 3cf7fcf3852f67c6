namespace Volunteer96345.Data;

/// <summary>
/// What a new town's database starts with besides its first admin (the service catalogue, the earning rules, the errand
/// types). Each module registers its own with <see cref="StartingDataRegistration.AddStartingData"/>; database preparation
/// adds them all, in registration order, and saves once.
/// </summary>
internal sealed record StartingData(Func<AppDbContext, DateTime, CancellationToken, Task> AddAsync);

internal static class StartingDataRegistration
{
    public static void AddStartingData(this IServiceCollection services, Func<AppDbContext, DateTime, CancellationToken, Task> addAsync) =>
        services.AddSingleton(new StartingData(addAsync));
}

/// <summary>The demo town that Demo:Seed puts into an empty database; registered by the Demo composition (Data names no module).</summary>
internal sealed record DemoData(Func<IServiceProvider, Task> SeedAsync);
