using OpenMosixBatch.Node.Hosting;

namespace OpenMosixBatch.Node.Tests.Hosting;

public sealed class NodeCommandLineTests
{
    [Fact]
    public void Parse_NoMigrateGrace_DefaultsTo30Seconds()
    {
        var (line, _) = NodeCommandLine.Parse(["--server", "s"]);

        Assert.Equal(TimeSpan.FromSeconds(30), line!.MigrateGrace);
    }

    [Fact]
    public void Parse_MigrateGrace_IsTaken()
    {
        var (line, _) = NodeCommandLine.Parse(["--server", "s", "--migrate-grace", "2.5"]);

        Assert.Equal(TimeSpan.FromSeconds(2.5), line!.MigrateGrace);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void Parse_BadMigrateGrace_NamesTheSwitch(string value)
    {
        var (line, error) = NodeCommandLine.Parse(["--server", "s", "--migrate-grace", value]);

        Assert.Null(line);
        Assert.Contains("--migrate-grace", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AllowRootJobs_IsOffUnlessGivenTrue()
    {
        Assert.False(NodeCommandLine.Parse(["--server", "s"]).Line!.AllowRootJobs);
        Assert.True(NodeCommandLine.Parse(["--server", "s", "--allow-root-jobs", "true"]).Line!.AllowRootJobs);
        Assert.False(NodeCommandLine.Parse(["--server", "s", "--allow-root-jobs", "false"]).Line!.AllowRootJobs);
    }

    [Fact]
    public void Parse_AllowRootJobsNotABoolean_NamesTheSwitch()
    {
        var (line, error) = NodeCommandLine.Parse(["--server", "s", "--allow-root-jobs", "yes"]);

        Assert.Null(line);
        Assert.Contains("--allow-root-jobs 'yes' is not true or false", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NodeLauncher_IsOffUnlessGivenTrue_AndRefusesAnythingElse()
    {
        Assert.False(NodeCommandLine.Parse(["--server", "s"]).Line!.NodeLauncher);
        Assert.True(NodeCommandLine.Parse(["--server", "s", "--node-launcher", "true"]).Line!.NodeLauncher);
        Assert.False(NodeCommandLine.Parse(["--server", "s", "--node-launcher", "false"]).Line!.NodeLauncher);
        var (line, error) = NodeCommandLine.Parse(["--server", "s", "--node-launcher", "1"]);
        Assert.Null(line);
        Assert.Contains("--node-launcher '1' is not true or false", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MaxCheckpointSize_DefaultsTo16GiBAndIsTaken()
    {
        Assert.Equal(16L << 30, NodeCommandLine.Parse(["--server", "s"]).Line!.MaxCheckpointBytes);
        Assert.Equal(64L << 20, NodeCommandLine.Parse(["--server", "s", "--max-checkpoint-size", "67108864"]).Line!.MaxCheckpointBytes);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("1kb")]
    [InlineData("17tb")]
    public void Parse_BadMaxCheckpointSize_NamesTheSwitchAndTheRange(string value)
    {
        var (line, error) = NodeCommandLine.Parse(["--server", "s", "--max-checkpoint-size", value]);

        Assert.Null(line);
        Assert.Contains($"--max-checkpoint-size '{value}' is not a size from 1mb to 16tb", error, StringComparison.Ordinal);
    }
}
