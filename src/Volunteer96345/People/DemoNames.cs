namespace Volunteer96345.People;

/// <summary>
/// Names for the demo's people: a surname drawn from the common surnames of Haining and the rest of Jiaxing (沈, 陈,
/// 王 and 张 first, 查 and 许 among the old local families), weighted roughly as they are met there, and a given name
/// that fits the person's sex and, when the birth year is known, their generation (a 金根 or 秀英 born in the 1950s, a
/// 伟 or 丽娟 in the 1970s, a 俊杰 or 婷婷 in the 1990s, a 子轩 or 欣怡 after 2000), of one or two characters. Every given name is a whole, real one
/// (no lone 晓 or 阿). Demo data, drawn from a seeded random stream.
/// </summary>
internal static class DemoNames
{
    // Weights out of about a thousand people of the town; single-character surnames only, so a name's given part is all
    // after the first character.
    private static readonly (string Surname, int Weight)[] Surnames =
    [
        ("沈", 70), ("陈", 62), ("王", 58), ("张", 45), ("徐", 40), ("朱", 34), ("周", 34), ("吴", 30), ("钱", 28), ("陆", 28),
        ("金", 26), ("李", 24), ("顾", 20), ("许", 18), ("杨", 16), ("蒋", 14), ("孙", 14), ("黄", 14), ("刘", 12), ("姚", 12),
        ("胡", 12), ("俞", 11), ("查", 10), ("施", 9), ("马", 9), ("范", 9), ("郑", 9), ("何", 8), ("潘", 8), ("方", 8),
        ("曹", 7), ("冯", 7), ("褚", 6), ("戴", 6), ("邱", 6), ("钟", 5), ("汤", 5), ("屠", 5), ("郁", 5), ("费", 4),
        ("祝", 4), ("卫", 3),
    ];

    private static readonly int TotalWeight = Surnames.Sum(s => s.Weight);

    // Given names by generation: born before 1965, from 1965 to 1984, from 1985 to 1999, from 2000 on.
    private static readonly string[][] MaleGiven =
    [
        ["建国", "国平", "国强", "国华", "金根", "根生", "根宝", "德荣", "永林", "福根", "水根", "金林", "荣根", "林法", "炳荣", "关林",
            "正华", "洪良", "春明", "志明", "建华", "金宝", "福林", "忠", "明"],
        ["建军", "建明", "建平", "卫东", "红军", "伟", "强", "军", "勇", "斌", "磊", "涛", "刚", "杰", "海峰", "晓东", "志强", "文斌",
            "林峰", "建峰", "伟军", "国良", "永明", "海军", "伟明"],
        ["俊杰", "浩", "宇", "鑫", "超", "鹏", "晨", "天宇", "一鸣", "俊宇", "宇航", "家豪", "博文", "思远", "嘉诚", "逸飞", "凯", "昊",
            "佳伟", "俊", "健", "家乐", "晓峰", "成", "文杰"],
        ["浩然", "子轩", "梓豪", "子豪", "宇轩", "皓轩", "明轩", "梓轩", "浩宇", "俊熙", "睿", "子航", "子墨", "奕辰", "铭", "沐阳",
            "宇泽", "博涵", "煜", "嘉树", "文博", "思源", "浩轩", "梓睿", "瑞"],
    ];

    private static readonly string[][] FemaleGiven =
    [
        ["秀英", "秀珍", "桂英", "玉琴", "月琴", "素珍", "彩娥", "菊芬", "金凤", "杏娣", "凤仙", "兰芳", "彩英", "玉英", "梅芳", "月娥",
            "金花", "菊英", "美娟", "宝珍", "荷英", "宝娣", "英", "芬", "凤英"],
        ["美华", "丽娟", "红英", "晓燕", "雪芳", "海燕", "春兰", "燕萍", "丽华", "建芳", "卫红", "红霞", "芳", "丽", "敏", "静", "娟",
            "霞", "萍", "晓红", "丽萍", "雅琴", "慧芬", "伟芳", "燕"],
        ["佳怡", "梦婷", "慧敏", "婷", "琳", "颖", "雯", "佳琪", "思琪", "婷婷", "倩", "洁", "瑶", "晓雯", "梦瑶", "佳慧", "丹丹", "莉",
            "露", "晶晶", "燕飞", "佳丽", "敏洁", "倩倩", "玲玲"],
        ["欣怡", "雨欣", "诗涵", "梓涵", "可欣", "欣悦", "静怡", "雨涵", "嘉怡", "子涵", "梓萱", "一诺", "语嫣", "思彤", "若汐", "梓琪",
            "紫涵", "雨桐", "沐晨", "梦琪", "安琪", "心怡", "思雨", "语桐", "悦"],
    ];

    private static readonly string[] AllMale = [.. MaleGiven.SelectMany(g => g)];
    private static readonly string[] AllFemale = [.. FemaleGiven.SelectMany(g => g)];

    /// <summary>A full name of someone of any age: a weighted surname, then a given name that fits <paramref name="gender"/>.</summary>
    public static string Person(Random random, Gender gender) => Surname(random) + Given(random, gender, null);

    /// <summary>A full name of someone born in <paramref name="birthYear"/>: the given name is one of that generation's.</summary>
    public static string Person(Random random, Gender gender, int birthYear) => Surname(random) + Given(random, gender, birthYear);

    /// <summary>A surname, weighted as the town meets them.</summary>
    public static string Surname(Random random)
    {
        var pick = random.Next(TotalWeight);
        foreach (var (surname, weight) in Surnames)
        {
            if (pick < weight)
            {
                return surname;
            }

            pick -= weight;
        }

        return Surnames[0].Surname;
    }

    /// <summary>A given name that fits <paramref name="gender"/>, of the generation of <paramref name="birthYear"/> when given.</summary>
    public static string Given(Random random, Gender gender, int? birthYear)
    {
        var generations = gender == Gender.Female ? FemaleGiven : MaleGiven;
        var names = birthYear switch
        {
            null => gender == Gender.Female ? AllFemale : AllMale,
            < 1965 => generations[0],
            < 1985 => generations[1],
            < 2000 => generations[2],
            _ => generations[3],
        };
        return names[random.Next(names.Length)];
    }

    /// <summary>Whether <paramref name="given"/> is one of the given names this class gives people of <paramref name="gender"/>.</summary>
    public static bool IsGivenName(string given, Gender gender) => (gender == Gender.Female ? AllFemale : AllMale).Contains(given);

    /// <summary>Whether <paramref name="surname"/> is one of the surnames this class draws.</summary>
    public static bool IsSurname(string surname) => Surnames.Any(s => s.Surname == surname);
}
