using OpenMosixBatch.Cli;
using OpenMosixBatch.Cli.Commands;

namespace OpenMosixBatch.Cli.Tests.Commands;

/// <summary>
/// omb exec-task, the node's launcher of a task: what it answers to, and its refusal of a bad call. Its exec is shown by
/// the node's TaskProcessTests, which start every task through it (an exec here would replace the test host).
/// </summary>
public sealed class ExecTaskCommandTests
{
    [Fact]
    public void Applies_OnlyToOmbsOwnVerb_NotToAScriptOfThatNameUnderQsub()
    {
        Assert.True(ExecTaskCommand.Applies("/opt/omb/omb", ["exec-task", "--", "/bin/true"]));
        Assert.False(ExecTaskCommand.Applies("/usr/bin/qsub", ["exec-task", "--", "/bin/true"]));
        Assert.False(ExecTaskCommand.Applies("omb", ["qstat"]));
    }

    [Fact]
    public void Run_WithoutAProgram_RefusesInOneLineWithBadUsage()
    {
        using var error = new StringWriter();

        var status = ExecTaskCommand.Run(["exec-task", "--"], new MemoryStream(), error);

        Assert.Equal(ExitCodes.BadUsage, status);
        Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.StartsWith("omb exec-task: usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1001:1002")]
    [InlineData("alice")]
    [InlineData("-1:0:root")]
    [InlineData("1001:1002:")]
    public void Run_WithAMalformedIdentity_RefusesWithBadUsage_AndStartsNothing(string who)
    {
        using var error = new StringWriter();

        var status = ExecTaskCommand.Run(["exec-task", "--as", who, "--", "/bin/true"], new MemoryStream(), error);

        Assert.Equal(ExitCodes.BadUsage, status);
        Assert.StartsWith("omb exec-task: usage:", error.ToString(), StringComparison.Ordinal);
    }
}
