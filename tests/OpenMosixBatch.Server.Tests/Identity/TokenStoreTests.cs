using OpenMosixBatch.Core.Security;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Tests.Identity;

public sealed class TokenStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("omb-tokens-");

    [Fact]
    public void Issue_RecordsOnlyTheDigest_InAFileOnlyTheServerMayRead()
    {
        var store = TokenStore.Load(_home.FullName);

        var (token, expires) = store.Issue(1001, 100, Now, TimeSpan.FromDays(1));

        Assert.Equal(Now.AddDays(1), expires);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        var text = File.ReadAllText(store.Path);
        Assert.DoesNotContain(token[(token.LastIndexOf('.') + 1)..], text, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(AccessToken.Digest(token)), text, StringComparison.Ordinal);
        Assert.Equal((1001u, 100u), (TokenVerifier.Verify(token, store.Find, Now)!.Uid, store.Find(1001)!.Gid));
    }

    [Fact]
    public void Issue_Again_VoidsTheTokenBefore_AlsoAfterARestart()
    {
        var store = TokenStore.Load(_home.FullName);
        var (old, _) = store.Issue(1001, 100, Now, TimeSpan.FromDays(1));
        var (rotated, _) = store.Issue(1001, 100, Now, TimeSpan.FromDays(1));

        var reloaded = TokenStore.Load(_home.FullName);

        Assert.NotEqual(old, rotated);
        Assert.Null(TokenVerifier.Verify(old, store.Find, Now));
        Assert.Null(TokenVerifier.Verify(old, reloaded.Find, Now));
        Assert.NotNull(TokenVerifier.Verify(rotated, reloaded.Find, Now));
    }

    [Fact]
    public void Revoke_VoidsTheToken_AndLeavesOthers()
    {
        var store = TokenStore.Load(_home.FullName);
        var (alice, _) = store.Issue(1001, 100, Now, TimeSpan.FromDays(1));
        var (bob, _) = store.Issue(1002, 100, Now, TimeSpan.FromDays(1));

        Assert.True(store.Revoke(1001));
        Assert.False(store.Revoke(1001));

        var reloaded = TokenStore.Load(_home.FullName);
        Assert.Null(TokenVerifier.Verify(alice, reloaded.Find, Now));
        Assert.NotNull(TokenVerifier.Verify(bob, reloaded.Find, Now));
    }

    [Fact]
    public void Load_ABadFile_ThrowsNamingTheLine()
    {
        File.WriteAllText(Path.Combine(_home.FullName, TokenStore.FileName), "1001 100 nope\n");

        Assert.Contains("tokens line 1", Assert.Throws<InvalidDataException>(() => TokenStore.Load(_home.FullName)).Message, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Delete(recursive: true);
}
