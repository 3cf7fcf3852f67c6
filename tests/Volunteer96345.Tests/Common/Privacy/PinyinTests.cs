using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Tests.Common.Privacy;

public sealed class PinyinTests
{
    [Theory]
    [InlineData("张三", "zs")]
    [InlineData("王建国", "wjg")]
    [InlineData("欧阳晓峰", "oyxf")]
    [InlineData("诸葛亮", "zgl")]
    public void A_name_gives_the_initials_of_its_syllables(string name, string initials) =>
        Assert.Equal(initials, Pinyin.Initials(name));

    [Theory]
    [InlineData('李', 'l')]
    [InlineData('赵', 'z')]
    [InlineData('钱', 'q')]
    [InlineData('孙', 's')]
    [InlineData('周', 'z')]
    [InlineData('吴', 'w')]
    [InlineData('郑', 'z')]
    [InlineData('陈', 'c')]
    [InlineData('刘', 'l')]
    [InlineData('黄', 'h')]
    [InlineData('杨', 'y')]
    [InlineData('徐', 'x')]
    [InlineData('朱', 'z')]
    [InlineData('沈', 's')]
    [InlineData('金', 'j')]
    [InlineData('蒋', 'j')]
    [InlineData('欧', 'o')]
    [InlineData('艾', 'a')]
    [InlineData('范', 'f')]
    [InlineData('高', 'g')]
    [InlineData('孔', 'k')]
    [InlineData('马', 'm')]
    [InlineData('牛', 'n')]
    [InlineData('潘', 'p')]
    [InlineData('任', 'r')]
    [InlineData('唐', 't')]
    [InlineData('白', 'b')]
    [InlineData('鄂', 'e')]
    [InlineData('丁', 'd')]
    public void A_common_surname_gives_its_initial(char surname, char initial) =>
        Assert.Equal(initial.ToString(), Pinyin.Initials(surname.ToString()));

    [Theory]
    [InlineData('阿', 'a')]
    [InlineData('八', 'b')]
    [InlineData('嚓', 'c')]
    [InlineData('咑', 'd')]
    [InlineData('妸', 'e')]
    [InlineData('发', 'f')]
    [InlineData('旮', 'g')]
    [InlineData('哈', 'h')]
    [InlineData('讥', 'j')]
    [InlineData('咔', 'k')]
    [InlineData('垃', 'l')]
    [InlineData('妈', 'm')]
    [InlineData('拏', 'n')]
    [InlineData('噢', 'o')]
    [InlineData('妑', 'p')]
    [InlineData('七', 'q')]
    [InlineData('呥', 'r')]
    [InlineData('仨', 's')]
    [InlineData('他', 't')]
    [InlineData('屲', 'w')]
    [InlineData('夕', 'x')]
    [InlineData('丫', 'y')]
    [InlineData('帀', 'z')]
    public void Each_boundary_character_of_the_table_starts_its_own_letter(char boundary, char initial) =>
        Assert.Equal(initial.ToString(), Pinyin.Initials(boundary.ToString()));

    [Theory]
    [InlineData('啊', 'a')]
    [InlineData('安', 'a')]
    [InlineData('巴', 'b')]
    [InlineData('擦', 'c')]
    [InlineData('搭', 'd')]
    [InlineData('额', 'e')]
    [InlineData('妈', 'm')]
    [InlineData('撒', 's')]
    [InlineData('它', 't')]
    [InlineData('她', 't')]
    [InlineData('挖', 'w')]
    [InlineData('蛙', 'w')]
    [InlineData('哇', 'w')]
    [InlineData('座', 'z')]
    public void The_first_syllable_after_a_boundary_is_not_taken_for_the_letter_before(char character, char initial) =>
        Assert.Equal(initial.ToString(), Pinyin.Initials(character.ToString()));

    [Fact]
    public void Latin_letters_and_digits_are_kept_lower_case_and_other_characters_are_dropped() =>
        Assert.Equal("az3", Pinyin.Initials("A张3"));

    [Fact]
    public void Punctuation_and_spaces_give_nothing() =>
        Assert.Equal("zs", Pinyin.Initials(" 张·三！"));

    [Fact]
    public void The_boundary_characters_sort_in_alphabet_order_under_the_machines_icu()
    {
        var boundaries = Pinyin.BoundaryCharacters.Select(c => c.ToString()).ToList();
        var sorted = boundaries.OrderBy(c => c, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), false)).ToList();

        Assert.Equal(boundaries, sorted);
    }
}
