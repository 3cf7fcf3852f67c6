using System.Diagnostics;
using System.Text;
using Volunteer96345.Accounts.TwoFactor;

namespace Volunteer96345.Tests.Accounts.TwoFactor;

public sealed class TotpTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    /// <summary>RFC 6238 appendix B (SHA-1): the 8-digit values end in these 6 digits, which is what a 6-digit app shows.</summary>
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Codes_match_the_test_vectors_of_RFC_6238(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));

    [Fact]
    public void A_code_is_good_for_one_step_either_side_and_only_once()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var step = Totp.StepAt(now);
        var previous = Totp.Code(RfcSecret, step - 1);

        Assert.Equal(step - 1, Totp.Verify(RfcSecret, previous, now, null));
        Assert.Null(Totp.Verify(RfcSecret, previous, now, step - 1));
        Assert.Null(Totp.Verify(RfcSecret, Totp.Code(RfcSecret, step - 2), now, null));
        Assert.Null(Totp.Verify(RfcSecret, "12345", now, null));
        Assert.Null(Totp.Verify(RfcSecret, "abcdef", now, null));
    }

    [Fact]
    public void The_enrolment_uri_is_the_key_uri_format_authenticator_apps_read()
    {
        var uri = new Uri(Totp.Uri("96345志愿服务", "13905730001", RfcSecret));

        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", uri.Query, StringComparison.Ordinal);
        Assert.Contains("digits=6", uri.Query, StringComparison.Ordinal);
        Assert.Contains("period=30", uri.Query, StringComparison.Ordinal);
    }

    /// <summary>oathtool (Debian's oath-toolkit) is an implementation nobody on this project wrote; CI installs it.</summary>
    [Fact]
    public void Codes_agree_with_oathtool()
    {
        var secret = Totp.NewSecret();
        var at = DateTimeOffset.FromUnixTimeSeconds(1_765_000_000 + Random.Shared.Next(1_000_000));
        using var process = Process.Start(new ProcessStartInfo("oathtool", ["--totp", "--base32", Totp.Base32(secret), "--now", at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(output, Totp.Code(secret, Totp.StepAt(at)));
    }
}
