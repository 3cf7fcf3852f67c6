using System.Globalization;
using Volunteer96345.People;
using Volunteer96345.WorkOrders;

namespace Volunteer96345.Demo.Year;

/// <summary>The residents who call in the demo's year: a plausible name and a mobile number of their own (invented), and their answers.</summary>
internal static class YearPeople
{
    public static (string Name, string Mobile) Resident(Random random)
    {
        var gender = random.Next(2) == 0 ? Gender.Male : Gender.Female;
        ReadOnlySpan<string> prefixes = ["135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "187", "188"];
        return (DemoNames.Person(random, gender), prefixes[random.Next(prefixes.Length)] + random.Next(10_000_000, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A caller's answer to a catalogue item's required question, in the form the question asks for.</summary>
    public static string Answer(ServiceQuestion question, DateTime at, Random random) => question.Datatype switch
    {
        AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList => question.Values[random.Next(question.Values.Count)].Key,
        AttributeDatatype.Number => (1 + random.Next(3)).ToString(CultureInfo.InvariantCulture),
        AttributeDatatype.Datetime => new DateTimeOffset(at.AddHours(2 + random.Next(20)), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
        _ => "按来电所述",
    };
}
