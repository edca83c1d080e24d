using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Node.Health;

namespace OpenMosixBatch.Node.Tests.Health;

/// <summary>Runs real scripts as the node's health check.</summary>
public sealed class HealthCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("omb-health-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private HealthCheck Check(string body, TimeSpan? timeout = null)
    {
        var path = Path.Combine(_dir, "check.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new HealthCheck(path, "node7", TimeSpan.FromMinutes(5), timeout ?? TimeSpan.FromSeconds(30), TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public async Task RunOnce_ExitZero_Passes() =>
        Assert.Null(await Check("echo fine").RunOnceAsync(CancellationToken.None));

    [Fact]
    public async Task RunOnce_Failing_GivesItsFirstLineAndSeesOmbNode() =>
        Assert.Equal("scratch missing on node7", await Check("echo \"scratch missing on $OMB_NODE\"; echo more; exit 3").RunOnceAsync(CancellationToken.None));

    [Fact]
    public async Task RunOnce_OutlivingTheTimeout_IsKilledAndFails() =>
        Assert.Equal("timed out after 0.5 s", await Check("exec sleep 30", TimeSpan.FromMilliseconds(500)).RunOnceAsync(CancellationToken.None));

    [Fact]
    public async Task RunOnce_MissingProgram_FailsNamingIt()
    {
        var check = new HealthCheck(Path.Combine(_dir, "absent.sh"), "node7", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), TimeProvider.System, NullLogger.Instance);

        Assert.StartsWith($"cannot run {Path.Combine(_dir, "absent.sh")}", await check.RunOnceAsync(CancellationToken.None), StringComparison.Ordinal);
    }
}
