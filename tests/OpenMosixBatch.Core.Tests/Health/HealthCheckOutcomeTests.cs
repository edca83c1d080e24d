using OpenMosixBatch.Core.Health;

namespace OpenMosixBatch.Core.Tests.Health;

public sealed class HealthCheckOutcomeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Failure_ExitZero_Passes() =>
        Assert.Null(HealthCheckOutcome.Failure(0, Timeout, "all fine\n", "noise"));

    [Fact]
    public void Failure_NonZero_IsTheFirstLineOfStdout() =>
        Assert.Equal("disk /scratch full", HealthCheckOutcome.Failure(1, Timeout, "\n  disk /scratch full  \nsecond\n", "err"));

    [Fact]
    public void Failure_NoStdout_IsTheFirstLineOfStderr() =>
        Assert.Equal("ib0 down", HealthCheckOutcome.Failure(2, Timeout, " \n", "ib0 down\nmore"));

    [Fact]
    public void Failure_NoOutput_IsTheExitStatus() =>
        Assert.Equal("exited with status 3", HealthCheckOutcome.Failure(3, Timeout, "", ""));

    [Fact]
    public void Failure_Timeout_SaysSo() =>
        Assert.Equal("timed out after 30 s", HealthCheckOutcome.Failure(null, Timeout, "", ""));

    [Fact]
    public void Failure_TimeoutWithOutput_KeepsTheLineAndTheTimeout() =>
        Assert.Equal("checking nfs (timed out after 0.5 s)", HealthCheckOutcome.Failure(null, TimeSpan.FromMilliseconds(500), "checking nfs\n", ""));

    [Fact]
    public void Failure_LongLine_IsCut() =>
        Assert.Equal(HealthCheckOutcome.MaxMessageLength, HealthCheckOutcome.Failure(1, Timeout, new string('x', 1000), "")!.Length);
}
