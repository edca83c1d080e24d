using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Cli.Tests.Formatting;

public class PbsnodesFormatterTests
{
    [Fact]
    public void Format_Nodes_BlockPerNode()
    {
        var text = PbsnodesFormatter.Format([
            new NodeView(new NodeSnapshot("n1", 4, 8L << 30, 1.0, 2, 3L << 29, 0.456, 0.3), ["42", "43[2]"]),
            new NodeView(new NodeSnapshot("n2", 2, 1L << 30, 1.5, State: NodeState.Offline), []),
        ]);

        Assert.Equal(
            "n1\n" +
            "     state = free\n" +
            "     cpus = 2/4\n" +
            "     memory = 1.5gb/8gb\n" +
            "     speed = 1.0\n" +
            "     measured = cpu 46%, mem 30%\n" +
            "     jobs = 42, 43[2]\n" +
            "\n" +
            "n2\n" +
            "     state = offline\n" +
            "     cpus = 0/2\n" +
            "     memory = 0b/1gb\n" +
            "     speed = 1.5\n" +
            "     jobs = \n" +
            "\n",
            text);
    }

    [Fact]
    public void Format_NoNodes_Empty()
    {
        Assert.Equal(string.Empty, PbsnodesFormatter.Format([]));
    }

    [Fact]
    public void Format_NodeWithGpusPropertiesAndAnExclusiveJob_ShowsThem()
    {
        var node = new NodeSnapshot("g1", 4, 8L << 30) { Gpus = 2, AllocatedGpus = 1, Properties = ["ib", "bigmem"], ExclusiveChunks = 1 };

        var text = PbsnodesFormatter.Format([new NodeView(node, ["42"])]);

        Assert.Contains("     gpus = 1/2\n", text, StringComparison.Ordinal);
        Assert.Contains("     resources_available.ngpus = 2\n", text, StringComparison.Ordinal);
        Assert.Contains("     properties = ib,bigmem\n", text, StringComparison.Ordinal);
        Assert.Contains("     exclusive = True\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_NodeWithoutGpusOrProperties_ShowsNeither() =>
        Assert.DoesNotContain("gpus", PbsnodesFormatter.Format([new NodeView(new NodeSnapshot("n", 1, 1L << 30), [])]), StringComparison.Ordinal);
}
