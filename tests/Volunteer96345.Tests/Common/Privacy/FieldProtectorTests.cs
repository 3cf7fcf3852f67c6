using System.Security.Cryptography;
using Volunteer96345.Common.Privacy;

namespace Volunteer96345.Tests.Common.Privacy;

public sealed class FieldProtectorTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] OtherKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];
    private const string IdNumber = "11010519491231002X";

    [Theory]
    [InlineData(IdNumber)]
    [InlineData("左腿残疾，需轮椅出行")]
    [InlineData("")]
    public void A_protected_value_comes_back_unchanged(string plaintext)
    {
        var protector = new FieldProtector(Key);

        Assert.Equal(plaintext, protector.Unprotect(protector.Protect(plaintext)));
    }

    [Fact]
    public void A_protected_value_does_not_show_the_plaintext()
    {
        var cipher = new FieldProtector(Key).Protect(IdNumber);

        Assert.DoesNotContain(IdNumber, cipher, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(IdNumber, System.Text.Encoding.Latin1.GetString(Convert.FromBase64String(cipher)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Two_encryptions_of_the_same_text_differ()
    {
        var protector = new FieldProtector(Key);

        var first = protector.Protect(IdNumber);
        var second = protector.Protect(IdNumber);

        Assert.NotEqual(first, second);
        Assert.Equal(protector.Unprotect(first), protector.Unprotect(second));
    }

    [Fact]
    public void A_second_instance_with_the_same_key_reads_what_the_first_wrote()
    {
        var cipher = new FieldProtector(Key).Protect(IdNumber);

        Assert.Equal(IdNumber, new FieldProtector([.. Key]).Unprotect(cipher));
    }

    [Fact]
    public void The_hash_is_stable_for_a_key_and_differs_between_keys_and_values()
    {
        var protector = new FieldProtector(Key);

        var hash = protector.Hash(IdNumber);

        Assert.Equal(hash, protector.Hash(IdNumber));
        Assert.Equal(hash, new FieldProtector([.. Key]).Hash(IdNumber));
        Assert.NotEqual(hash, new FieldProtector(OtherKey).Hash(IdNumber));
        Assert.NotEqual(hash, protector.Hash("110105194912310021"));
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(IdNumber))), hash);
    }

    [Fact]
    public void A_value_protected_under_another_key_cannot_be_read() =>
        Assert.ThrowsAny<CryptographicException>(() => new FieldProtector(OtherKey).Unprotect(new FieldProtector(Key).Protect(IdNumber)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(29)]
    [InlineData(-1)]
    public void A_tampered_byte_anywhere_in_the_value_is_detected(int position)
    {
        var protector = new FieldProtector(Key);
        var bytes = Convert.FromBase64String(protector.Protect(IdNumber));
        var index = position < 0 ? bytes.Length + position : position;
        bytes[index] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void A_value_too_short_to_be_protected_is_refused()
    {
        var protector = new FieldProtector(Key);

        Assert.Throws<CryptographicException>(() => protector.Unprotect(Convert.ToBase64String(new byte[] { 1, 2, 3 })));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void A_key_that_is_not_32_bytes_is_refused(int length)
    {
        var refused = Assert.Throws<ArgumentException>(() => new FieldProtector(new byte[length]));

        Assert.Equal("masterKey", refused.ParamName);
    }

    [Fact]
    public void An_optional_blank_value_is_not_stored_and_a_given_one_is_trimmed()
    {
        var protector = new FieldProtector(Key);

        Assert.Null(protector.ProtectOptional(null));
        Assert.Null(protector.ProtectOptional("   "));
        Assert.Equal("轮椅", protector.Unprotect(protector.ProtectOptional("  轮椅 ")!));
    }
}
