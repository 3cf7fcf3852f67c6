using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Volunteer96345.Common.Errors;

namespace Volunteer96345.Points;

/// <summary>What a reward is: a thing to take home, a service done for the member, or a privilege granted.</summary>
public enum RewardKind
{
    Goods,
    Service,
    Privilege,
}

/// <summary>
/// What a service point's counter (<see cref="CounterItem"/>) and a merchant in the mall (<see cref="MallListing"/>) both
/// offer for points: a named reward of a kind, its price, and the stock on the shelf. Stock falls only through
/// <see cref="TakeStockAsync"/>, a conditional update inside the transaction that also pays for it, and the table refuses a
/// negative value, so two redemptions can never hand out the same last item. Who owns the reward, how its stock is counted
/// and the words for taking it off sale stay with each side.
/// </summary>
internal abstract class Reward
{
    public const int NameLength = 100;
    public const int DescriptionLength = 300;
    public const int MaxPrice = 1_000_000;
    public const int MaxStock = 100_000;

    protected Reward()
    {
    }

    protected Reward(string name, string? description, RewardKind kind, int price, int stock, DateTime now)
    {
        Id = Guid.CreateVersion7();
        IsActive = true;
        CreatedAt = now;
        Stock = stock;
        Describe(name, description, kind, price);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public RewardKind Kind { get; private set; }
    public int Price { get; private set; }
    public int Stock { get; protected set; }
    public bool IsActive { get; protected set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>What this many cost; the forms keep price and quantity small enough for an int (<see cref="MaxPrice"/>).</summary>
    public int PointsFor(int quantity) => Price * quantity;

    protected void Describe(string name, string? description, RewardKind kind, int price)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Kind = kind;
        Price = price;
    }

    /// <summary>The fields a counter's catalogue entry and a merchant's listing are both checked for, with the same limits.</summary>
    public static Validation Validate(Validation v, string? name, string? description, RewardKind? kind, int? price, int? stock) => v
        .Line("name", name, NameLength)
        .Text("description", description, DescriptionLength, required: false)
        .Defined("kind", kind)
        .Range("price", price, 1, MaxPrice)
        .Range("stock", stock, 0, MaxStock);

    /// <summary>Takes <paramref name="quantity"/> off an active reward's shelf; false when it is withdrawn or too few are left.</summary>
    public static async Task<bool> TakeStockAsync<T>(IQueryable<T> rewards, Guid id, int quantity, CancellationToken cancellationToken)
        where T : Reward =>
        await rewards.Where(r => r.Id == id && r.IsActive && r.Stock >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock - quantity), cancellationToken) > 0;

    /// <summary>Puts back what <see cref="TakeStockAsync"/> took, whether or not the reward is still on sale.</summary>
    public static Task GiveStockBackAsync<T>(IQueryable<T> rewards, Guid id, int quantity, CancellationToken cancellationToken)
        where T : Reward =>
        rewards.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock + quantity), cancellationToken);

    /// <summary>The table's part that both sides share: the lengths, and the CHECK constraints behind the conditional updates.</summary>
    protected static void Configure<T>(EntityTypeBuilder<T> builder, string table)
        where T : Reward
    {
        builder.ToTable(table, t =>
        {
            t.HasCheckConstraint($"ck_{table}_stock", "\"Stock\" >= 0");
            t.HasCheckConstraint($"ck_{table}_price", "\"Price\" > 0");
        });
        builder.Property(r => r.Name).HasMaxLength(NameLength);
        builder.Property(r => r.Description).HasMaxLength(DescriptionLength);
    }
}
