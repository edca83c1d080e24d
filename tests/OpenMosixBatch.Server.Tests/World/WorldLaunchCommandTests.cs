using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tests.World;

public sealed class WorldLaunchCommandTests
{
    private static readonly WorldLaunchSettings Launch = new([new NodeSnapshot("node1", 2, 4L << 30)], ["/opt/omb/omb-node"], "/var/lib/omb");

    private static List<string> Arguments(OmbServerOptions options) => [.. WorldLaunchCommand.For(options, Launch, Launch.Nodes, "w1").ArgumentList];

    [Fact]
    public void For_GpuRoot_IsPassedToEveryRank()
    {
        var options = new OmbServerOptions();
        options.World.GpuRoot = "/srv/gpu-tree";

        var args = Arguments(options);

        var at = args.IndexOf("--gpu-root");
        Assert.True(at > args.IndexOf("/opt/omb/omb-node"), string.Join(' ', args));
        Assert.Equal("/srv/gpu-tree", args[at + 1]);
    }

    [Fact]
    public void For_NoGpuRoot_LeavesTheRanksDefault() => Assert.DoesNotContain("--gpu-root", Arguments(new OmbServerOptions()));
}
