using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tests.World;

public sealed class WorldShapeTests
{
    [Fact]
    public void ToJson_CpuSetOfTheClusterFile_IsPassedToTheWorld()
    {
        var nodes = ClusterFile.Parse("{\"nodes\":[{\"name\":\"a\",\"cpus\":4,\"memory\":\"1gb\",\"cpuset\":\"1,0\"}]}", "c.json");

        Assert.Contains("\"cpuset\": \"0-1\"", WorldShape.ToJson(nodes), StringComparison.Ordinal);
    }
}
