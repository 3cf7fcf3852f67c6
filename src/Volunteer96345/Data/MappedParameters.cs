using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Volunteer96345.Data;

/// <summary>
/// Parameters of plain SQL bound by EF Core's own type mapping for each value's type on the provider in use (on SQLite a
/// Guid as upper-case text and a time as ISO text, on PostgreSQL uuid and timestamptz), so that LINQ queries find what
/// plain SQL wrote. The second way to write beside EF Core's save (docs/architecture.md, Data/); no value is ever formatted
/// by hand.
/// </summary>
internal static class MappedParameters
{
    /// <summary>Adds <c>@name</c> for each pair; null is bound as SQL NULL.</summary>
    public static DbCommand AddMapped(this DbCommand command, IRelationalTypeMappingSource mappings, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
                continue;
            }

            var mapping = mappings.FindMapping(value.GetType())
                          ?? throw new InvalidOperationException($"EF Core has no type mapping for {value.GetType()} (parameter @{name}).");
            command.Parameters.Add(mapping.CreateParameter(command, "@" + name, value, nullable: true));
        }

        return command;
    }
}
