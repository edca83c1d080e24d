using OpenMosixBatch.Core.Security;

namespace OpenMosixBatch.Core.Tests.Security;

public sealed class TokenVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly string AliceToken = AccessToken.Format(1001, Bytes(1));
    private static readonly string BobToken = AccessToken.Format(1002, Bytes(2));
    private static readonly Dictionary<uint, TokenRecord> Records = new()
    {
        [1001] = new TokenRecord(1001, 100, AccessToken.Digest(AliceToken), Now.AddDays(1)),
        [1002] = new TokenRecord(1002, 100, AccessToken.Digest(BobToken), Now.AddDays(1)),
    };

    [Fact]
    public void Verify_TheIssuedToken_ReturnsItsRecord()
    {
        Assert.Equal(1001u, TokenVerifier.Verify(AliceToken, Find, Now)?.Uid);
        Assert.Equal(1002u, TokenVerifier.Verify(BobToken, Find, Now)?.Uid);
    }

    [Fact]
    public void Verify_AWrongSecretForAKnownUser_IsRefused() =>
        Assert.Null(TokenVerifier.Verify(AccessToken.Format(1001, Bytes(9)), Find, Now));

    [Fact]
    public void Verify_AnotherUsersSecretUnderThisUid_IsRefused()
    {
        // Bob's secret presented as Alice's: the digest covers the uid, so the splice proves nothing.
        var spliced = "omb1.1001." + BobToken[(BobToken.LastIndexOf('.') + 1)..];

        Assert.Null(TokenVerifier.Verify(spliced, Find, Now));
    }

    [Fact]
    public void Verify_AnUnknownUser_IsRefused_AfterTheSameLookupAsAKnownOne()
    {
        var asked = new List<uint>();

        Assert.Null(TokenVerifier.Verify(AccessToken.Format(4242, Bytes(1)), uid => { asked.Add(uid); return Find(uid); }, Now));
        Assert.Equal([4242u], asked);
    }

    [Fact]
    public void Verify_AtOrAfterExpiry_IsRefused()
    {
        Assert.NotNull(TokenVerifier.Verify(AliceToken, Find, Now.AddDays(1).AddTicks(-1)));
        Assert.Null(TokenVerifier.Verify(AliceToken, Find, Now.AddDays(1)));
    }

    [Fact]
    public void Verify_ARevokedToken_IsRefused() =>
        Assert.Null(TokenVerifier.Verify(AliceToken, uid => uid == 1001 ? null : Find(uid), Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    public void Verify_MalformedToken_IsRefusedWithoutALookup(string? token) =>
        Assert.Null(TokenVerifier.Verify(token, _ => throw new InvalidOperationException("looked up a malformed token"), Now));

    [Fact]
    public void Verify_ARecordWithAShortDigest_IsRefused() =>
        Assert.Null(TokenVerifier.Verify(AliceToken, _ => new TokenRecord(1001, 100, new byte[4], Now.AddDays(1)), Now));

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc ", "abc")]
    [InlineData("Basic abc", null)]
    [InlineData("Bearer ", null)]
    [InlineData("Bearerabc", null)]
    [InlineData(null, null)]
    public void FromAuthorizationHeader_TakesTheBearerToken(string? header, string? expected) =>
        Assert.Equal(expected, TokenVerifier.FromAuthorizationHeader(header));

    [Fact]
    public void FromAuthorizationHeader_AnOverlongHeader_IsNoToken() =>
        Assert.Null(TokenVerifier.FromAuthorizationHeader("Bearer " + new string('a', 10_000)));

    private static TokenRecord? Find(uint uid) => Records.GetValueOrDefault(uid);

    private static byte[] Bytes(int seed) => [.. Enumerable.Range(0, AccessToken.SecretBytes).Select(i => (byte)(i * 31 + seed))];
}
