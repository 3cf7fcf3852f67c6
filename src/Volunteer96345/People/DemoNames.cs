namespace Volunteer96345.People;

/// <summary>
/// Names for the demo's people: a surname drawn from the common surnames of northern Zhejiang (weighted as they are
/// met there), and a given name that fits the person's sex, of one or two characters. Demo data, drawn from a seeded
/// random stream.
/// </summary>
internal static class DemoNames
{
    // Weighted: the first are met most often in Haining.
    private static readonly string[] Surnames =
    [
        "沈", "沈", "沈", "陈", "陈", "陈", "王", "王", "王", "张", "张", "徐", "徐", "周", "周", "朱", "朱", "吴", "吴", "钱", "钱", "陆", "陆",
        "金", "金", "顾", "李", "许", "杨", "黄", "孙", "蒋", "姚", "胡", "俞", "施", "马", "潘", "范", "郑", "何", "方", "汤", "褚", "冯", "钟",
    ];

    private static readonly string[] MaleGiven =
    [
        "建国", "建华", "国平", "国强", "志明", "志强", "海峰", "伟", "强", "军", "明", "杰", "斌", "永林", "德荣", "金根", "春明", "晓东",
        "俊杰", "浩然", "子轩", "宇航", "家豪", "文斌", "正华", "建军", "卫东", "洪良", "根宝", "林峰", "勇", "磊", "涛", "刚",
    ];

    private static readonly string[] FemaleGiven =
    [
        "秀英", "秀珍", "美华", "丽娟", "桂英", "玉琴", "红英", "晓燕", "雪芳", "佳怡", "慧敏", "雅琴", "梦婷", "欣怡", "海燕", "春兰",
        "金凤", "芳", "丽", "英", "敏", "静", "婷", "娟", "月琴", "素珍", "彩娥", "菊芬", "燕萍", "琳", "颖", "雯",
    ];

    public static string Person(Random random, Gender gender) =>
        Surnames[random.Next(Surnames.Length)] + (gender == Gender.Female ? FemaleGiven : MaleGiven)[random.Next((gender == Gender.Female ? FemaleGiven : MaleGiven).Length)];
}
