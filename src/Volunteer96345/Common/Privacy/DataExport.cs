using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;
using Volunteer96345.Data;

namespace Volunteer96345.Common.Privacy;

/// <summary>
/// A record that someone took personal data out of the system in a file: who, when, what kind, how many rows, whether
/// contacts were masked, and the filter. Saving it puts the export into the audit trail like any change. Not station
/// scoped: a town-wide export has no one station, and the audit log of exports is the town's to read.
/// </summary>
internal sealed class DataExport
{
    public const int FilterLength = 1000;

    private DataExport()
    {
    }

    public Guid Id { get; private set; }
    public DateTime At { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public int Rows { get; private set; }
    public bool Masked { get; private set; }
    public string Filter { get; private set; } = "";

    public static DataExport Of(string kind, int rows, bool masked, string filter, Guid? userId, string userName, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        At = now,
        UserId = userId,
        UserName = userName.Length > 256 ? userName[..256] : userName,
        Kind = kind,
        Rows = rows,
        Masked = masked,
        Filter = filter.Length > FilterLength ? filter[..FilterLength] : filter,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<DataExport>
    {
        public void Configure(EntityTypeBuilder<DataExport> builder)
        {
            builder.ToTable("data_exports");
            builder.Property(e => e.UserName).HasMaxLength(256);
            builder.Property(e => e.Kind).HasMaxLength(64);
            builder.Property(e => e.Filter).HasMaxLength(FilterLength);
            builder.HasIndex(e => e.At);
        }
    }
}

/// <summary>The kinds of file that carry personal data out of the system.</summary>
internal static class DataExportKinds
{
    public const string Volunteers = "Volunteers";
    public const string SettlementStatement = "SettlementStatement";
}

/// <summary>
/// The one way an export of personal data is decided and recorded: whether the caller sees contacts in full, and the
/// <see cref="DataExport"/> row (with its audit row) written before the file leaves.
/// </summary>
internal sealed class DataExportLog(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Mobile numbers in full are for the town admin and the station managers, who call their volunteers (a manager's
    /// files hold only their own stations: the query filters see to that); the dispatcher and the inspector get them masked.
    /// </summary>
    public bool SeesContacts => user.IsInAnyRole(Roles.TownAdmin, Roles.StationManager);

    public async Task Record(string kind, int rows, bool masked, object? filter, CancellationToken cancellationToken)
    {
        var text = filter is null ? "" : JsonSerializer.Serialize(filter, filter.GetType(), Json);
        db.DataExports.Add(DataExport.Of(kind, rows, masked, text, user.UserId, user.Name, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
