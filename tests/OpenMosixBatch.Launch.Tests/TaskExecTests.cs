using OpenMosixBatch.Launch;

namespace OpenMosixBatch.Launch.Tests;

/// <summary>
/// omb-launch, the node's launcher of a task: its refusal of a bad call. Its exec and its identity switch are shown by
/// the node's TaskProcessTests and the integration tests, which start every task through it (an exec here would
/// replace the test host).
/// </summary>
public sealed class TaskExecTests
{
    [Fact]
    public void Run_WithoutAProgram_RefusesInOneLineWithBadUsage()
    {
        using var error = new StringWriter();

        var status = TaskExec.Run(["--"], new MemoryStream(), error);

        Assert.Equal(TaskExec.BadUsage, status);
        Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.StartsWith("omb-launch: usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1001:1002")]
    [InlineData("alice")]
    [InlineData("-1:0:root")]
    [InlineData("1001:1002:")]
    public void Run_WithAMalformedIdentity_RefusesWithBadUsage_AndStartsNothing(string who)
    {
        using var error = new StringWriter();

        var status = TaskExec.Run(["--as", who, "--", "/bin/true"], new MemoryStream(), error);

        Assert.Equal(TaskExec.BadUsage, status);
        Assert.StartsWith("omb-launch: usage:", error.ToString(), StringComparison.Ordinal);
    }
}
