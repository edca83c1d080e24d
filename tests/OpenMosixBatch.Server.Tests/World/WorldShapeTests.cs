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

    [Fact]
    public void ToJson_StatedGpusZeroIncluded_AndHosts_ArePassedToTheWorld_AnAbsentGpuCountIsNot()
    {
        var nodes = ClusterFile.Parse(
            "{\"defaults\":{\"cpus\":1,\"memory\":\"1gb\"},\"nodes\":[{\"name\":\"a\",\"host\":\"h1\",\"gpus\":0},{\"name\":\"b\",\"host\":\"h2\"}]}", "c.json");

        using var shape = System.Text.Json.JsonDocument.Parse(WorldShape.ToJson(nodes));

        var (a, b) = (shape.RootElement[0], shape.RootElement[1]);
        Assert.Equal((0, "h1"), (a.GetProperty("gpus").GetInt32(), a.GetProperty("host").GetString()));
        Assert.False(b.TryGetProperty("gpus", out _));
        Assert.Equal("h2", b.GetProperty("host").GetString());
    }
}
