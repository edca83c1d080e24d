using OpenMosixBatch.Server.Hosting;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class OpenFileLimitTests
{
    [Fact]
    public void Check_DefaultsUnderACommonHardLimit_Pass() =>
        Assert.Null(OpenFileLimit.Check(4096, new LimitsOptions(), new TcpOptions { Listen = "127.0.0.1:7070" }));

    [Fact]
    public void Check_LimitBelowTheConnectionsAndTheReserve_NamesTheLimitAndBothFixes()
    {
        var refusal = OpenFileLimit.Check(1024, new LimitsOptions(), new TcpOptions { Listen = "127.0.0.1:7070" });

        Assert.Equal("the open-file limit (ulimit -n) is 1024, below the 3584 that Omb:Limits:MaxConnections (2048) + Omb:Tcp:MaxConnections (512) + 1024 for the server's own files need: raise the hard limit (ulimit -Hn, or LimitNOFILE= in its systemd unit) or lower those limits", refusal);
    }

    [Fact]
    public void Check_NoTcpListener_CountsNoTcpConnections() =>
        Assert.Null(OpenFileLimit.Check(2048 + OpenFileLimit.Reserve, new LimitsOptions(), new TcpOptions()));

    [Fact]
    public void Raise_LeavesTheSoftLimitAtTheHardOne()
    {
        var soft = OpenFileLimit.Raise();

        var hard = File.ReadLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[4];
        Assert.Equal(hard, soft.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
