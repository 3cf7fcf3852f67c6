using Volunteer96345.Common.Privacy;
using Volunteer96345.People;

namespace Volunteer96345.Tests.Common.Privacy;

public sealed class ChineseIdTests
{
    /// <summary>The worked example of GB 11643-1999: Beijing Chaoyang, born 1949-12-31, sequence 002, check character X.</summary>
    private const string StandardExample = "11010519491231002X";

    [Theory]
    [InlineData(StandardExample)]
    [InlineData("330481199001010014")]
    [InlineData("  330481199001010014 ")]
    public void A_number_with_the_right_check_character_is_valid(string id) => Assert.True(ChineseId.IsValid(id));

    [Fact]
    public void Numbers_made_by_the_demo_seed_are_valid_and_carry_the_birth_date_and_gender()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var born = new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 70));
            var male = i % 2 == 0;

            var id = PeopleSeed.IdNumber(born, male, random);

            Assert.True(ChineseId.IsValid(id), id);
            Assert.Equal(born, ChineseId.BirthDate(id));
            Assert.Equal(male, ChineseId.IsMale(id));
        }
    }

    [Fact]
    public void Every_other_check_character_makes_the_number_invalid()
    {
        var id = WithCheck("33048119900101001");
        foreach (var wrong in "0123456789X".Where(c => c != id[17]))
        {
            Assert.False(ChineseId.IsValid(id[..17] + wrong), id[..17] + wrong);
        }
    }

    [Fact]
    public void A_single_mistyped_digit_is_caught_by_the_check_character()
    {
        var id = WithCheck("33048119800615123");
        for (var position = 0; position < 17; position++)
        {
            var digit = id[position] - '0';
            var typo = id[..position] + (char)('0' + (digit + 1) % 10) + id[(position + 1)..];
            Assert.False(ChineseId.IsValid(typo), typo);
        }
    }

    [Fact]
    public void A_lower_case_x_check_character_is_accepted_and_normalized_to_upper_case()
    {
        var id = NumberEndingInX();

        var lower = id[..17] + "x";

        Assert.True(ChineseId.IsValid(lower));
        Assert.Equal(id, ChineseId.Normalize(lower));
        Assert.Equal(StandardExample, ChineseId.Normalize(" 11010519491231002x "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("33048119900101001")]
    [InlineData("3304811990010100111")]
    [InlineData("330481900101001")]
    [InlineData("33048119900101001A")]
    [InlineData("3304811990O101001X")]
    [InlineData("３３０４８１１９９００１０１００１１")]
    public void A_number_of_the_wrong_length_or_with_letters_is_invalid(string id) => Assert.False(ChineseId.IsValid(id));

    [Fact]
    public void No_number_at_all_is_invalid() => Assert.False(ChineseId.IsValid(null));

    [Theory]
    [InlineData("19990230")]
    [InlineData("19990229")]
    [InlineData("19991301")]
    [InlineData("19990000")]
    [InlineData("19990431")]
    [InlineData("00000101")]
    public void A_birth_date_that_does_not_exist_makes_the_number_invalid_even_with_a_matching_check_character(string birth)
    {
        var id = WithCheck($"330481{birth}001");

        Assert.False(ChineseId.IsValid(id));
        Assert.Null(ChineseId.BirthDate(id));
    }

    [Fact]
    public void A_leap_day_is_a_real_birth_date()
    {
        var id = WithCheck("33048120000229001");

        Assert.True(ChineseId.IsValid(id));
        Assert.Equal(new DateOnly(2000, 2, 29), ChineseId.BirthDate(id));
    }

    [Theory]
    [InlineData("33048119900101001", true)]
    [InlineData("33048119900101003", true)]
    [InlineData("33048119900101019", true)]
    [InlineData("33048119900101002", false)]
    [InlineData("33048119900101010", false)]
    [InlineData("33048119900101998", false)]
    public void The_seventeenth_digit_gives_the_gender_odd_for_men_and_even_for_women(string first17, bool male) =>
        Assert.Equal(male, ChineseId.IsMale(WithCheck(first17)));

    [Fact]
    public void The_mask_keeps_the_first_three_and_last_four_characters()
    {
        Assert.Equal("110***********002X", ChineseId.Mask(StandardExample));
        Assert.Equal("330***********0014", ChineseId.Mask("330481199001010014"));
    }

    [Fact]
    public void The_mask_of_a_short_value_shows_nothing_of_it()
    {
        Assert.Equal("*******", ChineseId.Mask("1234567"));
        Assert.Equal("", ChineseId.Mask(""));
    }

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("+86-138-0013-8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData(" 199 5731 2345 ", "19957312345")]
    [InlineData("+8615857312345", "15857312345")]
    public void A_mobile_number_is_normalized_to_its_eleven_digits(string written, string expected) =>
        Assert.Equal(expected, ChinesePhone.Normalize(written));

    [Theory]
    [InlineData("138001380001")]
    [InlineData("1380013800")]
    [InlineData("23800138000")]
    [InlineData("12800138000")]
    [InlineData("11800138000")]
    [InlineData("0573-87601234")]
    [InlineData("+85213800138000")]
    [InlineData("1380013800a")]
    [InlineData("12345")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_number_that_is_not_a_mainland_mobile_is_refused(string? written) => Assert.Null(ChinesePhone.Normalize(written));

    [Fact]
    public void A_mobile_number_is_masked_in_the_middle() => Assert.Equal("138****8000", ChinesePhone.Mask("13800138000"));

    private static string WithCheck(string first17) => first17 + ChineseId.CheckCharacter(first17);

    private static string NumberEndingInX() =>
        Enumerable.Range(0, 1000).Select(sequence => $"33048119851120{sequence:D3}").Select(WithCheck).First(id => id[17] == 'X');
}
