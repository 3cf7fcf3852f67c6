using Volunteer96345.Data;
using Volunteer96345.Network;
using Volunteer96345.People;

namespace Volunteer96345.Points;

/// <summary>
/// The demo's redemption side: a counter catalogue at three service points, a few mall listings, and the demo
/// `merchant` account acting for the tea house of the alliance.
/// </summary>
internal static class RedemptionSeed
{
    public const string DemoMerchant = "盐官老街茶馆";

    private static readonly (string Name, RewardKind Kind, int Price, int Stock, string? Description)[] Counter =
    [
        ("大米（5公斤）", RewardKind.Goods, 200, 20, "东北大米一袋"),
        ("洗衣液（2公斤）", RewardKind.Goods, 80, 30, null),
        ("毛巾两条", RewardKind.Goods, 30, 50, null),
        ("上门理发一次", RewardKind.Service, 60, 10, "由结对理发志愿者上门服务"),
        ("家电清洗一次", RewardKind.Service, 150, 5, "空调或油烟机任选一"),
        ("便民服务优先办理", RewardKind.Privilege, 20, 100, "服务点窗口优先办理一次"),
    ];

    private static readonly (string Merchant, string Name, RewardKind Kind, int Price, int Stock, string? Description)[] Listings =
    [
        (DemoMerchant, "龙井茶一壶", RewardKind.Goods, 40, 50, "老街茶馆堂食"),
        (DemoMerchant, "茶点套餐", RewardKind.Goods, 80, 20, "茶水加两样点心"),
        ("城郊阿明理发店", "理发一次", RewardKind.Service, 60, 30, "到店理发"),
        ("海宁市盐官百姓大药房", "血压计校准", RewardKind.Service, 30, 40, null),
        ("桃园便民超市", "食用油（1.8升）", RewardKind.Goods, 120, 15, null),
    ];

    /// <summary>The counter catalogue at the given service points.</summary>
    public static void Counters(AppDbContext db, IEnumerable<Station> points, DateTime now)
    {
        foreach (var station in points)
        {
            db.AddRange(Counter.Select(c => CounterItem.Create(station.Id, c.Name, c.Description, c.Kind, c.Price, c.Stock, now)));
        }
    }

    /// <summary>The mall listings of the alliance members among <paramref name="members"/>; returns the demo merchant's member.</summary>
    public static AllianceMember Mall(AppDbContext db, IEnumerable<AllianceMember> members, DateTime now)
    {
        var merchants = members.ToDictionary(m => m.Name);
        foreach (var l in Listings.Where(l => merchants.ContainsKey(l.Merchant)))
        {
            db.Add(MallListing.Create(merchants[l.Merchant].Id, l.Name, l.Description, l.Kind, l.Price, l.Stock, now));
        }

        return merchants[DemoMerchant];
    }
}
