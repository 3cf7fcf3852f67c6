using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points;

/// <summary>
/// One level of the volunteer privileges (志愿者礼遇), kept by the town admin in the app: reached with
/// <see cref="MinHours"/> hours of service, or with <see cref="MinLifetimePoints"/> points earned over the member's
/// lifetime when the town sets that too (spending never lowers a level).
/// </summary>
internal sealed class Privilege
{
    public const int MaxPerks = 10;
    public const int MaxHours = 100_000;
    public const long MaxPoints = 10_000_000;

    private Privilege()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>A stable name for the level (Star1 … Star5), shown to no one, kept across renames.</summary>
    public string Key { get; private set; } = "";

    public string Name { get; private set; } = "";
    public string? NameEn { get; private set; }
    public decimal MinHours { get; private set; }
    public long? MinLifetimePoints { get; private set; }
    public List<string> Perks { get; private set; } = [];
    public List<string> PerksEn { get; private set; } = [];
    public DateTime UpdatedAt { get; private set; }

    public static Privilege Define(string key, string name, string? nameEn, decimal minHours, long? minLifetimePoints, IEnumerable<string> perks,
        IEnumerable<string> perksEn, DateTime now)
    {
        var level = new Privilege { Id = Guid.CreateVersion7(), Key = key };
        level.Revise(name, nameEn, minHours, minLifetimePoints, perks, perksEn, now);
        return level;
    }

    public void Revise(string name, string? nameEn, decimal minHours, long? minLifetimePoints, IEnumerable<string> perks, IEnumerable<string> perksEn,
        DateTime now)
    {
        Name = name.Trim();
        NameEn = string.IsNullOrWhiteSpace(nameEn) ? null : nameEn.Trim();
        MinHours = minHours;
        MinLifetimePoints = minLifetimePoints;
        Perks = [.. perks.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct()];
        PerksEn = [.. perksEn.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct()];
        UpdatedAt = now;
    }

    public bool ReachedBy(long lifetimePoints, decimal hours) =>
        hours >= MinHours || (MinLifetimePoints is { } points && lifetimePoints >= points);

    internal sealed class Configuration : IEntityTypeConfiguration<Privilege>
    {
        public void Configure(EntityTypeBuilder<Privilege> builder)
        {
            builder.ToTable("privileges");
            builder.Property(p => p.Key).HasMaxLength(20);
            builder.HasIndex(p => p.Key).IsUnique();
            builder.Property(p => p.Name).HasMaxLength(30);
            builder.HasIndex(p => p.Name).IsUnique();
            builder.Property(p => p.NameEn).HasMaxLength(60);
            builder.Property(p => p.MinHours).HasPrecision(9, 1);
            builder.ToTable(t => t.HasCheckConstraint("ck_privileges_thresholds", "\"MinHours\" >= 0 AND (\"MinLifetimePoints\" IS NULL OR \"MinLifetimePoints\" >= 0)"));
        }
    }
}

/// <summary>The national star scale (星级志愿者, by hours of service), with points at the town's 10 points an hour as a second way up.</summary>
internal static class PrivilegeSeed
{
    public static async Task RunAsync(Data.AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Set<Privilege>().AnyAsync(cancellationToken))
        {
            return;
        }

        string[] discount = ["联盟商家凭码享受折扣"], discountEn = ["Discounts at alliance merchants on showing the code"];
        string[] priority = [.. discount, "服务点窗口优先办理"], priorityEn = [.. discountEn, "Priority at service point counters"];
        string[] honour = [.. priority, "年度推优评先优先推荐"], honourEn = [.. priorityEn, "Put forward first in the year-end commendations"];
        db.Set<Privilege>().AddRange(
            Privilege.Define("Star1", "一星志愿者", "One-star volunteer", 100, 1_000, discount, discountEn, now),
            Privilege.Define("Star2", "二星志愿者", "Two-star volunteer", 300, 3_000, discount, discountEn, now),
            Privilege.Define("Star3", "三星志愿者", "Three-star volunteer", 600, 6_000, priority, priorityEn, now),
            Privilege.Define("Star4", "四星志愿者", "Four-star volunteer", 1_000, 10_000, priority, priorityEn, now),
            Privilege.Define("Star5", "五星志愿者", "Five-star volunteer", 1_500, 15_000, honour, honourEn, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
