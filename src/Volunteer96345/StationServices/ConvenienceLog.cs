using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Auth;

namespace Volunteer96345.StationServices;

/// <summary>What an outpost's volunteer did for a passer-by: the one-tap kinds, and storing an item.</summary>
public enum ConvenienceKind
{
    Directions,
    Rest,
    Charging,
    FirstAid,
    Other,
    ItemStorage,
}

public enum StoredItemStatus
{
    Stored,
    Claimed,
    LostAndFound,
}

/// <summary>
/// One entry of an outpost's convenience log (便民服务台账). It counts for the outpost and the volunteer on duty, in the
/// reports and as ConvenienceService points; the points posting carries the entry's id as its key.
/// </summary>
internal sealed class ConvenienceEntry : IStationScoped
{
    private ConvenienceEntry()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public ConvenienceKind Kind { get; private set; }
    public Guid VolunteerId { get; private set; }
    public DateTime At { get; private set; }
    public string? Note { get; private set; }
    public Guid? StoredItemId { get; private set; }

    public string PointsKey => $"convenience:{Id:N}";

    public static ConvenienceEntry Record(Guid stationId, ConvenienceKind kind, Guid volunteerId, string? note, DateTime now, Guid? storedItemId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        StationId = stationId,
        Kind = kind,
        VolunteerId = volunteerId,
        At = now,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        StoredItemId = storedItemId,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<ConvenienceEntry>
    {
        public void Configure(EntityTypeBuilder<ConvenienceEntry> builder)
        {
            builder.ToTable("convenience_entries");
            builder.Property(e => e.Note).HasMaxLength(200);
            builder.HasIndex(e => new { e.StationId, e.At });
            builder.HasIndex(e => new { e.VolunteerId, e.At });
            builder.Ignore(e => e.PointsKey);
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(e => e.StationId).OnDelete(DeleteBehavior.Restrict);
            builder.HasOne<People.Volunteer>().WithMany().HasForeignKey(e => e.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

/// <summary>
/// An item left at an outpost (物品寄存). The claim code is handed to the owner once, as digits and a QR code; only its
/// keyed hash is stored, so the log cannot be read back into codes. Claiming is a status change guarded by
/// <see cref="Version"/>: of two claims at once exactly one commits, the other finds it claimed.
/// </summary>
internal sealed class StoredItem : IStationScoped
{
    private StoredItem()
    {
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string Description { get; private set; } = "";
    public Guid? PhotoId { get; private set; }
    public string OwnerPhoneCipher { get; private set; } = "";
    public string OwnerPhoneHash { get; private set; } = "";
    public string OwnerPhoneMasked { get; private set; } = "";
    public string ClaimCodeHash { get; private set; } = "";
    public StoredItemStatus Status { get; private set; }
    public DateTime DepositedAt { get; private set; }
    public Guid DepositedBy { get; private set; }

    /// <summary>The outpost's closing time on the day of deposit: not collected by then raises an alert.</summary>
    public DateTime CollectBy { get; private set; }

    /// <summary>When the item goes to lost-and-found handling if still not collected.</summary>
    public DateTime LostAfter { get; private set; }
    public DateTime? ClaimedAt { get; private set; }
    public Guid? ClaimedBy { get; private set; }
    public DateTime? AlertedAt { get; private set; }
    public DateTime? LostAt { get; private set; }
    public int Version { get; private set; }

    public static StoredItem Deposit(Guid stationId, string description, Guid? photoId, (string Cipher, string Hash, string Masked) phone, string claimCodeHash,
        Guid volunteerId, DateTime now, DateTime collectBy, DateTime lostAfter) => new()
        {
            Id = Guid.CreateVersion7(),
            StationId = stationId,
            Description = description.Trim(),
            PhotoId = photoId,
            OwnerPhoneCipher = phone.Cipher,
            OwnerPhoneHash = phone.Hash,
            OwnerPhoneMasked = phone.Masked,
            ClaimCodeHash = claimCodeHash,
            Status = StoredItemStatus.Stored,
            DepositedAt = now,
            DepositedBy = volunteerId,
            CollectBy = collectBy,
            LostAfter = lostAfter,
        };

    public bool Claim(Guid volunteerId, DateTime now)
    {
        if (Status != StoredItemStatus.Stored && Status != StoredItemStatus.LostAndFound)
        {
            return false;
        }

        Status = StoredItemStatus.Claimed;
        ClaimedAt = now;
        ClaimedBy = volunteerId;
        Version++;
        return true;
    }

    public bool NoteNotCollected(DateTime now)
    {
        if (Status != StoredItemStatus.Stored || AlertedAt is not null)
        {
            return false;
        }

        AlertedAt = now;
        Version++;
        return true;
    }

    public bool ToLostAndFound(DateTime now)
    {
        if (Status != StoredItemStatus.Stored)
        {
            return false;
        }

        Status = StoredItemStatus.LostAndFound;
        LostAt = now;
        Version++;
        return true;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<StoredItem>
    {
        public void Configure(EntityTypeBuilder<StoredItem> builder)
        {
            builder.ToTable("stored_items");
            builder.Property(i => i.Description).HasMaxLength(200);
            builder.Property(i => i.OwnerPhoneHash).HasMaxLength(64);
            builder.Property(i => i.OwnerPhoneMasked).HasMaxLength(20);
            builder.Property(i => i.ClaimCodeHash).HasMaxLength(64);
            builder.Property(i => i.Version).IsConcurrencyToken();
            builder.HasIndex(i => new { i.StationId, i.Status });
            builder.HasIndex(i => new { i.Status, i.CollectBy });
            builder.HasOne<Network.Station>().WithMany().HasForeignKey(i => i.StationId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

/// <summary>
/// An outpost's opening hours read from the station's free text ("每日 7:00-21:00", "周一至周五 8:30-17:00",
/// "工作日 9:00-17:00"): the first time range, every day unless the text limits it to weekdays. Null when the text gives
/// no time range; then only the roster says whether the outpost is staffed.
/// </summary>
internal sealed partial record OpeningHours(TimeOnly Opens, TimeOnly Closes, bool WeekdaysOnly)
{
    public static OpeningHours? Parse(string? text)
    {
        if (text is null || TimeRange().Match(text) is not { Success: true } m)
        {
            return null;
        }

        var opens = new TimeOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var closes = new TimeOnly(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
        return new OpeningHours(opens, closes, text.Contains("周一至周五", StringComparison.Ordinal) || text.Contains("工作日", StringComparison.Ordinal));
    }

    public bool IsOpenOn(DateOnly day) => !WeekdaysOnly || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public bool IsOpenAt(DateTime local) => IsOpenOn(DateOnly.FromDateTime(local)) && TimeOnly.FromDateTime(local) is var t && t >= Opens && t < Closes;

    /// <summary>
    /// The first closing time after this local moment: today's while the outpost has not closed yet, else that of the
    /// next day it opens (an item left at night is due by the next evening, not by midnight).
    /// </summary>
    public DateTime NextClosing(DateTime local)
    {
        var day = DateOnly.FromDateTime(local);
        if (!IsOpenOn(day) || TimeOnly.FromDateTime(local) >= Closes)
        {
            do
            {
                day = day.AddDays(1);
            }
            while (!IsOpenOn(day));
        }

        return day.ToDateTime(Closes);
    }

    [GeneratedRegex(@"(\d{1,2})[:：](\d{2})\s*[-–—~至到]\s*(\d{1,2})[:：](\d{2})")]
    private static partial Regex TimeRange();
}
