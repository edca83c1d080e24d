using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Tests.Submission;

public class QsubOptionsMergeTests
{
    [Fact]
    public void Merge_CommandLineWins_ListsAccumulate_FlagsOr()
    {
        var directives = new QsubOptions
        {
            Name = "d", Queue = "dq", ResourceLists = ["mem=1gb"], OutputPath = "do", ErrorPath = "de", Join = "oe", ArrayRangeAlias = "1-9",
            Attributes = ["depend=afterok:1"], Hold = true, NodeExclusive = true, Priority = "3", Variables = ["A=1"], Rerunnable = "n", WorkingDirectoryAlias = "/dw",
        };
        var commandLine = new QsubOptions
        {
            Name = "c", ResourceLists = ["mem=2gb"], Attributes = ["depend=afterany:2"], Variables = ["B=2"], ExportEnvironment = true, ArrayRange = "1-2",
            WorkingDirectory = "/cw",
        };

        var merged = QsubOptionsMerge.Merge(directives, commandLine);

        Assert.Equal("c", merged.Name);
        Assert.Equal("dq", merged.Queue);
        Assert.Equal(["mem=1gb", "mem=2gb"], merged.ResourceLists);
        Assert.Equal("do", merged.OutputPath);
        Assert.Equal("de", merged.ErrorPath);
        Assert.Equal("oe", merged.Join);
        Assert.Equal("1-2", merged.ArrayRange);
        Assert.Null(merged.ArrayRangeAlias);
        Assert.Equal(["depend=afterok:1", "depend=afterany:2"], merged.Attributes);
        Assert.True(merged.Hold);
        Assert.True(merged.NodeExclusive);
        Assert.Equal("3", merged.Priority);
        Assert.Equal(["A=1", "B=2"], merged.Variables);
        Assert.True(merged.ExportEnvironment);
        Assert.Equal("n", merged.Rerunnable);
        Assert.Equal("/cw", merged.WorkingDirectory);
    }

    [Fact]
    public void Merge_OnlyDirectiveAliases_FoldIntoTheirOptions()
    {
        var merged = QsubOptionsMerge.Merge(new QsubOptions { ArrayRangeAlias = "1-9", WorkingDirectoryAlias = "/dw" }, new QsubOptions());

        Assert.Equal("1-9", merged.ArrayRange);
        Assert.Equal("/dw", merged.WorkingDirectory);
    }
}
