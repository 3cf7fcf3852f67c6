namespace Volunteer96345.Common.Privacy;

/// <summary>How a person's name is shown to someone who must not learn it whole.</summary>
internal static class ChineseName
{
    /// <summary>
    /// To the public (a resident tracking an order, the good-deeds wall): the surname and two stars whatever the length (王小明 → 王**; a team or merchant shows its first character the same way),
    /// 张三 → 张**, so that the length does not narrow the name down either. Null for no name.
    /// </summary>
    public static string? MaskForPublic(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..1] + "**";

    /// <summary>To the holder of a code (an activation slip): 张三 → 张*, 欧阳娜娜 → 欧**娜: enough for the holder to recognise, too little for a finder to use.</summary>
    public static string MaskForHolder(string name) => name.Length switch
    {
        0 => "",
        1 => name,
        2 => name[0] + "*",
        _ => name[0] + new string('*', name.Length - 2) + name[^1],
    };
}
