using Volunteer96345.People;

namespace Volunteer96345.Demo.Year;

/// <summary>The residents who call in the demo's year: a plausible name and a mobile number of their own (invented).</summary>
internal static class YearPeople
{
    public static (string Name, string Mobile) Resident(Random random)
    {
        var gender = random.Next(2) == 0 ? Gender.Male : Gender.Female;
        ReadOnlySpan<string> prefixes = ["135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "187", "188"];
        return (DemoNames.Person(random, gender), prefixes[random.Next(prefixes.Length)] + random.Next(10_000_000, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
    }
}
