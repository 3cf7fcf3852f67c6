using Volunteer96345.People;
using Volunteer96345.People.Alliance;

namespace Volunteer96345.Tests.People.Alliance;

/// <summary>The GB 32100-2015 check character of the unified social credit code, and the merchant's phone.</summary>
public sealed class CreditCodeTests
{
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    [Theory]
    [InlineData("91330481MA2XJWTGFM")]
    [InlineData("92330481MA26386883")]
    [InlineData("91330481MA2NXDBHF8")]
    public void A_valid_code_is_accepted(string code) => Assert.Equal(code, CreditCode.Normalize(code));

    [Fact]
    public void Lower_case_and_spaces_are_normalized() => Assert.Equal("91330481MA2XJWTGFM", CreditCode.Normalize(" 91330481 ma2xjwtgfm "));

    [Fact]
    public void The_check_character_is_computed_from_the_weights()
    {
        // The weighted sum of the 17 characters is 3482; 3482 mod 31 = 10; 31 − 10 = 21, and the charset's character 21 is 'M'.
        Assert.Equal('M', CreditCode.CheckCharacter("91330481MA2XJWTGF"));
    }

    [Fact]
    public void Every_other_check_character_is_refused()
    {
        const string body = "91330481MA2XJWTGF";
        var wrong = Charset.Where(c => c != 'M').Select(c => body + c).ToList();

        Assert.Equal(30, wrong.Count);
        Assert.All(wrong, code => Assert.Null(CreditCode.Normalize(code)));
    }

    [Theory]
    [InlineData("91330481MA2XJWTGF")]
    [InlineData("91330481MA2XJWTGFMM")]
    [InlineData("")]
    [InlineData("   ")]
    public void A_code_of_the_wrong_length_is_refused(string code) => Assert.Null(CreditCode.Normalize(code));

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void A_forbidden_letter_is_refused_whatever_the_check_character(char letter)
    {
        var body = "91330481MA2XJWTG" + letter;

        Assert.Null(CreditCode.CheckCharacter(body));
        Assert.All(Charset, check => Assert.Null(CreditCode.Normalize(body + check)));
        Assert.All(Charset, check => Assert.Null(CreditCode.Normalize("91330481" + letter + "A2XJWTGF" + check)));
    }

    [Theory]
    [InlineData("139 5731 2345", "13957312345")]
    [InlineData("+8613957312345", "13957312345")]
    [InlineData("0573-87601234", "0573-87601234")]
    [InlineData("057387601234", "057387601234")]
    [InlineData("12345", null)]
    [InlineData("573-87601234", null)]
    [InlineData("12957312345", null)]
    [InlineData("电话号码", null)]
    public void The_phone_is_a_mobile_or_a_landline_with_its_area_code(string phone, string? expected) =>
        Assert.Equal(expected, ManageAllianceHandler.NormalizePhone(phone));
}
