using System.Net.Sockets;
using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class SocketGuardTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-guard-");

    private string SocketPath => Path.Combine(_dir.FullName, "omb.sock");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Claim_NoFile_IsFree() => Assert.Null(SocketGuard.Claim(SocketPath));

    [Fact]
    public void Claim_SomethingListens_RefusesNamingThePath()
    {
        using var live = Listen();

        var refusal = SocketGuard.Claim(SocketPath);

        Assert.Equal($"another omb server is running on {SocketPath}: stop it first, or use another --home", refusal);
        Assert.True(File.Exists(SocketPath));
    }

    [Fact]
    public void Claim_StaleFileLeftByACrash_IsRemoved()
    {
        // .NET unlinks the path a socket bound when it is disposed; a crashed server does not. A socket file moved
        // away from the path it was bound to is left behind like the crashed server's.
        var elsewhere = Path.Combine(_dir.FullName, "bound.sock");
        using (var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            s.Bind(new UnixDomainSocketEndPoint(elsewhere));
            s.Listen();
            File.Move(elsewhere, SocketPath);
        }

        Assert.True(File.Exists(SocketPath), "precondition: a socket file with no listener");

        Assert.Null(SocketGuard.Claim(SocketPath));
        Assert.False(File.Exists(SocketPath));
    }

    private Socket Listen()
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.Bind(new UnixDomainSocketEndPoint(SocketPath));
        s.Listen();
        return s;
    }
}
