using CsCheck;
using OpenMosixBatch.Core.Security;

namespace OpenMosixBatch.Core.Tests.Security;

public sealed class AccessTokenTests
{
    private static readonly byte[] Secret = [.. Enumerable.Range(1, AccessToken.SecretBytes).Select(i => (byte)(i * 7))];

    [Theory]
    [InlineData(0u)]
    [InlineData(1001u)]
    [InlineData(uint.MaxValue)]
    public void Format_ThenTryParse_GivesBackTheUid(uint uid)
    {
        var token = AccessToken.Format(uid, Secret);

        Assert.True(AccessToken.TryParse(token, out var parsed));
        Assert.Equal(uid, parsed);
        Assert.StartsWith("omb1.", token, StringComparison.Ordinal);
        Assert.True(token.Length <= AccessToken.MaxLength);
    }

    public static TheoryData<string?> Malformed()
    {
        var good = AccessToken.Format(1001, Secret);
        var secret = good[(good.LastIndexOf('.') + 1)..];
        return new TheoryData<string?>
        {
            null,
            "",
            "omb1.",
            "omb1.1001",
            "omb1.1001.",
            "omb2.1001." + secret,
            "OMB1.1001." + secret,
            "omb1.01001." + secret,
            "omb1.-1." + secret,
            "omb1.+1." + secret,
            "omb1.4294967296." + secret,
            "omb1.1001." + secret[..^1],
            "omb1.1001." + secret + "A",
            "omb1.1001." + secret[..^1] + "=",
            "omb1.1001." + secret.Replace(secret[0], secret[0] == '!' ? '?' : '!'),
            " " + good,
            good + "\n",
            "omb1.1001." + new string('A', 200),
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Malformed_IsRefused(string? text) => Assert.False(AccessToken.TryParse(text, out _));

    [Fact]
    public void TryParse_ANonCanonicalSpellingOfTheSecret_IsRefused()
    {
        // 32 bytes take 43 base64url characters whose last one carries 2 spare bits: only one spelling is the token.
        var good = AccessToken.Format(7, Secret);
        var last = good[^1];
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var sibling = alphabet[(alphabet.IndexOf(last, StringComparison.Ordinal) & ~3) | ((alphabet.IndexOf(last, StringComparison.Ordinal) + 1) & 3)];

        Assert.False(AccessToken.TryParse(good[..^1] + sibling, out _));
    }

    [Fact]
    public void Format_AnyUidAndSecret_ParsesBackToTheUid() =>
        Gen.Select(Gen.UInt, Gen.Byte.Array[AccessToken.SecretBytes]).Sample((uid, secret) =>
            AccessToken.TryParse(AccessToken.Format(uid, secret), out var parsed) && parsed == uid);

    [Fact]
    public void TryParse_ArbitraryText_NeverThrows_AndAcceptsOnlyWhatFormatWrites() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["omb1.0123456789-_AZaz="], 0, 70].Select(s => "omb1." + s)).Sample(text =>
            !AccessToken.TryParse(text, out var uid) || text == AccessToken.Format(uid, Base64Url(text)));

    [Fact]
    public void Digest_Is32Bytes_AndDiffersPerToken()
    {
        var a = AccessToken.Digest(AccessToken.Format(1, Secret));
        var b = AccessToken.Digest(AccessToken.Format(2, Secret));

        Assert.Equal(AccessToken.DigestBytes, a.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Format_ASecretOfTheWrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => AccessToken.Format(1, new byte[16]));

    private static byte[] Base64Url(string token) => System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1));
}
