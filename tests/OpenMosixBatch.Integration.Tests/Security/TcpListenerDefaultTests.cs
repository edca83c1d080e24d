using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Security;

/// <summary>Without Omb:Tcp:Listen the server listens on no TCP port at all: only its Unix socket answers.</summary>
public sealed class TcpListenerDefaultTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task DefaultServer_ListensOnNoTcpPort()
    {
        Assert.Equal(0, (await fixture.Omb.RunAsync("qstat")).ExitCode);

        Assert.Empty(ListeningPorts.Of(fixture.Server.Pid));
    }
}
