using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>
/// One server per home (issue 22): a second server on the same home would supervise a second world beside the
/// first, and both would run the same tasks. The lock holds even where the socket probe cannot tell.
/// </summary>
public sealed class HomeLockTests
{
    [Fact]
    public async Task SecondServer_OnTheSameHome_RefusesToStart_EvenWhenTheFirstsSocketIsGone()
    {
        using var home = new TempDirectory();
        await using var first = await ServerProcess.StartAsync(home.Path);
        // Without its socket file, the first server looks absent to a probe of the socket.
        File.Delete(OmbHome.SocketPath(home.Path));

        var second = await ChildProcess.RunAsync(Repository.ServerBinary, ["--home", home.Path], timeout: TimeSpan.FromSeconds(30));

        Assert.True(second.ExitCode == 2, "the second server did not refuse with exit 2: " + second);
        Assert.Equal($"omb server: another omb server (pid {first.Pid}) runs on {home.Path} (it holds {home.File("server.lock")}): stop it first, or use another --home",
            second.Stderr.Trim());
        Assert.False(first.HasExited, "the first server stopped:\n" + first.Output);
    }
}
