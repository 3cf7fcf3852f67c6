using Volunteer96345.Accounts.Passwords;

namespace Volunteer96345.Tests.Accounts.Passwords;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("Lanhua#Cun2026")]
    [InlineData("qiantang-tide-9")]
    [InlineData("Guanchao Zhi 24")]
    [InlineData("Zhangwei1985!")]
    public void Strong_passwords_pass(string password) => Assert.Null(PasswordRules.Problem(password, "13905730001", "13905730001"));

    [Theory]
    [InlineData("", "Password.Required")]
    [InlineData("Ab1!xyz", "Password.Length")]
    [InlineData("abcdefghij", "Password.Kinds")]
    [InlineData("12345678901", "Password.Kinds")]
    [InlineData("ABCDEFGH12", "Password.Kinds")]
    [InlineData("Abcdefg123", "Password.Common")]
    [InlineData("Password123", "Password.Common")]
    [InlineData("P@ssw0rd!", "Password.Common")]
    [InlineData("Yanguan96345", "Password.Common")]
    [InlineData("Woaini1314", "Password.Common")]
    [InlineData("Qwerty2026!", "Password.Common")]
    [InlineData("Aa123456", "Password.Common")]
    [InlineData("Me13905730001", "Password.Personal")]
    [InlineData("Me10003750931", "Password.Personal")]
    public void Weak_passwords_are_refused_with_the_rule_they_break(string password, string rule) =>
        Assert.Equal(rule, PasswordRules.Problem(password, "13905730001", "13905730001"));

    [Fact]
    public void A_password_longer_than_128_characters_is_refused() =>
        Assert.Equal("Password.Length", PasswordRules.Problem(new string('a', 120) + "B1!xxxxxxx", "u", null));
}
