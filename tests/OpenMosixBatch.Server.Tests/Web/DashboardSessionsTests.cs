using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Web;

namespace OpenMosixBatch.Server.Tests.Web;

public sealed class DashboardSessionsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly string _home = Directory.CreateTempSubdirectory("omb-web-sessions-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TokenStore _tokens;
    private readonly DashboardSessions _sessions;

    public DashboardSessionsTests()
    {
        _tokens = TokenStore.Load(_home);
        _sessions = new DashboardSessions(_tokens, _time, Microsoft.Extensions.Options.Options.Create(new OmbServerOptions()));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Login_WithTheUsersToken_OpensASessionForTheirUid()
    {
        var (token, _) = _tokens.Issue(1001, 1001, T0, TimeSpan.FromDays(90));

        var session = _sessions.Login(token);

        Assert.NotNull(session);
        Assert.Equal(1001u, _sessions.Find(session.Value.Id)!.Uid);
        Assert.DoesNotContain(token, session.Value.Id, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("omb1.1001.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a token")]
    public void Login_WithAWrongToken_IsRefused(string? token)
    {
        _tokens.Issue(1001, 1001, T0, TimeSpan.FromDays(90));

        Assert.Null(_sessions.Login(token));
    }

    [Fact]
    public void Find_AfterTheTokenIsRotatedOrRevoked_EndsTheSession()
    {
        var (token, _) = _tokens.Issue(1001, 1001, T0, TimeSpan.FromDays(90));
        var rotated = _sessions.Login(token)!.Value.Id;
        _tokens.Issue(1001, 1001, T0, TimeSpan.FromDays(90));
        Assert.Null(_sessions.Find(rotated));

        var (again, _) = _tokens.Issue(1001, 1001, T0, TimeSpan.FromDays(90));
        var revoked = _sessions.Login(again)!.Value.Id;
        _tokens.Revoke(1001);
        Assert.Null(_sessions.Find(revoked));
    }

    [Fact]
    public void Find_AfterTheSessionLifetime_EndsTheSession_AndLogoutEndsItAtOnce()
    {
        var (token, _) = _tokens.Issue(1001, 1001, T0, TimeSpan.FromDays(90));
        var id = _sessions.Login(token)!.Value.Id;
        _time.Advance(WebOptions.DefaultSessionLifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(_sessions.Find(id));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_sessions.Find(id));

        var other = _sessions.Login(token)!.Value.Id;
        _sessions.Logout(other);
        Assert.Null(_sessions.Find(other));
    }

    [Fact]
    public void Find_UnknownOrOversizedId_IsNull()
    {
        Assert.Null(_sessions.Find("nope"));
        Assert.Null(_sessions.Find(new string('a', 10_000)));
        Assert.Null(_sessions.Find(null));
    }
}
