using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Volunteer96345.Points.Deductions;

/// <summary>
/// 扣分项目: a reason the town takes points back from a member (a no-show at an activity he signed up for, a misused
/// privilege), with the points it costs. Other modules name an item by its code. An item is retired, never deleted, so
/// that the deductions posted under it keep their meaning; changing its points never rewrites a past posting.
/// </summary>
internal sealed partial class DeductionItem
{
    public const int CodeLength = 40;
    public const int NameLength = 100;
    public const int MaxPoints = 100_000;

    /// <summary>The item the activities module posts for a member who signed up and did not come (报名未到).</summary>
    public const string NoShow = "NoShow";

    private DeductionItem()
    {
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public int Points { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static DeductionItem Create(string code, string nameZh, string nameEn, int points, DateTime now)
    {
        var item = new DeductionItem { Id = Guid.CreateVersion7(), Code = code.Trim(), IsActive = true, CreatedAt = now };
        item.Revise(nameZh, nameEn, points);
        return item;
    }

    public void Revise(string nameZh, string nameEn, int points)
    {
        NameZh = nameZh.Trim();
        NameEn = nameEn.Trim();
        Points = points;
    }

    public void Retire() => IsActive = false;

    public void Restore() => IsActive = true;

    /// <summary>The name in the reader's language: Chinese unless the UI culture is English.</summary>
    public string Name(System.Globalization.CultureInfo culture) => NameIn(culture, NameZh, NameEn);

    public static string NameIn(System.Globalization.CultureInfo culture, string zh, string en) =>
        culture.TwoLetterISOLanguageName == "en" && en.Length > 0 ? en : zh;

    /// <summary>Letters, digits, '-' and '_', starting with a letter: a code other modules can write in their source.</summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code.Trim());

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex CodePattern();

    internal sealed class Configuration : IEntityTypeConfiguration<DeductionItem>
    {
        public void Configure(EntityTypeBuilder<DeductionItem> builder)
        {
            builder.ToTable("deduction_items", t => t.HasCheckConstraint("ck_deduction_items_points", "\"Points\" > 0"));
            builder.Property(i => i.Code).HasMaxLength(CodeLength);
            builder.Property(i => i.NameZh).HasMaxLength(NameLength);
            builder.Property(i => i.NameEn).HasMaxLength(NameLength);
            builder.HasIndex(i => i.Code).IsUnique();

            // The no-show item exists in every installation: the activities module posts it by its code.
            builder.HasData(new
            {
                Id = new Guid("0193a5c0-0000-7000-8000-00000000d001"),
                Code = NoShow,
                NameZh = "报名未到",
                NameEn = "Signed up, did not come",
                Points = 5,
                IsActive = true,
                CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
        }
    }
}
